// What a segment definition can talk about: one customer's history indexed (CustomerFacts), the fields a
// condition may name (an allowlist drawn from the field catalogue, each with its type, its column
// and how JS reads it) and the instants a time window covers. The JS evaluator (evaluate.ts) and the
// SQL compiler (sql-tree.ts) both read these, so a field or a window cannot mean two things.
import { crossProfiles, NO_CROSS_PROFILE, type CrossProfile } from '../profile/cross-profile.ts';
import { DAY_MS, columnFields, type CatalogueType } from '../profile/catalogue.ts';
import {
  assembleHistory,
  historyReference,
  historyRowsOf,
  requireScope,
  type CustomerHistory,
  type HistoryLine,
  type HistoryOrder,
} from '../profile/history.ts';
import type { Customer, CustomerEvent, Dataset, Order } from '../profile/schema.ts';
import type { Comparison, SegmentDefinition, TimeWindow } from './definition.ts';

/** A line with its product, as the customer's history holds it. */
export type LineFacts = HistoryLine;

/** An order of the history, with its instant read once rather than per condition. */
export interface OrderFacts extends HistoryOrder {
  /** `order.placed_at` in epoch ms (NaN when unreadable). */
  placedMs: number;
}

/**
 * Everything the evaluator needs about one customer: the rows of their history (orders of every
 * status: it filters) indexed for conditions, and their scores. Built from a CustomerHistory, so
 * the evaluator reads the same rows every per-customer function reads.
 */
export interface CustomerFacts extends Pick<CustomerHistory, 'customer' | 'events' | 'consents'> {
  orders: OrderFacts[];
  /** Each event's `at` in epoch ms, by index of `events`. */
  eventMs: readonly number[];
  /** The indexes in `events` of each event type, in order. */
  eventsByType: ReadonlyMap<string, readonly number[]>;
  scores: ReadonlyMap<string, number | string | null>;
  /** What only the other profiles tell (profile/cross-profile.ts), supplied beside the history. */
  crossProfile: CrossProfile;
}

export interface EvaluationContext {
  /** "Today": the store's as-of instant (ISO). */
  asOf: string;
  /** Saved segments by id, for membership conditions. */
  segments: ReadonlyMap<string, SegmentDefinition>;
}

const noScores: ReadonlyMap<string, number | string | null> = new Map();

/** A customer's events with their instants and their indexes by type. */
export function eventFacts(
  events: readonly CustomerEvent[],
): Pick<CustomerFacts, 'events' | 'eventMs' | 'eventsByType'> {
  const eventsByType = new Map<string, number[]>();
  events.forEach((e, i) => {
    const list = eventsByType.get(e.type);
    if (list) list.push(i);
    else eventsByType.set(e.type, [i]);
  });
  return { events, eventMs: events.map((e) => instantMs(e.at)), eventsByType };
}

/** A history's facts: it must hold orders, events and consents whole. */
export function customerFacts(
  history: CustomerHistory,
  scores: ReadonlyMap<string, number | string | null>,
  crossProfile: CrossProfile,
): CustomerFacts {
  requireScope(history, ['orders', 'events', 'consents']);
  return {
    customer: history.customer,
    orders: history.orders.map((o) => ({ ...o, placedMs: instantMs(o.order.placed_at) })),
    ...eventFacts(history.events),
    consents: history.consents,
    scores,
    crossProfile,
  };
}

/**
 * The facts of each history, in the histories' order, with each customer's scores and
 * cross-profile facts (by customer id).
 */
export function factsOf(
  histories: Iterable<CustomerHistory>,
  scores: ReadonlyMap<string, ReadonlyMap<string, number | string | null>>,
  crossProfile: ReadonlyMap<string, CrossProfile>,
): CustomerFacts[] {
  return Array.from(histories, (h) =>
    customerFacts(
      h,
      scores.get(h.customer.customer_id) ?? noScores,
      crossProfile.get(h.customer.customer_id) ?? NO_CROSS_PROFILE,
    ),
  );
}

/** One CustomerFacts per customer of a whole dataset, in the dataset's order. */
export function buildFacts(
  dataset: Dataset,
  scores: ReadonlyMap<string, ReadonlyMap<string, number | string | null>> = new Map(),
): CustomerFacts[] {
  const reference = historyReference(dataset);
  return factsOf(
    Array.from(historyRowsOf(dataset).values(), (rows) => assembleHistory(rows, reference)),
    scores,
    crossProfiles(dataset),
  );
}

// ---------------------------------------------------------------- fields

/** A JSON scalar as a field holds it; null when missing. */
export type Scalar = string | number | boolean | null;

/** A field a condition may name: its catalogue id and type, where SQL finds it, how JS reads it. */
export interface FieldSource<Row> {
  id: string;
  type: CatalogueType;
  table: 'customers' | 'orders' | 'order_lines' | 'products';
  column: string;
  read: (row: Row) => Scalar;
}

type Readers<Row> = ReadonlyMap<string, (row: Row) => Scalar>;

const customerReaders: Readers<Customer> = new Map<string, (c: Customer) => Scalar>([
  ['first_name', (c) => c.first_name],
  ['last_name', (c) => c.last_name],
  ['email', (c) => c.email],
  ['phone', (c) => c.phone],
  ['gender', (c) => c.gender],
  ['birth_date', (c) => c.birth_date],
  ['city', (c) => c.city],
  ['postcode', (c) => c.postcode],
  ['country', (c) => c.country],
  ['loyalty_tier', (c) => c.loyalty_tier],
  ['created_at', (c) => c.created_at],
  ['language', (c) => c.language],
]);

const orderReaders: Readers<Order> = new Map<string, (o: Order) => Scalar>([
  ['channel', (o) => o.channel],
  ['store_id', (o) => o.store_id],
  ['status', (o) => o.status],
  ['promo_code', (o) => o.promo_code],
  ['payment_method', (o) => o.payment_method],
  ['placed_at', (o) => o.placed_at],
  ['total_cents', (o) => o.total_cents],
]);

/** Keyed `table.column`: line fields come from the line or from its product. */
const lineReaders: Readers<LineFacts> = new Map<string, (l: LineFacts) => Scalar>([
  ['order_lines.sku', (l) => l.line.sku],
  ['order_lines.qty', (l) => l.line.qty],
  ['order_lines.unit_price_cents', (l) => l.line.unit_price_cents],
  ['products.category', (l) => l.product?.category ?? null],
  ['products.subcategory', (l) => l.product?.subcategory ?? null],
  ['products.format', (l) => l.product?.format ?? null],
  ['products.brand', (l) => l.product?.brand ?? null],
]);

/** The catalogue's column fields of one group that we know how to read (a Map: no prototype keys). */
function sources<Row>(
  group: 'attribute' | 'order' | 'order_line',
  readers: Readers<Row>,
  key: (table: string, column: string) => string,
): ReadonlyMap<string, FieldSource<Row>> {
  const out = new Map<string, FieldSource<Row>>();
  for (const spec of columnFields) {
    if (spec.group !== group) continue;
    const read = readers.get(key(spec.table, spec.column));
    if (read) {
      out.set(spec.id, {
        id: spec.id,
        type: spec.type,
        table: spec.table,
        column: spec.column,
        read,
      });
    }
  }
  return out;
}

/** `customer.<column>`: attribute conditions. */
export const customerFields = sources('attribute', customerReaders, (_, column) => column);
/** `order.<column>`: filters of an order behaviour. */
export const orderFields = sources('order', orderReaders, (_, column) => column);
/** `line.<column>`: filters of an order behaviour, all held by one same line. */
export const lineFields = sources(
  'order_line',
  lineReaders,
  (table, column) => `${table}.${column}`,
);

/** Filters of an event behaviour name a property: `property.<name>` (any name, even empty). */
export const PROPERTY_PREFIX = 'property.';

export function propertyName(field: string): string | null {
  return field.startsWith(PROPERTY_PREFIX) ? field.slice(PROPERTY_PREFIX.length) : null;
}

/** An event property as a scalar: absent keys, JSON null and non-scalars are missing. */
export function propertyValue(properties: Readonly<Record<string, unknown>>, name: string): Scalar {
  if (!Object.hasOwn(properties, name)) return null;
  const v = properties[name];
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** How many levels of segment-in-segment are followed; deeper references match no one. */
export const MAX_MEMBERSHIP_DEPTH = 16;

export { MIN_PHONE_DIGITS, isValidPhone } from '../profile/catalogue.ts';

// ---------------------------------------------------------------- time

/** A span of instants in epoch ms: `from` ≤ t < `until`; ±Infinity when open. */
export interface TimeRange {
  from: number;
  until: number;
}

export const EVER: TimeRange = { from: -Infinity, until: Infinity };

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The instant a calendar date starts (00:00Z), or NaN. */
export function dayStart(date: string): number {
  return CALENDAR_DATE.test(date) ? Date.parse(`${date}T00:00:00.000Z`) : NaN;
}

/** A field's date or instant as epoch ms (a calendar date is its 00:00Z), or null. */
export function instantOf(value: Scalar): number | null {
  if (typeof value !== 'string') return null;
  const ms = CALENDAR_DATE.test(value) ? dayStart(value) : Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

function range(from: number, until: number): TimeRange | null {
  return Number.isNaN(from) || Number.isNaN(until) ? null : { from, until };
}

/** The whole UTC day of a calendar date. */
export function dayRange(date: string): TimeRange | null {
  const start = dayStart(date);
  return range(start, start + DAY_MS);
}

/** The last `days` days up to and including `asOf`. */
export function lastDaysRange(days: number, asOfMs: number): TimeRange | null {
  return range(asOfMs - days * DAY_MS, asOfMs + 1);
}

/** Both calendar dates included. */
export function betweenRange(from: string, to: string): TimeRange | null {
  return range(dayStart(from), dayStart(to) + DAY_MS);
}

/** `before` and `after` exclude their date. */
export function beforeRange(date: string): TimeRange | null {
  return range(-Infinity, dayStart(date));
}

export function afterRange(date: string): TimeRange | null {
  return range(dayStart(date) + DAY_MS, Infinity);
}

/** The instants a behaviour or aggregate window covers; null when it names an impossible date. */
export function windowRange(window: TimeWindow, asOfMs: number): TimeRange | null {
  switch (window.type) {
    case 'ever':
      return EVER;
    case 'last_days':
      return lastDaysRange(window.days, asOfMs);
    case 'between':
      return betweenRange(window.from, window.to);
    case 'before':
      return beforeRange(window.date);
    case 'after':
      return afterRange(window.date);
  }
}

/** The range a date comparison (before, after, between, in_last_days) tests, or null. */
export function comparisonRange(test: Comparison, asOfMs: number): TimeRange | null {
  switch (test.operator) {
    case 'before':
      return beforeRange(test.value);
    case 'after':
      return afterRange(test.value);
    case 'between':
      return typeof test.min === 'string' && typeof test.max === 'string'
        ? betweenRange(test.min, test.max)
        : null;
    case 'in_last_days':
    case 'not_in_last_days':
      return lastDaysRange(test.days, asOfMs);
    default:
      return null;
  }
}

export function inRange(ms: number, r: TimeRange): boolean {
  return r.from <= ms && ms < r.until;
}

export function isUnbounded(r: TimeRange): boolean {
  return r.from === -Infinity && r.until === Infinity;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function digits(text: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i += 1) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Epoch ms of an ISO instant, NaN when unreadable. The schema's own form
 * (`2026-03-01T09:30:00.000Z`) is read digit by digit, three times faster than Date.parse over the
 * million events of a large store; anything else goes through Date.parse.
 */
export function instantMs(iso: string): number {
  if (
    iso.length === 24 &&
    iso.charCodeAt(4) === 45 && // -
    iso.charCodeAt(7) === 45 &&
    iso.charCodeAt(10) === 84 && // T
    iso.charCodeAt(13) === 58 && // :
    iso.charCodeAt(16) === 58 &&
    iso.charCodeAt(19) === 46 && // .
    iso.charCodeAt(23) === 90 // Z
  ) {
    const year = digits(iso, 0, 4);
    const month = digits(iso, 5, 2);
    const day = digits(iso, 8, 2);
    const h = digits(iso, 11, 2);
    const m = digits(iso, 14, 2);
    const sec = digits(iso, 17, 2);
    const ms = digits(iso, 20, 3);
    // Date.UTC maps years 0–99 to 1900–1999 and rolls 30 February over: Date.parse judges those.
    if (
      year >= 100 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= daysInMonth(year, month) &&
      h < 24 &&
      m < 60 &&
      sec < 60
    ) {
      return Date.UTC(year, month - 1, day, h, m, sec, ms);
    }
  }
  return Date.parse(iso);
}
