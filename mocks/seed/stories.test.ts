import { describe, expect, test } from 'vitest';
import type { Dataset, Order } from '../../src/domain/profile/schema.ts';
import type { PlantedStory, StoryName } from './index.ts';
import {
  BOX_SET_PREVIEW_OFFER_ID,
  DEMO_AS_OF,
  DEMO_CAMPAIGN_ID,
  HEAVY_HISTORY_MIN_EVENTS,
  PROMOTED_OFFER_ID,
  PROMOTED_OFFER_PRICE_CENTS,
  PROMOTED_PRICE_CENTS,
  PROMOTED_SKU,
  STORY_RATES,
  XSS_FIRST_NAME,
  generateDataset,
} from './index.ts';

const DAY = 86_400_000;
const asOfMs = Date.parse(DEMO_AS_OF);

function storiesOf<S extends StoryName>(
  d: { stories: PlantedStory[] },
  story: S,
): Extract<PlantedStory, { story: S }>[] {
  return d.stories.filter((s): s is Extract<PlantedStory, { story: S }> => s.story === story);
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/** Buyers of the promoted coffret, recomputed from order lines. */
function boxSetBuyers(d: Dataset): Map<string, Order> {
  const lines = new Set(d.order_lines.filter((l) => l.sku === PROMOTED_SKU).map((l) => l.order_id));
  return new Map(d.orders.filter((o) => lines.has(o.order_id)).map((o) => [o.customer_id, o]));
}

test('a small dataset carries at least one of each story', () => {
  const small = generateDataset({ seed: 5, customers: 1_000 });
  const names = new Set(small.manifest.stories.map((s) => s.story));
  const all: StoryName[] = [
    'promoted_box_set_in_store',
    'promoted_box_set_online',
    'game_buyer_owns_console',
    'offer_accepted_before_email',
    'contact_pressure',
    'email_consent_withdrawn',
    'omnichannel_showcase',
    'xss_first_name',
    'no_history',
    'heavy_history',
    'shared_device',
    'box_set_declined_in_store',
  ];
  for (const story of all) expect(names.has(story), story).toBe(true);
});

describe.each([42, 1234])('seed %i', (seed) => {
  const { dataset, manifest } = generateDataset({ seed, customers: 3_000 });
  const ordersById = new Map(dataset.orders.map((o) => [o.order_id, o]));
  const linesByOrder = groupBy(dataset.order_lines, (l) => l.order_id);
  const ordersByCustomer = groupBy(dataset.orders, (o) => o.customer_id);
  const identitiesByCustomer = groupBy(dataset.identities, (i) => i.customer_id);
  const consentsByCustomer = groupBy(dataset.consents, (c) => c.customer_id);
  const messagesByCustomer = groupBy(dataset.messages, (m) => m.customer_id);
  const customersById = new Map(dataset.customers.map((c) => [c.customer_id, c]));
  const skusOf = (orderId: string): string[] => (linesByOrder.get(orderId) ?? []).map((l) => l.sku);

  test('repeatable stories are planted near their stated rates', () => {
    const n = dataset.customers.length;
    const rate = (story: StoryName): number => storiesOf(manifest, story).length / n;
    for (const story of [
      'promoted_box_set_in_store',
      'game_buyer_owns_console',
      'email_consent_withdrawn',
      'offer_accepted_before_email',
      'box_set_declined_in_store',
    ] as const) {
      const expected = STORY_RATES[story];
      expect(rate(story), story).toBeGreaterThan(expected * 0.4);
      expect(rate(story), story).toBeLessThan(expected * 2 + 0.004);
    }
  });

  describe('the promoted coffret', () => {
    test('the demo campaign promotes it at 99.99 € instead of 100.32 €', () => {
      const product = dataset.products.find((p) => p.sku === PROMOTED_SKU);
      expect(product?.title).toMatch(/Seigneur des Anneaux.*coffret Blu-ray/);
      expect(product?.price_cents).toBe(PROMOTED_PRICE_CENTS);
      const offer = dataset.offers.find((o) => o.offer_id === PROMOTED_OFFER_ID);
      expect(offer?.sku).toBe(PROMOTED_SKU);
      expect(PROMOTED_PRICE_CENTS - (offer?.discount_cents ?? 0)).toBe(PROMOTED_OFFER_PRICE_CENTS);
      expect(offer!.valid_from <= DEMO_AS_OF && DEMO_AS_OF <= offer!.valid_to).toBe(true);
      const campaign = dataset.campaigns.find((c) => c.campaign_id === DEMO_CAMPAIGN_ID);
      expect(campaign).toMatchObject({
        status: 'draft',
        channel: 'email',
        offer_id: PROMOTED_OFFER_ID,
      });
      expect(campaign?.template).toContain(
        "{{ customer.first_name | default: 'Bonjour' }}, c'est nouveau, il vous les faut !",
      );
    });

    test('flags a box set bought in store weeks ago with the loyalty card', () => {
      const buyers = boxSetBuyers(dataset);
      const planted = storiesOf(manifest, 'promoted_box_set_in_store');
      const inStore = [...buyers.values()]
        .filter((o) => o.channel === 'store')
        .map((o) => o.customer_id);
      expect(planted.map((s) => s.customer_id).sort()).toEqual(inStore.sort());
      for (const s of planted) {
        const order = ordersById.get(s.order_id)!;
        expect(order).toMatchObject({
          customer_id: s.customer_id,
          channel: 'store',
          store_id: s.store_id,
          status: 'completed',
          placed_at: s.placed_at,
        });
        expect(skusOf(s.order_id)).toContain(PROMOTED_SKU);
        const age = (asOfMs - Date.parse(s.placed_at)) / DAY;
        expect(age).toBeGreaterThanOrEqual(7);
        expect(age).toBeLessThanOrEqual(56);
        const card = identitiesByCustomer
          .get(s.customer_id)
          ?.find((i) => i.kind === 'loyalty_card');
        expect(card?.value).toBe(s.loyalty_card);
        expect(card!.first_seen <= s.placed_at && s.placed_at <= card!.last_seen).toBe(true);
      }
    });

    test('flags a box set bought online on the web or in the app', () => {
      const buyers = boxSetBuyers(dataset);
      const planted = storiesOf(manifest, 'promoted_box_set_online');
      const online = [...buyers.values()].filter((o) => o.channel === 'web' || o.channel === 'app');
      expect(planted.map((s) => s.customer_id).sort()).toEqual(
        online.map((o) => o.customer_id).sort(),
      );
      for (const s of planted) {
        expect(ordersById.get(s.order_id)).toMatchObject({
          customer_id: s.customer_id,
          channel: s.channel,
          placed_at: s.placed_at,
        });
        expect(skusOf(s.order_id)).toContain(PROMOTED_SKU);
      }
    });
  });

  test('a game buyer bought the console the game requires earlier', () => {
    const products = new Map(dataset.products.map((p) => [p.sku, p]));
    const planted = storiesOf(manifest, 'game_buyer_owns_console');
    expect(planted.length).toBeGreaterThan(10);
    for (const s of planted) {
      expect(products.get(s.game_sku)?.requires).toBe(s.console_sku);
      expect(products.get(s.console_sku)?.category).toBe('consoles');
      const consoleOrder = ordersById.get(s.console_order_id)!;
      const gameOrder = ordersById.get(s.game_order_id)!;
      expect(consoleOrder.customer_id).toBe(s.customer_id);
      expect(gameOrder.customer_id).toBe(s.customer_id);
      expect(consoleOrder.status).toBe('completed');
      expect(skusOf(s.console_order_id)).toContain(s.console_sku);
      expect(skusOf(s.game_order_id)).toContain(s.game_sku);
      expect(consoleOrder.placed_at < gameOrder.placed_at).toBe(true);
      expect(asOfMs - Date.parse(gameOrder.placed_at)).toBeLessThan(61 * DAY);
    }
  });

  test('an offer accepted in store is followed the next day by an e-mail carrying it', () => {
    const planted = storiesOf(manifest, 'offer_accepted_before_email');
    expect(planted.length).toBeGreaterThan(3);
    const responses = new Map(dataset.offer_responses.map((r) => [r.response_id, r]));
    const messages = new Map(dataset.messages.map((m) => [m.message_id, m]));
    for (const s of planted) {
      const response = responses.get(s.response_id)!;
      expect(response).toMatchObject({
        customer_id: s.customer_id,
        offer_id: s.offer_id,
        channel: 'store',
        response: 'accepted',
        at: s.accepted_at,
      });
      const message = messages.get(s.message_id)!;
      expect(message).toMatchObject({
        customer_id: s.customer_id,
        offer_id: s.offer_id,
        channel: 'email',
        campaign_id: s.campaign_id,
        sent_at: s.sent_at,
      });
      const nextDay = new Date(Date.parse(s.accepted_at) + DAY).toISOString().slice(0, 10);
      expect(s.sent_at.slice(0, 10)).toBe(nextDay);
    }
  });

  test('a film buyer at the till declined the preview offer of the box set there, weeks before as-of', () => {
    const planted = storiesOf(manifest, 'box_set_declined_in_store');
    expect(planted.length).toBeGreaterThan(5);
    const responses = new Map(dataset.offer_responses.map((r) => [r.response_id, r]));
    const preview = dataset.offers.find((o) => o.offer_id === BOX_SET_PREVIEW_OFFER_ID)!;
    expect(preview.sku).toBe(PROMOTED_SKU);
    const buyers = boxSetBuyers(dataset);
    const films = new Set(dataset.products.filter((p) => p.category === 'films').map((p) => p.sku));
    for (const s of planted) {
      const response = responses.get(s.response_id)!;
      expect(response).toMatchObject({
        customer_id: s.customer_id,
        offer_id: BOX_SET_PREVIEW_OFFER_ID,
        channel: 'store',
        response: 'declined',
        at: s.declined_at,
      });
      expect(preview.valid_from <= s.declined_at && s.declined_at <= preview.valid_to).toBe(true);
      const age = (asOfMs - Date.parse(s.declined_at)) / DAY;
      expect(age).toBeGreaterThan(7);
      expect(age).toBeLessThan(31);
      const order = ordersById.get(s.order_id)!;
      expect(order).toMatchObject({
        customer_id: s.customer_id,
        channel: 'store',
        store_id: s.store_id,
        status: 'completed',
      });
      expect(skusOf(s.order_id).some((sku) => films.has(sku))).toBe(true);
      expect(skusOf(s.order_id)).not.toContain(PROMOTED_SKU);
      expect(buyers.has(s.customer_id)).toBe(false);
    }
    // Nobody else answered an offer on the box set.
    const onTheBoxSet = new Set(
      dataset.offers.filter((o) => o.sku === PROMOTED_SKU).map((o) => o.offer_id),
    );
    const answered = dataset.offer_responses.filter((r) => onTheBoxSet.has(r.offer_id));
    expect(answered.map((r) => r.response_id).sort()).toEqual(
      planted.map((s) => s.response_id).sort(),
    );
  });

  test('contact-pressure abusers got messages every day on every channel for 30 days', () => {
    const planted = storiesOf(manifest, 'contact_pressure');
    const abusers = new Set(planted.map((s) => s.customer_id));
    const since = new Date(asOfMs - 30 * DAY).toISOString();
    const recentCount = (id: string): number =>
      (messagesByCustomer.get(id) ?? []).filter((m) => m.sent_at >= since).length;
    for (const s of planted) {
      const recent = (messagesByCustomer.get(s.customer_id) ?? []).filter(
        (m) => m.sent_at >= since,
      );
      expect(recent.length).toBe(s.messages_last_30_days);
      expect(new Set(recent.map((m) => m.channel))).toEqual(
        new Set(['email', 'sms', 'push', 'web_banner']),
      );
      expect(new Set(recent.map((m) => m.sent_at.slice(0, 10))).size).toBe(30);
    }
    const others = dataset.customers
      .filter((c) => !abusers.has(c.customer_id))
      .map((c) => recentCount(c.customer_id));
    expect(Math.max(...others)).toBeLessThan(10);
  });

  test('the customers whose latest e-mail consent is a withdrawal are exactly those planted', () => {
    const withdrawn = new Map<string, { at: string; source: string }>();
    for (const [id, consents] of consentsByCustomer) {
      const last = consents.filter((c) => c.channel === 'email').at(-1);
      if (last?.status === 'withdrawn') withdrawn.set(id, { at: last.at, source: last.source });
    }
    const planted = storiesOf(manifest, 'email_consent_withdrawn');
    expect(planted.map((s) => s.customer_id).sort()).toEqual([...withdrawn.keys()].sort());
    for (const s of planted)
      expect(withdrawn.get(s.customer_id)).toEqual({ at: s.withdrawn_at, source: s.source });
    expect(planted.some((s) => s.source === 'email')).toBe(true);
    for (const s of planted) {
      const after = (messagesByCustomer.get(s.customer_id) ?? []).filter(
        (m) => m.channel === 'email' && m.sent_at > s.withdrawn_at,
      );
      const abuser = storiesOf(manifest, 'contact_pressure').some(
        (p) => p.customer_id === s.customer_id,
      );
      if (!abuser) expect(after).toEqual([]);
    }
  });

  test('the showcase customer has a year of history across channels, in a known order', () => {
    const [s, ...more] = storiesOf(manifest, 'omnichannel_showcase');
    expect(more).toEqual([]);
    expect(s!.customer_id).toBe('C0000001');
    const customer = customersById.get(s!.customer_id)!;
    expect(customer).toMatchObject({ first_name: 'Olivier', last_name: 'Marchand' });
    const yearAgo = new Date(asOfMs - 365 * DAY).toISOString();
    const recent = (ordersByCustomer.get(s!.customer_id) ?? []).filter(
      (o) => o.status === 'completed' && o.placed_at >= yearAgo,
    );
    expect(new Set(recent.map((o) => o.channel)).size).toBeGreaterThanOrEqual(3);
    for (const channel of ['web', 'app', 'store', 'call_centre'] as const) {
      const planted = s!.orders[channel];
      expect(ordersById.get(planted.order_id)).toMatchObject({
        customer_id: s!.customer_id,
        channel,
        status: 'completed',
        placed_at: planted.placed_at,
      });
    }
    expect(skusOf(s!.orders.store.order_id)).toContain(PROMOTED_SKU);
    const response = dataset.offer_responses.find(
      (r) => r.response_id === s!.offer_response.response_id,
    );
    expect(response).toMatchObject({
      customer_id: s!.customer_id,
      channel: 'store',
      response: 'accepted',
      at: s!.offer_response.at,
    });
    const withdrawal = (consentsByCustomer.get(s!.customer_id) ?? []).find(
      (c) => c.channel === 'email' && c.status === 'withdrawn',
    );
    expect(withdrawal?.at).toBe(s!.email_withdrawn_at);
    const card = identitiesByCustomer.get(s!.customer_id)?.find((i) => i.kind === 'loyalty_card');
    expect(card?.value).toBe(s!.loyalty_card);
    const instants = s!.timeline.map((t) => t.at);
    expect(instants).toEqual([...instants].sort());
    expect(new Set(instants).size).toBe(instants.length);
    expect(instants[0]! >= yearAgo).toBe(true);
    expect(s!.timeline.find((t) => t.kind === 'consent')?.id).toBe(withdrawal?.consent_id);
  });

  test('exactly one customer is named with an XSS payload', () => {
    const named = dataset.customers.filter((c) => c.first_name === XSS_FIRST_NAME);
    expect(named).toHaveLength(1);
    expect(storiesOf(manifest, 'xss_first_name')).toEqual([
      { story: 'xss_first_name', customer_id: named[0]!.customer_id, first_name: XSS_FIRST_NAME },
    ]);
  });

  test('the no-history customer has a profile and nothing on the timeline', () => {
    const [s] = storiesOf(manifest, 'no_history');
    const id = s!.customer_id;
    expect(customersById.has(id)).toBe(true);
    for (const table of ['orders', 'events', 'messages', 'offer_responses', 'consents'] as const) {
      expect(
        dataset[table].filter((r) => r.customer_id === id),
        table,
      ).toEqual([]);
    }
  });

  test('the heavy-history customer has thousands of events', () => {
    const [s] = storiesOf(manifest, 'heavy_history');
    const count = dataset.events.filter((e) => e.customer_id === s!.customer_id).length;
    expect(count).toBe(s!.event_count);
    expect(count).toBeGreaterThanOrEqual(HEAVY_HISTORY_MIN_EVENTS);
  });

  test('shared devices belong to two profiles of one household', () => {
    const planted = storiesOf(manifest, 'shared_device');
    expect(planted.length).toBeGreaterThanOrEqual(2);
    const devices = groupBy(
      dataset.identities.filter((i) => i.kind === 'app_device'),
      (i) => i.value,
    );
    const shared = [...devices.entries()].filter(([, ids]) => ids.length > 1);
    expect(shared.length * 2).toBe(planted.length);
    for (const s of planted) {
      const owners = (devices.get(s.device) ?? []).map((i) => i.customer_id).sort();
      expect(owners).toEqual([s.customer_id, s.other_customer_id].sort());
      const a = customersById.get(s.customer_id)!;
      const b = customersById.get(s.other_customer_id)!;
      expect(a.last_name?.toLowerCase()).toBe(b.last_name?.toLowerCase());
      expect(a.city).toBe(b.city);
    }
  });
});
