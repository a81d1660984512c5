// Reading an import's files into staging tables (DuckDB's own readers: `read_csv` with explicit
// types and its rejected rows kept, `read_parquet`), then every staged row through the domain's
// rules: the row schema, instants with their offset, text that would run as a formula, the key
// unique, references found, instants in order. Nothing here writes to the store (commit.ts does,
// only when nothing was rejected).
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { quote, type ColumnSpec } from '../stores/duckdb-schema.ts';
import { sqlText } from '../stores/duckdb-values.ts';
import { pathLiteral } from './export.ts';
import {
  LAYOUT_TABLES,
  KEYS,
  REFERENCES,
  ROW_SCHEMAS,
  TIME_ORDER,
  columnsOf,
  isImportTable,
  looksLikeFormula,
  stagedTable,
  type LayoutTable,
} from './layout.ts';
import { isoDate } from '../../src/domain/profile/schema.ts';
import { safeParseCoded } from '../../src/domain/zod-issue.ts';
import { tableMappingOf, type ImportMapping, type TableMapping } from './mapping.ts';
import type { ImportResolution, ImportStep } from '../../src/api/contract.ts';
import { dropResolved, resolveStaged } from './resolve.ts';
import { PROBLEMS_PER_FILE, type FileReport, type ImportProblem } from './report.ts';

/** The staging table of `table`: its columns typed for reading, `__row` its row in the file. */

/** How a column is read from a CSV file: numbers, booleans and dates by DuckDB; the rest as text. */
function readType(column: ColumnSpec): string {
  switch (column.kind) {
    case 'int':
    case 'cents':
      return 'BIGINT';
    case 'double':
      return 'DOUBLE';
    case 'bool':
      return 'BOOLEAN';
    case 'date':
      return 'DATE';
    default:
      return 'VARCHAR';
  }
}

const CSV_OPTIONS =
  "header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', strict_mode = true";

/** An instant with its offset (`Z` or ±HH:MM), to the millisecond at most. */
const INSTANT =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?(?:Z|[+-](\d{2}):(\d{2}))$/;
const INT32 = 2_147_483_647;

/** Whether `text` has an instant's form (its day and hour may still be none of the calendar). */
export const instantForm = (text: string) => INSTANT.test(text);

/**
 * An instant in the layout as the model's ISO form (UTC, milliseconds), or null. The day must be
 * one of the calendar and the hour one of the day: JavaScript reads 2026-02-30 as 2 March.
 */
export function normalInstant(text: string): string | null {
  const parts = INSTANT.exec(text);
  if (parts === null || !isoDate.safeParse(parts[1]).success) return null;
  const [hour, minute, second, offsetHours, offsetMinutes] = parts.slice(2).map(Number);
  if ((hour ?? 24) > 23 || (minute ?? 60) > 59 || (second ?? 60) > 59) return null;
  if ((offsetHours ?? 0) > 14 || (offsetMinutes ?? 0) > 59) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** A problem as it is said: its code and figures (worded by the screen), and in English. */
interface Said {
  code: string;
  params: ImportProblem['params'];
  message: string;
}

function problem(
  file: string,
  line: number | null,
  column: string | null,
  code: string,
  params: ImportProblem['params'],
  message: string,
): ImportProblem {
  return { file, line, column, code, params, message };
}

interface Staged {
  table: LayoutTable;
  file: string | null;
  /** Rows staged (accepted by the reader). */
  staged: number;
  /** Lines the reader refused, with why. */
  refused: ImportProblem[];
  /** A problem of the whole file (a missing column…): nothing of it was staged. */
  fatal: ImportProblem[];
}

/** A string as a SQL literal. */

/** The file named `base` in `dir`, CSV first. */
function fileOf(dir: string, base: string): string | null {
  for (const ext of ['csv', 'parquet']) {
    const path = join(dir, `${base}.${ext}`);
    if (existsSync(path)) return path;
  }
  return null;
}

/**
 * The names on a CSV file's first line, read here rather than by DuckDB's sniffer (which gives up
 * on the whole file for one bad line further down): UTF-8, comma-separated, quotes optional.
 */
export function csvHeader(path: string): string[] {
  const fd = openSync(path, 'r');
  const chunks: Buffer[] = [];
  try {
    const buffer = Buffer.alloc(65_536);
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
      const end = buffer.subarray(0, read).indexOf(10);
      chunks.push(Buffer.from(buffer.subarray(0, end === -1 ? read : end)));
      if (end !== -1 || chunks.length > 16) break;
    }
  } finally {
    closeSync(fd);
  }
  const line = new TextDecoder('utf-8', { fatal: true })
    .decode(Buffer.concat(chunks))
    .replace(/\r$/, '');
  const names: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line.charAt(i);
    if (quoted) {
      if (ch === '"' && line.charAt(i + 1) === '"') {
        current += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else current += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      names.push(current.trim());
      current = '';
    } else current += ch;
  }
  names.push(current.trim());
  return names;
}

async function headerOf(connection: DuckDBConnection, path: string): Promise<string[]> {
  if (!path.endsWith('.parquet')) return csvHeader(path);
  const reader = await connection.runAndReadAll(
    `SELECT * FROM read_parquet(${pathLiteral(path)}) LIMIT 0`,
  );
  return reader.columnNames();
}

/** Stages one table's file (or an empty table when there is none). */
async function stage(
  connection: DuckDBConnection,
  dir: string,
  table: LayoutTable,
  mapping: TableMapping,
): Promise<Staged> {
  const path = fileOf(dir, mapping.file);
  const name = path === null ? `${mapping.file}.csv` : (path.split('/').at(-1) ?? path);
  const columns = columnsOf(table);
  const empty = columns.map((c) => `NULL::${readType(c)} AS ${quote(c.name)}`).join(', ');
  const done = (staged: number, refused: ImportProblem[], fatal: ImportProblem[]): Staged => ({
    table,
    file: path === null ? null : name,
    staged,
    refused,
    fatal,
  });
  const emptyTable = async () =>
    connection.run(
      `CREATE OR REPLACE TEMP TABLE ${stagedTable(table)} AS SELECT 0::BIGINT AS __row, ''::VARCHAR AS __lost, ${empty} LIMIT 0`,
    );
  // A missing file is a table without new rows (readImport refuses a directory without any).
  if (path === null) {
    await emptyTable();
    return done(0, [], []);
  }
  /** The file's column names. */
  let theirs: string[];
  try {
    theirs = await headerOf(connection, path);
  } catch (error: unknown) {
    await emptyTable();
    const detail = error instanceof Error ? error.message : String(error);
    return done(
      0,
      [],
      [
        error instanceof TypeError
          ? problem(
              name,
              1,
              null,
              'header_not_utf8',
              {},
              'The first line (the column names) is not valid UTF-8: save the file as UTF-8.',
            )
          : problem(name, 1, null, 'unreadable', { detail }, `Unreadable: ${detail}`),
      ],
    );
  }
  // Ours, in the file's order.
  const header = theirs.map((h) => mapping.ours.get(h) ?? h);
  const inFile = new Map(header.map((h, i) => [h, theirs[i] ?? h]));
  const known = new Map(columns.map((c) => [c.name, c]));
  const fatal: ImportProblem[] = [];
  for (const h of header) {
    if (!known.has(h))
      fatal.push(
        problem(
          name,
          1,
          h,
          'unknown_column',
          { column: h, expected: columns.map((c) => c.name).join(', ') },
          `Unknown column "${h}": expected ${columns.map((c) => c.name).join(', ')} (a mapping file can rename it).`,
        ),
      );
  }
  for (const c of columns) {
    if (!c.nullable && !header.includes(c.name))
      fatal.push(
        problem(
          name,
          1,
          c.name,
          'missing_column',
          { column: c.name },
          `The required column "${c.name}" is missing.`,
        ),
      );
  }
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h))
      fatal.push(
        problem(name, 1, h, 'column_twice', { column: h }, `The column "${h}" appears twice.`),
      );
    seen.add(h);
  }
  if (fatal.length > 0) {
    await emptyTable();
    return done(0, [], fatal);
  }
  const rejects = quote(`rejects_${table}`);
  const scans = quote(`scans_${table}`);
  const source = path.endsWith('.parquet')
    ? `read_parquet(${pathLiteral(path)})`
    : `read_csv(${pathLiteral(path)}, ${CSV_OPTIONS}, columns = {${header
        .map((h, i) => {
          const column = known.get(h);
          return `${sqlText(theirs[i] ?? h)}: '${column === undefined ? 'VARCHAR' : readType(column)}'`;
        })
        .join(
          ', ',
        )}}, store_rejects = true, rejects_table = '${`rejects_${table}`}', rejects_scan = '${`scans_${table}`}')`;
  const select = columns
    .map((c) => {
      const source = inFile.get(c.name);
      if (source === undefined) return `NULL::${readType(c)} AS ${quote(c.name)}`;
      let value = `r.${quote(source)}`;
      const values = mapping.values.get(c.name);
      if (values !== undefined && values.size > 0) {
        const cases = [...values].map(([from, to]) => `WHEN ${sqlText(from)} THEN ${sqlText(to)}`);
        value = `CASE ${value} ${cases.join(' ')} ELSE ${value} END`;
      }
      return `TRY_CAST(${value} AS ${readType(c)}) AS ${quote(c.name)}`;
    })
    .join(', ');
  // Parquet values are typed by the file: a value that does not fit the column (a fraction in a
  // whole number, text in a date) is named here rather than lost to NULL or rounded.
  const lost = path.endsWith('.parquet')
    ? `concat_ws(',', ${columns
        .filter((c) => inFile.has(c.name))
        .map((c) => {
          const raw = `r.${quote(inFile.get(c.name) ?? c.name)}`;
          const whole =
            c.kind === 'int' || c.kind === 'cents'
              ? ` OR TRY_CAST(${raw} AS DOUBLE) <> floor(TRY_CAST(${raw} AS DOUBLE))`
              : '';
          return `CASE WHEN (${raw} IS NOT NULL AND TRY_CAST(${raw} AS ${readType(c)}) IS NULL)${whole} THEN ${sqlText(c.name)} END`;
        })
        .join(', ')})`
    : "''";
  try {
    await connection.run(
      `CREATE OR REPLACE TEMP TABLE ${stagedTable(table)} AS
         SELECT row_number() OVER () AS __row, ${lost} AS __lost, ${select} FROM ${source} r`,
    );
  } catch (error: unknown) {
    await emptyTable();
    const detail = error instanceof Error ? error.message : String(error);
    return done(
      0,
      [],
      [problem(name, null, null, 'unreadable', { detail }, `Unreadable: ${detail}`)],
    );
  }
  const counted = await connection.runAndReadAll(
    `SELECT count(*)::INTEGER AS n FROM ${stagedTable(table)}`,
  );
  const staged = Number(counted.getRowObjects()[0]?.n ?? 0);
  const refused: ImportProblem[] = [];
  if (!path.endsWith('.parquet')) {
    const rows = await connection.runAndReadAll(
      `SELECT line::INTEGER AS line, column_name, error_type, error_message FROM ${rejects} ORDER BY line`,
    );
    for (const r of rows.getRowObjects()) {
      const said = readerProblem(String(r.error_type ?? ''), String(r.error_message ?? ''));
      refused.push({
        file: name,
        line: Number(r.line ?? 0) || null,
        column: typeof r.column_name === 'string' ? r.column_name : null,
        ...said,
      });
    }
    await connection.run(`DROP TABLE IF EXISTS ${rejects}; DROP TABLE IF EXISTS ${scans}`);
  }
  return done(staged, refused, []);
}

/** The reader's refusal in the layout's words. */
function readerProblem(type: string, message: string): Said {
  if (type === 'CAST') {
    const detail = message.replace(/^Error when converting column "[^"]*"\. /, '');
    return { code: 'cannot_convert', params: { detail }, message: detail };
  }
  if (type === 'INVALID UNICODE' || /unicode|utf-8/i.test(message))
    return {
      code: 'line_not_utf8',
      params: {},
      message: 'The line is not valid UTF-8: save the file as UTF-8.',
    };
  if (type === 'TOO MANY COLUMNS' || type === 'TOO FEW COLUMNS' || type === 'MISSING COLUMNS')
    return {
      code: 'value_count',
      params: { detail: message },
      message: `The line has the wrong number of values (${message}).`,
    };
  return { code: 'unreadable', params: { detail: message }, message };
}

/** A staged value as the domain's schema reads it. */
function jsValue(column: ColumnSpec, value: DuckDBValue): { value: unknown } | { problem: Said } {
  if (value === null) return { value: null };
  switch (column.kind) {
    case 'int':
    case 'cents': {
      const n = Number(value);
      if (!Number.isSafeInteger(n) || Math.abs(n) > INT32)
        return {
          problem: {
            code: 'int_range',
            params: { max: INT32 },
            message: `expected a whole number within ±${INT32.toLocaleString('en')}`,
          },
        };
      return { value: n };
    }
    case 'double':
      return { value: Number(value) };
    case 'bool':
      return { value: value === true };
    case 'instant': {
      const text = String(value);
      const iso = normalInstant(text);
      if (iso !== null) return { value: iso };
      return instantForm(text)
        ? {
            problem: {
              code: 'no_such_instant',
              params: { value: text },
              message: `"${text}" is no instant of the calendar (its day, hour or offset)`,
            },
          }
        : {
            problem: {
              code: 'not_instant',
              params: { value: text },
              message: `expected an instant with its offset, such as 2026-11-16T09:30:00Z or 2026-11-16T10:30:00+01:00, got "${text}"`,
            },
          };
    }
    case 'json': {
      try {
        const parsed: unknown = JSON.parse(String(value));
        return { value: parsed };
      } catch {
        return {
          problem: { code: 'not_json', params: {}, message: 'expected a JSON object' },
        };
      }
    }
    default:
      return { value: String(value) };
  }
}

/** The lines of `problems`, each once, in order (the reader reports each error of a line). */
function distinctLines(problems: readonly ImportProblem[]): number[] {
  return [...new Set(problems.map((p) => p.line ?? 0))].sort((a, b) => a - b);
}

/** The line in the file of staged row `row`, given the lines the reader refused (sorted). */
function lineOf(row: number, refusedLines: readonly number[]): number {
  // Line 1 is the header; each refused line before a row pushes it down by one.
  let line = row + 1;
  for (const refused of refusedLines) {
    if (refused <= line) line += 1;
    else break;
  }
  return line;
}

/** Each staged row of `staged.table` through the domain's rules. */
async function validateRows(
  connection: DuckDBConnection,
  staged: Staged,
): Promise<ImportProblem[]> {
  const { table } = staged;
  const file = staged.file ?? `${table}.csv`;
  const columns = columnsOf(table);
  const schema = ROW_SCHEMAS[table];
  const order = TIME_ORDER[table];
  const refusedLines = distinctLines(staged.refused);
  const problems: ImportProblem[] = [];
  const select = columns
    .map((c) =>
      c.kind === 'date'
        ? `strftime(${quote(c.name)}, '%Y-%m-%d') AS ${quote(c.name)}`
        : quote(c.name),
    )
    .join(', ');
  const result = await connection.stream(
    `SELECT __row, __lost, ${select} FROM ${stagedTable(table)} ORDER BY __row`,
  );
  for await (const rows of result.yieldRowObjects()) {
    for (const raw of rows) {
      const line = lineOf(Number(raw.__row ?? 0), refusedLines);
      const row: Record<string, unknown> = {};
      let bad = false;
      const lostColumns =
        typeof raw.__lost === 'string' && raw.__lost !== '' ? raw.__lost.split(',') : [];
      for (const column of lostColumns) {
        const kind = columns.find((c) => c.name === column)?.kind ?? 'text';
        problems.push(
          problem(
            file,
            line,
            column,
            'value_does_not_fit',
            { kind },
            `the value does not fit a column of ${kind}`,
          ),
        );
        bad = true;
      }
      if (bad) continue;
      for (const c of columns) {
        const read = jsValue(c, raw[c.name] ?? null);
        if ('problem' in read) {
          problems.push({ file, line, column: c.name, ...read.problem });
          bad = true;
          continue;
        }
        row[c.name] = read.value;
        if (typeof read.value === 'string' && c.kind === 'text' && looksLikeFormula(read.value)) {
          problems.push(
            problem(
              file,
              line,
              c.name,
              'formula',
              {},
              'starts like a spreadsheet formula (=, +, -, @): refused so that no export can run it',
            ),
          );
          bad = true;
        }
      }
      if (bad) continue;
      const parsed = safeParseCoded(schema, row);
      if (!parsed.ok) {
        // The domain's own rule, coded as zod says it (the screen words it in its language).
        for (const issue of parsed.issues) {
          const column = typeof issue.path[0] === 'string' ? issue.path[0] : null;
          problems.push(problem(file, line, column, issue.code, issue.params, issue.message));
        }
        continue;
      }
      if (order !== undefined) {
        const [first, second] = order;
        const a = row[first];
        const b = row[second];
        if (typeof a === 'string' && typeof b === 'string' && a > b)
          problems.push(
            problem(
              file,
              line,
              second,
              'time_order',
              { first, second },
              `${second} is before ${first}`,
            ),
          );
      }
    }
  }
  return problems;
}

/** Where the store keeps a layout table's rows (the records resolved before: resolution_records). */
const storedTable = (table: LayoutTable): string =>
  isImportTable(table) ? table : 'resolution_records';

/** Rows whose key another row of the file holds too, and values pointing at no row. */
async function crossRowProblems(
  connection: DuckDBConnection,
  staged: ReadonlyMap<LayoutTable, Staged>,
  replace: boolean,
): Promise<ImportProblem[]> {
  const problems: ImportProblem[] = [];
  const fileOfTable = (t: LayoutTable) => staged.get(t)?.file ?? `${t}.csv`;
  const lines = (t: LayoutTable) => distinctLines(staged.get(t)?.refused ?? []);
  // A file refused whole has no rows: rows pointing at it are not said to point at nothing.
  const whole = (t: LayoutTable) => (staged.get(t)?.fatal.length ?? 0) === 0;
  for (const table of LAYOUT_TABLES) {
    const key = KEYS[table].map(quote).join(', ');
    const reader = await connection.runAndReadAll(
      `SELECT __row::INTEGER AS row, ${KEYS[table].map((k) => `${quote(k)}::VARCHAR AS ${quote(k)}`).join(', ')}
         FROM (SELECT *, count(*) OVER (PARTITION BY ${key}) AS n,
                      row_number() OVER (PARTITION BY ${key} ORDER BY __row) AS k
                 FROM ${stagedTable(table)})
        WHERE n > 1 AND k > 1 ORDER BY __row LIMIT ${PROBLEMS_PER_FILE + 1}`,
    );
    for (const r of reader.getRowObjects()) {
      const named = KEYS[table].map((k) => `${k} ${String(r[k])}`).join(', ');
      problems.push(
        problem(
          fileOfTable(table),
          lineOf(Number(r.row ?? 0), lines(table)),
          KEYS[table][0] ?? null,
          'duplicate_key',
          { key: named },
          `A row with ${named} comes earlier in the file (each row's key must be unique).`,
        ),
      );
    }
  }
  for (const ref of REFERENCES) {
    if (!whole(ref.to)) continue;
    const reader = await connection.runAndReadAll(
      `SELECT s.__row::INTEGER AS row, s.${quote(ref.column)}::VARCHAR AS value
         FROM ${stagedTable(ref.table)} s
        WHERE s.${quote(ref.column)} IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM ${stagedTable(ref.to)} p
                           WHERE p.${quote(ref.toColumn)} = s.${quote(ref.column)})
          ${
            // Replaced, the store's rows are gone: a reference must be to a row of the files. On
            // an update, to the store's too (a link's to a record the store resolved before).
            replace
              ? ''
              : `AND NOT EXISTS (SELECT 1 FROM main.${quote(storedTable(ref.to))} p
                           WHERE p.${quote(ref.toColumn)} = s.${quote(ref.column)})`
          }
        ORDER BY s.__row LIMIT ${PROBLEMS_PER_FILE + 1}`,
    );
    for (const r of reader.getRowObjects()) {
      problems.push({
        file: fileOfTable(ref.table),
        line: lineOf(Number(r.row ?? 0), lines(ref.table)),
        column: ref.column,
        code: 'unknown_reference',
        params: {
          value: String(r.value),
          column: ref.toColumn,
          file: fileOfTable(ref.to),
          store: !replace,
        },
        message: replace
          ? `"${String(r.value)}" is no ${ref.toColumn} of ${fileOfTable(ref.to)}.`
          : `"${String(r.value)}" is no ${ref.toColumn} of ${fileOfTable(ref.to)} nor of the store.`,
      });
    }
  }
  return problems;
}

export interface ReadOptions {
  /** The files replace the store's data: references are looked for in the files only. */
  replace?: boolean;
  /** Told before each step (a file read, a file checked, the checks across files). */
  onStep?: (step: ImportStep) => void;
}

export interface ReadResult {
  files: FileReport[];
  problems: ImportProblem[];
  unlisted: number;
  resolution: ImportResolution | null;
}

/** Stages and checks every file of `dir` on `connection` (a staging database of its own). */
export async function readImport(
  connection: DuckDBConnection,
  dir: string,
  mapping: ImportMapping | null = null,
  options: ReadOptions = {},
): Promise<ReadResult> {
  const step = options.onStep ?? (() => undefined);
  // What an earlier import on this connection resolved is not this one's.
  await dropResolved(connection);
  const staged = new Map<LayoutTable, Staged>();
  for (const table of LAYOUT_TABLES) {
    step({ stage: 'read', table });
    staged.set(table, await stage(connection, dir, table, tableMappingOf(mapping, table)));
  }
  const byFile = new Map<string, ImportProblem[]>();
  const add = (p: ImportProblem) => {
    const list = byFile.get(p.file) ?? [];
    list.push(p);
    byFile.set(p.file, list);
  };
  if ([...staged.values()].every((s) => s.file === null))
    add(
      problem(
        dir,
        null,
        null,
        'no_layout_file',
        {},
        `No file of the layout here: customers.csv (or .parquet), orders.csv… (docs/import.md).`,
      ),
    );
  if (options.replace === true && staged.get('customers')?.file === null)
    add(
      problem(
        dir,
        null,
        null,
        'replace_needs_customers',
        {},
        'Replacing the data needs customers.csv (or .parquet): the store would hold no customer.',
      ),
    );
  for (const [table, s] of staged) {
    step({ stage: 'check', table });
    for (const p of [...s.fatal, ...s.refused]) add(p);
    for (const p of await validateRows(connection, s)) add(p);
  }
  // Records per source system: resolved into profiles before the checks across files (the other
  // files' customer ids name records until then) — among the files' records when replacing,
  // against the store's records on an update.
  step({ stage: 'resolve', table: null });
  const records = staged.get('source_records')?.file ?? null;
  let resolution: ImportResolution | null = null;
  const resolvable = records === null || byFile.size === 0;
  if (records !== null && resolvable)
    resolution = await resolveStaged(connection, { replace: options.replace === true });
  step({ stage: 'cross_check', table: null });
  if (resolvable)
    for (const p of await crossRowProblems(connection, staged, options.replace === true)) add(p);
  const files: FileReport[] = LAYOUT_TABLES.map((table) => {
    const s = staged.get(table);
    const name = s?.file ?? null;
    const problemsOf = name === null ? [] : (byFile.get(name) ?? []);
    const badLines = new Set(
      problemsOf.filter((p) => p.line !== null && p.line > 1).map((p) => p.line),
    );
    const read = (s?.staged ?? 0) + distinctLines(s?.refused ?? []).length;
    const rejected = Math.min(read, badLines.size);
    return { table, file: name, read, accepted: read - rejected, rejected };
  });
  const problems: ImportProblem[] = [];
  let unlisted = 0;
  for (const list of byFile.values()) {
    const sorted = [...list].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    problems.push(...sorted.slice(0, PROBLEMS_PER_FILE));
    unlisted += Math.max(0, sorted.length - PROBLEMS_PER_FILE);
  }
  return { files, problems, unlisted, resolution };
}
