// A Customer 360 marks the devices other profiles hold too (a household tablet): on the memory
// store and on DuckDB, equal to what this test counts from the generated identities itself.
import type { Hono } from 'hono';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generateDataset } from '../mocks/seed/index.ts';
import { profileResponse } from '../src/api/contract.ts';
import { createApi } from './app.ts';
import { TEST_ACCESS } from './auth/test-access.ts';
import { loadDataset, openDuckDbStore, type DuckDbStore } from './stores/duckdb.ts';
import { MemoryStore } from './stores/memory.ts';

const generated = generateDataset({ seed: 12, customers: 1_500 });
const { dataset } = generated;
let duck: DuckDbStore;
const apis: Record<'memory' | 'duckdb', Hono | null> = { memory: null, duckdb: null };

beforeAll(async () => {
  apis.memory = createApi(new MemoryStore(dataset, generated.manifest.as_of), {
    access: TEST_ACCESS,
  });
  duck = await openDuckDbStore({ path: ':memory:', connections: 1 });
  await loadDataset(duck, dataset, { asOf: generated.manifest.as_of, seed: 12 });
  apis.duckdb = createApi(duck, { access: TEST_ACCESS });
}, 120_000);
afterAll(() => duck.close());

/** Per device (kind and exact value), who holds it — counted here from the rows. */
function holders(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const i of dataset.identities) {
    if (i.kind !== 'app_device' && i.kind !== 'web_cookie') continue;
    const key = `${i.kind}|${i.value}`;
    out.set(key, (out.get(key) ?? new Set()).add(i.customer_id));
  }
  return out;
}

test('each holder of a shared device sees it marked with the number of other profiles', async () => {
  const shared = [...holders()].filter(([, who]) => who.size > 1);
  expect(shared.length).toBeGreaterThan(0);
  const customers = new Set(shared.flatMap(([, who]) => [...who]));
  // And a few customers whose devices are theirs alone.
  const alone = dataset.customers.map((c) => c.customer_id).filter((id) => !customers.has(id));
  for (const id of [...customers, ...alone.slice(0, 5)]) {
    const expected = shared
      .filter(([, who]) => who.has(id))
      .map(([key, who]) => {
        const [kind = '', value = ''] = key.split('|');
        return { kind, value, profiles: who.size - 1 };
      })
      .sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.value < b.value ? -1 : 1));
    for (const [name, api] of Object.entries(apis)) {
      const res = await api?.request(`/api/customers/${id}`);
      expect(res?.status, name).toBe(200);
      const body = profileResponse.parse(await res?.json());
      expect(body.shared_devices, `${name} ${id}`).toEqual(expected);
    }
  }
}, 120_000);
