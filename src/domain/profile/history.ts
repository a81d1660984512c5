// One customer's history: their rows from every customer table, with the reference rows those rows
// point to resolved in place (a line's product, an order's store, a message's campaign and offer, a
// response's offer). Everything Tact computes per customer — the profile, the timeline, and later
// the personalisation context, recommendations and guardrail verdicts — is a pure function of it;
// stores only supply histories (docs/decisions/011-customer-history.md).
import type {
  Campaign,
  Consent,
  Customer,
  CustomerEvent,
  Dataset,
  Identity,
  Message,
  Offer,
  OfferResponse,
  Order,
  OrderLine,
  Preference,
  Product,
  Store,
} from './schema.ts';

export interface HistoryLine {
  line: OrderLine;
  /** null when the line's sku is not in the catalogue. */
  product: Product | null;
}

export interface HistoryOrder {
  order: Order;
  /** By line number. */
  lines: readonly HistoryLine[];
  /** null for an order placed outside a store, or in a store not in the reference table. */
  store: Store | null;
}

export interface HistoryMessage {
  message: Message;
  campaign: Campaign | null;
  offer: Offer | null;
}

export interface HistoryResponse {
  response: OfferResponse;
  offer: Offer | null;
}

/** The tables a history can hold besides the customer row, which every history has. */
export const historyTables = [
  'identities',
  'consents',
  'preferences',
  'orders',
  'events',
  'messages',
  'offer_responses',
] as const;
export type HistoryTable = (typeof historyTables)[number];

/**
 * What a history holds: every table or some, every row or those at or after `since`. A function
 * that needs more than it was given says so (`requireScope`) rather than answer from part of it.
 * Identities, consents and preferences are never cut by `since`: they are states, not events.
 */
export interface HistoryScope {
  tables: readonly HistoryTable[];
  /** ISO instant; null for the whole history. Cuts orders, events, messages and responses. */
  since: string | null;
}

export const wholeHistory: HistoryScope = { tables: historyTables, since: null };

/**
 * Rows of each table in the order they were recorded (the load order), which is what ties are
 * broken by wherever a function sorts them. A value: read-only, so a store may hand out rows it
 * keeps (the memory store does) and no reader can change another's.
 */
export interface CustomerHistory {
  readonly customer: Customer;
  readonly scope: HistoryScope;
  readonly identities: readonly Identity[];
  readonly consents: readonly Consent[];
  readonly preferences: readonly Preference[];
  readonly orders: readonly HistoryOrder[];
  readonly events: readonly CustomerEvent[];
  readonly messages: readonly HistoryMessage[];
  readonly offerResponses: readonly HistoryResponse[];
}

/** The rows a history holds, its customer's row and each order's lines included. */
export function historyRowCount(history: CustomerHistory): number {
  let lines = 0;
  for (const o of history.orders) lines += o.lines.length;
  return (
    1 +
    history.identities.length +
    history.consents.length +
    history.preferences.length +
    history.orders.length +
    lines +
    history.events.length +
    history.messages.length +
    history.offerResponses.length
  );
}

/** Answers what a history is missing for a computation that needs `tables` whole, or null. */
export function missingScope(
  history: CustomerHistory,
  tables: readonly HistoryTable[],
): string | null {
  const absent = tables.filter((t) => !history.scope.tables.includes(t));
  if (absent.length > 0) return `the history lacks ${absent.join(', ')}`;
  if (history.scope.since !== null) return `the history starts at ${history.scope.since}`;
  return null;
}

/** Throws when the history does not hold `tables` whole: a partial answer would look complete. */
export function requireScope(history: CustomerHistory, tables: readonly HistoryTable[]): void {
  const missing = missingScope(history, tables);
  if (missing !== null) throw new Error(`Customer ${history.customer.customer_id}: ${missing}.`);
}

/** The reference rows histories point to, by key. */
export interface HistoryReference {
  products: ReadonlyMap<string, Product>;
  stores: ReadonlyMap<string, Store>;
  offers: ReadonlyMap<string, Offer>;
  campaigns: ReadonlyMap<string, Campaign>;
}

export function historyReference(
  dataset: Pick<Dataset, 'products' | 'stores' | 'offers' | 'campaigns'>,
): HistoryReference {
  return {
    products: new Map(dataset.products.map((p) => [p.sku, p])),
    stores: new Map(dataset.stores.map((s) => [s.store_id, s])),
    offers: new Map(dataset.offers.map((o) => [o.offer_id, o])),
    campaigns: new Map(dataset.campaigns.map((c) => [c.campaign_id, c])),
  };
}

/** A customer's own rows, before their references are resolved. */
export interface HistoryRows {
  customer: Customer;
  identities: readonly Identity[];
  consents: readonly Consent[];
  preferences: readonly Preference[];
  /** Each order with its lines in any order. */
  orders: readonly { order: Order; lines: readonly OrderLine[] }[];
  events: readonly CustomerEvent[];
  messages: readonly Message[];
  offerResponses: readonly OfferResponse[];
}

/** Lines by number; most orders come in that order already, and are not copied. */
function inLineOrder(lines: readonly OrderLine[]): readonly OrderLine[] {
  for (let i = 1; i < lines.length; i += 1) {
    if ((lines[i - 1]?.line_no ?? 0) > (lines[i]?.line_no ?? 0))
      return [...lines].sort((a, b) => a.line_no - b.line_no);
  }
  return lines;
}

/**
 * A history from a customer's rows: references resolved, lines by number, and the scope applied
 * (tables outside it left empty, dated rows before `since` dropped).
 */
export function assembleHistory(
  rows: HistoryRows,
  reference: HistoryReference,
  scope: HistoryScope = wholeHistory,
): CustomerHistory {
  const has = (t: HistoryTable) => scope.tables.includes(t);
  const since = scope.since;
  // Rows are shared, not copied: a history is read-only.
  const recent = <T>(list: readonly T[], at: (row: T) => string): readonly T[] =>
    since === null ? list : list.filter((row) => at(row) >= since);
  return {
    customer: rows.customer,
    scope,
    identities: has('identities') ? rows.identities : [],
    consents: has('consents') ? rows.consents : [],
    preferences: has('preferences') ? rows.preferences : [],
    orders: has('orders')
      ? recent(rows.orders, (o) => o.order.placed_at).map(({ order, lines }) => ({
          order,
          lines: inLineOrder(lines).map((line) => ({
            line,
            product: reference.products.get(line.sku) ?? null,
          })),
          store: order.store_id === null ? null : (reference.stores.get(order.store_id) ?? null),
        }))
      : [],
    events: has('events') ? recent(rows.events, (e) => e.at) : [],
    messages: has('messages')
      ? recent(rows.messages, (m) => m.sent_at).map((message) => ({
          message,
          campaign: reference.campaigns.get(message.campaign_id) ?? null,
          offer:
            message.offer_id === null ? null : (reference.offers.get(message.offer_id) ?? null),
        }))
      : [],
    offerResponses: has('offer_responses')
      ? recent(rows.offerResponses, (r) => r.at).map((response) => ({
          response,
          offer: reference.offers.get(response.offer_id) ?? null,
        }))
      : [],
  };
}

/** Rows by a key, each list in the rows' order. */
export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

const none: never[] = [];

/** Each customer's rows from a whole dataset, by customer id, rows in the dataset's order. */
export function historyRowsOf(dataset: Dataset): Map<string, HistoryRows> {
  const identities = groupBy(dataset.identities, (r) => r.customer_id);
  const consents = groupBy(dataset.consents, (r) => r.customer_id);
  const preferences = groupBy(dataset.preferences, (r) => r.customer_id);
  const lines = groupBy(dataset.order_lines, (r) => r.order_id);
  const orders = groupBy(dataset.orders, (r) => r.customer_id);
  const events = groupBy(dataset.events, (r) => r.customer_id);
  const messages = groupBy(dataset.messages, (r) => r.customer_id);
  const responses = groupBy(dataset.offer_responses, (r) => r.customer_id);
  const out = new Map<string, HistoryRows>();
  for (const customer of dataset.customers) {
    const id = customer.customer_id;
    out.set(id, {
      customer,
      identities: identities.get(id) ?? none,
      consents: consents.get(id) ?? none,
      preferences: preferences.get(id) ?? none,
      orders: (orders.get(id) ?? none).map((order) => ({
        order,
        lines: lines.get(order.order_id) ?? none,
      })),
      events: events.get(id) ?? none,
      messages: messages.get(id) ?? none,
      offerResponses: responses.get(id) ?? none,
    });
  }
  return out;
}
