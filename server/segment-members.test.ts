import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { membersResponse, savedSegment } from '../src/api/contract.ts';
import { createApi } from './app.ts';
import { FIXTURE_AS_OF, fixtureDataset } from './fixture.ts';
import { loadDataset, openDuckDbStore, type DuckDbStore } from './stores/duckdb.ts';
import { MemoryStore } from './stores/memory.ts';
import { TEST_ACCESS } from './auth/test-access.ts';

let duck: DuckDbStore;
const apis = new Map<string, Hono>();

beforeAll(async () => {
  apis.set(
    'memory',
    createApi(new MemoryStore(fixtureDataset(), FIXTURE_AS_OF), {
      access: TEST_ACCESS,
      logErrors: false,
    }),
  );
  duck = await openDuckDbStore({ path: ':memory:' });
  await loadDataset(duck, fixtureDataset(), { asOf: FIXTURE_AS_OF });
  apis.set('duckdb', createApi(duck, { access: TEST_ACCESS, logErrors: false }));
});
afterAll(() => duck.close());

/** Everyone with a city: C0000001 (Lyon) and C0000002 (Paris). */
const withCity = {
  version: 1,
  root: {
    id: 'root',
    kind: 'group',
    combinator: 'and',
    children: [
      { id: 'c', kind: 'attribute', field: 'customer.city', test: { operator: 'is_set' } },
    ],
  },
};

describe.each(['memory', 'duckdb'])('members of a saved segment on the %s store', (name) => {
  const api = () => {
    const found = apis.get(name);
    if (!found) throw new Error('API not ready');
    return found;
  };
  const create = async () => {
    const res = await api().request('/api/segments', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'With a city', definition: withCity }),
    });
    expect(res.status).toBe(201);
    return savedSegment.parse(await res.json()).segment_id;
  };

  test('pages through the members with a stable cursor, in customer id order', async () => {
    const id = await create();
    const first = membersResponse.parse(
      await (await api().request(`/api/segments/${id}/members?limit=1`)).json(),
    );
    expect(first.members.map((m) => m.customer_id)).toEqual(['C0000001']);
    expect(first.next_cursor).toBe('C0000001');
    const second = membersResponse.parse(
      await (
        await api().request(`/api/segments/${id}/members?limit=1&cursor=${first.next_cursor}`)
      ).json(),
    );
    expect(second.members.map((m) => m.customer_id)).toEqual(['C0000002']);
    expect(second.next_cursor).toBeNull();
  });

  test('exports every member as CSV, customer text as data', async () => {
    const id = await create();
    const res = await api().request(`/api/segments/${id}/members.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain(`${id}-v1.csv`);
    expect(await res.text()).toBe(
      'customer_id,first_name,last_name,email,city\r\n' +
        'C0000001,Olivier,Marchand,olivier.marchand@example.fr,Lyon\r\n' +
        'C0000002,<img src=x onerror=alert(1)>,Durand,pas-un-email,Paris\r\n',
    );
  });

  test.each([
    ['/api/segments/seg_nope/members', 404],
    ['/api/segments/seg_nope/members.csv', 404],
    ['/api/segments/bad%20id/members', 400],
  ])('GET %s is a %i', async (path, status) => {
    expect((await api().request(path)).status).toBe(status);
  });

  test('a bad cursor or limit is a 400', async () => {
    const id = await create();
    expect((await api().request(`/api/segments/${id}/members?cursor=%27;DROP`)).status).toBe(400);
    expect((await api().request(`/api/segments/${id}/members?limit=0`)).status).toBe(400);
  });
});
