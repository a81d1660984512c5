// Hand-made customers built to trip a segment engine up, appended to generated data by the segment
// differential tests: nulls and empty strings everywhere, unicode, orders and events exactly at
// the edges of the windows the tests draw, dangling products, half-even averages, tied favourite
// categories and consents, event properties of every JSON type under awkward names.
import type {
  Consent,
  Customer,
  CustomerEvent,
  Dataset,
  Identity,
  Order,
  OrderLine,
  Product,
} from '../../src/domain/profile/schema.ts';

const DAY = 86_400_000;

/** Windows (`last_days`, `in_last_days`) the tests draw, so that rows sit on their edges. */
export const EDGE_DAYS = [1, 7, 30, 90, 365] as const;
/** Calendar dates the tests draw for `between`, `before`, `after`; rows sit at their midnights. */
export const EDGE_DATES = ['2025-11-16', '2026-01-01', '2026-06-30', '2026-11-15'] as const;

/** Awkward event property names (each one key of the properties object). */
export const ODD_PROPERTY_NAMES = [
  'query.text',
  "it's",
  '',
  'a/b',
  '~',
  '__proto__',
  'say "hi"',
  'Élan',
] as const;

/** Values the adversarial events hold under those names. */
export const ODD_PROPERTY_VALUES = ['x', 'hi', 'élan', 'Élan', 'empty key', 1, -1, true] as const;

/** Products of our own, for ties and unknown formats; skus no generated product uses. */
export const EDGE_PRODUCTS: Product[] = [
  edgeProduct('ZZ-FILM', 'films', 'blu_ray', 'Warner'),
  edgeProduct('ZZ-BOOK', 'books', null, 'Éditions SS'),
  edgeProduct('ZZ-GAME', 'video_games', 'ps5', ''),
];

function edgeProduct(
  sku: string,
  category: Product['category'],
  format: string | null,
  brand: string,
): Product {
  return {
    sku,
    title: `Produit ${sku}`,
    category,
    subcategory: 'édition spéciale',
    brand,
    format,
    price_cents: 1000,
    currency: 'EUR',
    launched_at: '2020-01-01T00:00:00.000Z',
    requires: null,
    work_id: null,
    online_stock: 0,
    discontinued: false,
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Instants on and around every window edge for `asOf`. */
export function edgeInstants(asOf: string): string[] {
  const now = Date.parse(asOf);
  const out = [asOf, iso(now + 1), iso(now - 1)];
  for (const days of EDGE_DAYS) out.push(iso(now - days * DAY), iso(now - days * DAY - 1));
  for (const date of EDGE_DATES) {
    const midnight = Date.parse(`${date}T00:00:00.000Z`);
    out.push(iso(midnight), iso(midnight - 1), iso(midnight + DAY - 1), iso(midnight + DAY));
  }
  return out;
}

const base: Customer = {
  customer_id: 'X-00',
  first_name: 'Ana',
  last_name: 'Base',
  email: 'ana@example.fr',
  phone: '0612345678',
  gender: 'female',
  birth_date: '1990-01-01',
  city: 'Lyon',
  postcode: '69001',
  country: 'FR',
  loyalty_tier: 'none',
  created_at: '2024-01-01T00:00:00.000Z',
  language: 'fr',
};

/** The adversarial rows for a dataset whose as-of instant is `asOf`. */
export function adversarialRows(
  asOf: string,
): Pick<
  Dataset,
  'customers' | 'identities' | 'orders' | 'order_lines' | 'events' | 'consents' | 'products'
> {
  const edges = edgeInstants(asOf);
  const customers: Customer[] = [
    {
      ...base,
      customer_id: 'X-01',
      first_name: null,
      last_name: null,
      email: null,
      phone: null,
      birth_date: null,
      city: null,
      postcode: null,
    },
    {
      ...base,
      customer_id: 'X-02',
      first_name: '',
      last_name: '',
      email: '',
      phone: '',
      city: '',
      postcode: '',
    },
    {
      ...base,
      customer_id: 'X-03',
      first_name: 'Élodie',
      last_name: 'Zoë 🦆',
      email: 'élodie@exämple.fr',
      phone: '(06) 12.34-56 78',
      city: 'Straße',
      gender: 'unspecified',
      loyalty_tier: 'platinum',
      language: 'en',
      birth_date: EDGE_DATES[1],
      created_at: edges[0] ?? asOf,
    },
    {
      ...base,
      customer_id: 'X-04',
      first_name: 'ÉLODIE',
      last_name: "O'Brien",
      email: 'ana\u00a0x@example.fr',
      phone: '1234567',
      city: ' Lyon ',
      country: 'BE',
      birth_date: EDGE_DATES[2],
      created_at: iso(Date.parse(asOf) - 30 * DAY),
    },
    {
      ...base,
      customer_id: 'x-05',
      first_name: "'; DROP TABLE customers; --",
      last_name: '%_\\',
      email: 'zoe@example.fr',
      city: 'saint-étienne',
      gender: 'male',
      loyalty_tier: 'gold',
      created_at: iso(Date.parse(asOf) + 1),
    },
    { ...base, customer_id: 'X-06', city: 'SAINT-ÉTIENNE', first_name: 'Œdipe' },
    { ...base, customer_id: 'X-07', city: 'Lyon', first_name: '__proto__' },
    { ...base, customer_id: 'X-08', city: 'Paris', first_name: 'Demi' },
    { ...base, customer_id: 'X-09', city: 'Paris', first_name: 'Demi' },
    // Another profile's e-mail once trimmed (a no-break space too) and lower-cased, and the base
    // phone written with +33: duplicates; a short number shared by two is no phone to share.
    {
      ...base,
      customer_id: 'X-10',
      email: '\u00a0ANA@Example.FR ',
      phone: '+33 6 12 34 56 78',
    },
    { ...base, customer_id: 'X-11', email: 'solo@example.fr', phone: '12 34 56' },
    { ...base, customer_id: 'X-12', email: 'other@example.fr', phone: '12-34-56' },
  ];
  // A tablet two profiles hold; the same value as a web cookie of a third is another device.
  const identity = (customer_id: string, kind: Identity['kind'], value: string): Identity => ({
    customer_id,
    kind,
    value,
    source: 'app',
    first_seen: '2025-01-01T00:00:00.000Z',
    last_seen: '2026-01-01T00:00:00.000Z',
    record_id: null,
    linked_by: null,
  });
  const identities: Identity[] = [
    identity('X-11', 'app_device', 'X-TABLET'),
    identity('X-12', 'app_device', 'X-TABLET'),
    identity('X-08', 'web_cookie', 'X-TABLET'),
    identity('X-09', 'app_device', 'X-PHONE-9'),
  ];

  const orders: Order[] = [];
  const lines: OrderLine[] = [];
  const order = (
    customer_id: string,
    n: number,
    placed_at: string,
    over: Partial<Order> = {},
    skus: { sku: string; qty: number }[] = [{ sku: 'ZZ-FILM', qty: 1 }],
  ) => {
    const order_id = `XO-${customer_id}-${String(n).padStart(3, '0')}`;
    orders.push({
      order_id,
      customer_id,
      channel: 'web',
      store_id: null,
      placed_at,
      status: 'completed',
      promo_code: null,
      payment_method: 'card',
      currency: 'EUR',
      total_cents: 1000,
      ...over,
    });
    skus.forEach(({ sku, qty }, i) =>
      lines.push({
        order_id,
        line_no: i + 1,
        sku,
        qty,
        unit_price_cents: 500 + i,
        discount_cents: 0,
      }),
    );
  };

  // one completed order on every edge instant, cycling channels and payment methods.
  const channels = ['web', 'app', 'store', 'call_centre'] as const;
  const methods = ['card', 'paypal', 'cash', 'gift_card', 'instalments'] as const;
  edges.forEach((at, i) =>
    order('X-03', i, at, {
      channel: channels[i % channels.length],
      store_id: i % 4 === 2 ? 'S001' : null,
      payment_method: methods[i % methods.length],
      promo_code: i % 3 === 0 ? 'NOEL10' : i % 3 === 1 ? '' : null,
      total_cents: 1000 + i,
    }),
  );
  // a returned and a cancelled order at the edges, a half-even average (1.5 → 2).
  order('X-04', 1, edges[0] ?? asOf, { status: 'returned', channel: 'app' });
  order('X-04', 2, edges[3] ?? asOf, { status: 'cancelled', channel: 'store' });
  order('X-04', 3, edges[4] ?? asOf, { total_cents: 1 });
  order('X-04', 4, edges[5] ?? asOf, { total_cents: 2 });
  // x-05: a tie for the favourite category (films 3 = books 3), a dangling sku, a line-less order.
  order('x-05', 1, edges[6] ?? asOf, { total_cents: 2, promo_code: 'BIENVENUE10' }, [
    { sku: 'ZZ-FILM', qty: 3 },
    { sku: 'ZZ-BOOK', qty: 1 },
    { sku: 'NO-SUCH-SKU', qty: 9 },
  ]);
  order('x-05', 2, edges[7] ?? asOf, { total_cents: 3, channel: 'store', store_id: 'S002' }, [
    { sku: 'ZZ-BOOK', qty: 2 },
  ]);
  order('x-05', 3, edges[8] ?? asOf, { total_cents: -5 }, []);
  // averages of exactly .5 with an even floor (2.5 → 2, 1000.5 → 1000), where
  // rounding half away from zero would say 3 and 1001.
  order('X-08', 1, edges[10] ?? asOf, { total_cents: 2 });
  order('X-08', 2, edges[11] ?? asOf, { total_cents: 3 });
  order('X-09', 1, iso(Date.parse(asOf) - 40 * DAY), { total_cents: 1000 });
  order('X-09', 2, iso(Date.parse(asOf) - 400 * DAY), { total_cents: 1001 });
  // only a game with an empty brand and a dangling line.
  order('X-06', 1, edges[9] ?? asOf, { payment_method: 'gift_card' }, [
    { sku: 'ZZ-GAME', qty: 1 },
    { sku: 'GONE', qty: 1 },
  ]);

  const events: CustomerEvent[] = [];
  const event = (
    customer_id: string,
    type: CustomerEvent['type'],
    at: string,
    properties: CustomerEvent['properties'],
  ) => {
    events.push({
      event_id: `XE-${customer_id}-${String(events.length).padStart(3, '0')}`,
      customer_id,
      type,
      channel: 'web',
      at,
      properties,
    });
  };
  const ownProto: CustomerEvent['properties'] = JSON.parse('{"__proto__": "Élan", "rating": 3}');
  const oddProperties: CustomerEvent['properties'][] = [
    { rating: '5', sku: 'ZZ-FILM', verified: 'true' },
    { rating: 5, sku: 'zz-film', verified: true },
    { rating: 4.5, verified: false, text: '' },
    { rating: 0, text: 'Élodie 🦆 Straße' },
    { rating: -1e-7, text: "'; DROP TABLE events; --" },
    { rating: 1e21, text: 'ÉLODIE' },
    { 'query.text': 'x', "it's": -1, '': 'empty key', 'a/b': 1, '~': true },
    { 'say "hi"': 'hi', Élan: 'élan', category: 'films' },
    ownProto,
    {},
  ];
  edges.forEach((at, i) => {
    const properties = oddProperties[i % oddProperties.length] ?? {};
    event('X-03', i % 2 === 0 ? 'review' : 'search', at, properties);
    event('X-04', 'review', at, oddProperties[(i + 3) % oddProperties.length] ?? {});
  });
  event('X-02', 'product_view', asOf, { sku: '', category: '' });
  event('x-05', 'social_mention', edges[1] ?? asOf, { mentions_brand: true, network: 'x' });

  const consents: Consent[] = [];
  const consent = (
    customer_id: string,
    id: string,
    channel: Consent['channel'],
    status: Consent['status'],
    at: string,
  ) => {
    consents.push({
      consent_id: id,
      customer_id,
      channel,
      purpose: 'marketing',
      status,
      at,
      source: 'store',
    });
  };
  const tie = '2026-01-01T00:00:00.000Z';
  consent('X-03', 'XK-9', 'email', 'granted', tie);
  consent('X-03', 'XK-10', 'email', 'withdrawn', tie);
  consent('X-04', 'XK-1', 'sms', 'withdrawn', '2025-01-01T00:00:00.000Z');
  consent('X-04', 'XK-2', 'sms', 'granted', '2026-01-01T00:00:00.000Z');
  consent('x-05', 'XK-3', 'push', 'granted', tie);
  consent('x-05', 'XK-4', 'push', 'withdrawn', '2026-01-01T00:00:00.001Z');

  return {
    customers,
    identities,
    orders,
    order_lines: lines,
    events,
    consents,
    products: EDGE_PRODUCTS,
  };
}

/** `dataset` with the adversarial rows appended (a new object; the arrays are copied). */
export function withAdversarialRows(dataset: Dataset, asOf: string): Dataset {
  const extra = adversarialRows(asOf);
  return {
    ...dataset,
    customers: [...dataset.customers, ...extra.customers],
    identities: [...dataset.identities, ...extra.identities],
    orders: [...dataset.orders, ...extra.orders],
    order_lines: [...dataset.order_lines, ...extra.order_lines],
    events: [...dataset.events, ...extra.events],
    consents: [...dataset.consents, ...extra.consents],
    products: [...dataset.products, ...extra.products],
  };
}

// ---------------------------------------------------------------- scores

/** A customer's scores as both engines hold them: a value per score id (null when unscored). */
export type FixtureScores = Map<string, Map<string, number | string | null>>;

/** The score ids the differential tests draw conditions on. */
export const FIXTURE_SCORE_IDS = ['clv', 'churn_band'] as const;

/**
 * Values the fixture customers hold under those ids, and the pool the tests draw from: numbers
 * (integers, decimals that are not binary fractions, negatives, zero), numbers as text, bands in
 * varied case, blank and empty strings, accented and non-BMP letters (none whose lower-casing the
 * engines disagree on), and null.
 */
export const SCORE_VALUES: readonly (number | string | null)[] = [
  812.4,
  0,
  -3.5,
  100_000,
  0.1 + 0.2,
  12,
  '812.4',
  'low',
  'medium',
  'high',
  'HIGH',
  'Élan',
  'élan',
  '',
  ' ',
  '日本',
  '🎮 gamer',
  null,
];

/**
 * Scores for a dataset's customers, deterministic by position: each id present, null or absent
 * in turn, every fifth customer unscored (no entry at all), and either id holding either type.
 */
export function fixtureScores(dataset: Dataset): FixtureScores {
  const out: FixtureScores = new Map();
  const pick = (n: number) => SCORE_VALUES[n % SCORE_VALUES.length] ?? null;
  dataset.customers.forEach((customer, i) => {
    if (i % 5 === 4) return;
    const scores = new Map<string, number | string | null>();
    // Absent key one time in seven for each id, on different customers.
    if (i % 7 !== 3) scores.set('clv', pick(i));
    if (i % 7 !== 5) scores.set('churn_band', pick(i * 5 + 7));
    out.set(customer.customer_id, scores);
  });
  return out;
}
