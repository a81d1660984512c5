import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_AS_OF, generateDataset } from '../mocks/seed/index.ts';
import {
  apiError,
  countResponse,
  invalidDefinitionResponse,
  savedSegment,
  segmentAudiencesResponse,
  segmentDiffResponse,
  segmentInUse,
  segmentListResponse,
  segmentPreconditionFailed,
  segmentVersion,
  segmentVersionsResponse,
  type SavedSegment,
} from '../src/api/contract.ts';
import type { Dataset } from '../src/domain/profile/schema.ts';
import { validateDefinition } from '../src/domain/segment/validate.ts';
import { createApi } from './app.ts';
import { FIXTURE_AS_OF, fixtureDataset } from './fixture.ts';
import { definitionsById, type ProfileStore } from './store.ts';
import { loadDataset, openDuckDbStore, type DuckDbStore } from './stores/duckdb.ts';
import { MemoryStore } from './stores/memory.ts';
import { fixedAccess } from './auth/access.ts';
import { TEST_ACCESS } from './auth/test-access.ts';

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
const memberOf = (segment_id: string, id = 'm1') => ({ id, kind: 'segment', segment_id });

/** The fixture with a saved segment a campaign targets, and one whose definition does not parse. */
function dataset(): Dataset {
  const d = fixtureDataset();
  d.segments.push(
    {
      segment_id: 'seg_lyon',
      name: 'Lyonnais',
      definition: definition([city('Lyon')]),
      version: 3,
      author: 'camille',
      updated_at: '2026-10-01T00:00:00.000Z',
    },
    {
      segment_id: 'seg_legacy',
      name: 'Ancien format',
      definition: { op: 'and', conditions: [] },
      version: 1,
      author: 'camille',
      updated_at: '2026-09-01T00:00:00.000Z',
    },
  );
  d.campaigns = d.campaigns.map((c) => ({ ...c, segment_id: 'seg_lyon' }));
  return d;
}

type StoreKind = 'memory' | 'duckdb';
let duck: DuckDbStore;
const stores: Record<StoreKind, ProfileStore | null> = { memory: null, duckdb: null };
const apis: Record<StoreKind, Hono | null> = { memory: null, duckdb: null };

beforeAll(async () => {
  stores.memory = new MemoryStore(dataset(), FIXTURE_AS_OF);
  apis.memory = createApi(stores.memory, { access: TEST_ACCESS, logErrors: false });
  duck = await openDuckDbStore({ path: ':memory:' });
  await loadDataset(duck, dataset(), { asOf: FIXTURE_AS_OF });
  stores.duckdb = duck;
  apis.duckdb = createApi(duck, { access: TEST_ACCESS, logErrors: false });
});
afterAll(() => duck.close());

interface Reply {
  status: number;
  etag: string | null;
  headers: Headers;
  body: unknown;
}

async function call(
  api: Hono | null,
  method: string,
  url: string,
  options: { body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  if (!api) throw new Error('API not ready');
  const hasBody = options.raw !== undefined || options.body !== undefined;
  const res = await api.request(`/api/segments${url}`, {
    method,
    headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...options.headers },
    ...(hasBody ? { body: options.raw ?? JSON.stringify(options.body) } : {}),
  });
  const text = await res.text();
  return {
    status: res.status,
    etag: res.headers.get('etag'),
    headers: res.headers,
    body: text === '' ? null : (JSON.parse(text) as unknown),
  };
}

const ifMatch = (version: number | string) => ({ 'if-match': `"${version}"` });

describe.each(['memory', 'duckdb'] as const)('saved segments on the %s store', (kind) => {
  const api = () => apis[kind];
  const send = (method: string, url: string, options?: Parameters<typeof call>[3]) =>
    call(api(), method, url, options);
  /** Another editor than the tests' admin, saving to the same store. */
  const sendAs = (
    name: string,
    method: string,
    url: string,
    options?: Parameters<typeof call>[3],
  ) => {
    const store = stores[kind];
    if (!store) throw new Error('store not ready');
    const other = createApi(store, { access: fixedAccess('editor', name), logErrors: false });
    return call(other, method, url, options);
  };
  const list = async () => segmentListResponse.parse((await send('GET', '')).body);
  const create = async (name: string, def: unknown, headers?: Record<string, string>) => {
    const reply = await send('POST', '', { body: { name, definition: def }, headers });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return savedSegment.parse(reply.body);
  };
  const update = (s: SavedSegment, body: object, version = s.version) =>
    send('PUT', `/${s.segment_id}`, { body, headers: ifMatch(version) });

  test('lists the loaded segments with size, usage and version; one that does not parse is not listed', async () => {
    const { segments, total, as_of } = await list();
    expect({ total, as_of }).toEqual({ total: 3, as_of: FIXTURE_AS_OF });
    const lyon = segments.find((s) => s.segment_id === 'seg_lyon');
    expect(lyon).toMatchObject({
      name: 'Lyonnais',
      version: 3,
      author: 'camille',
      updated_at: '2026-10-01T00:00:00.000Z',
      size: 1,
      usage: {
        campaigns: [{ campaign_id: 'CMP01', name: 'Coffrets de Noël', status: 'sent' }],
        segments: [],
      },
    });
    expect(segments.map((s) => s.segment_id)).not.toContain('seg_legacy');
  });

  test('a loaded segment has its ETag, and a history of one version at its loaded version', async () => {
    const reply = await send('GET', '/seg_lyon');
    expect(reply.status).toBe(200);
    expect(reply.etag).toBe('"3"');
    expect(savedSegment.parse(reply.body)).toMatchObject({ version: 3, description: '' });
    const history = segmentVersionsResponse.parse((await send('GET', '/seg_lyon/versions')).body);
    expect(history.versions).toEqual([
      {
        version: 3,
        name: 'Lyonnais',
        author: 'camille',
        at: '2026-10-01T00:00:00.000Z',
        note: 'imported at version 3',
      },
    ]);
    const missing = await send('GET', '/seg_lyon/versions/1');
    expect(missing.status).toBe(404);
    expect(apiError.parse(missing.body).error.message).toBe(
      "Segment 'seg_lyon' has no version 1: only version 3 is recorded.",
    );
  });

  test.each([
    ['GET', '/seg_nope', 404],
    ['GET', '/seg_nope/versions', 404],
    ['GET', '/seg_nope/versions/1', 404],
    ['GET', '/seg_lyon/versions/abc', 400],
    ['GET', '/seg_lyon/versions/0', 400],
    ['GET', '/seg$lyon', 400],
    ['GET', '/seg_lyon/diff?from=3', 400],
    ['GET', '/seg_lyon/diff?from=3&to=9', 404],
    ['DELETE', '/seg_nope', 404],
  ])('%s %s answers %i', async (method, url, status) => {
    // A deletion names the version it deletes (428 without), here one no segment has.
    const reply = await send(method, url, method === 'DELETE' ? { headers: ifMatch(1) } : {});
    expect(reply.status).toBe(status);
    expect(apiError.parse(reply.body).error.message).not.toBe('');
  });

  test('create, get, then update with the right If-Match makes version 2', async () => {
    const created = await create('  Parisiens  ', definition([city('Paris')]));
    expect(created).toMatchObject({
      name: 'Parisiens',
      description: '',
      version: 1,
      author: 'Test admin',
    });
    expect(created.segment_id).toMatch(/^seg_[0-9a-f]{32}$/);
    expect(created.created_at).toBe(created.updated_at);
    const got = await send('GET', `/${created.segment_id}`);
    expect(got.etag).toBe('"1"');
    expect(got.body).toEqual(created);

    // Saved by someone else than who created it: the version names its own author.
    const saved = await sendAs('Camille Roux', 'PUT', `/${created.segment_id}`, {
      body: {
        name: 'Parisiens et Lyonnais',
        definition: definition([city('Paris'), city('Lyon', 'c2')], 'or'),
        note: 'Lyon aussi',
      },
      headers: ifMatch(created.version),
    });
    expect(saved.status).toBe(200);
    expect(saved.etag).toBe('"2"');
    const v2 = savedSegment.parse(saved.body);
    expect(v2).toMatchObject({
      version: 2,
      author: 'Camille Roux',
      created_at: created.created_at,
    });
    const history = segmentVersionsResponse.parse(
      (await send('GET', `/${created.segment_id}/versions`)).body,
    );
    expect(history.versions.map((v) => [v.version, v.name, v.author, v.note])).toEqual([
      [2, 'Parisiens et Lyonnais', 'Camille Roux', 'Lyon aussi'],
      [1, 'Parisiens', 'Test admin', 'created'],
    ]);
    const v1 = segmentVersion.parse((await send('GET', `/${created.segment_id}/versions/1`)).body);
    expect(v1.definition).toEqual(created.definition);
    const { segments } = await list();
    expect(segments.find((s) => s.segment_id === created.segment_id)?.size).toBe(2);
  });

  test('a stale If-Match gets 412 with the current segment and changes nothing', async () => {
    const s = await create('Stale', definition([city('Paris')]));
    const v2 = savedSegment.parse(
      (await update(s, { name: 'Stale', definition: definition([city('Lyon')]) })).body,
    );
    const late = await update(s, { name: 'Late edit', definition: definition([city('Nice')]) }, 1);
    expect(late.status).toBe(412);
    const refused = segmentPreconditionFailed.parse(late.body);
    expect(refused.current).toEqual(v2);
    expect(refused.error.message).toContain('If-Match: "2"');
    expect((await send('GET', `/${s.segment_id}`)).body).toEqual(v2);
    const history = segmentVersionsResponse.parse(
      (await send('GET', `/${s.segment_id}/versions`)).body,
    );
    expect(history.versions).toHaveLength(2);
  });

  test('a save without If-Match gets 428 saying what to send; a malformed one 400', async () => {
    const s = await create('No precondition', definition([city('Paris')]));
    const body = { name: 'x', definition: definition([city('Lyon')]) };
    const none = await send('PUT', `/${s.segment_id}`, { body });
    expect(none.status).toBe(428);
    expect(apiError.parse(none.body).error).toMatchObject({ code: 'precondition_required' });
    expect(apiError.parse(none.body).error.message).toContain('If-Match: "<version>"');
    const star = await send('PUT', `/${s.segment_id}`, { body, headers: { 'if-match': '*' } });
    expect(star.status).toBe(428);
    const weak = await send('PUT', `/${s.segment_id}`, { body, headers: { 'if-match': 'W/"1"' } });
    expect(weak.status).toBe(400);
    const restore = await send('POST', `/${s.segment_id}/versions/1/restore`);
    expect(restore.status).toBe(428);
    expect((await send('GET', `/${s.segment_id}`)).body).toEqual(s);
  });

  test('two saves of the same version at once: one is saved, the other gets 412', async () => {
    const s = await create('Race', definition([city('Paris')]));
    const replies = await Promise.all(
      ['Lyon', 'Nice'].map((c) => update(s, { name: c, definition: definition([city(c)]) })),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, 412]);
    const history = segmentVersionsResponse.parse(
      (await send('GET', `/${s.segment_id}/versions`)).body,
    );
    expect(history.versions.map((v) => v.version)).toEqual([2, 1]);
  });

  test('the same Idempotency-Key and body create one segment; another body gets 409', async () => {
    const key = { 'idempotency-key': `key-${kind}-1` };
    const body = { name: 'Once', definition: definition([city('Paris')]) };
    const before = (await list()).segments.length;
    const first = await send('POST', '', { body, headers: key });
    // The same request, spaced differently: the parsed request is what counts.
    const again = await send('POST', '', { raw: JSON.stringify(body, null, 2), headers: key });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect((await list()).segments.length).toBe(before + 1);

    const other = await send('POST', '', { body: { ...body, name: 'Twice' }, headers: key });
    expect(other.status).toBe(409);
    expect(apiError.parse(other.body).error.message).toContain('Idempotency-Key already created');
    const bad = await send('POST', '', { body, headers: { 'idempotency-key': 'é'.repeat(3) } });
    expect(bad.status).toBe(400);
    expect((await list()).segments.length).toBe(before + 1);
  });

  test('delete is refused while a campaign or a segment uses it, then allowed', async () => {
    const byCampaign = await send('DELETE', '/seg_lyon', { headers: ifMatch(3) });
    expect(byCampaign.status).toBe(409);
    expect(segmentInUse.parse(byCampaign.body).usage.campaigns).toEqual([
      { campaign_id: 'CMP01', name: 'Coffrets de Noël', status: 'sent' },
    ]);
    expect(apiError.parse(byCampaign.body).error.message).toContain('campaign “Coffrets de Noël”');

    const a = await create('Base', definition([city('Paris')]));
    const b = await create('Built on Base', definition([memberOf(a.segment_id)]));
    const bySegment = await send('DELETE', `/${a.segment_id}`, { headers: ifMatch(1) });
    expect(bySegment.status).toBe(409);
    expect(segmentInUse.parse(bySegment.body).usage).toEqual({
      campaigns: [],
      segments: [{ segment_id: b.segment_id, name: 'Built on Base' }],
    });
    const listed = (await list()).segments.find((s) => s.segment_id === a.segment_id);
    expect(listed?.usage.segments).toEqual([{ segment_id: b.segment_id, name: 'Built on Base' }]);

    expect((await send('DELETE', `/${b.segment_id}`, { headers: ifMatch(9) })).status).toBe(412);
    expect((await send('DELETE', `/${b.segment_id}`, { headers: ifMatch(1) })).status).toBe(204);
    expect((await send('DELETE', `/${a.segment_id}`, { headers: ifMatch(1) })).status).toBe(204);
    expect((await send('GET', `/${a.segment_id}`)).status).toBe(404);
    expect((await send('GET', `/${a.segment_id}/versions`)).status).toBe(404);
  });

  test('membership evaluates the saved definition, in counts and in the list', async () => {
    const base = await create(
      'Lyon or Paris',
      definition([city('Lyon'), city('Paris', 'c2')], 'or'),
    );
    const built = await create('Not in base', {
      version: 1,
      root: {
        id: 'root',
        kind: 'group',
        negate: true,
        combinator: 'and',
        children: [memberOf(base.segment_id)],
      },
    });
    const counted = await send('POST', '/count', {
      body: { definition: definition([memberOf(base.segment_id)]) },
    });
    expect(countResponse.parse(counted.body).count).toBe(2);
    const sizes = new Map((await list()).segments.map((s) => [s.segment_id, s.size]));
    expect([sizes.get(base.segment_id), sizes.get(built.segment_id)]).toEqual([2, 1]);
    const unknown = await send('POST', '/count', {
      body: { definition: definition([memberOf('seg_gone')]) },
    });
    expect(unknown.status).toBe(422);
    expect(JSON.stringify(unknown.body)).toContain('unknown_segment');
  });

  test('restore appends a version with the old content', async () => {
    const s = await create('Restorable', definition([city('Paris')]));
    await update(s, { name: 'Renamed', definition: definition([city('Lyon')]) });
    // Restored by someone other than who saved versions 1 and 2.
    const restored = await sendAs('Karim', 'POST', `/${s.segment_id}/versions/1/restore`, {
      headers: ifMatch(2),
    });
    expect(restored.status).toBe(200);
    expect(restored.etag).toBe('"3"');
    expect(savedSegment.parse(restored.body)).toMatchObject({
      name: 'Restorable',
      version: 3,
      author: 'Karim',
      definition: s.definition,
    });
    const history = segmentVersionsResponse.parse(
      (await send('GET', `/${s.segment_id}/versions`)).body,
    );
    expect(history.versions[0]).toMatchObject({ version: 3, note: 'restored from version 1' });
    const stale = await send('POST', `/${s.segment_id}/versions/1/restore`, {
      headers: ifMatch(2),
    });
    expect(stale.status).toBe(412);
    const missing = await send('POST', `/${s.segment_id}/versions/7/restore`, {
      headers: ifMatch(3),
    });
    expect(missing.status).toBe(404);
    expect(apiError.parse(missing.body).error.message).toContain('versions 1 to 3 are recorded');
  });

  test('each version keeps its audience at save; the audiences say it then and now', async () => {
    const rows = dataset().customers;
    const inCity = (name: string) =>
      rows.filter((c) => c.city?.trim().toLowerCase() === name.toLowerCase()).length;
    const lyon = inCity('Lyon');
    const either = lyon + inCity('Paris');
    expect(lyon).toBeGreaterThan(0);
    expect(either).toBeGreaterThan(lyon);
    const lyonOrParis = definition([city('Lyon'), city('Paris', 'c2')], 'or');
    const total = rows.length;

    const place = await create('Place', definition([city('Lyon')]));
    const follower = await create('Follows place', definition([memberOf(place.segment_id)]));
    const atSave = segmentVersion.parse(
      (await send('GET', `/${follower.segment_id}/versions/1`)).body,
    );
    expect(atSave.audience).toEqual({ count: lyon, total, as_of: FIXTURE_AS_OF });

    // The segment it follows changes: version 1 selected the Lyonnais then, Paris too now.
    expect((await update(place, { name: 'Place', definition: lyonOrParis })).status).toBe(200);
    // Version 2 stops following it, and it is deleted: version 1 no longer counts.
    const v2 = await update(follower, { name: 'Follows place', definition: lyonOrParis });
    expect(v2.status).toBe(200);
    const audiences = async () =>
      segmentAudiencesResponse.parse((await send('GET', `/${follower.segment_id}/audiences`)).body);
    let answer = await audiences();
    expect(answer).toMatchObject({ segment_id: follower.segment_id, total, as_of: FIXTURE_AS_OF });
    expect(answer.versions.map((v) => [v.version, v.saved?.count ?? null, v.now])).toEqual([
      [2, either, either],
      [1, lyon, either],
    ]);
    expect((await send('DELETE', `/${place.segment_id}`, { headers: ifMatch(2) })).status).toBe(
      204,
    );
    answer = await audiences();
    expect(answer.versions[1]).toMatchObject({ version: 1, saved: { count: lyon }, now: null });
    expect(answer.versions[1]?.problem?.code).toBe('unknown_segment');
    // A restore counts again when it is saved.
    const restored = await send('POST', `/${follower.segment_id}/versions/2/restore`, {
      headers: ifMatch(2),
    });
    expect(restored.status).toBe(200);
    const v3 = segmentVersion.parse((await send('GET', `/${follower.segment_id}/versions/3`)).body);
    expect(v3.audience?.count).toBe(either);
    // A loaded segment's version was never counted at a save.
    const loaded = segmentAudiencesResponse.parse((await send('GET', '/seg_lyon/audiences')).body);
    expect(loaded.versions).toEqual([{ version: 3, saved: null, now: lyon, problem: null }]);
    expect((await send('GET', '/seg_gone/audiences')).status).toBe(404);
  });

  test('the diff between two versions names the changed node and the new name', async () => {
    const s = await create('Diffed', definition([city('Paris'), city('Nice', 'c2')]));
    await update(s, { name: 'Diffed again', definition: definition([city('Lyon')]) });
    const reply = await send('GET', `/${s.segment_id}/diff?from=1&to=2`);
    expect(reply.status).toBe(200);
    expect(segmentDiffResponse.parse(reply.body)).toEqual({
      segment_id: s.segment_id,
      from: 1,
      to: 2,
      name: { before: 'Diffed', after: 'Diffed again' },
      description: null,
      nodes: [
        {
          node_id: 'c1',
          change: 'changed',
          before: 'City is “Paris”',
          after: 'City is “Lyon”',
          moved: false,
        },
        { node_id: 'c2', change: 'removed', before: 'City is “Nice”', after: null, moved: false },
      ],
    });
  });

  test('a loop of segments is refused with its chain, and so is a segment in itself', async () => {
    const a = await create('A', definition([city('Paris')]));
    const b = await create('B', definition([memberOf(a.segment_id)]));
    const loop = await update(a, { name: 'A', definition: definition([memberOf(b.segment_id)]) });
    expect(loop.status).toBe(422);
    const issues = invalidDefinitionResponse.parse(loop.body).error.issues;
    expect(issues).toEqual([
      expect.objectContaining({
        node_id: 'm1',
        code: 'segment_cycle',
        path: ['definition', 'root', 'children', 0, 'segment_id'],
        message: expect.stringContaining(`${a.segment_id} → ${b.segment_id} → ${a.segment_id}`),
      }),
    ]);
    const self = await update(a, { name: 'A', definition: definition([memberOf(a.segment_id)]) });
    expect(self.status).toBe(422);
    expect(JSON.stringify(self.body)).toContain('would include itself');
    expect((await send('GET', `/${a.segment_id}`)).body).toEqual(a);
  });

  describe('hostile requests get a 4xx and leave every segment as it was', () => {
    const deep = (n: number) =>
      `{"name":"Deep","definition":{"version":1,"root":${'{"id":"g","kind":"group","combinator":"and","children":['.repeat(n)}${JSON.stringify(city('Lyon'))}${']}'.repeat(n)}}}`;
    test.each<[string, { body?: unknown; raw?: string }, number]>([
      [
        'an unknown field',
        { body: { name: 'x', definition: definition([city('a')]), admin: true } },
        400,
      ],
      [
        '__proto__ in the body',
        {
          raw: `{"name":"x","definition":${JSON.stringify(definition([city('a')]))},"__proto__":{"admin":true}}`,
        },
        400,
      ],
      [
        '__proto__ as a field',
        { body: { name: 'x', definition: definition([{ ...city('x'), field: '__proto__' }]) } },
        422,
      ],
      [
        'SQL in a list value',
        {
          body: {
            name: 'x',
            definition: definition([
              {
                id: 't',
                kind: 'attribute',
                field: 'customer.loyalty_tier',
                test: { operator: 'in', values: ["gold'); DELETE FROM saved_segments; --"] },
              },
            ]),
          },
        },
        422,
      ],
      ['a definition 10,000 groups deep (over the size limit)', { raw: deep(10_000) }, 413],
      ['a definition 5,000 groups deep', { raw: deep(5_000) }, 422],
      [
        'a 10 MB body',
        { raw: `{"name":"big","definition":"${'x'.repeat(10 * 1024 * 1024)}"}` },
        413,
      ],
      ['a body that is not JSON', { raw: '{"name": ' }, 400],
      ['an empty name', { body: { name: '   ', definition: definition([city('a')]) } }, 400],
      [
        'a name of 121 characters',
        { body: { name: 'n'.repeat(121), definition: definition([city('a')]) } },
        400,
      ],
      ['an empty definition', { body: { name: 'x', definition: definition([]) } }, 422],
      ['no definition', { body: { name: 'x' } }, 400],
    ])('%s', async (_label, request, status) => {
      const before = await list();
      const target = before.segments.find((s) => s.segment_id === 'seg_lyon');
      const created = await send('POST', '', request);
      expect(created.status).toBe(status);
      const updated = await send('PUT', '/seg_lyon', { ...request, headers: ifMatch(3) });
      expect(updated.status).toBe(status);
      expect(updated.status).toBeLessThan(500);
      expect(await list()).toEqual(before);
      expect(target?.version).toBe(3);
    });

    test('SQL in a name is only a name', async () => {
      const before = await list();
      const name = "x'); DROP TABLE saved_segments; --";
      const s = await create(name, definition([city('Lyon')]));
      expect(s.name).toBe(name);
      const after = await list();
      expect(after.segments).toHaveLength(before.segments.length + 1);
      expect((await send('DELETE', `/${s.segment_id}`, { headers: ifMatch(1) })).status).toBe(204);
      expect(await list()).toEqual(before);
    });
  });
});

test('a DuckDB file keeps its saved segments and their history when reopened', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tact-saved-'));
  try {
    const file = path.join(dir, 'tact.duckdb');
    let store = await openDuckDbStore({ path: file });
    await loadDataset(store, dataset(), { asOf: FIXTURE_AS_OF });
    let reply = await call(createApi(store, { access: TEST_ACCESS }), 'POST', '', {
      body: { name: 'Kept', definition: definition([city('Paris')]) },
    });
    const created = savedSegment.parse(reply.body);
    await call(createApi(store, { access: TEST_ACCESS }), 'PUT', `/${created.segment_id}`, {
      body: { name: 'Kept', definition: definition([city('Lyon')]) },
      headers: ifMatch(1),
    });
    await store.close();
    store = await openDuckDbStore({ path: file });
    reply = await call(createApi(store, { access: TEST_ACCESS }), 'GET', '');
    const ids = segmentListResponse.parse(reply.body).segments.map((s) => s.segment_id);
    expect(ids.sort()).toEqual([created.segment_id, 'seg_lyon'].sort());
    reply = await call(
      createApi(store, { access: TEST_ACCESS }),
      'GET',
      `/${created.segment_id}/versions`,
    );
    expect(segmentVersionsResponse.parse(reply.body).versions.map((v) => v.version)).toEqual([
      2, 1,
    ]);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('the demo segments', () => {
  const { dataset: demo } = generateDataset({ seed: 5, customers: 300 });

  test('are valid definitions of the catalogue, listed with the same sizes by both stores', async () => {
    const memory = new MemoryStore(demo, DEMO_AS_OF);
    const catalogue = await memory.catalogue();
    const saved = await memory.savedSegments();
    expect(saved.map((s) => s.segment_id)).toEqual(demo.segments.map((s) => s.segment_id).sort());
    for (const s of saved) {
      const result = validateDefinition(s.definition, {
        catalogue,
        segments: definitionsById(saved),
      });
      expect(result.issues, s.segment_id).toEqual([]);
    }
    const store = await openDuckDbStore({ path: ':memory:' });
    try {
      await loadDataset(store, demo, { asOf: DEMO_AS_OF });
      const sizes = async (api: Hono) => {
        const body = segmentListResponse.parse((await call(api, 'GET', '')).body);
        return body.segments.map((s) => [s.segment_id, s.size, s.usage.campaigns.length]);
      };
      const fromMemory = await sizes(createApi(memory, { access: TEST_ACCESS }));
      expect(await sizes(createApi(store, { access: TEST_ACCESS }))).toEqual(fromMemory);
      // Every demo segment has members among 300 customers but not everyone.
      for (const [, size] of fromMemory) expect(size).toBeGreaterThan(0);
      for (const [, size] of fromMemory) expect(size).toBeLessThan(300);
    } finally {
      await store.close();
    }
  });
});
