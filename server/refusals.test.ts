// Malformed requests the API used to accept, now refused cleanly (issue 13): unknown keys in a
// count (at the top and inside a definition's nodes), numbers that are not plain decimals, and a
// deletion that does not say which version it deletes. Each case here was accepted before.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Hono } from 'hono';
import { apiError } from '../src/api/contract.ts';
import { createApi } from './app.ts';
import { TEST_ACCESS } from './auth/test-access.ts';
import { FIXTURE_AS_OF, fixtureDataset } from './fixture.ts';
import { MemoryStore } from './stores/memory.ts';

let api: Hono;
beforeAll(() => {
  const data = fixtureDataset();
  data.segments.push({
    segment_id: 'seg_lyon',
    name: 'Lyonnais',
    definition: lyon(),
    version: 2,
    author: 'Nadia',
    updated_at: '2026-10-01T00:00:00.000Z',
  });
  api = createApi(new MemoryStore(data, FIXTURE_AS_OF), { access: TEST_ACCESS, logErrors: false });
});

function lyon(extra: Record<string, unknown> = {}) {
  return {
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
          ...extra,
        },
      ],
    },
  };
}

async function send(method: string, path: string, body?: unknown, headers = {}) {
  const res = await api.request(path, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
}

describe('a count is strict about its keys', () => {
  test('an unknown key at the top is a 400 naming it', async () => {
    const reply = await send('POST', '/api/segments/count', {
      definition: lyon(),
      sampel: 5,
    });
    expect(reply.status).toBe(400);
    expect(apiError.parse(reply.body).error.issues).toEqual([
      expect.objectContaining({
        path: ['body'],
        code: 'unrecognized_keys',
        params: { keys: ['sampel'] },
      }),
    ]);
  });

  test('an unknown key inside a condition is refused, naming it and its node', async () => {
    const reply = await send('POST', '/api/segments/count', {
      definition: lyon({ negated: true }),
    });
    expect(reply.status).toBe(422);
    const { error } = apiError.parse(reply.body);
    expect(error.reason).toBe('definition_malformed');
    expect(error.issues).toEqual([
      expect.objectContaining({
        code: 'unrecognized_keys',
        params: { keys: ['negated'] },
        path: ['definition', 'root', 'children', 0],
      }),
    ]);
  });

  test('the same definition without it counts', async () => {
    expect((await send('POST', '/api/segments/count', { definition: lyon() })).status).toBe(200);
  });
});

const NOT_DECIMAL = ['1e2', '0x10', ' 5', '5 ', '+5', '05', '5.0', '', '-0', '1_0'];
const NUMBERED = [
  '/api/segments/seg_lyon/members?limit=',
  '/api/customers?q=ol&limit=',
  '/api/customers/C0000001/timeline?limit=',
  '/api/campaigns/CMP01/recipients?limit=',
  '/api/dashboards/quality/customers?list=email_missing&from=2025-01&to=2026-11&limit=',
  '/api/segments/seg_lyon/versions/',
];
// (An empty last segment of a path names no route at all: a 404, not a number to refuse.)
const cases = NUMBERED.flatMap((path) =>
  NOT_DECIMAL.filter((written) => !(written === '' && path.endsWith('/'))).map(
    (written) => [written, path] as const,
  ),
);

test.each(cases)('the number %j is refused in %s', async (written, path) => {
  const reply = await send('GET', `${path}${encodeURIComponent(written)}`);
  expect(reply.status, JSON.stringify(reply.body)).toBe(400);
  const { error } = apiError.parse(reply.body);
  expect(['invalid_query', 'invalid_params']).toContain(error.reason);
});

test('plain decimals are read as before', async () => {
  expect((await send('GET', '/api/segments/seg_lyon/members?limit=100')).status).toBe(200);
  expect((await send('GET', '/api/customers/C0000001/timeline?limit=5')).status).toBe(200);
  expect((await send('GET', '/api/segments/seg_lyon/versions/2')).status).toBe(200);
});

describe('a deletion says which version it deletes', () => {
  test('a segment: 428 without If-Match, and it is still there', async () => {
    const created = await send('POST', '/api/segments', {
      name: 'À supprimer',
      definition: lyon(),
    });
    const id = (created.body as { segment_id: string }).segment_id;
    const reply = await send('DELETE', `/api/segments/${id}`);
    expect(reply.status).toBe(428);
    expect(apiError.parse(reply.body).error.reason).toBe('if_match_required');
    expect((await send('GET', `/api/segments/${id}`)).status).toBe(200);
    expect(
      (await send('DELETE', `/api/segments/${id}`, undefined, { 'if-match': '"1"' })).status,
    ).toBe(204);
  });

  test('a campaign: 428 without If-Match, and it is still there', async () => {
    const created = await send('POST', '/api/campaigns', { name: 'À supprimer', channel: 'email' });
    const id = (created.body as { campaign_id: string }).campaign_id;
    const reply = await send('DELETE', `/api/campaigns/${id}`);
    expect(reply.status).toBe(428);
    expect((await send('GET', `/api/campaigns/${id}`)).status).toBe(200);
    expect(
      (await send('DELETE', `/api/campaigns/${id}`, undefined, { 'if-match': '"1"' })).status,
    ).toBe(204);
  });
});

test('a save that names segments too large once written out is a 422 with the chain; a count too', async () => {
  const save = (name: string, children: unknown[]) =>
    send('POST', '/api/segments', {
      name,
      definition: { version: 1, root: { id: 'root', kind: 'group', combinator: 'or', children } },
    });
  const names = (id: string, times: number) =>
    Array.from({ length: times }, (_, i) => ({ id: `m${i}`, kind: 'segment', segment_id: id }));
  // Each names the one before ten times: 2, 21, 211, 2,111 conditions and groups written out.
  let previous = 'seg_lyon';
  const chain: string[] = [];
  for (const name of ['Étage 2', 'Étage 3', 'Étage 4']) {
    const reply = await save(name, names(previous, 10));
    expect(reply.status).toBe(201);
    previous = (reply.body as { segment_id: string }).segment_id;
    chain.unshift(previous);
  }
  const before = (await send('GET', '/api/segments')).body;
  const refused = await save('Trop lourd', names(previous, 3));
  expect(refused.status).toBe(422);
  const { error } = apiError.parse(refused.body);
  expect(error.issues).toEqual([
    expect.objectContaining({
      code: 'too_large_expanded',
      node_id: 'm0',
      params: { max: 5_000, count: 1 + 3 * 2_111, chain: [...chain, 'seg_lyon'] },
    }),
  ]);
  expect((await send('GET', '/api/segments')).body).toEqual(before);
  const counted = await send('POST', '/api/segments/count', {
    definition: {
      version: 1,
      root: { id: 'root', kind: 'group', combinator: 'or', children: names(previous, 3) },
    },
  });
  expect(counted.status).toBe(422);
  expect((await save('Assez léger', names(previous, 2))).status).toBe(201);
});
