import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateDataset } from '../mocks/seed/index.ts';
import { membersResponse, overlapResponse, savedSegment } from '../src/api/contract.ts';
import { createApi } from './app.ts';
import { loadDataset, openDuckDbStore, type DuckDbStore } from './stores/duckdb.ts';
import { MemoryStore } from './stores/memory.ts';
import { TEST_ACCESS } from './auth/test-access.ts';

const AS_OF = '2026-11-16T00:00:00.000Z';
const { dataset } = generateDataset({ seed: 11, customers: 400, asOf: AS_OF });
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

const attribute = (field: string, test: object) => ({
  version: 1,
  root: {
    id: 'root',
    kind: 'group',
    combinator: 'and',
    children: [{ id: 'a', kind: 'attribute', field, test }],
  },
});
const DEFINITIONS = [
  attribute('customer.loyalty_tier', { operator: 'in', values: ['gold', 'platinum'] }),
  attribute('customer.city', { operator: 'in', values: ['Paris', 'Lyon', 'Lille'] }),
  attribute('customer.gender', { operator: 'equals', value: 'female' }),
];

describe.each(['memory', 'duckdb'])('overlap of saved segments on the %s store', (name) => {
  const api = () => {
    const found = apis.get(name);
    if (!found) throw new Error('API not ready');
    return found;
  };
  const post = (path: string, body: unknown) =>
    api().request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const create = async (definition: unknown, i: number) => {
    const res = await post('/api/segments', { name: `Overlap ${i}`, definition });
    expect(res.status).toBe(201);
    return savedSegment.parse(await res.json()).segment_id;
  };
  /** All members, page by page: the independent side of the comparison. */
  const members = async (id: string) => {
    const res = await api().request(`/api/segments/${id}/members?limit=1000`);
    return new Set(membersResponse.parse(await res.json()).members.map((m) => m.customer_id));
  };

  test('counts every region of three segments as the members endpoint sees them', async () => {
    const ids = await Promise.all(DEFINITIONS.map(create));
    const sets = await Promise.all(ids.map(members));
    const res = await post('/api/segments/overlap', { segment_ids: ids });
    expect(res.status).toBe(200);
    const body = overlapResponse.parse(await res.json());
    expect(body.segments.map((s) => s.size)).toEqual(sets.map((s) => s.size));
    expect(body.regions).toHaveLength(7);
    const everyone = new Set(sets.flatMap((s) => [...s]));
    for (const region of body.regions) {
      const inside = ids.map((id) => region.segment_ids.includes(id));
      const expected = [...everyone].filter((c) => sets.every((s, i) => s.has(c) === inside[i]));
      expect(region.count, region.segment_ids.join('+')).toBe(expected.length);
    }
    expect(body.union).toBe(everyone.size);
    expect(body.regions.reduce((sum, r) => sum + r.count, 0)).toBe(body.union);
    expect(body.regions.map((r) => r.segment_ids.length)).toEqual([1, 1, 1, 2, 2, 2, 3]);
    expect(body.total).toBe(400);
    // Some region of each kind is populated, so the comparison above means something.
    expect(body.regions.filter((r) => r.count > 0).length).toBeGreaterThanOrEqual(5);
  });

  test('two segments give three regions', async () => {
    const ids = await Promise.all(DEFINITIONS.slice(0, 2).map(create));
    const body = overlapResponse.parse(
      await (await post('/api/segments/overlap', { segment_ids: ids })).json(),
    );
    expect(body.regions.map((r) => r.segment_ids)).toEqual([[ids[0]], [ids[1]], ids]);
  });

  test.each([
    [{ segment_ids: ['only_one'] }, 400, 'Compare two or three segments.'],
    [{ segment_ids: ['a', 'b', 'c', 'd'] }, 400, 'Compare two or three segments.'],
    [{ segment_ids: ['a', 'a'] }, 400, 'Each segment can be compared only once.'],
    [{ segment_ids: ['a', "b'; DROP TABLE customers; --"] }, 400, 'A segment id is'],
    [{ segment_ids: ['nope1', 'nope2'] }, 404, "No saved segment 'nope1', 'nope2'."],
    ['{not json', 400, 'The body is not JSON.'],
    [{ segment_ids: ['a', 'b'], extra: 1 }, 400, 'Unrecognized key'],
    [JSON.stringify({ segment_ids: ['x'.repeat(5000), 'b'] }), 413, 'at most 4 KB'],
  ])('refuses %j with %i', async (body, status, message) => {
    const res = await post('/api/segments/overlap', body);
    expect(res.status).toBe(status);
    expect(JSON.stringify(await res.json())).toContain(message);
  });
});
