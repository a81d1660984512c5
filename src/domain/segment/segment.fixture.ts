// Builders the segment tests share (evaluate.test.ts, trace.test.ts): one customer's rows as
// evaluation facts, each row complete with overrides, and the definition nodes they are tested with.
import { NO_CROSS_PROFILE, type CrossProfile } from '../profile/cross-profile.ts';
import type {
  Consent,
  Customer,
  CustomerEvent,
  Order,
  OrderLine,
  Product,
} from '../profile/schema.ts';
import type {
  Comparison,
  Condition,
  Group,
  SegmentDefinition,
  SegmentNode,
  TimeWindow,
} from './definition.ts';
import { eventFacts, instantMs, type CustomerFacts, type EvaluationContext } from './facts.ts';

/** "Today" for the segment tests. */
export const AS_OF = '2026-11-16T00:00:00.000Z';
export const DAY = 86_400_000;
export const asOfMs = Date.parse(AS_OF);
/** The instant `days` days before AS_OF, plus `extraMs`. */
export const daysAgo = (days: number, extraMs = 0) =>
  new Date(asOfMs - days * DAY + extraMs).toISOString();

export const customer = (over: Partial<Customer> = {}): Customer => ({
  customer_id: 'C1',
  first_name: 'Élodie',
  last_name: 'Marchand',
  email: 'elodie@example.fr',
  phone: '+33 6 12 34 56 78',
  gender: 'female',
  birth_date: '1980-04-02',
  city: 'Saint-Étienne',
  postcode: '42000',
  country: 'FR',
  loyalty_tier: 'gold',
  created_at: '2023-02-01T10:00:00.000Z',
  language: 'fr',
  ...over,
});

export const product = (over: Partial<Product> = {}): Product => ({
  sku: 'BR-1',
  title: 'Coffret',
  category: 'films',
  subcategory: 'fantasy',
  brand: 'Warner',
  format: 'blu_ray',
  price_cents: 1000,
  currency: 'EUR',
  launched_at: '2022-01-01T00:00:00.000Z',
  requires: null,
  work_id: null,
  online_stock: 1,
  discontinued: false,
  ...over,
});

export const order = (over: Partial<Order> = {}): Order => ({
  order_id: 'O1',
  customer_id: 'C1',
  channel: 'store',
  store_id: 'S01',
  placed_at: daysAgo(10),
  status: 'completed',
  promo_code: null,
  payment_method: 'card',
  currency: 'EUR',
  total_cents: 1000,
  ...over,
});

export const line = (over: Partial<OrderLine> = {}): OrderLine => ({
  order_id: 'O1',
  line_no: 1,
  sku: 'BR-1',
  qty: 1,
  unit_price_cents: 1000,
  discount_cents: 0,
  ...over,
});

export const event = (over: Partial<CustomerEvent> = {}): CustomerEvent => ({
  event_id: 'E1',
  customer_id: 'C1',
  type: 'review',
  channel: 'web',
  at: daysAgo(5),
  properties: {},
  ...over,
});

export const consent = (over: Partial<Consent> = {}): Consent => ({
  consent_id: 'K1',
  customer_id: 'C1',
  channel: 'email',
  purpose: 'marketing',
  status: 'granted',
  at: '2025-01-01T00:00:00.000Z',
  source: 'web',
  ...over,
});

/** One customer's rows, each given by what differs from the builders' defaults. */
export interface Rows {
  customer?: Partial<Customer>;
  orders?: {
    order: Partial<Order>;
    /** A line's product is the default one unless given; null when the catalogue lacks it. */
    lines?: { line?: Partial<OrderLine>; product?: Product | null }[];
  }[];
  events?: Partial<CustomerEvent>[];
  consents?: Partial<Consent>[];
  scores?: [string, number | string | null][];
  crossProfile?: Partial<CrossProfile>;
}

export function facts(rows: Rows = {}): CustomerFacts {
  return {
    customer: customer(rows.customer),
    orders: (rows.orders ?? []).map((o) => {
      const built = order(o.order);
      return {
        order: built,
        lines: (o.lines ?? []).map((l) => ({
          line: line(l.line),
          product: l.product === undefined ? product() : l.product,
        })),
        store: null,
        placedMs: instantMs(built.placed_at),
      };
    }),
    ...eventFacts((rows.events ?? []).map(event)),
    consents: (rows.consents ?? []).map(consent),
    scores: new Map(rows.scores ?? []),
    crossProfile: { ...NO_CROSS_PROFILE, ...rows.crossProfile },
  };
}

export const context: EvaluationContext = { asOf: AS_OF, segments: new Map() };

export function group(id: string, children: SegmentNode[], over: Partial<Group> = {}): Group {
  return { id, kind: 'group', negate: false, combinator: 'and', children, ...over };
}

/** A definition whose root ANDs `children`. */
export function definition(...children: SegmentNode[]): SegmentDefinition {
  return { version: 1, root: group('root', children) };
}

export const attr = (field: string, t: Comparison, negate = false): Condition => ({
  id: 'a',
  kind: 'attribute',
  negate,
  field,
  test: t,
});

export const aggregate = (
  measure: Extract<Condition, { kind: 'aggregate' }>['measure'],
  t: Comparison,
  window: TimeWindow = { type: 'ever' },
): Condition => ({ id: 'g', kind: 'aggregate', negate: false, measure, window, test: t });
