// POST /api/recommendations on both stores: the same answer for the same customers whatever the
// store (they supply histories and the catalogue; the ranking is the domain's), requests checked
// at the edge, and the co-purchase statistics counted once per fit of the scores.
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PROMOTED_SKU, generateDataset } from '../mocks/seed/index.ts';
import { recommendationsResponse, type RecommendationsResponse } from '../src/api/contract.ts';
import { createApi } from './app.ts';
import { recommendationContextOf } from './routes/recommendations.ts';
import { loadDataset, openDuckDbStore, type DuckDbStore } from './stores/duckdb.ts';
import { MemoryStore } from './stores/memory.ts';
import { TEST_ACCESS } from './auth/test-access.ts';

const AS_OF = '2026-11-16T00:00:00.000Z';
const { dataset } = generateDataset({ seed: 7, customers: 700, asOf: AS_OF });
const ids = dataset.customers.map((c) => c.customer_id);
let memory: MemoryStore;
let duck: DuckDbStore;
const apis = new Map<'memory' | 'duckdb', Hono>();

beforeAll(async () => {
  memory = new MemoryStore(dataset, AS_OF);
  apis.set('memory', createApi(memory, { access: TEST_ACCESS, logErrors: false }));
  duck = await openDuckDbStore({ path: ':memory:' });
  await loadDataset(duck, dataset, { asOf: AS_OF });
  apis.set('duckdb', createApi(duck, { access: TEST_ACCESS, logErrors: false }));
});
afterAll(() => duck.close());

async function post(store: 'memory' | 'duckdb', body: unknown): Promise<Response> {
  const api = apis.get(store);
  if (!api) throw new Error('API not ready');
  return api.request('/api/recommendations', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function recommendations(
  store: 'memory' | 'duckdb',
  body: unknown,
): Promise<RecommendationsResponse> {
  const response = await post(store, body);
  expect(response.status).toBe(200);
  return recommendationsResponse.parse(await response.json());
}

const asks = [
  { strategy: 'complements', count: 5, channel: 'email' },
  { strategy: 'bought_together', count: 8, channel: 'push' },
  { strategy: 'category_best_sellers', count: 3 },
  { strategy: 'offer', count: 1, channel: 'sms', offer: { kind: 'product', sku: PROMOTED_SKU } },
  {
    strategy: 'offer',
    count: 4,
    channel: 'web_banner',
    offer: { kind: 'category', category: 'video_games' },
  },
];

describe('the same recommendations from both stores', () => {
  test.each(asks)('for every customer: %j', async (ask) => {
    let products = 0;
    for (let start = 0; start < ids.length; start += 100) {
      const body = { ...ask, customer_ids: ids.slice(start, start + 100) };
      const [fromMemory, fromDuck] = await Promise.all([
        recommendations('memory', body),
        recommendations('duckdb', body),
      ]);
      expect(fromDuck).toEqual(fromMemory);
      products += fromMemory.results.reduce((n, r) => n + r.recommendations.length, 0);
    }
    expect(products).toBeGreaterThan(ask.strategy === 'offer' && ask.count === 1 ? 500 : 1000);
  });

  test('both count the same statistics', async () => {
    const [a, b] = await Promise.all([
      recommendationContextOf(memory),
      recommendationContextOf(duck),
    ]);
    expect(b.stats).toEqual(a.stats);
    expect(a.stats.customers).toBeGreaterThan(500);
    expect(a.stats.neighbours.size).toBeGreaterThan(100);
  });
});

describe('POST /api/recommendations', () => {
  test('answers each known customer once, in the order asked, and names the unknown', async () => {
    const body = {
      customer_ids: ['C0000005', 'NOBODY', 'C0000002', 'C0000005'],
      strategy: 'category_best_sellers',
      count: 2,
    };
    const answer = await recommendations('memory', body);
    expect(answer.results.map((r) => r.customer_id)).toEqual(['C0000005', 'C0000002']);
    expect(answer.unknown_customer_ids).toEqual(['NOBODY']);
    expect(answer).toMatchObject({
      strategy: 'category_best_sellers',
      channel: null,
      as_of: AS_OF,
      statistics: { as_of: AS_OF, window_days: 90 },
    });
    for (const { recommendations: list } of answer.results) {
      expect(list.length).toBeLessThanOrEqual(2);
      for (const product of list) expect(product.reason.code).toBe('category_best_seller');
    }
  });

  test('a customer with no order gets nothing from the history strategies, the offer all the same', async () => {
    const never = dataset.customers.find(
      (c) => !dataset.orders.some((o) => o.customer_id === c.customer_id),
    );
    expect(never).toBeDefined();
    const customer_ids = [never?.customer_id ?? ''];
    const complements = await recommendations('memory', {
      customer_ids,
      strategy: 'complements',
      count: 3,
    });
    expect(complements.results).toEqual([{ customer_id: customer_ids[0], recommendations: [] }]);
    const offer = await recommendations('memory', {
      customer_ids,
      strategy: 'offer',
      count: 3,
      offer: { kind: 'product', sku: PROMOTED_SKU },
    });
    expect(offer.results[0]?.recommendations.map((p) => [p.sku, p.reason.code])).toEqual([
      [PROMOTED_SKU, 'offer_product'],
    ]);
  });

  test.each([
    ['no customer', { customer_ids: [], strategy: 'complements', count: 3 }, 'customer_ids'],
    [
      'more than 100 customers',
      { customer_ids: ids.slice(0, 101), strategy: 'complements', count: 3 },
      'customer_ids',
    ],
    [
      'an unknown strategy',
      { customer_ids: ['C0000001'], strategy: 'psychic', count: 3 },
      'strategy',
    ],
    ['no count', { customer_ids: ['C0000001'], strategy: 'complements' }, 'count'],
    [
      'too many products',
      { customer_ids: ['C0000001'], strategy: 'complements', count: 21 },
      'count',
    ],
    [
      'an unknown channel',
      { customer_ids: ['C0000001'], strategy: 'complements', count: 3, channel: 'fax' },
      'channel',
    ],
    [
      'the offer strategy without an offer',
      { customer_ids: ['C0000001'], strategy: 'offer', count: 3 },
      'offer',
    ],
    [
      'an offer on both a product and a category',
      {
        customer_ids: ['C0000001'],
        strategy: 'offer',
        count: 3,
        offer: { kind: 'product', sku: PROMOTED_SKU, category: 'films' },
      },
      'offer',
    ],
    [
      'a field the API does not know',
      { customer_ids: ['C0000001'], strategy: 'complements', count: 3, segment: 'x' },
      '',
    ],
  ])('400 for %s', async (_, body, field) => {
    const response = await post('memory', body);
    expect(response.status).toBe(400);
    const error: unknown = await response.json();
    expect(JSON.stringify(error)).toContain(`"body"${field === '' ? '' : `,"${field}"`}`);
  });

  test('400 for a body that is not JSON, 413 for one too large', async () => {
    expect((await post('memory', '{"customer_ids": [')).status).toBe(400);
    const huge = {
      customer_ids: ['C0000001'],
      strategy: 'complements',
      count: 3,
      pad: 'x'.repeat(20_000),
    };
    expect((await post('memory', huge)).status).toBe(413);
  });
});

describe('the co-purchase statistics', () => {
  test('are counted once and shared, then counted again after the scores are refit', async () => {
    const store = new MemoryStore(dataset, AS_OF);
    const [first, second] = await Promise.all([
      recommendationContextOf(store),
      recommendationContextOf(store),
    ]);
    expect(second).toBe(first);
    expect(await recommendationContextOf(store)).toBe(first);
    await store.refitScores(() => undefined);
    const refreshed = await recommendationContextOf(store);
    expect(refreshed).not.toBe(first);
    expect(refreshed.stats).toEqual(first.stats);
  });
});
