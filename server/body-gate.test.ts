// Bodies refused at the edge, on both stores: a body sent as anything but JSON (415: the
// cross-site form and text/plain posts), bytes that are not UTF-8, and lone UTF-16 surrogates
// (which DuckDB's JSON refuses with a 500 and its text columns store as U+FFFD). Each case below
// was accepted, or failed with a 500, before the gate.
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiError } from '../src/api/contract.ts';
import { createApi } from './app.ts';
import { illFormedPath } from './body-gate.ts';
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

const lyon = {
  version: 1,
  root: {
    id: 'root',
    kind: 'group',
    combinator: 'and',
    children: [
      {
        id: 'c1',
        kind: 'attribute',
        field: 'customer.city',
        test: { operator: 'equals', value: 'Lyon' },
      },
    ],
  },
};

async function send(
  store: 'memory' | 'duckdb',
  path: string,
  body: BodyInit | null,
  headers: Record<string, string> = { 'content-type': 'application/json' },
  method = 'POST',
) {
  const api = apis[store];
  if (!api) throw new Error('API not ready');
  const res = await api.request(path, { method, headers, body });
  const text = await res.text();
  return { status: res.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
}

const reasonOf = (body: unknown) => apiError.parse(body).error;

describe.each(['memory', 'duckdb'] as const)('the %s store', (store) => {
  test('a count sent as text/plain, as a form or without a type is refused with 415', async () => {
    const json = JSON.stringify({ definition: lyon });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
      const res = await send(store, '/api/segments/count', json, { 'content-type': type });
      expect(res.status, type).toBe(415);
      expect(reasonOf(res.body)).toMatchObject({
        reason: 'unsupported_media_type',
        params: { content_type: type },
      });
    }
    const untyped = await send(store, '/api/segments/count', new Blob([json]), {});
    expect(untyped.status).toBe(415);
    // As JSON, with or without a charset, it is counted.
    for (const type of ['application/json', 'application/json; charset=utf-8']) {
      const res = await send(store, '/api/segments/count', json, { 'content-type': type });
      expect(res.status, type).toBe(200);
    }
  });

  test('a segment saved from a text/plain post is refused, and nothing is created', async () => {
    const before = await send(store, '/api/segments', null, {}, 'GET');
    const res = await send(
      store,
      '/api/segments',
      JSON.stringify({ name: 'Cross-site', definition: lyon }),
      { 'content-type': 'text/plain;charset=UTF-8' },
    );
    expect(res.status).toBe(415);
    expect((await send(store, '/api/segments', null, {}, 'GET')).body).toEqual(before.body);
  });

  test('a lone surrogate in a name or a definition is a 400 naming its path; nothing is saved', async () => {
    const before = await send(store, '/api/segments', null, {}, 'GET');
    const name = await send(
      store,
      '/api/segments',
      `{"name":"Lyon \\ud800","definition":${JSON.stringify(lyon)}}`,
    );
    expect(name.status).toBe(400);
    expect(reasonOf(name.body)).toMatchObject({
      reason: 'invalid_unicode',
      params: { field: 'name' },
      issues: [{ path: ['body', 'name'], code: 'invalid_unicode' }],
    });
    const value = JSON.stringify({ definition: lyon }).replace('"Lyon"', '"Ly\\udc00on"');
    const count = await send(store, '/api/segments/count', value);
    expect(count.status).toBe(400);
    expect(reasonOf(count.body).params).toEqual({
      field: 'definition.root.children.0.test.value',
    });
    expect((await send(store, '/api/segments', null, {}, 'GET')).body).toEqual(before.body);
  });

  test('a surrogate pair (an emoji) is text like any other', async () => {
    const value = JSON.stringify({ definition: lyon }).replace('"Lyon"', '"Lyon \\ud83d\\ude00"');
    const res = await send(store, '/api/segments/count', value);
    expect(res.status).toBe(200);
  });

  test('bytes that are not UTF-8 are a 400, not text with U+FFFD in it', async () => {
    const json = new TextEncoder().encode(JSON.stringify({ definition: lyon }));
    const at = json.indexOf('L'.charCodeAt(0));
    const bytes = new Uint8Array([...json.slice(0, at), 0xff, 0xfe, ...json.slice(at)]);
    const res = await send(store, '/api/segments/count', bytes);
    expect(res.status).toBe(400);
    expect(reasonOf(res.body).reason).toBe('body_not_utf8');
  });

  test('a body that is not JSON is still the route’s own 400; an empty POST still reaches it', async () => {
    const res = await send(store, '/api/segments/count', '{"definition":');
    expect(res.status).toBe(400);
    expect(reasonOf(res.body).reason).toBe('body_not_json');
  });

  test('a DELETE with no body, no length and no type (as a script sends it) is let through', async () => {
    const saved = await send(
      store,
      '/api/segments',
      JSON.stringify({ name: 'Gone', definition: lyon }),
    );
    expect(saved.status).toBe(201);
    const id = String(Reflect.get(Object(saved.body), 'segment_id'));
    // An empty body that says no length: what Node's server hands over for such a request.
    const res = await send(
      store,
      `/api/segments/${id}`,
      new Uint8Array(0),
      { 'if-match': '"1"' },
      'DELETE',
    );
    expect(res.status).toBe(204);
    expect((await send(store, `/api/segments/${id}`, null, {}, 'GET')).status).toBe(404);
    // A body there is still refused for its type.
    const typed = await send(
      store,
      '/api/segments/count',
      JSON.stringify({ definition: lyon }),
      {},
    );
    expect(typed.status).toBe(415);
  });

  test('a body over the most any route takes is a 413, read no further', async () => {
    const huge = JSON.stringify({ definition: lyon, pad: 'x'.repeat(3 * 1024 * 1024) });
    const res = await send(store, '/api/segments/count', huge);
    expect(res.status).toBe(413);
    expect(reasonOf(res.body)).toMatchObject({
      reason: 'body_too_large',
      params: { max_kb: 2048 },
    });
  });
});

describe('illFormedPath', () => {
  test('finds the first lone surrogate, high or low, in values and keys, nested', () => {
    expect(illFormedPath({ a: ['ok', 'x\ud800'] })).toEqual(['a', '1']);
    expect(illFormedPath({ a: { '\udc00': 1 } })).toEqual(['a', '\udc00']);
    let deep: unknown = 'x\ud800';
    for (let i = 0; i < 20_000; i += 1) deep = [deep];
    expect(illFormedPath(deep)).toHaveLength(20_000);
    expect(illFormedPath('\udc00\ud800')).toEqual([]);
    expect(illFormedPath(['😀', 'é', { n: 1, b: true, z: null }])).toBeNull();
    expect(illFormedPath('\ud83d\ude00')).toBeNull();
    expect(illFormedPath('end\ud83d')).toEqual([]);
  });
});
