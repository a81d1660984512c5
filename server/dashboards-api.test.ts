// The dashboards' API on both stores over generated data: the same figures from the memory
// store's domain functions and from DuckDB's SQL, equal to what this test counts from the rows,
// filtered by segment, version, period and channel; and the filters' errors.
import { QUALITY_LIST_NAMES } from '../src/domain/analytics/quality.ts';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateDataset } from '../mocks/seed/index.ts';
import {
  apiError,
  buyersResponse,
  campaignsResponse,
  countResponse,
  membersResponse,
  qualityListResponse,
  qualityResponse,
  propensityResponse,
  segmentValueResponse,
  valueResponse,
  type BuyersResponse,
} from '../src/api/contract.ts';
import type { Dataset } from '../src/domain/profile/schema.ts';
import { createApi } from './app.ts';
import { loadDataset, openDuckDbStore, type DuckDbStore } from './stores/duckdb.ts';
import { MemoryStore } from './stores/memory.ts';
import { TEST_ACCESS } from './auth/test-access.ts';

const generated = generateDataset({ seed: 12, customers: 600 });
const data: Dataset = generated.dataset;
const asOf = generated.manifest.as_of;
let duck: DuckDbStore;
const apis: { memory: Hono | null; duckdb: Hono | null } = { memory: null, duckdb: null };

beforeAll(async () => {
  apis.memory = createApi(new MemoryStore(data, asOf), { access: TEST_ACCESS, logErrors: false });
  duck = await openDuckDbStore({ path: ':memory:', connections: 2 });
  await loadDataset(duck, data, { asOf, seed: 12 });
  apis.duckdb = createApi(duck, { access: TEST_ACCESS, logErrors: false });
}, 120_000);
afterAll(() => duck.close());

async function get(api: Hono | null, url: string) {
  if (!api) throw new Error('API not ready');
  const res = await api.request(url);
  return { status: res.status, body: (await res.json()) as unknown };
}

/** Floating figures (variances, intervals) to nine significant digits: the stores sum apart. */
const rounded = (value: unknown): unknown =>
  typeof value === 'number' && !Number.isInteger(value)
    ? Number(value.toPrecision(9))
    : Array.isArray(value)
      ? value.map(rounded)
      : typeof value === 'object' && value !== null
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)]))
        : value;

/** A saved segment's members as the segment engine selects them (pages of the members route). */
async function segmentMembers(id: string): Promise<Set<string>> {
  const out = new Set<string>();
  let cursor: string | null = '';
  while (cursor !== null) {
    const after: string = cursor === '' ? '' : `&cursor=${cursor}`;
    const page = membersResponse.parse(
      (await get(apis.memory, `/api/segments/${id}/members?limit=500${after}`)).body,
    );
    for (const m of page.members) out.add(m.customer_id);
    cursor = page.next_cursor;
  }
  return out;
}

/** First-time and repeat buyers of one month, counted straight from the rows. */
function counted(month: string, channel: string | null, members: Set<string> | null) {
  const completed = data.orders.filter((o) => o.status === 'completed');
  const first = new Map<string, string>();
  for (const o of completed) {
    const seen = first.get(o.customer_id);
    if (seen === undefined || o.placed_at < seen) first.set(o.customer_id, o.placed_at);
  }
  const inMonth = completed.filter(
    (o) =>
      o.placed_at.startsWith(month) &&
      (channel === null || o.channel === channel) &&
      (members === null || members.has(o.customer_id)),
  );
  const firstTime = new Set(
    inMonth.filter((o) => first.get(o.customer_id)?.startsWith(month)).map((o) => o.customer_id),
  );
  const repeat = new Set(
    inMonth.filter((o) => !firstTime.has(o.customer_id)).map((o) => o.customer_id),
  );
  return {
    first_time: firstTime.size,
    repeat: repeat.size,
    orders: inMonth.length,
    revenue_cents: inMonth.reduce((sum, o) => sum + o.total_cents, 0),
  };
}

describe('GET /api/dashboards/buyers', () => {
  const months = ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05'];

  test.each([
    ['everyone, every channel', ''],
    ['the web only', '&channel=web'],
    ['the store only', '&channel=store'],
  ])('%s: both stores give the figures counted from the rows', async (_, extra) => {
    const url = `/api/dashboards/buyers?from=2025-12&to=2026-05${extra}`;
    const [memory, duckdb] = await Promise.all([get(apis.memory, url), get(apis.duckdb, url)]);
    expect(memory.status).toBe(200);
    expect(duckdb.body).toEqual(memory.body);
    const body = buyersResponse.parse(memory.body);
    expect(body.segment).toBeNull();
    expect(body.months.map((m) => m.month)).toEqual(months);
    const channel = extra === '' ? null : extra.slice('&channel='.length);
    for (const m of body.months) {
      expect(m, m.month).toMatchObject(counted(m.month, channel, null));
    }
    expect(body.months.some((m) => m.first_time > 0 && m.repeat > 0)).toBe(true);
  });

  test('months without an order are zeros on both stores (customers gone quiet)', async () => {
    const url = '/api/dashboards/buyers?from=2026-06&to=2026-11&segment=seg_inactifs_6_mois';
    const [memory, duckdb] = await Promise.all([get(apis.memory, url), get(apis.duckdb, url)]);
    expect(memory.status).toBe(200);
    expect(duckdb.status).toBe(200);
    expect(duckdb.body).toEqual(memory.body);
    const body = buyersResponse.parse(memory.body);
    expect(body.months.some((m) => m.orders === 0)).toBe(true);
    const value = '/api/dashboards/value?from=2026-07&to=2026-11&segment=seg_inactifs_6_mois';
    const [v1, v2] = await Promise.all([get(apis.memory, value), get(apis.duckdb, value)]);
    expect(v2.body).toEqual(v1.body);
    expect(valueResponse.parse(v1.body).customers).toBe(0);
  });

  test('a segment narrows the customers, the same on both stores; its version is said', async () => {
    const url = '/api/dashboards/buyers?from=2025-06&to=2026-10&segment=seg_cinephiles';
    const [memory, duckdb] = await Promise.all([get(apis.memory, url), get(apis.duckdb, url)]);
    expect(memory.status).toBe(200);
    expect(duckdb.body).toEqual(memory.body);
    const body: BuyersResponse = buyersResponse.parse(memory.body);
    expect(body.segment).toMatchObject({ segment_id: 'seg_cinephiles' });
    const everyone = buyersResponse.parse(
      (await get(apis.memory, '/api/dashboards/buyers?from=2025-06&to=2026-10')).body,
    );
    const sum = (b: BuyersResponse) => b.months.reduce((n, m) => n + m.orders, 0);
    expect(sum(body)).toBeGreaterThan(0);
    expect(sum(body)).toBeLessThan(sum(everyone));
  });

  test.each([
    ['/api/dashboards/buyers?from=2026-13&to=2026-05', 400, 'invalid_query'],
    ['/api/dashboards/buyers?from=2026-06&to=2026-05', 400, 'invalid_query'],
    ['/api/dashboards/buyers?from=2026-01&to=2026-05&channel=fax', 400, 'invalid_query'],
    ['/api/dashboards/buyers?from=2026-01&to=2026-05&version=2', 400, 'invalid_query'],
    ['/api/dashboards/buyers?from=2026-01&to=2026-05&segment=seg_gone', 404, 'segment_not_found'],
    [
      '/api/dashboards/buyers?from=2026-01&to=2026-05&segment=seg_cinephiles&version=99',
      404,
      'version_not_found',
    ],
  ])('%s is refused: %i %s', async (url, status, reason) => {
    for (const api of [apis.memory, apis.duckdb]) {
      const reply = await get(api, url);
      expect(reply.status).toBe(status);
      expect(apiError.parse(reply.body).error.reason).toBe(reason);
    }
  });
});

describe('GET /api/dashboards/value', () => {
  /** Each customer's value over a period (and channel), counted straight from the rows. */
  function values(from: string, to: string, channel: string | null) {
    const out = new Map<string, number>();
    for (const o of data.orders) {
      const month = o.placed_at.slice(0, 7);
      if (o.status !== 'completed' || month < from || month > to) continue;
      if (channel !== null && o.channel !== channel) continue;
      out.set(o.customer_id, (out.get(o.customer_id) ?? 0) + o.total_cents);
    }
    return out;
  }

  test.each([
    ['a year, every channel', '2025-12', '2026-11', null],
    ['a quarter on the web', '2026-04', '2026-06', 'web'],
  ])('%s: both stores agree, and with the rows', async (_, from, to, channel) => {
    const url = `/api/dashboards/value?from=${from}&to=${to}${channel === null ? '' : `&channel=${channel}`}`;
    const [memory, duckdb] = await Promise.all([get(apis.memory, url), get(apis.duckdb, url)]);
    expect(memory.status).toBe(200);
    expect(duckdb.body).toEqual(memory.body);
    const body = valueResponse.parse(memory.body);
    const counted = values(from, to, channel);
    const sorted = [...counted.values()].sort((a, b) => b - a);
    expect(body.customers).toBe(counted.size);
    expect(body.value_cents).toBe(sorted.reduce((a, b) => a + b, 0));
    expect(body.bands.reduce((n, b) => n + b.customers, 0)).toBe(counted.size);
    const top10 = body.pareto.find((p) => p.top_percent === 10);
    const n10 = Math.ceil(counted.size / 10);
    expect(top10).toEqual({
      top_percent: 10,
      customers: n10,
      value_cents: sorted.slice(0, n10).reduce((a, b) => a + b, 0),
    });
    expect(body.top.map((t) => t.value_cents)).toEqual(sorted.slice(0, 10));
    expect(body.cohorts.reduce((n, g) => n + g.customers, 0)).toBe(counted.size);
    expect(body.first_channels.reduce((n, g) => n + g.value_cents, 0)).toBe(body.value_cents);
    expect(body.cohorts.length).toBeGreaterThan(3);
  });

  test('a segment narrows it the same way on both stores', async () => {
    const url = '/api/dashboards/value?from=2025-12&to=2026-11&segment=seg_fideles_or';
    const [memory, duckdb] = await Promise.all([get(apis.memory, url), get(apis.duckdb, url)]);
    expect(memory.status).toBe(200);
    expect(duckdb.body).toEqual(memory.body);
    const body = valueResponse.parse(memory.body);
    expect(body.segment?.segment_id).toBe('seg_fideles_or');
    expect(body.customers).toBeGreaterThan(0);
    expect(body.customers).toBeLessThanOrEqual(body.segment?.members ?? 0);
  });
});

describe('GET /api/dashboards/propensity', () => {
  test('bands of propensity and churn, the same on both stores; the unscored are those without an order', async () => {
    for (const extra of ['', '&segment=seg_cinephiles']) {
      const url = `/api/dashboards/propensity?from=2025-12&to=2026-11${extra}`;
      const [memory, duckdb] = await Promise.all([get(apis.memory, url), get(apis.duckdb, url)]);
      expect(memory.status).toBe(200);
      expect(duckdb.body).toEqual(memory.body);
      const body = propensityResponse.parse(memory.body);
      const sum = (rows: { customers: number }[]) => rows.reduce((n, r) => n + r.customers, 0);
      expect(body.propensity_30d.map((b) => b.band)).toHaveLength(10);
      expect(sum(body.propensity_30d) + body.unscored).toBe(body.customers);
      expect(sum(body.propensity_90d) + body.unscored).toBe(body.customers);
      expect(sum(body.churn) + body.unscored).toBe(body.customers);
      if (extra === '') {
        const buyers = new Set(
          data.orders.filter((o) => o.status === 'completed').map((o) => o.customer_id),
        );
        expect(body.customers).toBe(data.customers.length);
        expect(body.unscored).toBe(data.customers.length - buyers.size);
      } else {
        expect(body.customers).toBe(body.segment?.members);
      }
      // Propensity over 90 days is never below the one over 30: the bands shift up.
      const mean = (rows: { band: string; customers: number }[]) =>
        rows.reduce((n, r, i) => n + i * r.customers, 0) / Math.max(1, sum(rows));
      expect(mean(body.propensity_90d)).toBeGreaterThan(mean(body.propensity_30d));
    }
  });

  test('churn bands at the end of each of the last twelve months, the same on both stores', async () => {
    const members = await segmentMembers('seg_cinephiles');
    for (const extra of ['', '&segment=seg_cinephiles']) {
      const url = `/api/dashboards/propensity?from=2025-12&to=2026-11${extra}`;
      const [memory, duckdb] = await Promise.all([get(apis.memory, url), get(apis.duckdb, url)]);
      expect(duckdb.body).toEqual(memory.body);
      const body = propensityResponse.parse(memory.body);
      const trend = body.churn_trend;
      expect(trend).toHaveLength(12);
      expect(trend.at(-1)).toMatchObject({ month: asOf.slice(0, 7), cutoff: asOf.slice(0, 10) });
      // Each month: the customers (of the segment) with a completed order by its cut-off day.
      for (const month of trend) {
        const buyers = new Set(
          data.orders
            .filter(
              (o) =>
                o.status === 'completed' &&
                o.placed_at.slice(0, 10) <= month.cutoff &&
                (extra === '' || members.has(o.customer_id)),
            )
            .map((o) => o.customer_id),
        );
        expect(month.fitted).toBe(true);
        expect(month.customers).toBe(buyers.size);
        expect(month.low + month.medium + month.high).toBe(month.customers);
        expect(month.cutoff.slice(0, 7)).toBe(month.month);
      }
      // The last point is today's churn bands, from the same model.
      const today = Object.fromEntries(body.churn.map((b) => [b.band, b.customers]));
      expect(trend.at(-1)).toMatchObject(today);
      // Each month its own refit: the shares move from month to month.
      const highShares = new Set(trend.map((m) => (m.high / m.customers).toFixed(3)));
      expect(highShares.size).toBeGreaterThan(3);
    }
  });
  test("the builder's breakdown by a score gives the dashboard's bands, on both stores", async () => {
    const dashboard = propensityResponse.parse(
      (await get(apis.memory, '/api/dashboards/propensity?from=2025-12&to=2026-11')).body,
    );
    // Everyone, as a marketer would say it: an email or none.
    const email = (id: string, operator: 'is_set' | 'is_empty') => ({
      id,
      kind: 'attribute',
      negate: false,
      field: 'customer.email',
      test: { operator },
    });
    const everyone = {
      version: 1,
      root: {
        id: 'tous',
        kind: 'group',
        negate: false,
        combinator: 'or',
        children: [email('avec', 'is_set'), email('sans', 'is_empty')],
      },
    };
    const bands = {
      'score.propensity_30d': dashboard.propensity_30d,
      'score.propensity_90d': dashboard.propensity_90d,
      'score.churn_band': dashboard.churn,
      'score.clv_12m': dashboard.clv_12m,
    };
    for (const [field, expected] of Object.entries(bands)) {
      const answers = await Promise.all(
        [apis.memory, apis.duckdb].map(async (api) => {
          if (!api) throw new Error('API not ready');
          const res = await api.request('/api/segments/count', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ definition: everyone, breakdown: field }),
          });
          expect(res.status).toBe(200);
          return countResponse.parse(await res.json()).breakdown;
        }),
      );
      expect(answers[1]).toEqual(answers[0]);
      const counted = new Map(answers[0]?.values.map((v) => [v.value, v.count]));
      for (const band of expected) expect(counted.get(band.band) ?? 0).toBe(band.customers);
      expect(counted.get(null)).toBe(dashboard.unscored);
    }
  });
});

describe('GET /api/dashboards/campaigns', () => {
  /** One campaign's groups counted straight from the rows. */
  function counted(campaignId: string, channel: string | null, members: Set<string> | null) {
    const week = 7 * 86_400_000;
    const starts = (rows: { customer_id: string; at: string }[]) => {
      const out = new Map<string, number>();
      for (const r of rows) {
        if (members !== null && !members.has(r.customer_id)) continue;
        const ms = Date.parse(r.at);
        out.set(r.customer_id, Math.min(ms, out.get(r.customer_id) ?? Infinity));
      }
      return out;
    };
    const group = (units: Map<string, number>) => {
      let converted = 0;
      let revenue = 0;
      for (const [customer, start] of units) {
        const bought = data.orders.filter(
          (o) =>
            o.customer_id === customer &&
            o.status === 'completed' &&
            (channel === null || o.channel === channel) &&
            Date.parse(o.placed_at) > start &&
            Date.parse(o.placed_at) <= start + week,
        );
        if (bought.length > 0) converted += 1;
        revenue += bought.reduce((n, o) => n + o.total_cents, 0);
      }
      return { customers: units.size, converted, revenue_cents: revenue };
    };
    const messages = data.messages.filter((m) => m.campaign_id === campaignId);
    return {
      messages: messages.filter((m) => members === null || members.has(m.customer_id)).length,
      recipients: group(starts(messages.map((m) => ({ ...m, at: m.sent_at })))),
      holdout: group(
        starts(
          data.holdouts
            .filter((h) => h.campaign_id === campaignId)
            .map((h) => ({ ...h, at: h.held_at })),
        ),
      ),
    };
  }

  test.each([
    ['everyone, any channel', ''],
    ['conversions in store only', '&channel=store'],
  ])('%s: both stores agree, and with the rows', async (_, extra) => {
    const url = `/api/dashboards/campaigns?from=2024-11&to=2026-11${extra}`;
    const [memory, duckdb] = await Promise.all([get(apis.memory, url), get(apis.duckdb, url)]);
    expect(memory.status).toBe(200);
    expect(duckdb.status).toBe(200);
    expect(rounded(duckdb.body)).toEqual(rounded(memory.body));
    const body = campaignsResponse.parse(memory.body);
    const experiments = generated.manifest.experiments;
    expect(experiments.length).toBeGreaterThan(5);
    for (const e of experiments) {
      const row = body.campaigns.find((c) => c.campaign_id === e.campaign_id);
      expect(row, e.campaign_id).toBeDefined();
      expect(row?.holdout.customers).toBe(e.held_out);
      expect(row?.name).not.toBe(e.campaign_id);
    }
    const channel = extra === '' ? null : 'store';
    for (const row of body.campaigns) {
      expect(row, row.campaign_id).toMatchObject(counted(row.campaign_id, channel, null));
      expect(row.delivered).toBeLessThanOrEqual(row.messages);
      expect(row.clicked).toBeLessThanOrEqual(row.opened);
    }
    // Most recent first.
    const sends = body.campaigns.map((c) => c.sent_at);
    expect(sends).toEqual([...sends].sort().reverse());
  });

  test('the latest finished audit of each campaign built here says what the guardrails would stop', async () => {
    const api = apis.memory;
    if (!api) throw new Error('API not ready');
    const started = await api.request('/api/campaigns/cmp_coffret_noel/audits', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({}),
    });
    expect(started.status).toBe(202);
    const { audit_id } = (await started.json()) as { audit_id: string };
    type Audit = { state: string; counts: unknown; finished_at: string | null };
    let audit: Audit | null = null;
    for (let i = 0; i < 600 && audit?.state !== 'done'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const res = await api.request(`/api/campaigns/cmp_coffret_noel/audits/${audit_id}`);
      audit = (await res.json()) as Audit;
    }
    expect(audit?.state).toBe('done');
    const month = (audit?.finished_at ?? '').slice(0, 7);
    const body = campaignsResponse.parse(
      (await get(api, `/api/dashboards/campaigns?from=2025-12&to=${month}`)).body,
    );
    expect(body.audits).toEqual([
      expect.objectContaining({
        campaign_id: 'cmp_coffret_noel',
        audit_id,
        current: true,
        counts: audit?.counts,
      }),
    ]);
    // A period that ended before the audit holds none.
    const before = campaignsResponse.parse(
      (await get(api, '/api/dashboards/campaigns?from=2025-12&to=2026-10')).body,
    );
    expect(before.audits).toEqual([]);
  });

  test('a segment keeps its members among recipients and holdouts, the same on both stores', async () => {
    const url = '/api/dashboards/campaigns?from=2025-11&to=2026-11&segment=seg_optin_email';
    const [memory, duckdb] = await Promise.all([get(apis.memory, url), get(apis.duckdb, url)]);
    expect(memory.status).toBe(200);
    expect(rounded(duckdb.body)).toEqual(rounded(memory.body));
    const body = campaignsResponse.parse(memory.body);
    const everyone = campaignsResponse.parse(
      (await get(apis.memory, '/api/dashboards/campaigns?from=2025-11&to=2026-11')).body,
    );
    expect(body.campaigns.length).toBeGreaterThan(0);
    const total = (b: typeof body) => b.campaigns.reduce((n, c) => n + c.recipients.customers, 0);
    expect(total(body)).toBeLessThan(total(everyone));
  });
});

describe('GET /api/dashboards/quality', () => {
  const year = 'from=2025-12&to=2026-11';

  /** The figures this test counts from the rows (first names aside: the domain judges them). */
  function counted() {
    const emailOk = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
    const state = (v: string | null, ok: (v: string) => boolean) =>
      v === null || v === '' ? 'missing' : ok(v) ? 'valid' : 'invalid';
    const tally = (states: string[]) => ({
      valid: states.filter((x) => x === 'valid').length,
      invalid: states.filter((x) => x === 'invalid').length,
      missing: states.filter((x) => x === 'missing').length,
    });
    const byEmail = new Map<string, number>();
    for (const c of data.customers) {
      const key = (c.email ?? '').trim().toLowerCase();
      if (key !== '') byEmail.set(key, (byEmail.get(key) ?? 0) + 1);
    }
    const holders = new Map<string, Set<string>>();
    for (const i of data.identities) {
      if (i.kind !== 'app_device' && i.kind !== 'web_cookie') continue;
      const set = holders.get(`${i.kind}|${i.value}`) ?? new Set();
      set.add(i.customer_id);
      holders.set(`${i.kind}|${i.value}`, set);
    }
    const shared = new Set([...holders.values()].filter((h) => h.size > 1).flatMap((h) => [...h]));
    const latest = new Map<string, { at: string; status: string }>();
    for (const k of data.consents) {
      const key = `${k.customer_id}|${k.channel}`;
      const seen = latest.get(key);
      if (seen === undefined || k.at >= seen.at) latest.set(key, k);
    }
    return {
      customers: data.customers.length,
      email: tally(data.customers.map((c) => state(c.email, (v) => emailOk.test(v)))),
      phone: tally(
        data.customers.map((c) => state(c.phone, (v) => v.replace(/[^0-9]/g, '').length >= 8)),
      ),
      consent: ['email', 'sms', 'push', 'phone'].map((channel) => {
        const s = data.customers.map((c) => latest.get(`${c.customer_id}|${channel}`)?.status);
        return {
          channel,
          granted: s.filter((x) => x === 'granted').length,
          withdrawn: s.filter((x) => x === 'withdrawn').length,
          unknown: s.filter((x) => x === undefined).length,
        };
      }),
      shared_device: shared.size,
      duplicate_email: data.customers.filter(
        (c) => (byEmail.get((c.email ?? '').trim().toLowerCase()) ?? 0) > 1,
      ).length,
    };
  }

  test('both stores agree, and with the rows; every list holds as many customers as its figure', async () => {
    const url = `/api/dashboards/quality?${year}`;
    const [memory, duckdb] = await Promise.all([get(apis.memory, url), get(apis.duckdb, url)]);
    expect(memory.status).toBe(200);
    expect(duckdb.body).toEqual(memory.body);
    const body = qualityResponse.parse(memory.body);
    expect(body).toMatchObject(counted());
    const unusable = body.first_name.unusable.reduce((n, u) => n + u.customers, 0);
    expect(body.first_name.usable + unusable).toBe(body.customers);
    expect(unusable).toBeGreaterThan(0);
    expect(body.identities.reduce((n, b) => n + b.customers, 0)).toBe(body.customers);
    expect(body.shared_device).toBeGreaterThan(0);
    const expectedTotals = {
      first_name_unusable: unusable,
      email_missing: body.email.missing,
      email_invalid: body.email.invalid,
      phone_invalid: body.phone.invalid,
      consent_sms_unknown: body.consent.find((c) => c.channel === 'sms')?.unknown,
      shared_device: body.shared_device,
      duplicate_email: body.duplicate_email,
      duplicate_phone: body.duplicate_phone,
    };
    for (const [list, total] of Object.entries(expectedTotals)) {
      const page = `/api/dashboards/quality/customers?${year}&list=${list}&limit=5`;
      const [m, d] = await Promise.all([get(apis.memory, page), get(apis.duckdb, page)]);
      expect(m.status, list).toBe(200);
      expect(d.body, list).toEqual(m.body);
      const answer = qualityListResponse.parse(m.body);
      expect(answer.total, list).toBe(total);
      expect(answer.customers.length, list).toBe(Math.min(5, total ?? 0));
    }
  });

  test('a list opened as a segment counts the same customers', async () => {
    const body = qualityResponse.parse(
      (await get(apis.memory, `/api/dashboards/quality?${year}`)).body,
    );
    // Every list, those comparing a customer with the others (shared device, duplicates) too.
    expect(body.definitions.map((d) => d.list)).toEqual([...QUALITY_LIST_NAMES]);
    // The demo's household tablets (its duplicates are rarer: the engines' suites hold those).
    expect(body.shared_device).toBeGreaterThan(0);
    for (const { list, definition } of body.definitions) {
      for (const api of [apis.memory, apis.duckdb]) {
        if (!api) throw new Error('API not ready');
        const res = await api.request('/api/segments/count', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ definition }),
        });
        expect(res.status, list).toBe(200);
        const { count } = (await res.json()) as { count: number };
        const unknown = (channel: string) =>
          body.consent.find((c) => c.channel === channel)?.unknown;
        const expected: Partial<Record<string, number>> = {
          first_name_unusable: body.first_name.unusable.reduce((n, u) => n + u.customers, 0),
          email_missing: body.email.missing,
          email_invalid: body.email.invalid,
          phone_missing: body.phone.missing,
          phone_invalid: body.phone.invalid,
          consent_email_unknown: unknown('email'),
          consent_sms_unknown: unknown('sms'),
          consent_push_unknown: unknown('push'),
          consent_phone_unknown: unknown('phone'),
          shared_device: body.shared_device,
          duplicate_email: body.duplicate_email,
          duplicate_phone: body.duplicate_phone,
        };
        expect(expected[list], list).toBeDefined();
        expect(count, list).toBe(expected[list]);
      }
    }
  });

  test('a segment keeps its members, the same on both stores; an unknown list is refused', async () => {
    const url = `/api/dashboards/quality?${year}&segment=seg_fideles_or`;
    const [memory, duckdb] = await Promise.all([get(apis.memory, url), get(apis.duckdb, url)]);
    expect(duckdb.body).toEqual(memory.body);
    const body = qualityResponse.parse(memory.body);
    expect(body.customers).toBe(body.segment?.members);
    const bad = await get(apis.duckdb, `/api/dashboards/quality/customers?${year}&list=everyone`);
    expect(bad.status).toBe(400);
    expect(apiError.parse(bad.body).error.reason).toBe('invalid_query');
  });
});

describe('GET /api/dashboards/segments', () => {
  test('predicted 12-month value of every saved segment and of everyone, the same on both stores', async () => {
    const url = '/api/dashboards/segments?from=2025-12&to=2026-11';
    const [memory, duckdb] = await Promise.all([get(apis.memory, url), get(apis.duckdb, url)]);
    expect(memory.status).toBe(200);
    expect(duckdb.body).toEqual(memory.body);
    const body = segmentValueResponse.parse(memory.body);
    const buyers = new Set(
      data.orders.filter((o) => o.status === 'completed').map((o) => o.customer_id),
    );
    expect(body.everyone).toMatchObject({ members: data.customers.length, scored: buyers.size });
    expect(body.everyone.clv_cents).toBeGreaterThan(0);
    expect(body.segments.map((s) => s.segment_id)).toEqual(
      data.segments.map((s) => s.segment_id).sort(),
    );
    for (const s of body.segments) {
      expect(s.counted, s.segment_id).toBe(true);
      expect(s.scored, s.segment_id).toBeLessThanOrEqual(s.members);
      expect(s.clv_cents, s.segment_id).toBeLessThanOrEqual(body.everyone.clv_cents);
    }
    // The propensity dashboard's value bands hold every scored customer.
    const propensity = propensityResponse.parse(
      (await get(apis.duckdb, '/api/dashboards/propensity?from=2025-12&to=2026-11')).body,
    );
    expect(propensity.clv_12m.reduce((n, b) => n + b.customers, 0)).toBe(buyers.size);
  });
});

describe('without a model (too few customers to fit one)', () => {
  const small = generateDataset({ seed: 5, customers: 40 });
  let tiny: DuckDbStore;
  const tinyApis: { memory: Hono | null; duckdb: Hono | null } = { memory: null, duckdb: null };
  beforeAll(async () => {
    tinyApis.memory = createApi(new MemoryStore(small.dataset, small.manifest.as_of), {
      access: TEST_ACCESS,
      logErrors: false,
    });
    tiny = await openDuckDbStore({ path: ':memory:', connections: 2 });
    await loadDataset(tiny, small.dataset, { asOf: small.manifest.as_of, seed: 5 });
    tinyApis.duckdb = createApi(tiny, { access: TEST_ACCESS, logErrors: false });
  }, 120_000);
  afterAll(() => tiny.close());

  test('propensity and predicted value answer on both stores alike: everyone unscored, no month fitted', async () => {
    for (const url of [
      '/api/dashboards/propensity?from=2026-01&to=2026-06',
      '/api/dashboards/segments?from=2026-01&to=2026-06',
    ]) {
      const [memory, duckdb] = await Promise.all([
        get(tinyApis.memory, url),
        get(tinyApis.duckdb, url),
      ]);
      expect(memory.status).toBe(200);
      expect(duckdb.status).toBe(200);
      expect(duckdb.body).toEqual(memory.body);
    }
    const body = propensityResponse.parse(
      (await get(tinyApis.duckdb, '/api/dashboards/propensity?from=2026-01&to=2026-06')).body,
    );
    expect(body.unscored).toBe(body.customers);
    expect(body.customers).toBe(40);
    expect(body.churn_trend).toHaveLength(12);
    expect(body.churn_trend.every((m) => !m.fitted && m.customers === 0)).toBe(true);
  });
});

describe('a segment of segments on the dashboards, when the segment it names changes', () => {
  async function send(
    api: Hono | null,
    method: string,
    url: string,
    body: unknown,
    version?: number,
  ) {
    if (!api) throw new Error('API not ready');
    const res = await api.request(url, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(version === undefined ? {} : { 'if-match': `"${String(version)}"` }),
      },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { segment_id: string } };
  }
  const group = (children: unknown[]) => ({
    version: 1,
    root: { id: 'racine', kind: 'group', negate: false, combinator: 'and', children },
  });
  const city = (value: string) =>
    group([
      {
        id: 'ville',
        kind: 'attribute',
        negate: false,
        field: 'customer.city',
        test: { operator: 'equals', value },
      },
    ]);

  test('every figure follows the new members on both stores (none kept from before)', async () => {
    const urls = (id: string) =>
      [
        `/api/dashboards/buyers?from=2025-12&to=2026-11&segment=${id}`,
        `/api/dashboards/value?from=2025-12&to=2026-11&segment=${id}`,
        `/api/dashboards/propensity?from=2025-12&to=2026-11&segment=${id}`,
        `/api/dashboards/quality?from=2025-12&to=2026-11&segment=${id}`,
        `/api/dashboards/campaigns?from=2025-12&to=2026-11&segment=${id}`,
      ] as const;
    /** Each dashboard's answer on both stores, the segment's id (which differs) left out. */
    const answers = async () => {
      const out: { memory: unknown; duckdb: unknown }[] = [];
      for (const [i, url] of urls(ids.memory.outer).entries()) {
        const [memory, duckdb] = await Promise.all([
          get(apis.memory, url),
          get(apis.duckdb, urls(ids.duckdb.outer)[i] ?? ''),
        ]);
        expect(duckdb.status).toBe(200);
        const bare = (body: unknown) =>
          typeof body === 'object' && body !== null ? { ...body, segment: null } : body;
        out.push({ memory: rounded(bare(memory.body)), duckdb: rounded(bare(duckdb.body)) });
      }
      return out;
    };
    const ids: Record<'memory' | 'duckdb', { inner: string; outer: string }> = {
      memory: { inner: '', outer: '' },
      duckdb: { inner: '', outer: '' },
    };
    for (const kind of ['memory', 'duckdb'] as const) {
      const inner = await send(apis[kind], 'POST', '/api/segments', {
        name: 'Lyonnais du tableau de bord',
        definition: city('Lyon'),
      });
      const outer = await send(apis[kind], 'POST', '/api/segments', {
        name: 'Membres des Lyonnais',
        definition: group([
          { id: 'membre', kind: 'segment', negate: false, segment_id: inner.body.segment_id },
        ]),
      });
      expect(outer.status).toBe(201);
      ids[kind] = { inner: inner.body.segment_id, outer: outer.body.segment_id };
    }
    const before = await answers();
    for (const a of before) expect(a.duckdb).toEqual(a.memory);
    for (const kind of ['memory', 'duckdb'] as const) {
      const saved = await send(
        apis[kind],
        'PUT',
        `/api/segments/${ids[kind].inner}`,
        { name: 'Lyonnais du tableau de bord', definition: city('Paris') },
        1,
      );
      expect(saved.status).toBe(200);
    }
    const after = await answers();
    for (const [i, a] of after.entries()) {
      expect(a.duckdb).toEqual(a.memory);
      // The segment now holds other customers: its figures moved.
      expect(a.memory).not.toEqual(before[i]?.memory);
    }
  });
});

describe('more segments at once than the DuckDB store keeps', () => {
  test('each answer is its own segment’s, while older sets are let go under requests reading them', async () => {
    const cities = [...new Set(data.customers.map((c) => c.city).filter((c) => c !== null))]
      .sort()
      .slice(0, 18);
    expect(cities).toHaveLength(18);
    const ids: Record<'memory' | 'duckdb', string[]> = { memory: [], duckdb: [] };
    for (const kind of ['memory', 'duckdb'] as const) {
      const api = apis[kind];
      if (!api) throw new Error('API not ready');
      for (const city of cities) {
        const res = await api.request('/api/segments', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            name: `Clients de ${city}`,
            definition: {
              version: 1,
              root: {
                id: 'racine',
                kind: 'group',
                negate: false,
                combinator: 'and',
                children: [
                  {
                    id: 'ville',
                    kind: 'attribute',
                    negate: false,
                    field: 'customer.city',
                    test: { operator: 'equals', value: city },
                  },
                ],
              },
            },
          }),
        });
        expect(res.status).toBe(201);
        ids[kind].push(((await res.json()) as { segment_id: string }).segment_id);
      }
    }
    const url = (id: string, i: number) =>
      i % 2 === 0
        ? `/api/dashboards/buyers?from=2025-12&to=2026-11&segment=${id}`
        : `/api/dashboards/propensity?from=2025-12&to=2026-11&segment=${id}`;
    const bare = (body: unknown) =>
      typeof body === 'object' && body !== null ? { ...body, segment: null } : body;
    const expected = await Promise.all(
      ids.memory.map(async (id, i) => bare((await get(apis.memory, url(id, i))).body)),
    );
    // Twice over, all at once: the second round finds some sets kept and others evicted.
    for (let round = 0; round < 2; round += 1) {
      const answers = await Promise.all(
        ids.duckdb.map(async (id, i) => bare((await get(apis.duckdb, url(id, i))).body)),
      );
      expect(answers).toEqual(expected);
    }
  });
});
