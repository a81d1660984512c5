// Histories as `customer_histories` packs them (duckdb-history-codec.ts), decoded: one row of JSON
// text per customer, a column per table. Apart from DuckDB so that a worker thread can decode the
// rows the store read (the Node server's check workers) without loading the database.
import {
  assembleHistory,
  wholeHistory,
  type CustomerHistory,
  type HistoryReference,
  type HistoryRows,
  type HistoryScope,
  type HistoryTable,
} from '../../src/domain/profile/history.ts';
import {
  readConsents,
  readCustomer,
  readEvents,
  readIdentities,
  readMessages,
  readOrders,
  readPreferences,
  readResponses,
} from './duckdb-history-codec.ts';

/** One customer's packed row: `customer` and each table read, as JSON text (null: no rows). */
export type PackedRow = Readonly<Record<string, string | null>>;

function parsed(row: PackedRow, column: HistoryTable): unknown {
  const text = row[column] ?? null;
  return text === null ? [] : JSON.parse(text);
}

/** One packed row as the customer's rows (tables outside the scope left empty). */
function historyRows(row: PackedRow, scope: HistoryScope): HistoryRows {
  const text = row['customer'];
  if (typeof text !== 'string') throw new Error('A packed history has no customer row.');
  const customer = readCustomer(JSON.parse(text));
  const id = customer.customer_id;
  const has = (t: HistoryTable) => scope.tables.includes(t);
  return {
    customer,
    identities: has('identities') ? readIdentities(parsed(row, 'identities'), id) : [],
    consents: has('consents') ? readConsents(parsed(row, 'consents'), id) : [],
    preferences: has('preferences') ? readPreferences(parsed(row, 'preferences'), id) : [],
    orders: has('orders') ? readOrders(parsed(row, 'orders'), id) : [],
    events: has('events') ? readEvents(parsed(row, 'events'), id) : [],
    messages: has('messages') ? readMessages(parsed(row, 'messages'), id) : [],
    offerResponses: has('offer_responses') ? readResponses(parsed(row, 'offer_responses'), id) : [],
  };
}

/** The histories packed in `rows`, in their order. */
export function decodePacked(
  rows: readonly PackedRow[],
  reference: HistoryReference,
  scope: HistoryScope = wholeHistory,
): CustomerHistory[] {
  return rows.map((row) => assembleHistory(historyRows(row, scope), reference, scope));
}
