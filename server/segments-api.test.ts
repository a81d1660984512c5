import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiError, countResponse } from '../src/api/contract.ts';
import type { Hono } from 'hono';
import { createApi } from './app.ts';
import { FIXTURE_AS_OF, fixtureDataset } from './fixture.ts';
import { loadDataset, openDuckDbStore, type DuckDbStore } from './stores/duckdb.ts';
import { MemoryStore } from './stores/memory.ts';
import { TEST_ACCESS } from './auth/test-access.ts';

let duck: DuckDbStore;
const apis: Record<'memory' | 'duckdb', Hono | null> = { memory: null, duckdb: null };

beforeAll(async () => {
  apis.memory = createApi(new MemoryStore(fixtureDataset(), FIXTURE_AS_OF), {
    access: TEST_ACCESS,
    logErrors: false,
  });
  duck = await openDuckDbStore({ path: ':memory:' });
  await loadDataset(duck, fixtureDataset(), { asOf: FIXTURE_AS_OF });
  apis.duckdb = createApi(duck, { access: TEST_ACCESS, logErrors: false });
});
afterAll(() => duck.close());

const definition = (children: unknown[], combinator = 'and') => ({
  version: 1,
  root: { id: 'root', kind: 'group', combinator, children },
});
const city = (value: string, id = 'c1') => ({
  id,
  kind: 'attribute',
  field: 'customer.city',
  test: { operator: 'equals', value },
});

async function post(store: 'memory' | 'duckdb', body: unknown, raw?: string) {
  const api = apis[store];
  if (!api) throw new Error('API not ready');
  const res = await api.request('/api/segments/count', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: raw ?? JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

describe.each(['memory', 'duckdb'] as const)(
  'POST /api/segments/count on the %s store',
  (store) => {
    test('counts a segment with its reach, per-part counts, sample and breakdown', async () => {
      const { status, body } = await post(store, {
        definition: definition([city('lyon'), city('Paris', 'c2')], 'or'),
        breakdown: 'customer.city',
      });
      expect(status).toBe(200);
      const count = countResponse.parse(body);
      expect(count).toMatchObject({
        count: 2,
        total: 3,
        // C0000001 withdrew email consent but granted SMS and has a phone; C0000002's email is
        // not valid; nobody granted push.
        reachable: { email: 0, sms: 1, push: 0 },
        groups: [
          { node_id: 'c1', count: 1 },
          { node_id: 'c2', count: 1 },
        ],
        breakdown: {
          field: 'customer.city',
          values: [
            { value: 'Lyon', count: 1 },
            { value: 'Paris', count: 1 },
          ],
        },
        as_of: FIXTURE_AS_OF,
      });
      expect(count.sample.map((m) => m.customer_id)).toEqual(['C0000001', 'C0000002']);
    });

    test('an invalid definition gets its problems by node, not a count', async () => {
      const { status, body } = await post(store, {
        definition: definition([{ ...city('Lyon'), field: 'customer.shoe_size' }]),
      });
      expect(status).toBe(422);
      const error = apiError.parse(body).error;
      expect(error.code).toBe('invalid_definition');
      expect(JSON.stringify(body)).toContain('"node_id":"c1"');
    });

    test.each([
      ['an empty definition', { definition: definition([]) }, 422],
      [
        '__proto__ as a field',
        { definition: definition([{ ...city('x'), field: '__proto__' }]) },
        422,
      ],
      ['a wrong shape', { definition: { version: 1, root: { kind: 'nope' } } }, 422],
      [
        'a breakdown by an unknown field',
        { definition: definition([city('Lyon')]), breakdown: 'customer.x' },
        400,
      ],
      ['no definition at all', {}, 400],
    ])('%s is refused with a 4xx', async (_label, body, expected) => {
      expect((await post(store, body)).status).toBe(expected);
    });

    test('SQL in a value is only a value, and the data is untouched', async () => {
      const { status, body } = await post(store, {
        definition: definition([city("Lyon'; DROP TABLE customers; --")]),
      });
      expect(status).toBe(200);
      expect(countResponse.parse(body)).toMatchObject({ count: 0, total: 3 });
      const again = await post(store, { definition: definition([city('Lyon')]) });
      expect(countResponse.parse(again.body).total).toBe(3);
    });

    test('a definition 10,000 groups deep is refused without a crash', async () => {
      // Built as text: JSON.stringify itself would overflow the stack on this nesting.
      const open = '{"id":"g","kind":"group","combinator":"and","children":['.repeat(10_000);
      const close = ']}'.repeat(10_000);
      const raw = `{"definition":{"version":1,"root":${open}${JSON.stringify(city('Lyon'))}${close}}}`;
      const { status } = await post(store, null, raw);
      expect([413, 422]).toContain(status);
    });

    test('a 10 MB body is refused unread, and a body that is not JSON is a 400', async () => {
      expect(
        (await post(store, null, `{"definition":"${'x'.repeat(10 * 1024 * 1024)}"}`)).status,
      ).toBe(413);
      expect((await post(store, null, '{not json')).status).toBe(400);
    });
  },
);
