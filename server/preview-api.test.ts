// The preview endpoints on both stores, over the 2,000-customer demo and its campaign (the Lord of
// the Rings box set at 99.99 € to the film buyers of the last 12 months): the recipients are the
// pinned version's members less the holdout, paged by id with filters and a search; one
// customer's preview says whether they are a recipient and why; the errors say what is wrong.
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TEST_DEMO_CUSTOMERS, DEMO_SEED } from '../mocks/demo.ts';
import { DEMO_AS_OF, generateDataset } from '../mocks/seed/index.ts';
import { DEMO_CAMPAIGN_ID } from '../mocks/seed/marketing.ts';
import {
  apiError,
  previewResponse,
  recipientsResponse,
  savedCampaign,
  savedSegment,
  type RecipientSummary,
  type RecipientsResponse,
} from '../src/api/contract.ts';
import { inHoldout } from '../src/domain/campaign/holdout.ts';
import { foldForSearch } from '../src/domain/guardrails/recipient-list.ts';
import { createApi } from './app.ts';
import { renderInThisThread } from './routes/templates.ts';
import type { ProfileStore } from './store.ts';
import { loadDataset, openDuckDbStore, type DuckDbStore } from './stores/duckdb.ts';
import { MemoryStore } from './stores/memory.ts';
import { TEST_ACCESS } from './auth/test-access.ts';

const { dataset, manifest } = generateDataset({
  seed: DEMO_SEED,
  customers: TEST_DEMO_CUSTOMERS,
  asOf: DEMO_AS_OF,
});

type StoreKind = 'memory' | 'duckdb';
let duck: DuckDbStore;
const stores: Partial<Record<StoreKind, ProfileStore>> = {};
const apis: Partial<Record<StoreKind, Hono>> = {};

beforeAll(async () => {
  stores.memory = new MemoryStore(dataset, DEMO_AS_OF);
  duck = await openDuckDbStore({ path: ':memory:' });
  await loadDataset(duck, dataset, { asOf: DEMO_AS_OF });
  stores.duckdb = duck;
  for (const kind of ['memory', 'duckdb'] as const) {
    const store = stores[kind];
    if (store) apis[kind] = createApi(store, { access: TEST_ACCESS, logErrors: false });
  }
}, 120_000);
afterAll(() => duck.close());

async function call(kind: StoreKind, path: string, init?: RequestInit) {
  const api = apis[kind];
  if (!api) throw new Error('API not ready');
  const res = await api.request(path, init);
  const text = await res.text();
  return { status: res.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
}

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe.each(['memory', 'duckdb'] as const)('the preview on the %s store', (kind) => {
  const recipients = async (query = '') => {
    const reply = await call(kind, `/api/campaigns/${DEMO_CAMPAIGN_ID}/recipients${query}`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return recipientsResponse.parse(reply.body);
  };
  const preview = async (customerId: string, campaignId = DEMO_CAMPAIGN_ID) => {
    const reply = await call(kind, `/api/campaigns/${campaignId}/preview/${customerId}`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return previewResponse.parse(reply.body);
  };
  /** Every page, `limit` at a time. */
  const everyPage = async (query: string, limit: number) => {
    const all: RecipientSummary[] = [];
    const pages: RecipientsResponse[] = [];
    let cursor: string | null = null;
    do {
      const after: string = cursor === null ? '' : `&cursor=${cursor}`;
      const page = await recipients(`?limit=${limit}${query}${after}`);
      pages.push(page);
      all.push(...page.recipients);
      cursor = page.next_cursor;
    } while (cursor !== null);
    return { all, pages };
  };
  /** The pinned version's members, by the store's selection, and those not held out. */
  const expected = async () => {
    const store = stores[kind];
    const version = await store?.segmentVersion('seg_cinephiles', 1);
    if (!store || !version) throw new Error('the demo campaign targets seg_cinephiles v1');
    const members = (await store.segmentSample(version.definition, 100_000)).map(
      (m) => m.customer_id,
    );
    const kept = members.filter((id) => !inHoldout(DEMO_CAMPAIGN_ID, id, 0.1));
    return { members, kept, held: members.filter((id) => !kept.includes(id)) };
  };

  test('the recipients are the pinned version’s members less the holdout, in id order, page by page', async () => {
    const { members, kept, held } = await expected();
    const first = await recipients();
    expect(first).toMatchObject({
      campaign_id: DEMO_CAMPAIGN_ID,
      version: 3,
      policy: { policy_id: 'default', version: 1 },
      at: DEMO_AS_OF,
      total: members.length - held.length,
      matching: kept.length,
    });
    expect(members.length).toBeGreaterThan(400);
    expect(held.length).toBeGreaterThan(0.07 * members.length);
    expect(first.recipients).toHaveLength(100);
    const { all, pages } = await everyPage('', 200);
    expect(all.map((r) => r.customer_id)).toEqual(kept);
    expect(kept.length).toBeGreaterThan(400);
    expect(pages.map((p) => p.recipients.length)).toEqual([200, 200, kept.length - 400]);
    expect(pages.at(-1)?.next_cursor).toBeNull();
  });

  test('the counts per guardrail are those of the listed recipients', async () => {
    const { total, flagged, by_guardrail } = await recipients('?limit=1');
    const { all } = await everyPage('', 500);
    expect(flagged).toBe(all.filter((r) => r.guardrails.length > 0).length);
    for (const [id, n] of Object.entries(by_guardrail)) {
      expect(n, id).toBe(all.filter((r) => r.guardrails.some((g) => g === id)).length);
    }
    expect(all).toHaveLength(total);
    expect(all.filter((r) => r.blocked).length).toBeGreaterThan(0);
  });

  test('filters: flagged or not, by guardrail, each with its matching count', async () => {
    const { total, flagged, by_guardrail } = await recipients('?limit=1');
    const onlyFlagged = await everyPage('&flagged=true', 400);
    expect(onlyFlagged.all).toHaveLength(flagged);
    expect(onlyFlagged.pages[0]?.matching).toBe(flagged);
    expect(onlyFlagged.all.every((r) => r.guardrails.length > 0)).toBe(true);
    const clean = await recipients('?flagged=false&limit=500');
    expect(clean.matching).toBe(total - flagged);
    expect(clean.recipients.every((r) => r.guardrails.length === 0)).toBe(true);
    const noConsent = await everyPage('&guardrail=no_consent', 500);
    expect(noConsent.all).toHaveLength(by_guardrail.no_consent);
    expect(noConsent.all.every((r) => r.guardrails.includes('no_consent'))).toBe(true);
    expect(by_guardrail.no_consent).toBeGreaterThan(0);
  });

  test('the search finds ids, names and e-mails, whatever the case and accents', async () => {
    const { all } = await everyPage('', 500);
    const accented = all.find((r) => /[éèçï]/.test(r.first_name ?? ''));
    if (!accented?.first_name) throw new Error('the demo has accented first names');
    const q = foldForSearch(accented.first_name).toUpperCase();
    const byName = await everyPage(`&q=${encodeURIComponent(q)}`, 500);
    expect(byName.all.map((r) => r.customer_id)).toContain(accented.customer_id);
    for (const r of byName.all) {
      const text = foldForSearch([r.customer_id, r.first_name, r.last_name, r.email].join(' '));
      expect(text).toContain(foldForSearch(q));
    }
    const byId = await recipients(`?q=${accented.customer_id.toLowerCase()}`);
    expect(byId.recipients.map((r) => r.customer_id)).toEqual([accented.customer_id]);
    const email = accented.email ?? '';
    const byEmail = await recipients(`?q=${encodeURIComponent(email)}`);
    expect(byEmail.recipients.map((r) => r.customer_id)).toContain(accented.customer_id);
    const twoWords = await recipients(
      `?q=${encodeURIComponent(`${accented.last_name ?? ''} ${accented.first_name}`)}`,
    );
    expect(twoWords.recipients.map((r) => r.customer_id)).toContain(accented.customer_id);
    const none = await recipients('?q=zzzzzz&flagged=true');
    expect(none).toMatchObject({ matching: 0, recipients: [], next_cursor: null });
  });

  test('the box set bought in store is flagged already owned, with the order and the loyalty card', async () => {
    const { kept } = await expected();
    const story = manifest.stories.find(
      (s) => s.story === 'promoted_box_set_in_store' && kept.includes(s.customer_id),
    );
    if (story?.story !== 'promoted_box_set_in_store')
      throw new Error('a planted buyer receives it');
    const p = await preview(story.customer_id);
    expect(p).toMatchObject({
      customer_id: story.customer_id,
      membership: 'recipient',
      at: DEMO_AS_OF,
      offer: {
        sku: 'FI-SDA-COFFRET-BR',
        category: 'films',
        list_price_cents: 10_032,
        price_cents: 9_999,
        discount_cents: 33,
      },
    });
    expect(p.render.ok).toBe(true);
    expect(p.trace[0]).toMatchObject({ node_id: 'root', held: true });
    const owned = p.verdicts.find((v) => v.guardrail === 'already_owned');
    expect(owned).toMatchObject({
      severity: 'block',
      params: {
        sku: 'FI-SDA-COFFRET-BR',
        role: 'offer',
        order_id: story.order_id,
        order_channel: 'store',
        loyalty_card: true,
      },
    });
    expect(owned?.evidence).toContainEqual(
      expect.objectContaining({ kind: 'entry', entry_kind: 'order', id: story.order_id }),
    );
    const listed = await recipients(`?q=${story.customer_id}`);
    expect(listed.recipients[0]?.guardrails).toEqual([
      ...new Set(p.verdicts.map((v) => v.guardrail)),
    ]);
  });

  test('a preview is the listed recipient’s: the same guardrails, blocked alike', async () => {
    const page = await recipients('?limit=25&flagged=true');
    for (const r of page.recipients) {
      const p = await preview(r.customer_id);
      expect(p.membership).toBe('recipient');
      expect([...new Set(p.verdicts.map((v) => v.guardrail))], r.customer_id).toEqual(r.guardrails);
      expect(p.verdicts.some((v) => v.severity === 'block')).toBe(r.blocked);
      expect(p.recommendations.length).toBeLessThanOrEqual(3);
      for (const product of p.recommendations) expect(product.reason.code).toBeTruthy();
    }
  });

  test('a member held out and a customer outside the segment are previewed and say so', async () => {
    const { held, members } = await expected();
    const heldOut = held[0];
    if (heldOut === undefined) throw new Error('the holdout holds someone');
    expect(await preview(heldOut)).toMatchObject({ membership: 'holdout' });
    const outsider = dataset.customers.find((c) => !members.includes(c.customer_id));
    if (!outsider) throw new Error('some customers bought no film');
    const p = await preview(outsider.customer_id);
    expect(p.membership).toBe('not_member');
    expect(p.trace.map((s) => [s.node_id, s.held])).toEqual([
      ['root', false],
      ['films_12_mois', false],
    ]);
    expect(p.render.ok).toBe(true);
  });

  test('a new version of the campaign is checked anew, at its send time', async () => {
    const before = await call(kind, `/api/campaigns/${DEMO_CAMPAIGN_ID}`);
    const campaign = savedCampaign.parse(before.body);
    const { campaign_id, version, author, created_at, updated_at, ...body } = campaign;
    void author;
    void created_at;
    void updated_at;
    const created = await call(
      kind,
      '/api/campaigns',
      json({ ...body, name: 'Copie', send_at: '2026-12-01T09:30' }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const copy = savedCampaign.parse(created.body);
    expect(copy.campaign_id).not.toBe(campaign_id);
    const reply = await call(kind, `/api/campaigns/${copy.campaign_id}/recipients?limit=1`);
    const list = recipientsResponse.parse(reply.body);
    expect(list).toMatchObject({ version: 1, at: '2026-12-01T08:30:00.000Z' });
    // Another campaign id draws another holdout from the same members: other recipients (their
    // numbers may still match by chance, one draw in thirty; the first 200 of them do not).
    const ids = (r: { recipients: { customer_id: string }[] }) =>
      r.recipients.map((x) => x.customer_id);
    const copyPage = recipientsResponse.parse(
      (await call(kind, `/api/campaigns/${copy.campaign_id}/recipients?limit=200`)).body,
    );
    expect(ids(copyPage)).not.toEqual(ids(await recipients('?limit=200')));
    expect(version).toBe(3);
    const edited = await call(kind, `/api/campaigns/${copy.campaign_id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'if-match': '"1"' },
      body: JSON.stringify({ ...body, name: 'Copie', holdout_share: 0 }),
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const again = recipientsResponse.parse(
      (await call(kind, `/api/campaigns/${copy.campaign_id}/recipients?limit=1`)).body,
    );
    expect(again).toMatchObject({ version: 2, at: DEMO_AS_OF });
    expect(again.total).toBe((await expected()).members.length);
  });

  describe('errors', () => {
    const errorOf = async (path: string) => {
      const reply = await call(kind, path);
      return { status: reply.status, error: apiError.parse(reply.body).error };
    };

    test('an unknown campaign or customer is a 404', async () => {
      expect(await errorOf('/api/campaigns/cmp_gone/recipients')).toMatchObject({
        status: 404,
        error: { reason: 'campaign_not_found', params: { campaign_id: 'cmp_gone' } },
      });
      expect(await errorOf('/api/campaigns/cmp_gone/preview/C0000001')).toMatchObject({
        status: 404,
        error: { reason: 'campaign_not_found' },
      });
      expect(await errorOf(`/api/campaigns/${DEMO_CAMPAIGN_ID}/preview/C9999999`)).toMatchObject({
        status: 404,
        error: { reason: 'customer_not_found', params: { customer_id: 'C9999999' } },
      });
    });

    test.each([
      ['?limit=0', 'limit', 'too_small'],
      ['?limit=501', 'limit', 'too_big'],
      ['?limit=ten', 'limit', 'invalid_format'],
      ['?guardrail=rude', 'guardrail', 'invalid_value'],
      ['?flagged=yes', 'flagged', 'invalid_value'],
      ['?cursor=C%20001', 'cursor', 'invalid_format'],
      [`?q=${'x'.repeat(201)}`, 'q', 'too_big'],
      ['?colour=red', '', 'unrecognized_keys'],
    ])('a bad query (%s) is a 400 naming %s', async (query, field, code) => {
      const { status, error } = await errorOf(
        `/api/campaigns/${DEMO_CAMPAIGN_ID}/recipients${query}`,
      );
      expect(status).toBe(400);
      expect(error).toMatchObject({ reason: 'invalid_query', params: { field } });
      expect(error.issues?.[0]).toMatchObject({ code, path: ['query', ...(field ? [field] : [])] });
    });

    test('a customer id that cannot be one is a 400', async () => {
      const { status, error } = await errorOf(`/api/campaigns/${DEMO_CAMPAIGN_ID}/preview/a%20b`);
      expect(status).toBe(400);
      expect(error).toMatchObject({ reason: 'invalid_params', params: { field: 'customerId' } });
    });

    test('a campaign without a segment has no recipients, but a customer can be previewed', async () => {
      const created = await call(
        kind,
        '/api/campaigns',
        json({
          name: 'Sans cible',
          channel: 'sms',
          template: { text: 'Bonjour {{ customer.first_name }} STOP au 36111' },
        }),
      );
      const { campaign_id } = savedCampaign.parse(created.body);
      expect(await errorOf(`/api/campaigns/${campaign_id}/recipients`)).toMatchObject({
        status: 409,
        error: { reason: 'campaign_without_segment', params: { campaign_id, name: 'Sans cible' } },
      });
      const p = await preview('C0000001', campaign_id);
      expect(p).toMatchObject({
        membership: 'not_member',
        trace: [],
        offer: null,
        recommendations: [],
      });
    });

    test('a pinned version naming a deleted segment has no recipients', async () => {
      const lyon = {
        id: 'lyon',
        kind: 'attribute',
        field: 'customer.city',
        test: { operator: 'equals', value: 'Lyon' },
      };
      const definition = (child: object) => ({
        version: 1,
        root: { id: 'root', kind: 'group', combinator: 'and', children: [child] },
      });
      const inner = savedSegment.parse(
        (
          await call(
            kind,
            '/api/segments',
            json({ name: 'Lyonnais', definition: definition(lyon) }),
          )
        ).body,
      );
      const outer = savedSegment.parse(
        (
          await call(
            kind,
            '/api/segments',
            json({
              name: 'Lyonnais aussi',
              definition: definition({ id: 'm', kind: 'segment', segment_id: inner.segment_id }),
            }),
          )
        ).body,
      );
      const repinned = await call(kind, `/api/segments/${outer.segment_id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'if-match': '"1"' },
        body: JSON.stringify({ name: 'Lyonnais aussi', definition: definition(lyon) }),
      });
      expect(repinned.status).toBe(200);
      const created = await call(
        kind,
        '/api/campaigns',
        json({
          name: 'Épinglée',
          channel: 'sms',
          segment: { segment_id: outer.segment_id, version: 1 },
        }),
      );
      const { campaign_id } = savedCampaign.parse(created.body);
      const deleted = await call(kind, `/api/segments/${inner.segment_id}`, {
        method: 'DELETE',
        headers: { 'if-match': '"1"' },
      });
      expect(deleted.status).toBe(204);
      expect(await errorOf(`/api/campaigns/${campaign_id}/recipients`)).toMatchObject({
        status: 409,
        error: {
          reason: 'campaign_segment_unavailable',
          params: { campaign_id, segment_id: outer.segment_id, version: 1, cause: 'invalid' },
        },
      });
    });
  });
});

test('concurrent requests share one check of every recipient; a refit of the scores checks anew', async () => {
  const store = new MemoryStore(dataset, DEMO_AS_OF);
  let renders = 0;
  const api = createApi(store, {
    access: TEST_ACCESS,
    logErrors: false,
    templates: async (request) => {
      renders += 1;
      return renderInThisThread(request);
    },
  });
  const total = async (query: string) => {
    const res = await api.request(`/api/campaigns/${DEMO_CAMPAIGN_ID}/recipients${query}`);
    return recipientsResponse.parse(await res.json()).total;
  };
  const [a, b, c] = await Promise.all([total(''), total('?flagged=true'), total('?q=martin')]);
  expect(b).toBe(a);
  expect(c).toBe(a);
  expect(renders).toBe(a);
  await total('?limit=7');
  expect(renders).toBe(a);
  await store.refitScores(() => undefined);
  expect(await total('')).toBe(a);
  expect(renders).toBe(2 * a);
}, 60_000);
