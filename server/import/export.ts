// Writes a store's tables in the import layout (layout.ts, docs/import.md): one file per table,
// columns in the model's order, instants as ISO-8601 UTC with milliseconds, dates as YYYY-MM-DD,
// event properties as JSON text. Written by DuckDB's COPY.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { jsonExpression, quote } from '../stores/duckdb-schema.ts';
import { IMPORT_TABLES, columnsOf, type ImportTable } from './layout.ts';

export type ImportFormat = 'csv' | 'parquet';

/** A file path as a SQL string literal (the path is the operator's, not a customer's). */
export function pathLiteral(path: string): string {
  return `'${resolve(path).replaceAll("'", "''")}'`;
}

/** The SELECT of `table`'s rows in the layout's form. */
export function layoutSelect(table: ImportTable): string {
  const columns = columnsOf(table).map((c) => {
    const value = c.kind === 'json' ? `t.${quote(c.name)}::VARCHAR` : jsonExpression(c, 't');
    return `${value} AS ${quote(c.name)}`;
  });
  // In the order the store holds them (a customer's rows together, as they were loaded).
  return `SELECT ${columns.join(', ')} FROM ${quote(table)} t ORDER BY t.rowid`;
}

/** Writes every import table of the store behind `connection` into `dir`; answers rows per file. */
export async function exportTables(
  connection: DuckDBConnection,
  dir: string,
  format: ImportFormat,
): Promise<{ table: ImportTable; file: string; rows: number }[]> {
  mkdirSync(dir, { recursive: true });
  const written: { table: ImportTable; file: string; rows: number }[] = [];
  for (const table of IMPORT_TABLES) {
    const file = join(dir, `${table}.${format}`);
    const options = format === 'csv' ? "FORMAT csv, HEADER true, DELIMITER ','" : 'FORMAT parquet';
    const result = await connection.run(
      `COPY (${layoutSelect(table)}) TO ${pathLiteral(file)} (${options})`,
    );
    written.push({ table, file, rows: Number(result.rowsChanged) });
  }
  return written;
}
