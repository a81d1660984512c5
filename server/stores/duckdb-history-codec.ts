// How `customer_histories` packs rows, both ways: each row is a JSON array of its columns in schema
// order, without the columns its place implies (the customer id everywhere, the order id of a line
// nested under its order). A third of the size of JSON objects, and arrays are what JSON.parse reads
// fastest. The SQL that writes a tuple and the function that reads it take their column positions
// from the same list (duckdb-schema.ts `tables`), so the two cannot drift apart; reading checks
// every value's type and every enum (the file is outside the process: parse, never assume).
import {
  channel,
  consentChannel,
  consentStatus,
  currency,
  eventType,
  gender,
  identityKind,
  identityLinkRule,
  language,
  loyaltyTier,
  messageChannel,
  messageStatus,
  orderChannel,
  orderStatus,
  paymentMethod,
  preferenceTopic,
  type Consent,
  type Customer,
  type CustomerEvent,
  type Identity,
  type Message,
  type OfferResponse,
  type Order,
  type OrderLine,
  type Preference,
} from '../../src/domain/profile/schema.ts';
import { jsonExpression, tables, type ColumnSpec, type TableName } from './duckdb-schema.ts';

type PackedTable =
  | 'customers'
  | 'identities'
  | 'consents'
  | 'preferences'
  | 'orders'
  | 'order_lines'
  | 'events'
  | 'messages'
  | 'offer_responses';

/** Columns a packed row leaves out: its place in the history says them. */
const implied: Readonly<Record<PackedTable, readonly string[]>> = {
  customers: [],
  identities: ['customer_id'],
  consents: ['customer_id'],
  preferences: ['customer_id'],
  orders: ['customer_id'],
  order_lines: ['order_id'],
  events: ['customer_id'],
  messages: ['customer_id'],
  offer_responses: ['customer_id'],
};

function packedColumns(table: PackedTable): readonly ColumnSpec[] {
  return tables[table].filter((c) => !implied[table].includes(c.name));
}

/** `json_array(…)` of one row of `table` aliased `alias`: the packed tuple. */
export function tupleSql(table: PackedTable & TableName, alias: string): string {
  return `json_array(${packedColumns(table)
    .map((c) => jsonExpression(c, alias))
    .join(', ')})`;
}

/** Position of each packed column in the tuple. */
function positions(table: PackedTable): Readonly<Record<string, number>> {
  return Object.fromEntries(packedColumns(table).map((c, i) => [c.name, i]));
}

class PackedRowError extends Error {}

function bad(what: string, value: unknown): never {
  throw new PackedRowError(
    `customer_histories holds a malformed row: expected ${what}, got ${JSON.stringify(value)}`,
  );
}

/** The position of each column of a packed table, checked once: rows are read by position. */
function indexer(table: PackedTable): (name: string) => number {
  const at = positions(table);
  return (name) => {
    const i = at[name];
    if (i === undefined) throw new PackedRowError(`No packed column ${table}.${name}.`);
    return i;
  };
}

const text = (v: unknown, name: string): string =>
  typeof v === 'string' ? v : bad(`${name} as text`, v);

const textOrNull = (v: unknown, name: string): string | null =>
  v === null || typeof v === 'string' ? v : bad(`${name} as text or null`, v);

/** Instants are written by strftime as `YYYY-MM-DDTHH:MM:SS.mmmZ`. */
const instant = (v: unknown, name: string): string =>
  typeof v === 'string' && v.length === 24 && v.charCodeAt(23) === 90 // 'Z'
    ? v
    : bad(`${name} as an instant`, v);

const dateOrNull = (v: unknown, name: string): string | null =>
  v === null || (typeof v === 'string' && v.length === 10) ? v : bad(`${name} as a date`, v);

const int = (v: unknown, name: string): number =>
  typeof v === 'number' && Number.isInteger(v) ? v : bad(`${name} as an integer`, v);

/** An enum's values by their text: one lookup per value, and it narrows to the enum's type. */
function oneOf<T extends string>(name: string, options: readonly T[]): (v: unknown) => T {
  const byText = new Map<unknown, T>(options.map((o) => [o, o]));
  return (v) => byText.get(v) ?? bad(`${name} as one of ${options.join(', ')}`, v);
}

function properties(v: unknown, name: string): Record<string, string | number | boolean> {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    return bad(`${name} as an object`, v);
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(v)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      out[key] = value;
    else bad(`${name}.${key} as a string, number or boolean`, value);
  }
  return out;
}

/** Each packed row of a table read by `read`, in one pass. */
function mapRows<T>(value: unknown, read: (row: readonly unknown[]) => T): T[] {
  if (!Array.isArray(value)) return bad('an array of rows', value);
  const out: T[] = [];
  for (const row of value) out.push(Array.isArray(row) ? read(row) : bad('a row as an array', row));
  return out;
}

const isChannel = oneOf('channel', channel.options);
const isSource = oneOf('source', channel.options);

const C = indexer('customers');
const customerAt = {
  id: C('customer_id'),
  first: C('first_name'),
  last: C('last_name'),
  email: C('email'),
  phone: C('phone'),
  gender: C('gender'),
  birth: C('birth_date'),
  city: C('city'),
  postcode: C('postcode'),
  country: C('country'),
  tier: C('loyalty_tier'),
  created: C('created_at'),
  language: C('language'),
};
const isGender = oneOf('gender', gender.options);
const isTier = oneOf('loyalty_tier', loyaltyTier.options);
const isLanguage = oneOf('language', language.options);

export function readCustomer(value: unknown): Customer {
  const r = Array.isArray(value) ? value : bad('a customer row', value);
  const at = customerAt;
  return {
    customer_id: text(r[at.id], 'customer_id'),
    first_name: textOrNull(r[at.first], 'first_name'),
    last_name: textOrNull(r[at.last], 'last_name'),
    email: textOrNull(r[at.email], 'email'),
    phone: textOrNull(r[at.phone], 'phone'),
    gender: isGender(r[at.gender]),
    birth_date: dateOrNull(r[at.birth], 'birth_date'),
    city: textOrNull(r[at.city], 'city'),
    postcode: textOrNull(r[at.postcode], 'postcode'),
    country: text(r[at.country], 'country'),
    loyalty_tier: isTier(r[at.tier]),
    created_at: instant(r[at.created], 'created_at'),
    language: isLanguage(r[at.language]),
  };
}

const I = indexer('identities');
const identityAt = {
  kind: I('kind'),
  value: I('value'),
  source: I('source'),
  first: I('first_seen'),
  last: I('last_seen'),
  record: I('record_id'),
  linkedBy: I('linked_by'),
};
const isIdentityKind = oneOf('kind', identityKind.options);
const isLinkRule = oneOf('linked_by', identityLinkRule.options);

export function readIdentities(value: unknown, customerId: string): Identity[] {
  const at = identityAt;
  return mapRows(value, (r) => ({
    customer_id: customerId,
    kind: isIdentityKind(r[at.kind]),
    value: text(r[at.value], 'value'),
    source: text(r[at.source], 'source'),
    first_seen: instant(r[at.first], 'first_seen'),
    last_seen: instant(r[at.last], 'last_seen'),
    record_id: textOrNull(r[at.record], 'record_id'),
    linked_by: r[at.linkedBy] === null ? null : isLinkRule(r[at.linkedBy]),
  }));
}

const K = indexer('consents');
const consentAt = {
  id: K('consent_id'),
  channel: K('channel'),
  purpose: K('purpose'),
  status: K('status'),
  at: K('at'),
  source: K('source'),
};
const isConsentChannel = oneOf('channel', consentChannel.options);
const isPurpose = oneOf('purpose', ['marketing'] as const);
const isConsentStatus = oneOf('status', consentStatus.options);

export function readConsents(value: unknown, customerId: string): Consent[] {
  const at = consentAt;
  return mapRows(value, (r) => ({
    consent_id: text(r[at.id], 'consent_id'),
    customer_id: customerId,
    channel: isConsentChannel(r[at.channel]),
    purpose: isPurpose(r[at.purpose]),
    status: isConsentStatus(r[at.status]),
    at: instant(r[at.at], 'at'),
    source: isSource(r[at.source]),
  }));
}

const P = indexer('preferences');
const preferenceAt = {
  topic: P('topic'),
  value: P('value'),
  stated: P('stated_at'),
  source: P('source'),
};
const isTopic = oneOf('topic', preferenceTopic.options);

export function readPreferences(value: unknown, customerId: string): Preference[] {
  const at = preferenceAt;
  return mapRows(value, (r) => ({
    customer_id: customerId,
    topic: isTopic(r[at.topic]),
    value: text(r[at.value], 'value'),
    stated_at: instant(r[at.stated], 'stated_at'),
    source: isSource(r[at.source]),
  }));
}

const L = indexer('order_lines');
const lineAt = {
  no: L('line_no'),
  sku: L('sku'),
  qty: L('qty'),
  price: L('unit_price_cents'),
  discount: L('discount_cents'),
};

function readLines(value: unknown, orderId: string): OrderLine[] {
  const at = lineAt;
  return mapRows(value, (r) => ({
    order_id: orderId,
    line_no: int(r[at.no], 'line_no'),
    sku: text(r[at.sku], 'sku'),
    qty: int(r[at.qty], 'qty'),
    unit_price_cents: int(r[at.price], 'unit_price_cents'),
    discount_cents: int(r[at.discount], 'discount_cents'),
  }));
}

const O = indexer('orders');
const orderAt = {
  id: O('order_id'),
  channel: O('channel'),
  store: O('store_id'),
  placed: O('placed_at'),
  status: O('status'),
  promo: O('promo_code'),
  payment: O('payment_method'),
  currency: O('currency'),
  total: O('total_cents'),
};
const isOrderChannel = oneOf('channel', orderChannel.options);
const isOrderStatus = oneOf('status', orderStatus.options);
const isPayment = oneOf('payment_method', paymentMethod.options);
const isCurrency = oneOf('currency', currency.options);

/** Orders are packed as `[order tuple, [line tuples]]`. */
export function readOrders(
  value: unknown,
  customerId: string,
): { order: Order; lines: OrderLine[] }[] {
  const at = orderAt;
  return mapRows(value, ([head, lines]) => {
    const r = Array.isArray(head) ? head : bad('an order row', head);
    const order: Order = {
      order_id: text(r[at.id], 'order_id'),
      customer_id: customerId,
      channel: isOrderChannel(r[at.channel]),
      store_id: textOrNull(r[at.store], 'store_id'),
      placed_at: instant(r[at.placed], 'placed_at'),
      status: isOrderStatus(r[at.status]),
      promo_code: textOrNull(r[at.promo], 'promo_code'),
      payment_method: isPayment(r[at.payment]),
      currency: isCurrency(r[at.currency]),
      total_cents: int(r[at.total], 'total_cents'),
    };
    return { order, lines: readLines(lines, order.order_id) };
  });
}

const E = indexer('events');
const eventAt = {
  id: E('event_id'),
  type: E('type'),
  channel: E('channel'),
  at: E('at'),
  properties: E('properties'),
};
const isEventType = oneOf('type', eventType.options);

export function readEvents(value: unknown, customerId: string): CustomerEvent[] {
  const at = eventAt;
  return mapRows(value, (r) => ({
    event_id: text(r[at.id], 'event_id'),
    customer_id: customerId,
    type: isEventType(r[at.type]),
    channel: isChannel(r[at.channel]),
    at: instant(r[at.at], 'at'),
    properties: properties(r[at.properties], 'properties'),
  }));
}

const M = indexer('messages');
const messageAt = {
  id: M('message_id'),
  campaign: M('campaign_id'),
  channel: M('channel'),
  sent: M('sent_at'),
  status: M('status'),
  offer: M('offer_id'),
};
const isMessageChannel = oneOf('channel', messageChannel.options);
const isMessageStatus = oneOf('status', messageStatus.options);

export function readMessages(value: unknown, customerId: string): Message[] {
  const at = messageAt;
  return mapRows(value, (r) => ({
    message_id: text(r[at.id], 'message_id'),
    customer_id: customerId,
    campaign_id: text(r[at.campaign], 'campaign_id'),
    channel: isMessageChannel(r[at.channel]),
    sent_at: instant(r[at.sent], 'sent_at'),
    status: isMessageStatus(r[at.status]),
    offer_id: textOrNull(r[at.offer], 'offer_id'),
  }));
}

const R = indexer('offer_responses');
const responseAt = {
  id: R('response_id'),
  offer: R('offer_id'),
  channel: R('channel'),
  response: R('response'),
  at: R('at'),
};
const isResponse = oneOf('response', ['accepted', 'declined'] as const);

export function readResponses(value: unknown, customerId: string): OfferResponse[] {
  const at = responseAt;
  return mapRows(value, (r) => ({
    response_id: text(r[at.id], 'response_id'),
    customer_id: customerId,
    offer_id: text(r[at.offer], 'offer_id'),
    channel: isChannel(r[at.channel]),
    response: isResponse(r[at.response]),
    at: instant(r[at.at], 'at'),
  }));
}
