// The pre-send audit's endpoints on the memory store over the 2,000-customer demo and its campaign:
// an audit runs with progress to its counts (those of the preview's recipients list), a second
// start joins it, a cancel stops the server's reading and checking, remedies are new versions that
// the audit reruns on (reusing the check when they only exclude), and "ready" is refused while a
// blocking guardrail flags recipients unless a reason is written.
import type { Hono } from 'hono';
import { beforeAll, describe, expect, test } from 'vitest';
import { TEST_DEMO_CUSTOMERS, DEMO_SEED } from '../mocks/demo.ts';
import { DEMO_AS_OF, generateDataset } from '../mocks/seed/index.ts';
import { DEMO_CAMPAIGN_ID } from '../mocks/seed/marketing.ts';
import { z } from 'zod';
import {
  apiError,
  applyRemedyResponse,
  previewResponse,
  type SavedCampaign,
  campaignAudit,
  campaignAuditsResponse,
  customerScoresResponse,
  recipientsResponse,
  rolloutPlanResponse,
  savedCampaign,
  type CampaignAudit,
} from '../src/api/contract.ts';
import { inHoldout } from '../src/domain/campaign/holdout.ts';
import type { CustomerHistory } from '../src/domain/profile/history.ts';
import { createApi } from './app.ts';
import { bodyOfCampaign } from './documents/campaigns.ts';
import type { HistoryReadOptions } from './store.ts';
import { MemoryStore } from './stores/memory.ts';
import { fixedAccess } from './auth/access.ts';
import { TEST_ACCESS } from './auth/test-access.ts';

const { dataset } = generateDataset({
  seed: DEMO_SEED,
  customers: TEST_DEMO_CUSTOMERS,
  asOf: DEMO_AS_OF,
});

/** The memory store, counting the histories it hands out. */
class CountingStore extends MemoryStore {
  historiesRead = 0;
  override async *histories(
    ids: readonly string[],
    options?: HistoryReadOptions,
  ): AsyncIterable<CustomerHistory[]> {
    for await (const chunk of super.histories(ids, options)) {
      this.historiesRead += chunk.length;
      yield chunk;
    }
  }
}

let store: CountingStore;
let api: Hono;
beforeAll(() => {
  store = new CountingStore(dataset, DEMO_AS_OF);
  api = createApi(store, { access: TEST_ACCESS, logErrors: false });
});

/** An editor other than the tests' admin, over the same store, for what two people do. */
const asEditor = (name: string) =>
  createApi(store, { access: fixedAccess('editor', name), logErrors: false });

async function call(path: string, init?: RequestInit, app: Hono = api) {
  const res = await app.request(path, init);
  const text = await res.text();
  return {
    status: res.status,
    etag: res.headers.get('etag'),
    body: text === '' ? null : (JSON.parse(text) as unknown),
  };
}
const send = (method: string, body: unknown, version?: number): RequestInit => ({
  method,
  headers: {
    'content-type': 'application/json',
    ...(version === undefined ? {} : { 'if-match': `"${version}"` }),
  },
  body: JSON.stringify(body),
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const base = `/api/campaigns/${DEMO_CAMPAIGN_ID}`;
const campaignNow = async (id = DEMO_CAMPAIGN_ID) =>
  savedCampaign.parse((await call(`/api/campaigns/${id}`)).body);
const start = async (id = DEMO_CAMPAIGN_ID, app: Hono = api) => {
  const reply = await call(`/api/campaigns/${id}/audits`, send('POST', {}), app);
  expect(reply.status, JSON.stringify(reply.body)).toBe(202);
  return campaignAudit.parse(reply.body);
};
const read = async (auditId: string, id = DEMO_CAMPAIGN_ID) =>
  campaignAudit.parse((await call(`/api/campaigns/${id}/audits/${auditId}`)).body);
async function finished(auditId: string, id = DEMO_CAMPAIGN_ID): Promise<CampaignAudit> {
  for (let i = 0; i < 1_200; i += 1) {
    const audit = await read(auditId, id);
    if (audit.state !== 'running') return audit;
    await sleep(50);
  }
  throw new Error('the audit did not end in 60 s');
}
const reasonOf = (body: unknown) => apiError.parse(body).error.reason;

/**
 * The export of a ready campaign: its header names the version, the policy and the audit; no
 * excluded or held-out customer; every recipient of the audit, each message equal to the
 * preview's (every 7th checked, for time).
 */
async function exportMatchesPreview(ready: SavedCampaign) {
  const lines = (await (await api.request(`${base}/export?format=jsonl`)).text())
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const header = z
    .object({
      export: z.object({
        version: z.number(),
        policy: z.object({ version: z.number() }),
        audit_id: z.string(),
        recipients: z.number(),
      }),
    })
    .parse(lines[0]).export;
  expect(header).toMatchObject({ version: ready.version, audit_id: ready.readiness?.audit_id });
  const rows = lines
    .slice(1)
    .map((l) =>
      z.object({ customer_id: z.string(), message: z.unknown(), channel: z.string() }).parse(l),
    );
  expect(rows).toHaveLength(header.recipients);
  const ids = rows.map((r) => r.customer_id);
  const excluded = new Set(ready.exclusions.flatMap((e) => e.customer_ids));
  expect(excluded.size).toBeGreaterThan(0);
  expect(ids.filter((id) => excluded.has(id))).toEqual([]);
  expect(ids.filter((id) => inHoldout(DEMO_CAMPAIGN_ID, id, ready.holdout_share))).toEqual([]);
  const audit = await read(ready.readiness?.audit_id ?? '');
  expect(ids).toHaveLength(audit.counts?.recipients ?? -1);
  for (const row of rows.filter((_, i) => i % 7 === 0)) {
    const preview = previewResponse.parse((await call(`${base}/preview/${row.customer_id}`)).body);
    expect(preview.membership).toBe('recipient');
    expect(row.message).toEqual(preview.render.ok ? preview.render.message : null);
  }
  const csv = (await (await api.request(`${base}/export`)).text()).split('\r\n');
  expect(csv[0]).toBe(
    `# Tact export: campaign ${DEMO_CAMPAIGN_ID} version ${ready.version}, policy default version ` +
      `${header.policy.version}, audit ${header.audit_id}, ${header.recipients} recipients, at ` +
      `${audit.at ?? ''}`,
  );
  expect(csv[1]?.startsWith('customer_id,channel,address,language,subject,')).toBe(true);
  expect(csv.filter((l) => l !== '')).toHaveLength(header.recipients + 2);
}

const exportedIds = async (query: string) =>
  (await (await api.request(`${base}/export?format=jsonl&${query}`)).text())
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((l) => z.object({ customer_id: z.string() }).parse(JSON.parse(l)).customer_id);

/** What the scores API says of a customer at the plan's 30-day horizon. */
async function scoresOf(id: string) {
  const reply = customerScoresResponse.parse((await call(`/api/customers/${id}/scores`)).body);
  const at30 = reply.scores?.propensity.find((p) => p.horizon_days === 30);
  return { cell: reply.scores?.rfm?.cell ?? null, at30: at30 ?? null };
}

/**
 * The rollout plan of the ready campaign: its waves add up to the audit's counts, each exports on
 * its own, the two exports partition the whole, the loyal wave holds exactly the champions, loyal
 * customers and customers at the 80th propensity percentile or above (read from the scores API),
 * and its expected orders are the sum of theirs.
 */
async function rolloutMatchesExport(ready: SavedCampaign, audit: CampaignAudit) {
  const plan = rolloutPlanResponse.parse((await call(`${base}/rollout`)).body);
  expect(plan).toMatchObject({ campaign_version: ready.version, horizon_days: 30, scored: true });
  expect(plan.waves.map((w) => w.wave)).toEqual(['loyal', 'rest']);
  const counts = audit.counts;
  const total = (key: 'members' | 'holdout' | 'excluded' | 'recipients' | 'flagged' | 'blocked') =>
    plan.waves.reduce((sum, w) => sum + w[key], 0);
  expect(total('members') - total('holdout')).toBe(counts?.members);
  for (const key of ['excluded', 'recipients', 'flagged', 'blocked'] as const) {
    expect(total(key)).toBe(counts?.[key]);
  }
  const [loyalWave, restWave] = plan.waves;
  expect(loyalWave?.recipients).toBeGreaterThan(0);
  expect(restWave?.recipients).toBeGreaterThan(0);
  const all = await exportedIds('');
  const loyal = await exportedIds('wave=loyal');
  const rest = await exportedIds('wave=rest');
  expect([loyal.length, rest.length]).toEqual([loyalWave?.recipients, restWave?.recipients]);
  expect([...loyal, ...rest].sort()).toEqual([...all].sort());
  let expected = 0;
  for (const id of loyal) {
    const { cell, at30 } = await scoresOf(id);
    const isLoyal =
      cell === 'champions' || cell === 'loyal_customers' || (at30?.percentile ?? 0) >= 80;
    expect(isLoyal, id).toBe(true);
    expected += at30?.expected_orders ?? 0;
  }
  expect(loyalWave?.expected_orders).toBeCloseTo(expected, 6);
  for (const id of rest.filter((_, i) => i % 5 === 0)) {
    const { cell, at30 } = await scoresOf(id);
    expect(cell === 'champions' || cell === 'loyal_customers', id).toBe(false);
    expect(at30 === null || at30.percentile < 80, id).toBe(true);
  }
  const csv = await (await api.request(`${base}/export?wave=loyal`)).text();
  expect(csv.split('\r\n')[0]).toContain(`wave loyal, ${loyal.length} recipients`);
  const refused = await call(`${base}/export?wave=first`);
  expect([refused.status, reasonOf(refused.body)]).toEqual([400, 'invalid_query']);
}

describe('an audit of the demo campaign', () => {
  let done: CampaignAudit;

  test('runs with its progress to the counts of the preview’s recipients, and a second start joins it', async () => {
    const first = await start();
    expect(first).toMatchObject({ state: 'running', by: 'Test admin', campaign_version: 3 });
    // Someone else starting it meanwhile joins the running audit, which stays the first starter's.
    const joined = await start(DEMO_CAMPAIGN_ID, asEditor('Paul'));
    expect(joined).toMatchObject({ audit_id: first.audit_id, by: 'Test admin' });
    done = await finished(first.audit_id);
    expect(done.state).toBe('done');
    expect(done.current).toBe(true);
    expect(done.progress.done).toBe(done.progress.total);

    const list = recipientsResponse.parse((await call(`${base}/recipients?limit=1`)).body);
    const counts = done.counts;
    expect(counts).toMatchObject({
      members: list.total,
      excluded: 0,
      recipients: list.total,
      flagged: list.flagged,
    });
    for (const [id, n] of Object.entries(list.by_guardrail)) {
      expect(counts?.by_guardrail[id as keyof typeof list.by_guardrail]?.flagged, id).toBe(n);
    }
    // The demo's discount is meaningless for every recipient.
    expect(counts?.by_guardrail.meaningless_discount).toEqual({
      flagged: list.total,
      blocking: list.total,
    });
    expect(counts?.by_guardrail.already_owned.flagged).toBeGreaterThan(0);

    // The drill-down's CSV: the guardrail's flagged recipients, every one, nobody else.
    const res = await api.request(`${base}/recipients.csv?guardrail=already_owned`);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('customer_id,first_name,last_name,email,guardrails,blocking');
    expect(lines).toHaveLength(1 + (counts?.by_guardrail.already_owned.flagged ?? 0));
    expect(lines.slice(1).every((l) => / already_owned|,already_owned/.test(l))).toBe(true);
  });

  test('is kept: the list shows it with who ran it, and it reads back the same', async () => {
    const all = campaignAuditsResponse.parse((await call(`${base}/audits`)).body);
    expect(all.audits.map((a) => a.audit_id)).toContain(done.audit_id);
    expect(await read(done.audit_id)).toEqual(done);
    const unknown = await call(`${base}/audits/aud_nope`);
    expect([unknown.status, reasonOf(unknown.body)]).toEqual([404, 'audit_not_found']);
    const cancelDone = await call(`${base}/audits/${done.audit_id}`, { method: 'DELETE' });
    expect([cancelDone.status, reasonOf(cancelDone.body)]).toEqual([409, 'audit_finished']);
  });

  test('"ready" is refused while a blocking guardrail flags recipients and no reason is written', async () => {
    const { version } = await campaignNow();
    const refused = await call(`${base}/ready`, send('POST', { audit_id: done.audit_id }, version));
    expect(refused.status).toBe(409);
    expect(apiError.parse(refused.body).error).toMatchObject({
      reason: 'campaign_blocked',
      params: { blocked: done.counts?.blocked },
    });
    const notReady = await call(`${base}/export`);
    expect([notReady.status, reasonOf(notReady.body)]).toEqual([409, 'campaign_not_ready']);
    const blank = await call(
      `${base}/ready`,
      send('POST', { audit_id: done.audit_id, override_reason: '   ' }, version),
    );
    expect(blank.status).toBe(400);
    expect((await campaignNow()).version).toBe(version);
  });

  test('excluding the flagged is a new version whose audit reuses the check', async () => {
    const before = await campaignNow();
    const flagged = done.counts?.by_guardrail.already_owned.flagged ?? 0;
    const readBefore = store.historiesRead;
    const reply = await call(
      `${base}/remedies`,
      send(
        'POST',
        {
          audit_id: done.audit_id,
          remedy: { kind: 'exclude_flagged', guardrail: 'already_owned' },
        },
        before.version,
      ),
    );
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const { campaign, audit } = applyRemedyResponse.parse(reply.body);
    expect(campaign).toMatchObject({ version: before.version + 1, status: 'draft' });
    expect(campaign.exclusions).toHaveLength(1);
    expect(campaign.exclusions[0]?.customer_ids).toHaveLength(flagged);
    const rerun = await finished(audit.audit_id);
    expect(rerun).toMatchObject({ reused: true, campaign_version: before.version + 1 });
    expect(store.historiesRead).toBe(readBefore);
    expect(rerun.counts).toMatchObject({
      excluded: flagged,
      recipients: (done.counts?.members ?? 0) - flagged,
    });
    expect(rerun.counts?.by_guardrail.already_owned).toEqual({ flagged: 0, blocking: 0 });
    // The preview says so too.
    const id = campaign.exclusions[0]?.customer_ids[0] ?? '';
    const preview = (await call(`${base}/preview/${id}`)).body;
    expect(preview).toMatchObject({ membership: 'excluded' });
    // The old audit is no longer current; a remedy from it is refused.
    expect((await read(done.audit_id)).current).toBe(false);
    const stale = await call(
      `${base}/remedies`,
      send('POST', { audit_id: done.audit_id, remedy: { kind: 'drop_offer' } }, campaign.version),
    );
    expect([stale.status, reasonOf(stale.body)]).toEqual([409, 'audit_stale']);
    done = rerun;
  });

  test('raising the discount to the threshold clears meaningless_discount after a new check', async () => {
    const before = await campaignNow();
    const reply = await call(
      `${base}/remedies`,
      send('POST', { audit_id: done.audit_id, remedy: { kind: 'raise_discount' } }, before.version),
    );
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const { campaign, audit } = applyRemedyResponse.parse(reply.body);
    expect(campaign.offer?.price).not.toEqual(before.offer?.price);
    const rerun = await finished(audit.audit_id);
    expect(rerun.reused).toBe(false);
    expect(rerun.counts?.by_guardrail.meaningless_discount.flagged).toBe(0);
    expect(rerun.counts?.by_guardrail.already_owned.flagged).toBe(0);
    // Raising it again changes nothing: refused, nothing saved.
    const again = await call(
      `${base}/remedies`,
      send(
        'POST',
        { audit_id: rerun.audit_id, remedy: { kind: 'raise_discount' } },
        campaign.version,
      ),
    );
    expect(apiError.parse(again.body).error).toMatchObject({
      reason: 'remedy_not_applicable',
      params: { cause: 'meets_threshold' },
    });
    expect((await campaignNow()).version).toBe(campaign.version);
    done = rerun;
  });

  test('"ready" with a written reason records the override, who and when; an edit returns it to draft', async () => {
    // Ready needs a send time: planned, then audited again.
    const planned = await campaignNow();
    const plan = bodyOfCampaign(planned);
    const put = await call(
      base,
      send('PUT', { ...plan, send_at: '2026-12-01T10:00' }, planned.version),
    );
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    done = await finished((await start()).audit_id);
    const before = await campaignNow();
    const blocked = done.counts?.blocked ?? 0;
    const reason = 'Validé avec la direction : relance maîtrisée.';
    // Marked ready by someone other than who saved the version before: the caller is recorded.
    expect(before.author).toBe('Test admin');
    const reply = await call(
      `${base}/ready`,
      send('POST', { audit_id: done.audit_id, override_reason: reason }, before.version),
      asEditor('Lise'),
    );
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const ready = savedCampaign.parse(reply.body);
    expect(ready).toMatchObject({
      status: 'ready',
      author: 'Lise',
      readiness: {
        audit_id: done.audit_id,
        by: 'Lise',
        override: blocked === 0 ? null : { reason, blocked },
      },
    });
    // The audit of the version before "ready" is still current: readiness is not content.
    expect((await read(done.audit_id)).current).toBe(true);

    await exportMatchesPreview(ready);
    await rolloutMatchesExport(ready, await read(done.audit_id));

    const { version } = ready;
    const body = bodyOfCampaign(ready);
    const asReady = await call(base, send('PUT', body, version));
    expect([asReady.status, reasonOf(asReady.body)]).toEqual([409, 'campaign_ready_from_audit']);
    const edited = await call(
      base,
      send('PUT', { ...body, status: 'draft', name: 'Noël' }, version),
    );
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(savedCampaign.parse(edited.body)).toMatchObject({
      status: 'draft',
      readiness: null,
      author: 'Test admin',
    });
  });
});

describe('cancelling an audit', () => {
  test('stops the server’s work: no history read and no recipient checked after it', async () => {
    // A copy of the demo campaign under another name: content never checked before.
    const demo = await campaignNow();
    const body = bodyOfCampaign(demo);
    const copy = await call(
      '/api/campaigns',
      send('POST', { ...body, status: 'draft', exclusions: [], name: 'Copie annulée' }),
    );
    expect(copy.status, JSON.stringify(copy.body)).toBe(201);
    const id = savedCampaign.parse(copy.body).campaign_id;

    const audit = await start(id);
    let progress = audit.progress;
    for (let i = 0; i < 400 && progress.done === 0; i += 1) {
      await sleep(10);
      progress = (await read(audit.audit_id, id)).progress;
    }
    const cancelled = await call(`/api/campaigns/${id}/audits/${audit.audit_id}`, {
      method: 'DELETE',
    });
    expect(cancelled.status, JSON.stringify([progress, cancelled.body])).toBe(204);
    const atCancel = await read(audit.audit_id, id);
    const readAtCancel = store.historiesRead;
    expect(atCancel.state).toBe('cancelled');
    expect(atCancel.progress.total).not.toBeNull();
    expect(atCancel.progress.done).toBeLessThan(atCancel.progress.total ?? 0);
    await sleep(500);
    const later = await read(audit.audit_id, id);
    expect(later.progress).toEqual(atCancel.progress);
    expect(store.historiesRead).toBe(readAtCancel);
    // A cancelled audit changed nothing on the campaign.
    expect((await campaignNow(id)).version).toBe(1);
  });
});

describe('sending on the preferred channel', () => {
  test('the remedy adds SMS and push messages; the audit reruns and each recipient moved off e-mail consented to their channel and has an address', async () => {
    const demo = await campaignNow();
    const copy = await call(
      '/api/campaigns',
      send('POST', {
        ...bodyOfCampaign(demo),
        status: 'draft',
        exclusions: [],
        readiness: null,
        name: 'Repli par canal',
      }),
    );
    expect(copy.status, JSON.stringify(copy.body)).toBe(201);
    const id = savedCampaign.parse(copy.body).campaign_id;
    const before = await finished((await start(id)).audit_id, id);
    const blockedBefore = before.counts?.by_guardrail.no_consent.flagged ?? 0;
    expect(blockedBefore).toBeGreaterThan(0);

    const reply = await call(
      `/api/campaigns/${id}/remedies`,
      send('POST', { audit_id: before.audit_id, remedy: { kind: 'preferred_channel' } }, 1),
    );
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const { campaign, audit } = applyRemedyResponse.parse(reply.body);
    expect(campaign.alternates.sms).not.toBeNull();
    expect(campaign.alternates.push).not.toBeNull();
    const after = await finished(audit.audit_id, id);
    const blockedAfter = after.counts?.by_guardrail.no_consent.flagged ?? 0;
    expect(blockedAfter).toBeLessThan(blockedBefore);
    expect(after.counts?.recipients).toBe(before.counts?.recipients);

    // Checked from the rows: a recipient previewed on SMS or push had that channel's consent
    // granted last before the send, and a phone number (SMS) or an app device (push).
    const at = Date.parse(after.at ?? '');
    const list = recipientsResponse.parse(
      (await call(`/api/campaigns/${id}/recipients?limit=500`)).body,
    );
    let moved = 0;
    for (const { customer_id } of list.recipients) {
      const preview = previewResponse.parse(
        (await call(`/api/campaigns/${id}/preview/${customer_id}`)).body,
      );
      if (!preview.render.ok || preview.render.message.channel === 'email') continue;
      const channel = preview.render.message.channel;
      moved += 1;
      const latest = dataset.consents
        .filter((c) => c.customer_id === customer_id && c.channel === channel)
        .filter((c) => Date.parse(c.at) <= at)
        .sort((a, b) => a.at.localeCompare(b.at) || a.consent_id.localeCompare(b.consent_id))
        .at(-1);
      expect(latest?.status, `${customer_id} on ${channel}`).toBe('granted');
      if (channel === 'sms') {
        const customer = dataset.customers.find((c) => c.customer_id === customer_id);
        expect(customer?.phone, customer_id).toBeTruthy();
      }
    }
    expect(moved).toBeGreaterThan(0);
  });
});
