// The DuckDB boundary: JS values into DuckDB values (loader), DuckDB values back into the API's
// JSON forms (readers), and parameterised queries over cached prepared statements.
import {
  dateValue,
  timestampValue,
  type DuckDBConnection,
  type DuckDBPreparedStatement,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { ColumnKind } from './duckdb-schema.ts';

export type Row = Record<string, DuckDBValue>;

const DAY_MS = 86_400_000;
const INT32_MAX = 2_147_483_647;

function fail(what: string, value: unknown): never {
  throw new TypeError(`DuckDB store: expected ${what}, got ${typeof value} ${String(value)}`);
}

/** The digit at `i` of `text`, or NaN. */
function digit(text: string, i: number): number {
  const d = text.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : NaN;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** `YYYY-MM-DD[THH:MM:SS.mmmZ]` read digit by digit, or NaN when `text` is not exactly that. */
function strictIsoMs(text: string): number {
  const time = text.length === 24;
  if (!time && text.length !== 10) return NaN;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return NaN; // '-'
  const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3);
  const month = digit(text, 5) * 10 + digit(text, 6);
  const day = digit(text, 8) * 10 + digit(text, 9);
  // Date.UTC maps years 0–99 to 1900–1999: those (and any bad field) go through Date.parse.
  if (!(year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month)))
    return NaN;
  if (!time) return Date.UTC(year, month - 1, day);
  // 'T', ':', ':', '.', 'Z'
  if (
    text.charCodeAt(10) !== 84 ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58 ||
    text.charCodeAt(19) !== 46 ||
    text.charCodeAt(23) !== 90
  )
    return NaN;
  const h = digit(text, 11) * 10 + digit(text, 12);
  const m = digit(text, 14) * 10 + digit(text, 15);
  const sec = digit(text, 17) * 10 + digit(text, 18);
  const milli = digit(text, 20) * 100 + digit(text, 21) * 10 + digit(text, 22);
  if (!(h < 24 && m < 60 && sec < 60 && milli >= 0)) return NaN;
  return Date.UTC(year, month - 1, day, h, m, sec, milli);
}

/**
 * Epoch milliseconds of an ISO instant or date; throws on anything else. The API's own forms
 * (`2026-03-01T09:30:00.000Z`, `1984-07-14`) are read digit by digit, as the loader reads millions
 * of them; anything else goes through Date.parse.
 */
export function epochMs(text: string): number {
  let ms = strictIsoMs(text);
  if (Number.isNaN(ms)) ms = Date.parse(text);
  if (!Number.isFinite(ms)) fail('an ISO instant', text);
  return ms;
}

/** A TIMESTAMP value (microseconds since the epoch, UTC) for an ISO instant. */
export function instantValue(text: string): DuckDBValue {
  return timestampValue(BigInt(epochMs(text)) * 1000n);
}

/** A JS field value (from a Dataset row) as the DuckDB value its column stores. */
export function toDuckDb(kind: ColumnKind, value: unknown): DuckDBValue {
  if (value === null || value === undefined) return kind === 'json' ? 'null' : null;
  switch (kind) {
    case 'text':
      return typeof value === 'string' ? value : fail('a string', value);
    case 'instant':
      return typeof value === 'string' ? instantValue(value) : fail('an ISO instant', value);
    case 'date':
      return typeof value === 'string'
        ? dateValue(Math.floor(epochMs(value) / DAY_MS))
        : fail('an ISO date', value);
    case 'int':
    case 'double':
      return typeof value === 'number' ? value : fail('a number', value);
    case 'cents':
      return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= INT32_MAX
        ? value
        : fail('integer cents within ±2,147,483,647', value);
    case 'bool':
      return typeof value === 'boolean' ? value : fail('a boolean', value);
    case 'json':
      return JSON.stringify(value);
  }
}

/** A number from an INTEGER, BIGINT, HUGEINT or DOUBLE result value. */
export function toNumber(value: DuckDBValue): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') {
    const n = Number(value);
    if (!Number.isSafeInteger(n)) fail('a safe integer', value);
    return n;
  }
  return fail('a number', value);
}

export function toNumberOrNull(value: DuckDBValue): number | null {
  return value === null ? null : toNumber(value);
}

export function toText(value: DuckDBValue): string {
  return typeof value === 'string' ? value : fail('a string', value);
}

export function toTextOrNull(value: DuckDBValue): string | null {
  return value === null ? null : toText(value);
}

const statements = new WeakMap<DuckDBConnection, Map<string, DuckDBPreparedStatement>>();

/**
 * Runs `sql` with every value bound as a parameter and returns the rows as objects. Statements are
 * prepared once per connection and reused; the caller holds the connection exclusively.
 */
export async function queryRows(
  connection: DuckDBConnection,
  sql: string,
  values: readonly DuckDBValue[] = [],
  types?: readonly (DuckDBType | undefined)[],
): Promise<Row[]> {
  let cache = statements.get(connection);
  if (!cache) {
    cache = new Map();
    statements.set(connection, cache);
  }
  let prepared = cache.get(sql);
  if (!prepared) {
    prepared = await connection.prepare(sql);
    cache.set(sql, prepared);
  }
  prepared.clearBindings();
  values.forEach((value, i) => {
    prepared.bindValue(i + 1, value, types?.[i]);
  });
  const reader = await prepared.runAndReadAll();
  return reader.getRowObjects();
}

/** DuckDB's vector size: a data chunk holds at most this many rows. */
export const CHUNK_ROWS = 2048;

/** A constant of ours (an id, a checked month, an enum value) as SQL text; never the user's text. */
export const sqlText = (text: string): string => `'${text.replaceAll("'", "''")}'`;
