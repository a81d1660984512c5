// Customers' histories out of DuckDB. After each load, `customer_histories` packs each customer's
// rows into one row (one JSON array per table, rows in load order), physically in customer id order:
// one customer is one point read, a chunk of customers one range of rows, whatever the number of
// tables. The reference rows histories point to (products, stores, offers, campaigns) are read once
// per load. Rows are cut to the asked scope here; what they mean is the domain's
// (src/domain/profile/history.ts). See docs/decisions/011-customer-history.md.
import { LIST, VARCHAR, listValue, type DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import {
  assembleHistory,
  historyReference,
  historyTables,
  wholeHistory,
  type CustomerHistory,
  type HistoryReference,
  type HistoryRows,
  type HistoryScope,
  type HistoryTable,
} from '../../src/domain/profile/history.ts';
import {
  campaign,
  consent,
  customer,
  event,
  identity,
  message,
  offer,
  offerResponse,
  order,
  orderLine,
  preference,
  product,
  store,
} from '../../src/domain/profile/schema.ts';
import { jsonObject } from './duckdb-schema.ts';
import { queryRows, toText, toTextOrNull, type Row } from './duckdb-values.ts';

/** The packed column of each history table. */
const packedColumn: Record<HistoryTable, string> = {
  identities: 'identities',
  consents: 'consents',
  preferences: 'preferences',
  orders: 'orders',
  events: 'events',
  messages: 'messages',
  offer_responses: 'offer_responses',
};

/** Each customer table's rows as one JSON array per customer, in load order. */
function packed(table: Exclude<HistoryTable, 'orders'>): string {
  return `SELECT customer_id, to_json(list(${jsonObject(table, 'r')} ORDER BY r.rowid))::VARCHAR AS rows
    FROM ${table} r GROUP BY customer_id`;
}

/** (Re)builds `customer_histories` from the loaded tables. */
export const HISTORY_TABLE_SQL = `
  CREATE OR REPLACE TABLE customer_histories AS
  WITH
    ln AS (SELECT order_id, to_json(list(${jsonObject('order_lines', 'l')} ORDER BY l.rowid)) AS lines
           FROM order_lines l GROUP BY order_id),
    o AS (SELECT r.customer_id, to_json(list(json_object('order', ${jsonObject('orders', 'r')},
            'lines', coalesce(ln.lines, '[]'::JSON)) ORDER BY r.rowid))::VARCHAR AS rows
          FROM orders r LEFT JOIN ln ON ln.order_id = r.order_id GROUP BY r.customer_id),
    i AS (${packed('identities')}),
    k AS (${packed('consents')}),
    p AS (${packed('preferences')}),
    e AS (${packed('events')}),
    m AS (${packed('messages')}),
    x AS (${packed('offer_responses')})
  SELECT c.customer_id, ${jsonObject('customers', 'c')}::VARCHAR AS customer,
    i.rows AS identities, k.rows AS consents, p.rows AS preferences, o.rows AS orders,
    e.rows AS events, m.rows AS messages, x.rows AS offer_responses
  FROM customers c
  LEFT JOIN i ON i.customer_id = c.customer_id
  LEFT JOIN k ON k.customer_id = c.customer_id
  LEFT JOIN p ON p.customer_id = c.customer_id
  LEFT JOIN o ON o.customer_id = c.customer_id
  LEFT JOIN e ON e.customer_id = c.customer_id
  LEFT JOIN m ON m.customer_id = c.customer_id
  LEFT JOIN x ON x.customer_id = c.customer_id
  ORDER BY c.customer_id`;

export async function buildHistoryTable(connection: DuckDBConnection): Promise<void> {
  await connection.run(HISTORY_TABLE_SQL);
}

const packedRows = {
  identities: z.array(identity),
  consents: z.array(consent),
  preferences: z.array(preference),
  orders: z.array(z.object({ order, lines: z.array(orderLine) })),
  events: z.array(event),
  messages: z.array(message),
  offer_responses: z.array(offerResponse),
};

function rowsOf<T>(
  row: Row,
  table: HistoryTable,
  scope: HistoryScope,
  schema: z.ZodType<T[]>,
): T[] {
  if (!scope.tables.includes(table)) return [];
  const text = toTextOrNull(row[packedColumn[table]] ?? null);
  return text === null ? [] : schema.parse(JSON.parse(text));
}

/** One packed row as the customer's rows (tables outside the scope left empty). */
function historyRows(row: Row, scope: HistoryScope): HistoryRows {
  return {
    customer: customer.parse(JSON.parse(toText(row.customer ?? null))),
    identities: rowsOf(row, 'identities', scope, packedRows.identities),
    consents: rowsOf(row, 'consents', scope, packedRows.consents),
    preferences: rowsOf(row, 'preferences', scope, packedRows.preferences),
    orders: rowsOf(row, 'orders', scope, packedRows.orders),
    events: rowsOf(row, 'events', scope, packedRows.events),
    messages: rowsOf(row, 'messages', scope, packedRows.messages),
    offerResponses: rowsOf(row, 'offer_responses', scope, packedRows.offer_responses),
  };
}

/** The packed columns a scope reads: only its tables' (SQL narrows what is read). */
function columnsFor(scope: HistoryScope): string {
  return [
    'customer',
    ...historyTables.filter((t) => scope.tables.includes(t)).map((t) => packedColumn[t]),
  ].join(', ');
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
  return row === undefined ? null : assembleHistory(historyRows(row, scope), reference, scope);
}

/** The histories of `customerIds` (sorted, distinct) that exist, in customer id order. */
export async function readHistories(
  connection: DuckDBConnection,
  reference: HistoryReference,
  customerIds: readonly string[],
  scope: HistoryScope = wholeHistory,
): Promise<CustomerHistory[]> {
  if (customerIds.length === 0) return [];
  const rows = await queryRows(
    connection,
    `SELECT ${columnsFor(scope)} FROM customer_histories
     WHERE customer_id IN (SELECT unnest($1::VARCHAR[])) ORDER BY customer_id`,
    [listValue([...customerIds])],
    [LIST(VARCHAR)],
  );
  return rows.map((row) => assembleHistory(historyRows(row, scope), reference, scope));
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
