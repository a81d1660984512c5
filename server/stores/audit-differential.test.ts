// An audit answers the same from both stores: over the 2,000-customer demo, the demo campaign's
// audit and those of random campaigns (seeded: any segment of the demo, any channel, send time,
// offer, price and recommendation slot) give identical counts per guardrail and identical lists
// of flagged recipients from the memory store and DuckDB. The stores only select members and
// supply histories; the verdicts are the domain's, so a difference is a store supplying otherwise.
// DuckDB's side checks in worker threads, as the Node server does (packed histories decoded in the
// workers); the memory store's in this thread, as the browser's mock does.
import type { Hono } from 'hono';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEMO_SEED, TEST_DEMO_CUSTOMERS } from '../../mocks/demo.ts';
import { DEMO_AS_OF, generateDataset } from '../../mocks/seed/index.ts';
import { DEMO_CAMPAIGN_ID } from '../../mocks/seed/marketing.ts';
import {
  campaignAudit,
  forecastResponse,
  savedCampaign,
  savedSegment,
} from '../../src/api/contract.ts';
import { bothStoresApis } from './both-stores.fixture.ts';

const { dataset } = generateDataset({
  seed: DEMO_SEED,
  customers: TEST_DEMO_CUSTOMERS,
  asOf: DEMO_AS_OF,
});

let memory: Hono;
let duckdb: Hono;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ memory, duckdb, close } = await bothStoresApis(dataset, DEMO_AS_OF, { checkWorkers: true }));
}, 120_000);
afterAll(() => close());

async function request(api: Hono, path: string, init?: RequestInit) {
  const res = await api.request(path, init);
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${text}`);
  return text;
}

const post = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** The audit of a campaign run to its end on one store, and its flagged recipients as CSV. */
async function audited(api: Hono, campaignId: string) {
  const started = campaignAudit.parse(
    JSON.parse(await request(api, `/api/campaigns/${campaignId}/audits`, post({}))),
  );
  for (let i = 0; i < 2_400; i += 1) {
    const audit = campaignAudit.parse(
      JSON.parse(await request(api, `/api/campaigns/${campaignId}/audits/${started.audit_id}`)),
    );
    if (audit.state !== 'running') {
      expect(audit.state).toBe('done');
      const flagged = await request(
        api,
        `/api/campaigns/${campaignId}/recipients.csv?flagged=true`,
      );
      return { counts: audit.counts, at: audit.at, flagged: flagged.split('\r\n') };
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the audit did not end');
}

test('the demo campaign’s audit is the same', { timeout: 120_000 }, async () => {
  const [m, d] = await Promise.all([
    audited(memory, DEMO_CAMPAIGN_ID),
    audited(duckdb, DEMO_CAMPAIGN_ID),
  ]);
  expect(d).toEqual(m);
  expect(m.counts?.recipients).toBeGreaterThan(400);
  expect(m.flagged.length).toBeGreaterThan(400);
});

test(
  'the forecast beside the campaign is the same on both stores, and its audit’s',
  {
    timeout: 120_000,
  },
  async () => {
    const path = `/api/campaigns/${DEMO_CAMPAIGN_ID}/forecast`;
    const [m, d] = await Promise.all([request(memory, path), request(duckdb, path)]);
    expect(d).toEqual(m);
    const forecast = forecastResponse.parse(JSON.parse(m));
    const { counts } = await audited(memory, DEMO_CAMPAIGN_ID);
    expect(forecast.members).toBe(counts?.recipients);
    expect(forecast.cap).toBe(counts?.by_guardrail.contact_pressure.flagged);
    expect(forecast.delay).toBe(counts?.by_guardrail.quiet_hours.flagged);
    expect(forecast.skip).toBe(counts?.by_guardrail.no_consent.flagged);
    expect(forecast.cap).toBeGreaterThan(0);
    expect(forecast.skip).toBeGreaterThan(0);
  },
);

test.each([
  ['seg_cinephiles', 'sms', '2026-11-22T21:30'],
  ['seg_fideles_or', 'push', null],
  ['seg_inactifs_6_mois', 'email', '2026-11-20T09:00'],
] as const)(
  'a segment’s forecast is the same on both stores (%s, %s, %s)',
  {
    timeout: 60_000,
  },
  async (segmentId, channel, sendAt) => {
    const segment = savedSegment.parse(
      JSON.parse(await request(memory, `/api/segments/${segmentId}`)),
    );
    const body = post({ definition: segment.definition, channel, send_at: sendAt });
    const [m, d] = await Promise.all([
      request(memory, '/api/segments/forecast', body),
      request(duckdb, '/api/segments/forecast', body),
    ]);
    expect(d).toEqual(m);
    expect(forecastResponse.parse(JSON.parse(m)).members).toBeGreaterThan(0);
  },
);

/** A small seeded generator (mulberry32): the same campaigns on every run, the seed in the name. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(next() * items.length)];
    if (item === undefined) throw new Error('nothing to pick from');
    return item;
  };
  return { next, pick };
}

const TEMPLATES = {
  email: { subject: 'Bonjour {{ customer.first_name }}', html: '<p>{{ offer.title }}</p>' },
  sms: { text: '{{ customer.first_name | default: "Bonjour" }}, {{ offer.title }} STOP au 36111' },
  push: { title: '{{ customer.first_name }}', body: '{{ recommendations[0].title }}' },
  web_banner: { headline: 'Pour vous', text: '{{ offer.title }}', link: 'https://example.fr/' },
} as const;

test.each([11, 23, 37])(
  'a random campaign (seed %i) is audited the same',
  { timeout: 180_000 },
  async (seed) => {
    const { next, pick } = random(seed);
    const segmentId = pick([
      'seg_cinephiles',
      'seg_joueurs_ps5',
      'seg_fideles_or',
      'seg_inactifs_6_mois',
      'seg_nouveaux_inscrits',
    ]);
    const segment = savedSegment.parse(
      JSON.parse(await request(memory, `/api/segments/${segmentId}`)),
    );
    const channel = pick(['email', 'sms', 'push', 'web_banner'] as const);
    const product = pick(dataset.products.filter((p) => !p.discontinued));
    const price = pick([
      {
        kind: 'price',
        cents: Math.max(1, Math.round(product.price_cents * (0.7 + 0.35 * next()))),
      },
      { kind: 'percent', percent: 1 + Math.floor(next() * 40) },
      { kind: 'amount_off', cents: 1 + Math.floor(next() * 2_000) },
    ]);
    const body = {
      name: `Aléatoire ${seed}`,
      channel,
      segment: { segment_id: segmentId, version: segment.version },
      // The holdout is drawn from the campaign id, which differs between the two stores: none here
      // (the demo campaign's test covers a holdout), so both audit the same members.
      holdout_share: 0,
      send_at: pick([
        null,
        '2026-11-16T07:30',
        '2026-11-22T10:00',
        '2026-12-25T21:15',
        '2026-11-18T12:00',
      ]),
      template: TEMPLATES[channel],
      // Half the time, messages on the other addressed channels: each recipient's channel is chosen.
      alternates:
        next() < 0.5
          ? {}
          : Object.fromEntries(
              (['email', 'sms', 'push'] as const)
                .filter((c) => c !== channel)
                .map((c) => [c, TEMPLATES[c]]),
            ),
      offer:
        next() < 0.25
          ? null
          : {
              target:
                next() < 0.7
                  ? { kind: 'product', sku: product.sku }
                  : { kind: 'category', category: product.category },
              price,
              valid_from: '2026-11-01',
              valid_to: pick(['2026-11-20', '2026-12-31']),
            },
      recommendation:
        next() < 0.3
          ? null
          : {
              strategy: pick(['complements', 'bought_together', 'category_best_sellers']),
              count: 1 + Math.floor(next() * 4),
            },
    };
    const ids = await Promise.all(
      [memory, duckdb].map(
        async (api) =>
          savedCampaign.parse(JSON.parse(await request(api, '/api/campaigns', post(body))))
            .campaign_id,
      ),
    );
    const [m, d] = await Promise.all([
      audited(memory, ids[0] ?? ''),
      audited(duckdb, ids[1] ?? ''),
    ]);
    expect(d.counts?.members, JSON.stringify(body)).toBeGreaterThan(0);
    expect(d, JSON.stringify(body)).toEqual(m);
  },
);
