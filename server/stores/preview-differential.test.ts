// The preview answers the same from both stores: over the 2,000-customer demo, the demo campaign's
// recipients list (every page, the counts per guardrail) and the previews of 300 of its recipients,
// some held out and some outside the segment are identical JSON from the memory store and DuckDB.
// The stores only select members and supply histories; everything else is the domain's, so any
// difference is a store supplying something else.
import type { Hono } from 'hono';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEMO_SEED, TEST_DEMO_CUSTOMERS } from '../../mocks/demo.ts';
import { DEMO_AS_OF, generateDataset } from '../../mocks/seed/index.ts';
import { DEMO_CAMPAIGN_ID } from '../../mocks/seed/marketing.ts';
import { recipientsResponse } from '../../src/api/contract.ts';
import { inHoldout } from '../../src/domain/campaign/holdout.ts';
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
  ({ memory, duckdb, close } = await bothStoresApis(dataset, DEMO_AS_OF));
}, 120_000);
afterAll(() => close());

async function both(path: string): Promise<[unknown, unknown]> {
  const answers = await Promise.all(
    [memory, duckdb].map(async (api) => {
      const res = await api.request(path);
      expect(res.status, path).toBe(200);
      return JSON.parse(await res.text()) as unknown;
    }),
  );
  return [answers[0], answers[1]];
}

test('every page of the recipients list is the same', { timeout: 120_000 }, async () => {
  let cursor: string | null = null;
  let pages = 0;
  do {
    const after: string = cursor === null ? '' : `&cursor=${cursor}`;
    const [m, d] = await both(`/api/campaigns/${DEMO_CAMPAIGN_ID}/recipients?limit=200${after}`);
    expect(d).toEqual(m);
    cursor = recipientsResponse.parse(m).next_cursor;
    pages += 1;
  } while (cursor !== null);
  expect(pages).toBeGreaterThan(2);
});

test(
  '300 previews are the same, recipients, held out and outsiders',
  { timeout: 120_000 },
  async () => {
    const [list] = await both(`/api/campaigns/${DEMO_CAMPAIGN_ID}/recipients?limit=250`);
    const recipients = recipientsResponse.parse(list).recipients.map((r) => r.customer_id);
    const listed = new Set(recipients);
    // Customers not listed among the first ids: held out (if members; the draw says who would be)
    // or outside the segment.
    const last = recipients.at(-1) ?? '';
    const unlisted = dataset.customers
      .map((c) => c.customer_id)
      .filter((id) => id <= last && !listed.has(id));
    const drawn = (held: boolean) =>
      unlisted.filter((id) => inHoldout(DEMO_CAMPAIGN_ID, id, 0.1) === held).slice(0, 25);
    const others = [...drawn(true), ...drawn(false)];
    const memberships = new Map<string, number>();
    for (const id of [...recipients, ...others]) {
      const [m, d] = await both(`/api/campaigns/${DEMO_CAMPAIGN_ID}/preview/${id}`);
      expect(d, id).toEqual(m);
      const membership = (m as { membership: string }).membership;
      memberships.set(membership, (memberships.get(membership) ?? 0) + 1);
    }
    expect(memberships.get('recipient')).toBe(250);
    expect(memberships.get('holdout')).toBeGreaterThan(5);
    expect(memberships.get('not_member')).toBeGreaterThan(5);
  },
);
