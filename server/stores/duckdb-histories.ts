// Customers' histories out of DuckDB. After each load, `customer_histories` packs each customer's
// rows into one row (one JSON array of tuples per table, rows in load order: the tuples are
// duckdb-history-codec.ts'), physically in customer id order and indexed by it: one customer is one
// indexed point read, a chunk of customers one range of row groups, whatever the number of tables.
// The reference rows histories point to (products, stores, offers, campaigns) are read once per
// load. Rows are cut to the asked scope here; what they mean is the domain's
// (src/domain/profile/history.ts). See docs/decisions/011-customer-history.md.
import { LIST, VARCHAR, listValue, type DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import {
  historyReference,
  historyTables,
  wholeHistory,
  type CustomerHistory,
  type HistoryReference,
  type HistoryScope,
  type HistoryTable,
} from '../../src/domain/profile/history.ts';
import { campaign, offer, product, store } from '../../src/domain/profile/schema.ts';
import { tupleSql } from './duckdb-history-codec.ts';
import { jsonObject } from './duckdb-schema.ts';
import { queryRows, toText, toTextOrNull, type Row } from './duckdb-values.ts';
import { decodePacked, type PackedRow } from './packed-histories.ts';

/**
 * The packed rows of the customers in [$1, $2) ($2 NULL: to the end). Each table is cut to the
 * range before it is grouped: the whole base at once does not fit in a small memory limit.
 */
function packedRange(table: Exclude<HistoryTable, 'orders'>): string {
  return `SELECT customer_id, to_json(list(${tupleSql(table, 'r')} ORDER BY r.rowid))::VARCHAR AS rows
    FROM ${table} r WHERE ${inRange('r.customer_id')} GROUP BY customer_id`;
}

function inRange(column: string): string {
  return `${column} >= $1 AND ($2::VARCHAR IS NULL OR ${column} < $2)`;
}

const HISTORY_COLUMNS =
  'customer_id VARCHAR NOT NULL, customer VARCHAR NOT NULL, identities VARCHAR, consents VARCHAR, ' +
  'preferences VARCHAR, orders VARCHAR, events VARCHAR, messages VARCHAR, offer_responses VARCHAR';

const INSERT_RANGE_SQL = `
  INSERT INTO customer_histories
  WITH
    o0 AS (SELECT * FROM orders r WHERE ${inRange('r.customer_id')}),
    ln AS (SELECT l.order_id, to_json(list(${tupleSql('order_lines', 'l')} ORDER BY l.rowid)) AS lines
           FROM order_lines l SEMI JOIN o0 ON o0.order_id = l.order_id GROUP BY l.order_id),
    o AS (SELECT r.customer_id, to_json(list(json_array(${tupleSql('orders', 'r')},
            coalesce(ln.lines, '[]'::JSON)) ORDER BY r.rowid))::VARCHAR AS rows
          FROM orders r LEFT JOIN ln ON ln.order_id = r.order_id
          WHERE ${inRange('r.customer_id')} GROUP BY r.customer_id),
    i AS (${packedRange('identities')}),
    k AS (${packedRange('consents')}),
    p AS (${packedRange('preferences')}),
    e AS (${packedRange('events')}),
    m AS (${packedRange('messages')}),
    x AS (${packedRange('offer_responses')})
  SELECT c.customer_id, ${tupleSql('customers', 'c')}::VARCHAR AS customer,
    i.rows, k.rows, p.rows, o.rows, e.rows, m.rows, x.rows
  FROM customers c
  LEFT JOIN i ON i.customer_id = c.customer_id
  LEFT JOIN k ON k.customer_id = c.customer_id
  LEFT JOIN p ON p.customer_id = c.customer_id
  LEFT JOIN o ON o.customer_id = c.customer_id
  LEFT JOIN e ON e.customer_id = c.customer_id
  LEFT JOIN m ON m.customer_id = c.customer_id
  LEFT JOIN x ON x.customer_id = c.customer_id
  WHERE ${inRange('c.customer_id')}
  ORDER BY c.customer_id`;

/** Customers per insert while building: about 40 MB of packed JSON each at the demo's mix. */
const BUILD_BATCH = 25_000;

/**
 * (Re)builds `customer_histories` from the loaded tables, a range of customers at a time, in
 * customer id order (so the table's row groups are in that order and a lookup reads one).
 */
export async function buildHistoryTable(connection: DuckDBConnection): Promise<void> {
  await connection.run('DROP INDEX IF EXISTS customer_histories_id');
  await connection.run(`CREATE OR REPLACE TABLE customer_histories (${HISTORY_COLUMNS})`);
  const bounds = await queryRows(
    connection,
    `SELECT customer_id FROM (
       SELECT customer_id, row_number() OVER (ORDER BY customer_id) - 1 AS n FROM customers)
     WHERE n % ${BUILD_BATCH} = 0 ORDER BY customer_id`,
  );
  const starts = bounds.map((row) => toText(row.customer_id ?? null));
  for (const [i, start] of starts.entries()) {
    await connection.run(INSERT_RANGE_SQL, [start, starts[i + 1] ?? null], [VARCHAR, VARCHAR]);
  }
  // Without it a lookup decompresses whole vectors of the packed columns (50 ms at 1 M customers);
  // with it, it fetches one row (under 1 ms).
  await connection.run('CREATE INDEX customer_histories_id ON customer_histories (customer_id)');
}

/**
 * The packed columns a scope reads: only its tables' (SQL narrows what is read); each table's rows
 * are packed in the column of the same name.
 */
function columnsFor(scope: HistoryScope): string {
  return ['customer', ...historyTables.filter((t) => scope.tables.includes(t))].join(', ');
}

export async function readHistory(
  connection: DuckDBConnection,
  reference: HistoryReference,
  customerId: string,
  scope: HistoryScope = wholeHistory,
): Promise<CustomerHistory | null> {
  const [row] = await queryRows(
    connection,
    `SELECT ${columnsFor(scope)} FROM customer_histories WHERE customer_id = $1`,
    [customerId],
    [VARCHAR],
  );
  return row === undefined ? null : (decodePacked([packedRow(row)], reference, scope)[0] ?? null);
}

const encoder = new TextEncoder();

/** Strings in UTF-8 byte order, as DuckDB compares VARCHAR. */
function byBytes(a: string, b: string): number {
  if (a === b) return 0;
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/**
 * The packed rows of those of `customerIds` that exist, in DuckDB's order of their ids: read
 * apart from `packedHistories` so a stream can read a chunk while it decodes the one before.
 */
export async function readPackedRows(
  connection: DuckDBConnection,
  customerIds: readonly string[],
  scope: HistoryScope = wholeHistory,
): Promise<PackedRow[]> {
  let first = customerIds[0];
  let last = first;
  if (first === undefined || last === undefined) return [];
  // DuckDB compares VARCHAR by bytes, which is not always the callers' order: bound by its own.
  for (const id of customerIds) {
    if (byBytes(id, first) < 0) first = id;
    if (byBytes(id, last) > 0) last = id;
  }
  const rows = await queryRows(
    connection,
    // The bounds let DuckDB skip the row groups outside the chunk before it reads a packed column.
    `SELECT customer_id, ${columnsFor(scope)} FROM customer_histories
     WHERE customer_id >= $2 AND customer_id <= $3
       AND customer_id IN (SELECT unnest($1::VARCHAR[])) ORDER BY customer_id`,
    [listValue([...customerIds]), first, last],
    [LIST(VARCHAR), VARCHAR, VARCHAR],
  );
  return rows.map(packedRow);
}

/** A packed row as text only: what another thread can be sent and decode. */
function packedRow(row: Row): PackedRow {
  return Object.fromEntries(
    Object.entries(row).map(([column, value]) => [column, toTextOrNull(value)]),
  );
}

const referenceTables = {
  products: z.array(product),
  stores: z.array(store),
  offers: z.array(offer),
  campaigns: z.array(campaign),
};

async function readTable<T>(
  connection: DuckDBConnection,
  table: 'products' | 'stores' | 'offers' | 'campaigns',
  schema: z.ZodType<T[]>,
): Promise<T[]> {
  const [row] = await queryRows(
    connection,
    `SELECT to_json(list(${jsonObject(table, 'r')} ORDER BY r.rowid))::VARCHAR AS rows FROM ${table} r`,
  );
  const text = toTextOrNull(row?.rows ?? null);
  return text === null ? [] : schema.parse(JSON.parse(text));
}

/** The reference rows histories point to, read whole (thousands of rows, not millions). */
export async function readHistoryReference(
  connection: DuckDBConnection,
): Promise<HistoryReference> {
  const [products, stores, offers, campaigns] = [
    await readTable(connection, 'products', referenceTables.products),
    await readTable(connection, 'stores', referenceTables.stores),
    await readTable(connection, 'offers', referenceTables.offers),
    await readTable(connection, 'campaigns', referenceTables.campaigns),
  ];
  return historyReference({ products, stores, offers, campaigns });
}
