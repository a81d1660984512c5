// The campaign endpoints on both stores, over the demo generator's data (its past campaigns, the
// demo campaign and the saved segments they target): versions, preconditions, Idempotency-Keys,
// validation, history, diff, restore, and the segment usage they make.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_AS_OF, generateDataset } from '../mocks/seed/index.ts';
import { DEMO_CAMPAIGN_ID, PROMOTED_OFFER_PRICE_CENTS } from '../mocks/seed/marketing.ts';
import {
  apiError,
  campaignDiffResponse,
  campaignListResponse,
  campaignVersion,
  campaignVersionsResponse,
  savedCampaign,
  segmentListResponse,
  type SavedCampaign,
} from '../src/api/contract.ts';
import { createApi } from './app.ts';
import type { ProfileStore } from './store.ts';
import { loadDataset, openDuckDbStore, type DuckDbStore } from './stores/duckdb.ts';
import { MemoryStore } from './stores/memory.ts';
import { fixedAccess } from './auth/access.ts';
import { TEST_ACCESS } from './auth/test-access.ts';

const { dataset } = generateDataset({ seed: 9, customers: 300, asOf: DEMO_AS_OF });

type StoreKind = 'memory' | 'duckdb';
let duck: DuckDbStore;
const stores: Record<StoreKind, ProfileStore | null> = { memory: null, duckdb: null };
const apis: Record<StoreKind, Hono | null> = { memory: null, duckdb: null };

beforeAll(async () => {
  stores.memory = new MemoryStore(dataset, DEMO_AS_OF);
  apis.memory = createApi(stores.memory, { access: TEST_ACCESS, logErrors: false });
  duck = await openDuckDbStore({ path: ':memory:' });
  await loadDataset(duck, dataset, { asOf: DEMO_AS_OF });
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
  const res = await api.request(url, {
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
const cinephiles = () => {
  const row = dataset.segments.find((s) => s.segment_id === 'seg_cinephiles');
  if (!row) throw new Error('the demo has a segment of film buyers');
  return { segment_id: row.segment_id, version: row.version };
};

/** A complete e-mail campaign, ready to send on the demo's film buyers. */
const readyEmail = (overrides: Record<string, unknown> = {}) => ({
  name: 'Nouveautés Blu-ray',
  channel: 'email',
  status: 'ready',
  segment: cinephiles(),
  holdout_share: 0.05,
  send_at: '2026-12-01T09:30',
  template: {
    subject: '{{ customer.first_name | default: "Bonjour" }}, les nouveautés sont là',
    html: '<p>Bonjour {{ customer.first_name }}</p>',
  },
  ...overrides,
});

const issuesOf = (body: unknown) =>
  (apiError.parse(body).error.issues ?? []).map((i) => [i.code, i.path.join('.')]);

describe.each(['memory', 'duckdb'] as const)('campaigns on the %s store', (kind) => {
  const send = (method: string, url: string, options?: Parameters<typeof call>[3]) =>
    call(apis[kind], method, `/api/campaigns${url}`, options);
  /** Another editor than the tests' admin, saving to the same store. */
  const sendAs = (
    name: string,
    method: string,
    url: string,
    options?: Parameters<typeof call>[3],
  ) => {
    const store = stores[kind];
    if (!store) throw new Error('store not ready');
    const api = createApi(store, { access: fixedAccess('editor', name), logErrors: false });
    return call(api, method, `/api/campaigns${url}`, options);
  };
  const list = async () => campaignListResponse.parse((await send('GET', '')).body);
  const create = async (body: object, headers?: Record<string, string>) => {
    const reply = await send('POST', '', { body, headers });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return savedCampaign.parse(reply.body);
  };
  const put = (c: SavedCampaign, body: object, version: number | string = c.version) =>
    send('PUT', `/${c.campaign_id}`, { body, headers: ifMatch(version) });

  test('lists the generator’s campaigns, last edited first, each with its segment as pinned and now', async () => {
    const { campaigns, as_of } = await list();
    expect(as_of).toBe(DEMO_AS_OF);
    expect(campaigns.map((c) => c.campaign_id).sort()).toEqual(
      dataset.campaigns.map((c) => c.campaign_id).sort(),
    );
    const edits = campaigns.map((c) => c.updated_at);
    expect(edits).toEqual([...edits].sort().reverse());
    const demo = campaigns.find((c) => c.campaign_id === DEMO_CAMPAIGN_ID);
    expect(demo).toMatchObject({
      name: 'Coffret Seigneur des Anneaux — Noël',
      channel: 'email',
      status: 'draft',
      segment: {
        ...cinephiles(),
        current_version: cinephiles().version,
        name: 'Cinéphiles (films achetés sur 12 mois)',
      },
      holdout_share: 0.1,
      has_offer: true,
      has_recommendations: true,
      version: 3,
      author: 'Camille Roux',
    });
    expect(demo?.segment?.size).toBeGreaterThan(0);
    const sent = campaigns.filter((c) => c.status === 'sent');
    expect(sent.length).toBeGreaterThan(5);
    for (const c of sent) {
      expect(c.send_at, c.campaign_id).not.toBeNull();
      expect(c.send_instant, c.campaign_id).not.toBeNull();
    }
  });

  test('the demo campaign is editable: the box set at 99.99 €, to film buyers, with a recommendation slot', async () => {
    const reply = await send('GET', `/${DEMO_CAMPAIGN_ID}`);
    expect(reply.etag).toBe('"3"');
    const demo = savedCampaign.parse(reply.body);
    if (demo.channel !== 'email') throw new Error('the demo campaign is an e-mail');
    expect(demo.template.subject).toBe(
      "{{ customer.first_name | default: 'Bonjour' }}, c'est nouveau, il vous les faut !",
    );
    expect(demo.offer).toMatchObject({
      target: { kind: 'product', sku: 'FI-SDA-COFFRET-BR' },
      price: { kind: 'price', cents: PROMOTED_OFFER_PRICE_CENTS },
    });
    expect(demo.recommendation).not.toBeNull();
    const history = campaignVersionsResponse.parse(
      (await send('GET', `/${DEMO_CAMPAIGN_ID}/versions`)).body,
    );
    expect(history.versions).toEqual([
      {
        version: 3,
        name: demo.name,
        author: 'Camille Roux',
        at: demo.updated_at,
        note: 'imported at version 3',
      },
    ]);
    const edited = await send('PUT', `/${DEMO_CAMPAIGN_ID}`, {
      body: { ...withoutMeta(demo), status: 'draft', holdout_share: 0.2 },
      headers: ifMatch(3),
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.etag).toBe('"4"');
    expect(savedCampaign.parse(edited.body)).toMatchObject({ version: 4, author: 'Test admin' });
    const missing = await send('GET', `/${DEMO_CAMPAIGN_ID}/versions/1`);
    expect(missing.status).toBe(404);
    expect(apiError.parse(missing.body).error.message).toBe(
      `Campaign '${DEMO_CAMPAIGN_ID}' has no version 1: versions 3 to 4 are recorded.`,
    );
  });

  test('create, get, then update with the right If-Match makes version 2', async () => {
    const created = await create({ name: '  Brouillon  ', channel: 'sms' });
    expect(created).toMatchObject({
      name: 'Brouillon',
      channel: 'sms',
      status: 'draft',
      segment: null,
      holdout_share: 0.1,
      send_at: null,
      time_zone: 'Europe/Paris',
      template: { text: '' },
      offer: null,
      recommendation: null,
      version: 1,
      author: 'Test admin',
    });
    expect(created.campaign_id).toMatch(/^cmp_[0-9a-f]{32}$/);
    const got = await send('GET', `/${created.campaign_id}`);
    expect(got.etag).toBe('"1"');
    expect(got.body).toEqual(created);

    const asReady = await put(created, { ...readyEmail() });
    expect(asReady.status).toBe(409);
    expect(apiError.parse(asReady.body).error.reason).toBe('campaign_ready_from_audit');
    // Saved by someone else than who created it: the version names its own author.
    const saved = await sendAs('Camille Roux', 'PUT', `/${created.campaign_id}`, {
      body: {
        ...readyEmail({ status: 'draft' }),
        offer: {
          target: { kind: 'category', category: 'films' },
          price: { kind: 'percent', percent: 15 },
          valid_from: '2026-11-20',
          valid_to: '2026-12-24',
        },
        recommendation: { strategy: 'bought_together', count: 4 },
        note: 'prête',
      },
      headers: ifMatch(created.version),
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.etag).toBe('"2"');
    expect(savedCampaign.parse(saved.body)).toMatchObject({
      channel: 'email',
      status: 'draft',
      version: 2,
      author: 'Camille Roux',
      created_at: created.created_at,
    });
    const listed = (await list()).campaigns.find((c) => c.campaign_id === created.campaign_id);
    expect(listed).toMatchObject({
      status: 'draft',
      send_at: '2026-12-01T09:30',
      send_instant: '2026-12-01T08:30:00.000Z',
      segment: { segment_id: 'seg_cinephiles' },
    });
    expect(listed).toEqual((await list()).campaigns[0]);
  });

  test('a stale save is a 412 with the campaign as saved now, and writes nothing', async () => {
    const created = await create({ name: 'Concurrente', channel: 'push' });
    expect((await put(created, { name: 'Mine', channel: 'push' })).status).toBe(200);
    const stale = await put(created, { name: 'Theirs', channel: 'push' });
    expect(stale.status).toBe(412);
    const body = apiError.extend({ current: savedCampaign }).parse(stale.body);
    expect(body.current).toMatchObject({ name: 'Mine', version: 2 });
    expect(body.error.code).toBe('precondition_failed');
    expect(savedCampaign.parse((await send('GET', `/${created.campaign_id}`)).body)).toMatchObject({
      name: 'Mine',
      version: 2,
    });
  });

  test('a save without If-Match (or with *) is a 428, a malformed one a 400', async () => {
    const created = await create({ name: 'Sans version', channel: 'email' });
    const url = `/${created.campaign_id}`;
    const body = { name: 'x', channel: 'email' };
    expect((await send('PUT', url, { body })).status).toBe(428);
    expect((await send('PUT', url, { body, headers: { 'if-match': '*' } })).status).toBe(428);
    expect((await send('PUT', url, { body, headers: { 'if-match': 'W/"1"' } })).status).toBe(400);
    expect((await send('POST', `${url}/versions/1/restore`)).status).toBe(428);
    expect((await send('GET', url)).etag).toBe('"1"');
  });

  test('a retried create with the same Idempotency-Key answers the campaign it made', async () => {
    const key = { 'idempotency-key': `campaign-${kind}-1` };
    const first = await send('POST', '', {
      body: { name: 'Une fois', channel: 'email' },
      headers: key,
    });
    expect(first.status).toBe(201);
    const again = await send('POST', '', {
      raw: '{ "channel": "email",   "name": "Une fois" }',
      headers: key,
    });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const other = await send('POST', '', {
      body: { name: 'Autre', channel: 'email' },
      headers: key,
    });
    expect(other.status).toBe(409);
    const id = savedCampaign.parse(first.body).campaign_id;
    expect((await send('DELETE', `/${id}`, { headers: ifMatch(1) })).status).toBe(204);
    const afterDelete = await send('POST', '', {
      body: { name: 'Une fois', channel: 'email' },
      headers: key,
    });
    expect(afterDelete.status).toBe(409);
    expect((await list()).campaigns.filter((c) => c.name === 'Une fois')).toEqual([]);
  });

  test('delete: 204, then gone; a stale If-Match is a 412; a sent campaign is kept', async () => {
    const created = await create({ name: 'À supprimer', channel: 'web_banner' });
    const url = `/${created.campaign_id}`;
    expect((await send('DELETE', url, { headers: ifMatch(2) })).status).toBe(412);
    expect((await send('DELETE', url, { headers: ifMatch(1) })).status).toBe(204);
    expect((await send('GET', url)).status).toBe(404);
    expect((await send('GET', `${url}/versions`)).status).toBe(404);
    expect((await send('DELETE', url, { headers: ifMatch(1) })).status).toBe(404);
    expect((await send('DELETE', url)).status).toBe(428);

    const sent = (await list()).campaigns.find((c) => c.status === 'sent');
    if (!sent) throw new Error('the demo has sent campaigns');
    const refused = await send('DELETE', `/${sent.campaign_id}`, {
      headers: ifMatch(sent.version),
    });
    expect(refused.status).toBe(409);
    expect(apiError.parse(refused.body).error.reason).toBe('campaign_sent');
    const current = savedCampaign.parse((await send('GET', `/${sent.campaign_id}`)).body);
    const edit = await put(current, { ...withoutMeta(current), status: 'draft' });
    expect(edit.status).toBe(409);
  });

  test('history, a field-level diff, and a restore that appends the old version', async () => {
    const v1 = await create(readyEmail({ status: 'draft' }));
    const id = v1.campaign_id;
    const v2 = savedCampaign.parse(
      (
        await sendAs('Nadia', 'PUT', `/${id}`, {
          body: {
            ...readyEmail({ status: 'draft' }),
            name: 'Nouveautés Blu-ray (relance)',
            recommendation: { strategy: 'complements', count: 3 },
            note: 'avec recommandations',
          },
          headers: ifMatch(v1.version),
        })
      ).body,
    );
    const history = campaignVersionsResponse.parse((await send('GET', `/${id}/versions`)).body);
    expect(history.versions.map((v) => [v.version, v.name, v.author, v.note])).toEqual([
      [2, 'Nouveautés Blu-ray (relance)', 'Nadia', 'avec recommandations'],
      [1, 'Nouveautés Blu-ray', 'Test admin', 'created'],
    ]);
    const one = campaignVersion.parse((await send('GET', `/${id}/versions/1`)).body);
    expect(one).toMatchObject({ version: 1, status: 'draft', recommendation: null });

    const diff = campaignDiffResponse.parse((await send('GET', `/${id}/diff?from=1&to=2`)).body);
    expect(diff).toEqual({
      campaign_id: id,
      from: 1,
      to: 2,
      changes: [
        {
          field: 'name',
          change: 'changed',
          before: 'Nouveautés Blu-ray',
          after: 'Nouveautés Blu-ray (relance)',
        },
        {
          field: 'recommendation',
          change: 'set',
          before: null,
          after: { strategy: 'complements', count: 3 },
        },
      ],
    });
    expect((await send('GET', `/${id}/diff?from=1&to=9`)).status).toBe(404);
    expect((await send('GET', `/${id}/diff?from=1`)).status).toBe(400);

    const restored = await sendAs('Camille Roux', 'POST', `/${id}/versions/1/restore`, {
      headers: ifMatch(v2.version),
    });
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    expect(restored.etag).toBe('"3"');
    expect(savedCampaign.parse(restored.body)).toMatchObject({
      name: 'Nouveautés Blu-ray',
      status: 'draft',
      recommendation: null,
      version: 3,
      author: 'Camille Roux',
    });
    const after = campaignVersionsResponse.parse((await send('GET', `/${id}/versions`)).body);
    expect(after.versions[0]).toMatchObject({ version: 3, note: 'restored from version 1' });
    const staleRestore = await send('POST', `/${id}/versions/2/restore`, { headers: ifMatch(2) });
    expect(staleRestore.status).toBe(412);
  });

  test.each([
    ['a holdout above half', { holdout_share: 0.6 }, ['too_big', 'body.holdout_share']],
    ['an unknown field', { colour: 'red' }, ['unrecognized_keys', 'body']],
    ['a save marked sent', { status: 'sent' }, ['invalid_value', 'body.status']],
    [
      'another channel’s template',
      { template: { text: 'x' } },
      ['unrecognized_keys', 'body.template'],
    ],
    [
      'seven recommendations',
      { recommendation: { strategy: 'complements', count: 7 } },
      ['too_big', 'body.recommendation.count'],
    ],
  ])('the shape is a 400 with coded issues: %s', async (_, overrides, issue) => {
    const before = (await list()).campaigns.length;
    const reply = await send('POST', '', { body: readyEmail(overrides) });
    expect(reply.status).toBe(400);
    expect(issuesOf(reply.body)).toContainEqual(issue);
    expect((await list()).campaigns.length).toBe(before);
  });

  test('a save never marks a campaign ready (409: that is the audit’s), and a draft saves incomplete', async () => {
    const incomplete = readyEmail({ segment: null, send_at: null, template: { subject: 'Hi' } });
    const before = (await list()).campaigns.length;
    const reply = await send('POST', '', { body: incomplete });
    expect(reply.status).toBe(409);
    expect(apiError.parse(reply.body).error.reason).toBe('campaign_ready_from_audit');
    expect((await list()).campaigns.length).toBe(before);
    await create({ ...incomplete, status: 'draft' });
  });

  test.each([
    [
      'a segment that does not exist',
      { segment: { segment_id: 'seg_nope', version: 1 } },
      ['segment_not_found', 'segment.segment_id'],
    ],
    [
      'a segment version not recorded',
      { segment: { segment_id: 'seg_cinephiles', version: 99 } },
      ['segment_version_not_found', 'segment.version'],
    ],
    ['an unknown time zone', { time_zone: 'Europe/Lutece' }, ['time_zone_unknown', 'time_zone']],
    [
      'a send time the clocks skip',
      { send_at: '2027-03-28T02:30' },
      ['send_time_skipped', 'send_at'],
    ],
  ])('a draft is never saved with %s (422)', async (_, overrides, issue) => {
    const reply = await send('POST', '', { body: readyEmail({ ...overrides, status: 'draft' }) });
    expect(reply.status).toBe(422);
    expect(issuesOf(reply.body)).toContainEqual(issue);
  });

  test.each([
    ['GET', '/cmp_nope', 404, 'campaign_not_found'],
    ['GET', '/cmp_nope/versions', 404, 'campaign_not_found'],
    ['GET', '/cmp_nope/versions/1', 404, 'campaign_not_found'],
    ['DELETE', '/cmp_nope', 404, 'campaign_not_found'],
    ['GET', '/cmp$nope', 400, 'invalid_params'],
    ['GET', `/${DEMO_CAMPAIGN_ID}/versions/0`, 400, 'invalid_params'],
  ])('%s %s answers %i', async (method, url, status, reason) => {
    // A deletion names the version it deletes (428 without), here one no campaign has.
    const reply = await send(method, url, method === 'DELETE' ? { headers: ifMatch(1) } : {});
    expect(reply.status).toBe(status);
    expect(apiError.parse(reply.body).error.reason).toBe(reason);
  });

  test('a segment a campaign targets lists it, and cannot be deleted until the campaign is', async () => {
    const segments = (api: Hono | null) => call(api, 'GET', '/api/segments');
    const created = await call(apis[kind], 'POST', '/api/segments', {
      body: {
        name: 'Ciblée',
        definition: {
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
        },
      },
    });
    const segmentId = String((created.body as { segment_id: string }).segment_id);
    const campaign = await create({
      name: 'Pour les Lyonnais',
      channel: 'email',
      segment: { segment_id: segmentId, version: 1 },
    });
    const listed = segmentListResponse
      .parse((await segments(apis[kind])).body)
      .segments.find((s) => s.segment_id === segmentId);
    expect(listed?.usage.campaigns).toEqual([
      { campaign_id: campaign.campaign_id, name: 'Pour les Lyonnais', status: 'draft' },
    ]);
    const segmentVersion = { headers: ifMatch(1) };
    const refused = await call(apis[kind], 'DELETE', `/api/segments/${segmentId}`, segmentVersion);
    expect(refused.status).toBe(409);
    expect((await send('DELETE', `/${campaign.campaign_id}`, { headers: ifMatch(1) })).status).toBe(
      204,
    );
    expect(
      (await call(apis[kind], 'DELETE', `/api/segments/${segmentId}`, segmentVersion)).status,
    ).toBe(204);
  });
});

function withoutMeta(campaign: SavedCampaign): Record<string, unknown> {
  const { campaign_id, version, author, created_at, updated_at, ...body } = campaign;
  void [campaign_id, version, author, created_at, updated_at];
  return body;
}

test('memory and DuckDB list the same campaigns, with the same segment sizes', async () => {
  const memory = createApi(new MemoryStore(dataset, DEMO_AS_OF), { access: TEST_ACCESS });
  const store = await openDuckDbStore({ path: ':memory:' });
  try {
    await loadDataset(store, dataset, { asOf: DEMO_AS_OF });
    const listed = async (api: Hono) =>
      campaignListResponse.parse((await call(api, 'GET', '/api/campaigns')).body);
    const fromMemory = await listed(memory);
    expect(fromMemory.campaigns.length).toBe(dataset.campaigns.length);
    expect(await listed(createApi(store, { access: TEST_ACCESS }))).toEqual(fromMemory);
    const one = async (api: Hono) =>
      (await call(api, 'GET', `/api/campaigns/${DEMO_CAMPAIGN_ID}`)).body;
    expect(await one(createApi(store, { access: TEST_ACCESS }))).toEqual(await one(memory));
  } finally {
    await store.close();
  }
});

test('the DuckDB store keeps campaigns in its file: a reopened file lists the saved ones', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tact-campaigns-'));
  const file = path.join(dir, 'tact.duckdb');
  try {
    let store = await openDuckDbStore({ path: file });
    await loadDataset(store, dataset, { asOf: DEMO_AS_OF });
    const created = await call(
      createApi(store, { access: TEST_ACCESS }),
      'POST',
      '/api/campaigns',
      {
        body: {
          name: 'Gardée',
          channel: 'push',
          template: { title: 'Bonjour', body: 'Nouveautés' },
        },
      },
    );
    expect(created.status).toBe(201);
    const id = savedCampaign.parse(created.body).campaign_id;
    await store.close();
    store = await openDuckDbStore({ path: file });
    const reply = await call(
      createApi(store, { access: TEST_ACCESS }),
      'GET',
      `/api/campaigns/${id}`,
    );
    expect(savedCampaign.parse(reply.body)).toMatchObject({ name: 'Gardée', version: 1 });
    const listed = campaignListResponse.parse(
      (await call(createApi(store, { access: TEST_ACCESS }), 'GET', '/api/campaigns')).body,
    );
    expect(listed.campaigns.length).toBe(dataset.campaigns.length + 1);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
