// Writes a store's tables in the import layout (layout.ts, docs/import.md): one file per table,
// columns in the model's order, instants as ISO-8601 UTC with milliseconds, dates as YYYY-MM-DD,
// event properties as JSON text. Written by DuckDB's COPY.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { jsonExpression, quote } from '../stores/duckdb-schema.ts';
import { sqlText } from '../stores/duckdb-values.ts';
import { IMPORT_TABLES, columnsOf, type ImportTable, type LayoutTable } from './layout.ts';

export type ImportFormat = 'csv' | 'parquet';

/** A file path as a SQL string literal (the path is the operator's, not a customer's). */
export function pathLiteral(path: string): string {
  return `'${resolve(path).replaceAll("'", "''")}'`;
}

/**
 * The SELECT of `table`'s rows in the layout's form; `joins` and `customer` write the customer id
 * another way (the records of an export per source system).
 */
export function layoutSelect(table: ImportTable, customer?: { joins: string; id: string }): string {
  const columns = columnsOf(table).map((c) => {
    const value =
      c.name === 'customer_id' && customer !== undefined
        ? customer.id
        : c.kind === 'json'
          ? `t.${quote(c.name)}::VARCHAR`
          : jsonExpression(c, 't');
    return `${value} AS ${quote(c.name)}`;
  });
  // In the order the store holds them (a customer's rows together, as they were loaded).
  return `SELECT ${columns.join(', ')} FROM ${quote(table)} t ${customer?.joins ?? ''} ORDER BY t.rowid`;
}

interface Written {
  table: LayoutTable;
  file: string;
  rows: number;
}

async function copy(
  connection: DuckDBConnection,
  dir: string,
  format: ImportFormat,
  table: LayoutTable,
  select: string,
): Promise<Written> {
  const file = join(dir, `${table}.${format}`);
  const options = format === 'csv' ? "FORMAT csv, HEADER true, DELIMITER ','" : 'FORMAT parquet';
  const result = await connection.run(`COPY (${select}) TO ${pathLiteral(file)} (${options})`);
  return { table, file, rows: Number(result.rowsChanged) };
}

/** Writes every import table of the store behind `connection` into `dir`; answers rows per file. */
export async function exportTables(
  connection: DuckDBConnection,
  dir: string,
  format: ImportFormat,
): Promise<Written[]> {
  mkdirSync(dir, { recursive: true });
  const written: Written[] = [];
  for (const table of IMPORT_TABLES)
    written.push(await copy(connection, dir, format, table, layoutSelect(table)));
  return written;
}

/** A customer's records per source system, as an export before identity resolution holds them. */
export interface RecordFragments {
  /** Each record: its customer, its system, and whether it is the customer's main record. */
  records: readonly { record_id: string; customer_id: string; source: string; main: boolean }[];
  identities: readonly {
    record_id: string;
    source: string;
    kind: string;
    value: string;
    verified: boolean;
    first_seen: string;
    last_seen: string;
  }[];
  links: readonly { record_a: string; record_b: string }[];
}

async function insertRows(
  connection: DuckDBConnection,
  table: string,
  rows: readonly (readonly (string | boolean)[])[],
): Promise<void> {
  for (let at = 0; at < rows.length; at += 1_000) {
    const values = rows
      .slice(at, at + 1_000)
      .map(
        (row) =>
          `(${row.map((v) => (typeof v === 'boolean' ? String(v) : sqlText(v))).join(', ')})`,
      );
    await connection.run(`INSERT INTO ${table} VALUES ${values.join(', ')}`);
  }
}

/**
 * Writes the store's tables as an export per source system holds them: no customer ids, but each
 * customer's records (`source_records`: the identities each system saw; `record_links`: the joins
 * the systems know), the customers file keyed by each customer's main record, orders and events
 * naming the record of the system they came through (the till's orders, the card's record), the
 * other files the main record. An import with replace resolves them into profiles again.
 */
export async function exportRecordFragments(
  connection: DuckDBConnection,
  dir: string,
  format: ImportFormat,
  fragments: RecordFragments,
): Promise<Written[]> {
  mkdirSync(dir, { recursive: true });
  await connection.run(
    'CREATE OR REPLACE TEMP TABLE frag_records (record_id VARCHAR, customer_id VARCHAR, source VARCHAR, main BOOLEAN)',
  );
  await connection.run(
    'CREATE OR REPLACE TEMP TABLE frag_identities (record_id VARCHAR, source VARCHAR, kind VARCHAR, value VARCHAR, verified BOOLEAN, first_seen VARCHAR, last_seen VARCHAR)',
  );
  await connection.run(
    'CREATE OR REPLACE TEMP TABLE frag_links (record_a VARCHAR, record_b VARCHAR)',
  );
  try {
    await insertRows(
      connection,
      'frag_records',
      fragments.records.map((r) => [r.record_id, r.customer_id, r.source, r.main]),
    );
    await insertRows(
      connection,
      'frag_identities',
      fragments.identities.map((i) => [
        i.record_id,
        i.source,
        i.kind,
        i.value,
        i.verified,
        i.first_seen,
        i.last_seen,
      ]),
    );
    await insertRows(
      connection,
      'frag_links',
      fragments.links.map((l) => [l.record_a, l.record_b]),
    );
    const main = {
      joins: 'LEFT JOIN frag_records m ON m.customer_id = t.customer_id AND m.main',
      id: 'coalesce(m.record_id, t.customer_id)',
    };
    const byChannel = {
      joins: `${main.joins} LEFT JOIN frag_records c ON c.customer_id = t.customer_id AND c.source = t.channel`,
      id: 'coalesce(c.record_id, m.record_id, t.customer_id)',
    };
    const written: Written[] = [];
    for (const table of IMPORT_TABLES) {
      if (table === 'identities') continue; // the records' own, below
      const customer = columnsOf(table).some((c) => c.name === 'customer_id')
        ? table === 'orders' || table === 'events'
          ? byChannel
          : main
        : undefined;
      written.push(await copy(connection, dir, format, table, layoutSelect(table, customer)));
    }
    written.push(
      await copy(
        connection,
        dir,
        format,
        'source_records',
        'SELECT record_id, source, kind, value, verified, first_seen, last_seen FROM frag_identities ORDER BY rowid',
      ),
    );
    written.push(
      await copy(
        connection,
        dir,
        format,
        'record_links',
        'SELECT record_a, record_b FROM frag_links ORDER BY rowid',
      ),
    );
    return written;
  } finally {
    await connection.run(
      'DROP TABLE IF EXISTS frag_records; DROP TABLE IF EXISTS frag_identities; DROP TABLE IF EXISTS frag_links',
    );
  }
}
