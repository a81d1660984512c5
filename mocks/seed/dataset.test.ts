import { describe, expect, test } from 'vitest';
import * as schema from '../../src/domain/profile/schema.ts';
import type { Dataset } from '../../src/domain/profile/schema.ts';
import type { CustomerRows, ReferenceRows } from './index.ts';
import {
  BATCH_SIZE,
  DEMO_AS_OF,
  FAULT_RATES,
  JUNK_FIRST_NAMES,
  Manifest,
  PRESSURE_CAMPAIGN_IDS,
  generateDataset,
  isWellFormedEmail,
  streamDataset,
} from './index.ts';

const { dataset, manifest } = generateDataset({ seed: 42, customers: 2_000 });
const asOf = DEMO_AS_OF;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

const rowSchemas: { [K in keyof Dataset]: { parse: (row: unknown) => unknown } } = {
  customers: schema.customer,
  identities: schema.identity,
  consents: schema.consent,
  preferences: schema.preference,
  stores: schema.store,
  products: schema.product,
  store_stock: schema.storeStock,
  orders: schema.order,
  order_lines: schema.orderLine,
  events: schema.event,
  messages: schema.message,
  holdouts: schema.holdout,
  offers: schema.offer,
  offer_responses: schema.offerResponse,
  campaigns: schema.campaign,
  segments: schema.segment,
};

function keysOf<T extends object>(o: T): (keyof T)[] {
  return Object.keys(o) as (keyof T)[];
}

describe('shape', () => {
  test('every row of every table parses with its schema', () => {
    for (const table of keysOf(rowSchemas)) {
      const rows: unknown[] = dataset[table];
      expect(rows.length, table).toBeGreaterThan(0);
      for (const row of rows) rowSchemas[table].parse(row);
    }
  });

  test('the manifest parses and counts every table', () => {
    Manifest.parse(manifest);
    for (const table of keysOf(rowSchemas))
      expect(manifest.counts[table], table).toBe(dataset[table].length);
  });

  test('ids are readable, unique and URL-safe', () => {
    const ids: [string, string[]][] = [
      ['customers', dataset.customers.map((r) => r.customer_id)],
      ['orders', dataset.orders.map((r) => r.order_id)],
      ['events', dataset.events.map((r) => r.event_id)],
      ['messages', dataset.messages.map((r) => r.message_id)],
      ['consents', dataset.consents.map((r) => r.consent_id)],
      ['responses', dataset.offer_responses.map((r) => r.response_id)],
      ['offers', dataset.offers.map((r) => r.offer_id)],
      ['campaigns', dataset.campaigns.map((r) => r.campaign_id)],
      ['segments', dataset.segments.map((r) => r.segment_id)],
      ['stores', dataset.stores.map((r) => r.store_id)],
      ['products', dataset.products.map((r) => r.sku)],
    ];
    for (const [name, values] of ids) {
      expect(new Set(values).size, name).toBe(values.length);
      expect(
        values.filter((v) => !ID.test(v)),
        name,
      ).toEqual([]);
    }
    expect(dataset.customers[0]?.customer_id).toBe('C0000001');
    expect(dataset.orders[0]?.order_id).toMatch(/^O0000001-\d{3}$/);
  });

  test('the catalogue is large, French and priced in cents', () => {
    expect(dataset.products.length).toBeGreaterThanOrEqual(800);
    expect(dataset.products.length).toBeLessThanOrEqual(2_000);
    expect(dataset.stores.length).toBeGreaterThanOrEqual(30);
    for (const s of dataset.stores) expect(s.name).toMatch(/^Tact /);
    expect(dataset.products.some((p) => p.online_stock === 0)).toBe(true);
    expect(dataset.products.some((p) => p.discontinued)).toBe(true);
    const categories = new Set(dataset.products.map((p) => p.category));
    expect(categories.size).toBe(schema.productCategory.options.length);
    const films = new Map<string, Set<string | null>>();
    for (const p of dataset.products) {
      if (p.category === 'films' && p.work_id)
        films.set(p.work_id, (films.get(p.work_id) ?? new Set()).add(p.format));
    }
    expect(
      [...films.values()].some(
        (formats) => formats.has('dvd') && formats.has('blu_ray') && formats.has('4k'),
      ),
    ).toBe(true);
  });
});

describe('determinism', () => {
  test('the same seed gives byte-identical output', () => {
    const again = generateDataset({ seed: 42, customers: 2_000 });
    expect(JSON.stringify(again.dataset) === JSON.stringify(dataset)).toBe(true);
    expect(JSON.stringify(again.manifest)).toBe(JSON.stringify(manifest));
  });

  test('another seed gives other data', () => {
    const other = generateDataset({ seed: 43, customers: 200 });
    const mine = generateDataset({ seed: 42, customers: 200 });
    expect(JSON.stringify(other.dataset.customers)).not.toBe(
      JSON.stringify(mine.dataset.customers),
    );
    expect(JSON.stringify(other.dataset.products)).not.toBe(JSON.stringify(mine.dataset.products));
  });

  test('streamed batches concatenate to the in-memory dataset', () => {
    const batches: CustomerRows[] = [];
    let reference: ReferenceRows | null = null;
    const streamedManifest = streamDataset(
      { seed: 42, customers: 2_000, asOf },
      {
        reference: (rows) => {
          reference = rows;
        },
        customers: (rows) => batches.push(rows),
      },
    );
    expect(batches.map((b) => b.customers.length)).toEqual(
      Array.from({ length: 2_000 / BATCH_SIZE }, () => BATCH_SIZE),
    );
    expect(JSON.stringify(reference)).toBe(
      JSON.stringify({
        stores: dataset.stores,
        products: dataset.products,
        store_stock: dataset.store_stock,
        offers: dataset.offers,
        campaigns: dataset.campaigns,
        segments: dataset.segments,
      }),
    );
    for (const table of keysOf(batches[0]!)) {
      expect(JSON.stringify(batches.map((b) => b[table]).flat()), table).toBe(
        JSON.stringify(dataset[table]),
      );
    }
    expect(streamedManifest).toEqual(manifest);
  });

  test('a customer is the same whatever the dataset size', () => {
    const small = generateDataset({ seed: 42, customers: 500 });
    const first = (d: Dataset, n: number): string => {
      const ids = new Set(d.customers.slice(0, n).map((c) => c.customer_id));
      return JSON.stringify([
        d.customers.slice(0, n),
        d.orders.filter((o) => ids.has(o.customer_id)),
        d.events.filter((e) => ids.has(e.customer_id)),
      ]);
    };
    expect(first(small.dataset, 498)).toBe(first(dataset, 498));
  });
});

describe('referential integrity', () => {
  const customers = new Set(dataset.customers.map((c) => c.customer_id));
  const products = new Map(dataset.products.map((p) => [p.sku, p]));
  const stores = new Set(dataset.stores.map((s) => s.store_id));
  const offers = new Map(dataset.offers.map((o) => [o.offer_id, o]));
  const campaigns = new Map(dataset.campaigns.map((c) => [c.campaign_id, c]));
  const orders = new Map(dataset.orders.map((o) => [o.order_id, o]));
  const messages = new Map(dataset.messages.map((m) => [m.message_id, m]));
  const created = new Map(dataset.customers.map((c) => [c.customer_id, c.created_at]));

  test('every customer row points at an existing customer', () => {
    for (const table of [
      'identities',
      'consents',
      'preferences',
      'orders',
      'events',
      'messages',
      'offer_responses',
    ] as const) {
      const rows: { customer_id: string }[] = dataset[table];
      expect(
        rows.filter((r) => !customers.has(r.customer_id)),
        table,
      ).toEqual([]);
    }
  });

  test('orders have lines of real products, launched by then, and exact totals', () => {
    const problems: string[] = [];
    const lines = new Map<string, schema.OrderLine[]>();
    for (const l of dataset.order_lines) {
      if (!orders.has(l.order_id)) problems.push(`orphan line ${l.order_id}`);
      const list = lines.get(l.order_id);
      if (list) list.push(l);
      else lines.set(l.order_id, [l]);
    }
    for (const o of dataset.orders) {
      const own = lines.get(o.order_id) ?? [];
      if (own.length < 1 || own.length > 4) problems.push(`${o.order_id} has ${own.length} lines`);
      if (own.some((l, k) => l.line_no !== k + 1)) problems.push(`${o.order_id} line numbers`);
      const total = own.reduce((s, l) => s + l.qty * l.unit_price_cents - l.discount_cents, 0);
      if (o.total_cents !== total) problems.push(`${o.order_id} total ${o.total_cents} ≠ ${total}`);
      for (const l of own) {
        const p = products.get(l.sku);
        if (!p) problems.push(`${o.order_id} unknown sku ${l.sku}`);
        else if (l.unit_price_cents !== p.price_cents || p.launched_at > o.placed_at)
          problems.push(`${o.order_id} ${l.sku} price or launch`);
      }
      if (o.channel === 'store' ? !stores.has(o.store_id ?? '') : o.store_id !== null)
        problems.push(`${o.order_id} store`);
      if (o.placed_at < created.get(o.customer_id)! || o.placed_at >= asOf)
        problems.push(`${o.order_id} placed_at`);
    }
    expect(problems).toEqual([]);
  });

  test('products point at real products: a game requires its console', () => {
    for (const p of dataset.products) {
      if (p.requires !== null) expect(products.has(p.requires), p.sku).toBe(true);
      if (p.category === 'video_games')
        expect(products.get(p.requires ?? '')?.category).toBe('consoles');
    }
    const works = new Map<string, number>();
    for (const p of dataset.products)
      if (p.work_id) works.set(p.work_id, (works.get(p.work_id) ?? 0) + 1);
    for (const [work, count] of works) expect(count, work).toBeGreaterThanOrEqual(2);
    for (const s of dataset.store_stock) {
      expect(products.has(s.sku)).toBe(true);
      expect(stores.has(s.store_id)).toBe(true);
    }
  });

  test('offers, campaigns and segments point at each other', () => {
    const segments = new Set(dataset.segments.map((s) => s.segment_id));
    for (const c of dataset.campaigns) {
      if (c.offer_id !== null) expect(offers.has(c.offer_id)).toBe(true);
      if (c.segment_id !== null) expect(segments.has(c.segment_id)).toBe(true);
    }
    for (const o of dataset.offers) {
      expect(o.sku !== null || o.category !== null).toBe(true);
      if (o.sku !== null) expect(products.has(o.sku)).toBe(true);
      expect(o.valid_from < o.valid_to).toBe(true);
    }
    expect(
      new Set(dataset.campaigns.filter((c) => c.status === 'sent').map((c) => c.campaign_id)).size,
    ).toBeGreaterThanOrEqual(20);
  });

  test('messages come from real campaigns with their offer, responses from valid offers', () => {
    const problems: string[] = [];
    for (const m of dataset.messages) {
      const c = campaigns.get(m.campaign_id);
      if (
        !c ||
        c.status !== 'sent' ||
        m.channel !== c.channel ||
        m.offer_id !== c.offer_id ||
        m.sent_at >= asOf
      ) {
        problems.push(m.message_id);
      }
    }
    for (const r of dataset.offer_responses) {
      const o = offers.get(r.offer_id);
      if (!o || r.at < o.valid_from || r.at > o.valid_to || r.at >= asOf)
        problems.push(r.response_id);
    }
    expect(problems).toEqual([]);
  });

  test('events are on the channel of their type and point at real things', () => {
    const channels: Record<schema.EventType, readonly string[]> = {
      page_view: ['web', 'app'],
      product_view: ['web', 'app'],
      search: ['web', 'app'],
      cart_add: ['web', 'app'],
      email_open: ['email'],
      email_click: ['email'],
      push_open: ['push'],
      app_open: ['app'],
      store_visit: ['store'],
      call_centre_contact: ['call_centre'],
      chat: ['web', 'app'],
      social_mention: ['social'],
      review: ['web', 'app'],
    };
    const types = new Set<string>();
    const problems: string[] = [];
    for (const e of dataset.events) {
      types.add(e.type);
      const p = e.properties;
      const bad = (why: string): number => problems.push(`${e.event_id} ${e.type}: ${why}`);
      if (!channels[e.type].includes(e.channel)) bad(`channel ${e.channel}`);
      if (e.at >= asOf) bad('after as-of');
      if (['product_view', 'cart_add', 'review'].includes(e.type) && !products.has(String(p.sku)))
        bad('sku');
      if (e.type === 'search' && typeof p.query !== 'string') bad('query');
      if (e.type === 'store_visit' && !stores.has(String(p.store_id))) bad('store');
      if (e.type === 'call_centre_contact' && String(p.note).length < 10) bad('note');
      if (e.type === 'social_mention' && typeof p.text !== 'string') bad('text');
      if (e.type === 'review' && !(Number(p.rating) >= 1 && Number(p.rating) <= 5)) bad('rating');
      if (['email_open', 'email_click', 'push_open'].includes(e.type)) {
        const m = messages.get(String(p.message_id));
        const status = e.type === 'email_click' ? ['clicked'] : ['opened', 'clicked'];
        if (
          !m ||
          m.customer_id !== e.customer_id ||
          m.campaign_id !== p.campaign_id ||
          e.at < m.sent_at ||
          !status.includes(m.status)
        ) {
          bad('not tied to its message');
        }
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(types.size).toBe(schema.eventType.options.length);
  });

  test('loyalty cards are unique to one customer', () => {
    const owners = new Map<string, string>();
    for (const i of dataset.identities) {
      if (i.kind !== 'loyalty_card') continue;
      expect(i.value).toMatch(/^FID\d{10}$/);
      expect(i.source).toBe('store');
      expect(owners.get(i.value) ?? i.customer_id).toBe(i.customer_id);
      owners.set(i.value, i.customer_id);
    }
  });

  test('some cookies and devices were seen before their profile existed', () => {
    const early = dataset.identities.filter(
      (i) =>
        (i.kind === 'web_cookie' || i.kind === 'app_device') &&
        i.first_seen < created.get(i.customer_id)!,
    );
    expect(early.length).toBeGreaterThan(dataset.customers.length * 0.2);
    for (const i of dataset.identities) expect(i.first_seen <= i.last_seen).toBe(true);
  });

  test('messages go only to customers with consent at send time, except the pressure abusers', () => {
    const abusers = new Set(
      manifest.stories.filter((s) => s.story === 'contact_pressure').map((s) => s.customer_id),
    );
    const consents = new Map<string, schema.Consent[]>();
    for (const c of dataset.consents) {
      const list = consents.get(c.customer_id);
      if (list) list.push(c);
      else consents.set(c.customer_id, [c]);
    }
    const problems: string[] = [];
    let checked = 0;
    for (const m of dataset.messages) {
      if (m.channel === 'web_banner' || abusers.has(m.customer_id)) continue;
      const latest = (consents.get(m.customer_id) ?? [])
        .filter((c) => c.channel === m.channel && c.at <= m.sent_at)
        .at(-1);
      if (latest?.status !== 'granted') problems.push(m.message_id);
      checked += 1;
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(1_000);
    const pressure = new Set<string>(Object.values(PRESSURE_CAMPAIGN_IDS));
    expect(
      dataset.messages.filter((m) => pressure.has(m.campaign_id) && !abusers.has(m.customer_id)),
    ).toEqual([]);
  });

  test('consents are histories: some withdrawn and granted again', () => {
    const emailHistories = new Map<string, string[]>();
    for (const c of dataset.consents) {
      if (c.channel === 'email')
        emailHistories.set(c.customer_id, [...(emailHistories.get(c.customer_id) ?? []), c.status]);
    }
    const regranted = [...emailHistories.values()].filter(
      (h) => h.join() === 'granted,withdrawn,granted',
    );
    expect(regranted.length).toBeGreaterThan(0);
    expect(
      dataset.consents.some(
        (c) => c.channel === 'sms' && c.status === 'withdrawn' && c.source === 'sms',
      ),
    ).toBe(true);
  });

  test('about a quarter of customers told us their preferences', () => {
    const stated = new Set(dataset.preferences.map((p) => p.customer_id));
    expect(stated.size / dataset.customers.length).toBeGreaterThan(0.2);
    expect(stated.size / dataset.customers.length).toBeLessThan(0.32);
    const interests = dataset.preferences.filter((p) => p.topic === 'interest').map((p) => p.value);
    for (const v of interests) expect(schema.productCategory.options).toContain(v);
  });
});

describe('data-quality faults', () => {
  const n = dataset.customers.length;
  const found: Record<keyof typeof FAULT_RATES, string[]> = {
    missing_first_name: [],
    junk_first_name: [],
    all_caps_name: [],
    invalid_email: [],
    missing_email: [],
    missing_phone: [],
  };
  for (const c of dataset.customers) {
    const first = c.first_name;
    if (first === null) found.missing_first_name.push(c.customer_id);
    else if ((JUNK_FIRST_NAMES as readonly string[]).includes(first))
      found.junk_first_name.push(c.customer_id);
    else if (
      /[A-Z]/.test(first) &&
      first === first.toUpperCase() &&
      c.last_name === c.last_name?.toUpperCase()
    )
      found.all_caps_name.push(c.customer_id);
    if (c.email === null) found.missing_email.push(c.customer_id);
    else if (!isWellFormedEmail(c.email)) found.invalid_email.push(c.customer_id);
    if (c.phone === null) found.missing_phone.push(c.customer_id);
  }

  test('the manifest lists exactly the faulty customers found in the data', () => {
    for (const kind of keysOf(found)) expect(manifest.faults[kind], kind).toEqual(found[kind]);
  });

  test('fault rates are within tolerance of the stated rates', () => {
    for (const kind of keysOf(FAULT_RATES)) {
      const rate = FAULT_RATES[kind];
      const sd = Math.sqrt((rate * (1 - rate)) / n);
      expect(Math.abs(found[kind].length / n - rate), kind).toBeLessThan(4 * sd + 0.004);
    }
  });
});

describe('purchase process', () => {
  test('customers average 8 to 12 orders, with many one-time buyers and a long tail', () => {
    const big = streamDataset(
      { seed: 7, customers: 20_000 },
      { reference: () => undefined, customers: () => undefined },
    );
    const mean = (big.counts.orders ?? 0) / 20_000;
    expect(mean).toBeGreaterThanOrEqual(8);
    expect(mean).toBeLessThanOrEqual(12);
    const perCustomer = new Map<string, number>();
    for (const o of dataset.orders)
      perCustomer.set(o.customer_id, (perCustomer.get(o.customer_id) ?? 0) + 1);
    const counts = dataset.customers.map((c) => perCustomer.get(c.customer_id) ?? 0);
    expect(counts.filter((c) => c === 1).length / counts.length).toBeGreaterThan(0.1);
    expect(Math.max(...counts)).toBeGreaterThan(60);
    const events = (big.counts.events ?? 0) / 20_000;
    expect(events).toBeGreaterThanOrEqual(15);
    expect(events).toBeLessThanOrEqual(25);
  });

  test('many customers use several channels, and mean order value differs between customers', () => {
    const channels = new Map<string, Set<string>>();
    const spend = new Map<string, number[]>();
    for (const o of dataset.orders) {
      channels.set(o.customer_id, (channels.get(o.customer_id) ?? new Set()).add(o.channel));
      const list = spend.get(o.customer_id);
      if (list) list.push(o.total_cents);
      else spend.set(o.customer_id, [o.total_cents]);
    }
    const multi = [...channels.values()].filter((s) => s.size >= 2).length;
    expect(multi / channels.size).toBeGreaterThan(0.3);
    const means = [...spend.values()]
      .filter((v) => v.length >= 5)
      .map((v) => v.reduce((a, b) => a + b, 0) / v.length)
      .sort((a, b) => a - b);
    const q = (p: number): number => means[Math.floor(p * (means.length - 1))] ?? 0;
    expect(q(0.9) / q(0.1)).toBeGreaterThan(2.5);
    const statuses = new Set(dataset.orders.map((o) => o.status));
    expect(statuses).toEqual(new Set(['completed', 'returned', 'cancelled']));
    expect(dataset.orders.some((o) => o.promo_code !== null)).toBe(true);
  });
});
