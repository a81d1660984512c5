// Which table each chosen file fills, as the server will see it (server/import/jobs.ts): a file's
// name without its extension is a table's, or the name the mapping gives that table. Files that
// are neither CSV nor Parquet are set aside (a folder often holds a README); a file no table takes,
// or a second file for one table, is pointed out before anything is sent.
import { z } from 'zod';
import { LAYOUT_TABLES, type LayoutTable } from '../../api/contract/imports.ts';

export interface PlannedFile<F> {
  file: F;
  name: string;
  table: LayoutTable | null;
  problem: 'unknown' | 'twice' | null;
}

export interface Plan<F> {
  files: PlannedFile<F>[];
  /** Names that are neither .csv nor .parquet. */
  ignored: string[];
  /** Every file fills a table of its own. */
  ready: boolean;
}

/** What the screen reads of a mapping: each table's file name (the server checks the rest). */
const mappingFiles = z.looseObject({
  tables: z.record(z.string(), z.looseObject({ file: z.string().optional() })),
});

/** The file name (without extension) that fills each table. */
export function fileNames(mapping: unknown): Map<string, LayoutTable> {
  const parsed = mappingFiles.safeParse(mapping);
  const tables = parsed.success ? parsed.data.tables : {};
  return new Map(LAYOUT_TABLES.map((table) => [tables[table]?.file ?? table, table]));
}

const DATA_FILE = /\.(csv|parquet)$/i;

export function planFiles<F extends { name: string }>(
  files: readonly F[],
  mapping: unknown,
): Plan<F> {
  const tableOf = fileNames(mapping);
  const planned: PlannedFile<F>[] = [];
  const ignored: string[] = [];
  const taken = new Set<LayoutTable>();
  for (const file of files) {
    if (!DATA_FILE.test(file.name)) {
      ignored.push(file.name);
      continue;
    }
    const table = tableOf.get(file.name.replace(/\.(csv|parquet)$/, '')) ?? null;
    const problem = table === null ? 'unknown' : taken.has(table) ? 'twice' : null;
    if (table !== null) taken.add(table);
    planned.push({ file, name: file.name, table, problem });
  }
  planned.sort(
    (a, b) =>
      (a.table === null ? LAYOUT_TABLES.length : LAYOUT_TABLES.indexOf(a.table)) -
        (b.table === null ? LAYOUT_TABLES.length : LAYOUT_TABLES.indexOf(b.table)) ||
      a.name.localeCompare(b.name),
  );
  return {
    files: planned,
    ignored,
    ready: planned.length > 0 && planned.every((p) => p.problem === null),
  };
}

/** Adds `added` to `files`, a file of the same name replacing the one chosen before. */
export function withFiles<F extends { name: string }>(
  files: readonly F[],
  added: readonly F[],
): F[] {
  const names = new Set(added.map((f) => f.name));
  return [...files.filter((f) => !names.has(f.name)), ...added];
}

/** The pieces a file of `size` bytes is sent in, from `from` on: [start, end) each. */
export function chunksOf(size: number, from: number, chunk: number): [number, number][] {
  const pieces: [number, number][] = [];
  for (let start = from; start < size; start += chunk)
    pieces.push([start, Math.min(size, start + chunk)]);
  return pieces;
}
