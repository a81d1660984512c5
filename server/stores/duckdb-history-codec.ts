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

/** Reads the tuple `row` of `table`, field by field, by column name. */
class Tuple {
  constructor(
    private readonly row: readonly unknown[],
    private readonly at: Readonly<Record<string, number>>,
  ) {}

  private value(name: string): unknown {
    const i = this.at[name];
    if (i === undefined) throw new PackedRowError(`No packed column ${name}.`);
    return this.row[i];
  }

  text(name: string): string {
    const v = this.value(name);
    return typeof v === 'string' ? v : bad(`${name} as text`, v);
  }

  textOrNull(name: string): string | null {
    const v = this.value(name);
    return v === null || typeof v === 'string' ? v : bad(`${name} as text or null`, v);
  }

  /** Instants are written by strftime as `YYYY-MM-DDTHH:MM:SS.mmmZ`. */
  instant(name: string): string {
    const v = this.value(name);
    return typeof v === 'string' && v.length === 24 && v.charCodeAt(23) === 90 // 'Z'
      ? v
      : bad(`${name} as an instant`, v);
  }

  dateOrNull(name: string): string | null {
    const v = this.value(name);
    return v === null || (typeof v === 'string' && v.length === 10)
      ? v
      : bad(`${name} as a date`, v);
  }

  int(name: string): number {
    const v = this.value(name);
    return typeof v === 'number' && Number.isInteger(v) ? v : bad(`${name} as an integer`, v);
  }

  oneOf<T extends string>(name: string, options: readonly T[]): T {
    const v = this.value(name);
    const found = options.find((o) => o === v);
    return found ?? bad(`${name} as one of ${options.join(', ')}`, v);
  }

  properties(name: string): Record<string, string | number | boolean> {
    const v = this.value(name);
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
}

function tuples(value: unknown): unknown[][] {
  if (!Array.isArray(value)) return bad('an array of rows', value);
  return value.map((row) => (Array.isArray(row) ? row : bad('a row as an array', row)));
}

const at = {
  customers: positions('customers'),
  identities: positions('identities'),
  consents: positions('consents'),
  preferences: positions('preferences'),
  orders: positions('orders'),
  order_lines: positions('order_lines'),
  events: positions('events'),
  messages: positions('messages'),
  offer_responses: positions('offer_responses'),
};

export function readCustomer(value: unknown): Customer {
  const t = new Tuple(Array.isArray(value) ? value : bad('a customer row', value), at.customers);
  return {
    customer_id: t.text('customer_id'),
    first_name: t.textOrNull('first_name'),
    last_name: t.textOrNull('last_name'),
    email: t.textOrNull('email'),
    phone: t.textOrNull('phone'),
    gender: t.oneOf('gender', gender.options),
    birth_date: t.dateOrNull('birth_date'),
    city: t.textOrNull('city'),
    postcode: t.textOrNull('postcode'),
    country: t.text('country'),
    loyalty_tier: t.oneOf('loyalty_tier', loyaltyTier.options),
    created_at: t.instant('created_at'),
    language: t.oneOf('language', language.options),
  };
}

export function readIdentities(value: unknown, customerId: string): Identity[] {
  return tuples(value).map((row) => {
    const t = new Tuple(row, at.identities);
    return {
      customer_id: customerId,
      kind: t.oneOf('kind', identityKind.options),
      value: t.text('value'),
      source: t.text('source'),
      first_seen: t.instant('first_seen'),
      last_seen: t.instant('last_seen'),
    };
  });
}

export function readConsents(value: unknown, customerId: string): Consent[] {
  return tuples(value).map((row) => {
    const t = new Tuple(row, at.consents);
    return {
      consent_id: t.text('consent_id'),
      customer_id: customerId,
      channel: t.oneOf('channel', consentChannel.options),
      purpose: t.oneOf('purpose', ['marketing'] as const),
      status: t.oneOf('status', consentStatus.options),
      at: t.instant('at'),
      source: t.oneOf('source', channel.options),
    };
  });
}

export function readPreferences(value: unknown, customerId: string): Preference[] {
  return tuples(value).map((row) => {
    const t = new Tuple(row, at.preferences);
    return {
      customer_id: customerId,
      topic: t.oneOf('topic', preferenceTopic.options),
      value: t.text('value'),
      stated_at: t.instant('stated_at'),
      source: t.oneOf('source', channel.options),
    };
  });
}

function readLines(value: unknown, orderId: string): OrderLine[] {
  return tuples(value).map((row) => {
    const t = new Tuple(row, at.order_lines);
    return {
      order_id: orderId,
      line_no: t.int('line_no'),
      sku: t.text('sku'),
      qty: t.int('qty'),
      unit_price_cents: t.int('unit_price_cents'),
      discount_cents: t.int('discount_cents'),
    };
  });
}

/** Orders are packed as `[order tuple, [line tuples]]`. */
export function readOrders(
  value: unknown,
  customerId: string,
): { order: Order; lines: OrderLine[] }[] {
  return tuples(value).map(([head, lines]) => {
    const t = new Tuple(Array.isArray(head) ? head : bad('an order row', head), at.orders);
    const order: Order = {
      order_id: t.text('order_id'),
      customer_id: customerId,
      channel: t.oneOf('channel', orderChannel.options),
      store_id: t.textOrNull('store_id'),
      placed_at: t.instant('placed_at'),
      status: t.oneOf('status', orderStatus.options),
      promo_code: t.textOrNull('promo_code'),
      payment_method: t.oneOf('payment_method', paymentMethod.options),
      currency: t.oneOf('currency', currency.options),
      total_cents: t.int('total_cents'),
    };
    return { order, lines: readLines(lines, order.order_id) };
  });
}

export function readEvents(value: unknown, customerId: string): CustomerEvent[] {
  return tuples(value).map((row) => {
    const t = new Tuple(row, at.events);
    return {
      event_id: t.text('event_id'),
      customer_id: customerId,
      type: t.oneOf('type', eventType.options),
      channel: t.oneOf('channel', channel.options),
      at: t.instant('at'),
      properties: t.properties('properties'),
    };
  });
}

export function readMessages(value: unknown, customerId: string): Message[] {
  return tuples(value).map((row) => {
    const t = new Tuple(row, at.messages);
    return {
      message_id: t.text('message_id'),
      customer_id: customerId,
      campaign_id: t.text('campaign_id'),
      channel: t.oneOf('channel', messageChannel.options),
      sent_at: t.instant('sent_at'),
      status: t.oneOf('status', messageStatus.options),
      offer_id: t.textOrNull('offer_id'),
    };
  });
}

export function readResponses(value: unknown, customerId: string): OfferResponse[] {
  return tuples(value).map((row) => {
    const t = new Tuple(row, at.offer_responses);
    return {
      response_id: t.text('response_id'),
      customer_id: customerId,
      offer_id: t.text('offer_id'),
      channel: t.oneOf('channel', channel.options),
      response: t.oneOf('response', ['accepted', 'declined'] as const),
      at: t.instant('at'),
    };
  });
}
