// The mapping file of an import (`--mapping FILE`, docs/import.md): for exports that do not follow
// the layout, per table the file's name, its columns' names and the values of text columns
// (channel names, statuses) as the retailer's system writes them.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { LAYOUT_TABLES, columnsOf, isLayoutTable, type LayoutTable } from './layout.ts';

const tableMapping = z.strictObject({
  /** The file's name without its extension (default: the table's). */
  file: z.string().min(1).optional(),
  /** Our column → the name in the file. */
  columns: z.record(z.string(), z.string().min(1)).optional(),
  /** Our text column → { the file's value → ours }. */
  values: z.record(z.string(), z.record(z.string(), z.string())).optional(),
});

export const importMapping = z
  .strictObject({ tables: z.record(z.string(), tableMapping) })
  .superRefine((mapping, ctx) => {
    for (const [table, m] of Object.entries(mapping.tables)) {
      if (!isLayoutTable(table)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tables', table],
          message: `"${table}" is no table of the layout (${LAYOUT_TABLES.join(', ')}).`,
        });
        continue;
      }
      const columns = new Map(columnsOf(table).map((c) => [c.name, c]));
      const named = new Map<string, string>();
      for (const [column, theirs] of Object.entries(m.columns ?? {})) {
        const other = named.get(theirs);
        if (other !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['tables', table, 'columns', column],
            message: `"${theirs}" already names ${other}: one column of the file fills one of ours.`,
          });
        named.set(theirs, column);
      }
      for (const column of Object.keys(m.columns ?? {}))
        if (!columns.has(column))
          ctx.addIssue({
            code: 'custom',
            path: ['tables', table, 'columns', column],
            message: `"${column}" is no column of ${table}.`,
          });
      for (const column of Object.keys(m.values ?? {}))
        if (columns.get(column)?.kind !== 'text')
          ctx.addIssue({
            code: 'custom',
            path: ['tables', table, 'values', column],
            message: `"${column}" is no text column of ${table}: only text values can be mapped.`,
          });
    }
  });
export type ImportMapping = z.infer<typeof importMapping>;

/** What the mapping says of one table. */
export interface TableMapping {
  file: string;
  /** The file's column name → ours. */
  ours: ReadonlyMap<string, string>;
  /** Our column → the file's values → ours. */
  values: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

export function tableMappingOf(mapping: ImportMapping | null, table: LayoutTable): TableMapping {
  const m = mapping?.tables[table];
  return {
    file: m?.file ?? table,
    ours: new Map(Object.entries(m?.columns ?? {}).map(([ours, theirs]) => [theirs, ours])),
    values: new Map(
      Object.entries(m?.values ?? {}).map(([column, values]) => [
        column,
        new Map(Object.entries(values)),
      ]),
    ),
  };
}

/** Reads and checks a mapping file; throws an Error whose message says what is wrong where. */
export function readMapping(path: string): ImportMapping {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error: unknown) {
    throw new Error(
      `${path}: not JSON (${error instanceof Error ? error.message : String(error)})`,
      { cause: error },
    );
  }
  const parsed = importMapping.safeParse(json);
  if (!parsed.success)
    throw new Error(
      parsed.error.issues.map((i) => `${path}: ${i.path.join('.')}: ${i.message}`).join('\n'),
    );
  return parsed.data;
}
