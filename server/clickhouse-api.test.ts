// The app's API served from ClickHouse (TACT_STORE=clickhouse) answers as the DuckDB store does on
// the same data: the demo seeded into chDB the way `npm start` seeds it (the import layout, loaded
// by the ClickHouse loader; Tact's own documents in a DuckDB state file), and the same generated
// data loaded into DuckDB. Each read a marketer makes — a Customer 360, its timeline and scores,
// search, the catalogue, counts with breakdowns, a saved segment's members and CSV, the campaigns,
// a recipient's preview, every dashboard — gives the same body; a segment saved on the ClickHouse
// store counts there at once.
import type { Hono } from 'hono';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEMO_AS_OF, generateDataset } from '../mocks/seed/index.ts';
import { recipientsResponse } from '../src/api/contract.ts';
import { createApi } from './app.ts';
import { TEST_ACCESS } from './auth/test-access.ts';
import { seedClickHouseDemo } from './seed-demo.ts';
import { chdbRunner } from './stores/chdb-runner.ts';
import { ClickHouseStore } from './stores/clickhouse-profile-store.ts';
import { loadDataset, openDuckDbStore, type DuckDbStore } from './stores/duckdb.ts';

const SEED = 5;
const CUSTOMERS = 300;
const { dataset } = generateDataset({ seed: SEED, customers: CUSTOMERS, asOf: DEMO_AS_OF });
let duck: DuckDbStore;
let clickhouse: ClickHouseStore;
let onDuck: Hono;
let onClickHouse: Hono;

beforeAll(async () => {
  duck = await openDuckDbStore({ path: ':memory:', connections: 2 });
  await loadDataset(duck, dataset, { asOf: DEMO_AS_OF, seed: SEED });
  onDuck = createApi(duck, { access: TEST_ACCESS, logErrors: false });
  const ch = chdbRunner();
  const state = await openDuckDbStore({ path: ':memory:', connections: 1, documentsOnly: true });
  await seedClickHouseDemo(ch, state, { seed: SEED, customers: CUSTOMERS, log: () => {} });
  clickhouse = await ClickHouseStore.open(ch, state);
  onClickHouse = createApi(clickhouse, { access: TEST_ACCESS, logErrors: true });
}, 180_000);
afterAll(async () => {
  await clickhouse.close();
  await duck.close();
});

async function both(url: string, init?: RequestInit) {
  const ask = async (api: Hono) => {
    const res = await api.request(url, init);
    const text = await res.text();
    return { status: res.status, text };
  };
  return { duck: await ask(onDuck), clickhouse: await ask(onClickHouse) };
}

/**
 * Floating figures to nine significant digits (the engines sum in their own order); the instant a
 * model was fitted is each store's own.
 */
const rounded = (value: unknown): unknown =>
  typeof value === 'number' && !Number.isInteger(value)
    ? Number(value.toPrecision(9))
    : Array.isArray(value)
      ? value.map(rounded)
      : typeof value === 'object' && value !== null
        ? Object.fromEntries(
            Object.entries(value)
              .filter(([k]) => k !== 'fitted_at')
              .map(([k, v]) => [k, rounded(v)]),
          )
        : value;

/** The same status and body from both stores, which must be a 200 unless `refusal` allows. */
async function same(url: string, init?: RequestInit, refusal = false): Promise<unknown> {
  const answers = await both(url, init);
  expect(answers.clickhouse.status, url).toBe(answers.duck.status);
  if (!refusal) expect(answers.duck.status, url).toBe(200);
  const json = (text: string): unknown =>
    text.startsWith('{') || text.startsWith('[') ? rounded(JSON.parse(text)) : text;
  expect(json(answers.clickhouse.text), url).toEqual(json(answers.duck.text));
  return json(answers.duck.text);
}

const post = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

test('the health says which store answers; imports are ClickHouse’s own command’s', async () => {
  const res = await onClickHouse.request('/api/health');
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ store: 'clickhouse', as_of: DEMO_AS_OF });
  const imports = await onClickHouse.request('/api/imports');
  expect(await imports.json()).toMatchObject({ available: false, store: 'clickhouse' });
  const start = await onClickHouse.request('/api/imports', post({ files: ['customers.csv'] }));
  expect(start.status).toBe(503);
  expect(await start.json()).toMatchObject({
    error: {
      reason: 'import_unavailable',
      message: expect.stringMatching(/npm run clickhouse-load/),
    },
  });
});

test('a customer’s 360, timeline and scores, and search, as on DuckDB', async () => {
  for (const c of dataset.customers.slice(0, 12)) {
    await same(`/api/customers/${c.customer_id}`);
    await same(`/api/customers/${c.customer_id}/timeline?limit=50`);
    await same(`/api/customers/${c.customer_id}/scores`);
  }
  // The holders of a shared device (a household tablet): marked so on both stores.
  const devices = new Map<string, string[]>();
  for (const i of dataset.identities)
    if (i.kind === 'app_device' || i.kind === 'web_cookie')
      devices.set(`${i.kind}|${i.value}`, [
        ...(devices.get(`${i.kind}|${i.value}`) ?? []),
        i.customer_id,
      ]);
  const sharing = [...devices.values()].filter((who) => new Set(who).size > 1).flat();
  expect(sharing.length).toBeGreaterThan(0);
  for (const id of sharing) await same(`/api/customers/${id}`);
  const someone = dataset.customers[40];
  for (const q of [someone?.last_name ?? '', someone?.customer_id ?? '', someone?.email ?? ''])
    await same(`/api/customers?q=${encodeURIComponent(q)}`);
  const missing = await both('/api/customers/C9999999');
  expect(missing.clickhouse.status).toBe(404);
  expect(missing.clickhouse.text).toBe(missing.duck.text);
}, 120_000);

test('the catalogue, the model card, counts with breakdowns, saved segments and their members', async () => {
  await same('/api/catalogue');
  await same('/api/models/clv');
  const segments = (await same('/api/segments')) as { segments: { segment_id: string }[] };
  expect(segments.segments.length).toBeGreaterThan(3);
  for (const { segment_id } of segments.segments) {
    await same(`/api/segments/${segment_id}`);
    await same(`/api/segments/${segment_id}/members?limit=40`);
    await same(`/api/segments/${segment_id}/members.csv`);
  }
  const lyon = {
    version: 1,
    root: {
      id: 'r',
      kind: 'group',
      negate: false,
      combinator: 'and',
      children: [
        {
          id: 'a',
          kind: 'attribute',
          negate: false,
          field: 'customer.city',
          test: { operator: 'equals', value: 'Lyon' },
        },
        { id: 'm', kind: 'segment', negate: true, segment_id: 'seg_cinephiles' },
      ],
    },
  };
  for (const breakdown of [
    'customer.loyalty_tier',
    'reach.channel',
    'order.channels_used',
    'score.churn_band',
  ])
    await same('/api/segments/count', post({ definition: lyon, sample: 5, breakdown }));
}, 120_000);

test('campaigns, a recipient’s preview and every dashboard, as on DuckDB', async () => {
  const campaigns = (await same('/api/campaigns')) as { campaigns: { campaign_id: string }[] };
  expect(campaigns.campaigns.length).toBeGreaterThan(2);
  let previewed = 0;
  for (const { campaign_id } of campaigns.campaigns) {
    await same(`/api/campaigns/${campaign_id}`);
    // A draft without a target segment has no recipients yet: refused alike.
    const page = await same(`/api/campaigns/${campaign_id}/recipients?limit=5`, undefined, true);
    const recipients = recipientsResponse.safeParse(page);
    const recipient = recipients.success ? recipients.data.recipients[0] : undefined;
    if (recipient === undefined) continue;
    await same(`/api/campaigns/${campaign_id}/preview/${recipient.customer_id}`);
    previewed += 1;
  }
  expect(previewed).toBeGreaterThan(0);
  for (const url of [
    '/api/dashboards/buyers?from=2025-12&to=2026-11',
    '/api/dashboards/buyers?from=2026-01&to=2026-06&segment=seg_cinephiles&channel=web',
    '/api/dashboards/value?from=2025-12&to=2026-11',
    '/api/dashboards/value?from=2025-12&to=2026-11&segment=seg_fideles_or',
    '/api/dashboards/propensity?from=2025-12&to=2026-11',
    '/api/dashboards/propensity?from=2025-12&to=2026-11&segment=seg_cinephiles',
    '/api/dashboards/campaigns?from=2025-06&to=2026-11',
    '/api/dashboards/segments?from=2025-12&to=2026-11',
    '/api/dashboards/quality?from=2025-12&to=2026-11',
    '/api/dashboards/quality?from=2025-12&to=2026-11&segment=seg_optin_email',
    '/api/dashboards/quality/customers?from=2025-12&to=2026-11&list=email_invalid&limit=20',
    '/api/dashboards/quality/customers?from=2025-12&to=2026-11&list=first_name_unusable&limit=20&offset=5',
    '/api/dashboards/quality/customers?from=2025-12&to=2026-11&list=shared_device',
  ])
    await same(url);
}, 180_000);

test('a segment saved on ClickHouse counts there at once, and its members are the gold ones', async () => {
  const definition = {
    version: 1,
    root: {
      id: 'r',
      kind: 'group',
      negate: false,
      combinator: 'and',
      children: [
        {
          id: 'a',
          kind: 'attribute',
          negate: false,
          field: 'customer.loyalty_tier',
          test: { operator: 'equals', value: 'gold' },
        },
      ],
    },
  };
  const created = await onClickHouse.request(
    '/api/segments',
    post({ name: 'Or sur ClickHouse', definition }),
  );
  expect(created.status).toBe(201);
  const saved = (await created.json()) as { segment_id: string };
  const gold = dataset.customers.filter((c) => c.loyalty_tier === 'gold').length;
  const versions = await onClickHouse.request(`/api/segments/${saved.segment_id}/versions/1`);
  expect(await versions.json()).toMatchObject({ audience: { count: gold, total: CUSTOMERS } });
  const members = await onClickHouse.request(`/api/segments/${saved.segment_id}/members?limit=500`);
  expect(((await members.json()) as { members: unknown[] }).members).toHaveLength(gold);
}, 60_000);
