import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateDataset } from '../mocks/seed/index.ts';
import { customerScoresResponse, modelCardResponse } from '../src/api/contract.ts';
import { createApi } from './app.ts';
import { loadDataset, openDuckDbStore, type DuckDbStore } from './stores/duckdb.ts';
import { MemoryStore } from './stores/memory.ts';
import { TEST_ACCESS } from './auth/test-access.ts';

const AS_OF = '2026-11-16T00:00:00.000Z';
const { dataset, manifest } = generateDataset({ seed: 3, customers: 1200, asOf: AS_OF });
let duck: DuckDbStore;
const apis = new Map<string, Hono>();

beforeAll(async () => {
  apis.set(
    'memory',
    createApi(new MemoryStore(dataset, AS_OF), { access: TEST_ACCESS, logErrors: false }),
  );
  duck = await openDuckDbStore({ path: ':memory:' });
  await loadDataset(duck, dataset, { asOf: AS_OF });
  apis.set('duckdb', createApi(duck, { access: TEST_ACCESS, logErrors: false }));
});
afterAll(() => duck.close());

const get = async (store: string, path: string) => {
  const api = apis.get(store);
  if (!api) throw new Error('API not ready');
  return api.request(path);
};

describe('scores and the model card', () => {
  test('both stores serve the same model card and the same scores', async () => {
    const cards = await Promise.all(
      ['memory', 'duckdb'].map(async (s) =>
        modelCardResponse.parse(await (await get(s, '/api/models/clv')).json()),
      ),
    );
    const [memoryCard, duckCard] = cards;
    expect({ ...duckCard, fitted_at: null }).toEqual({ ...memoryCard, fitted_at: null });
    expect(memoryCard?.holdout?.auc).toBeGreaterThan(0.6);

    const showcase = manifest.stories.find((s) => s.story === 'omnichannel_showcase');
    const ids = [showcase?.customer_id ?? 'C0000001', 'C0000010', 'C0000500'];
    for (const id of ids) {
      const [a, b] = await Promise.all(
        ['memory', 'duckdb'].map(async (s) =>
          customerScoresResponse.parse(await (await get(s, `/api/customers/${id}/scores`)).json()),
        ),
      );
      expect(b, id).toEqual(a);
    }
  });

  test('an unknown customer is a 404, a bad id a 400', async () => {
    for (const store of ['memory', 'duckdb']) {
      expect((await get(store, '/api/customers/C9999999/scores')).status).toBe(404);
      expect((await get(store, `/api/customers/${'x'.repeat(300)}/scores`)).status).toBe(400);
    }
  });
});
