// Over every recipient of the demo campaign (the Lord of the Rings box set at 99,99 € by e-mail to
// the film buyers of the last 12 months, 2,000-customer demo): each guardrail's flagged set, as the
// recipients API answers it, equals the set computed here from the generated rows and the
// manifest — by hand, not through the guardrail code. The message's own inputs (the products it
// recommends, the instant it leaves) are read from the API: what is checked is the verdict on them.
import type { Hono } from 'hono';
import { beforeAll, describe, expect, test } from 'vitest';
import { TEST_DEMO_CUSTOMERS, DEMO_SEED } from '../mocks/demo.ts';
import { DEMO_AS_OF, PROMOTED_SKU, generateDataset, type Manifest } from '../mocks/seed/index.ts';
import { DEMO_CAMPAIGN_ID, PROMOTED_OFFER_ID } from '../mocks/seed/marketing.ts';
import {
  previewResponse,
  recipientsResponse,
  type PreviewResponse,
  type RecipientSummary,
} from '../src/api/contract.ts';
import { guardrailIds, type GuardrailId } from '../src/domain/guardrails/verdict.ts';
import type { Dataset, Product } from '../src/domain/profile/schema.ts';
import { createApi } from './app.ts';
import { MemoryStore } from './stores/memory.ts';
import { TEST_ACCESS } from './auth/test-access.ts';

const DAY = 86_400_000;
const YEAR = 365 * DAY;

let dataset: Dataset;
let manifest: Manifest;
let api: Hono;
let recipients: RecipientSummary[];
let previews: Map<string, PreviewResponse>;
let at: string;

async function json(path: string): Promise<unknown> {
  const response = await api.request(path);
  if (response.status !== 200)
    throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

beforeAll(async () => {
  ({ dataset, manifest } = generateDataset({
    seed: DEMO_SEED,
    customers: TEST_DEMO_CUSTOMERS,
    asOf: DEMO_AS_OF,
  }));
  api = createApi(new MemoryStore(dataset, DEMO_AS_OF), { access: TEST_ACCESS, logErrors: false });
  recipients = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor === null ? '' : `&cursor=${cursor}`;
    const page = recipientsResponse.parse(
      await json(`/api/campaigns/${DEMO_CAMPAIGN_ID}/recipients?limit=500${query}`),
    );
    at = page.at;
    recipients.push(...page.recipients);
    cursor = page.next_cursor;
  } while (cursor !== null);
  previews = new Map();
  for (const r of recipients) {
    previews.set(
      r.customer_id,
      previewResponse.parse(
        await json(`/api/campaigns/${DEMO_CAMPAIGN_ID}/preview/${r.customer_id}`),
      ),
    );
  }
}, 600_000);

// ------------------------------------------------------------------ the rows, read by hand

const products = () => new Map(dataset.products.map((p) => [p.sku, p]));
const byCustomer = <T extends { customer_id: string }>(rows: readonly T[]) => {
  const map = new Map<string, T[]>();
  for (const row of rows) map.set(row.customer_id, [...(map.get(row.customer_id) ?? []), row]);
  return map;
};
const atMs = () => Date.parse(at);

/** Each customer's skus of completed orders placed at or before the send. */
function keptSkus(): Map<string, Set<string>> {
  const orders = new Map(dataset.orders.map((o) => [o.order_id, o]));
  const kept = new Map<string, Set<string>>();
  for (const line of dataset.order_lines) {
    const order = orders.get(line.order_id);
    if (!order || order.status !== 'completed' || Date.parse(order.placed_at) > atMs()) continue;
    const skus = kept.get(order.customer_id) ?? new Set<string>();
    skus.add(line.sku);
    kept.set(order.customer_id, skus);
  }
  return kept;
}

/** The products the message names for a recipient: the offer's and the recommended ones. */
function messageProducts(id: string): Product[] {
  const catalogue = products();
  const recommended = previews.get(id)?.recommendations ?? [];
  return [PROMOTED_SKU, ...recommended.map((r) => r.sku)].flatMap((sku) => {
    const p = catalogue.get(sku);
    return p ? [p] : [];
  });
}

function expectedAlreadyOwned(): Set<string> {
  const catalogue = products();
  const kept = keptSkus();
  const out = new Set<string>();
  for (const { customer_id: id } of recipients) {
    const skus = kept.get(id) ?? new Set<string>();
    const works = new Set([...skus].flatMap((s) => catalogue.get(s)?.work_id ?? []));
    if (
      messageProducts(id).some(
        (p) => skus.has(p.sku) || (p.work_id !== null && works.has(p.work_id)),
      )
    )
      out.add(id);
  }
  return out;
}

function expectedOwnedBase(): Set<string> {
  const catalogue = products();
  const kept = keptSkus();
  const out = new Set<string>();
  for (const { customer_id: id } of recipients) {
    const skus = kept.get(id) ?? new Set<string>();
    const bases = new Set<string>();
    for (const sku of skus) {
      let base = catalogue.get(sku)?.requires ?? null;
      while (base !== null && !bases.has(base)) {
        bases.add(base);
        base = catalogue.get(base)?.requires ?? null;
      }
    }
    if (messageProducts(id).some((p) => bases.has(p.sku) && !skus.has(p.sku))) out.add(id);
  }
  return out;
}

function expectedMeaninglessDiscount(): Set<string> {
  const offer = dataset.offers.find((o) => o.offer_id === PROMOTED_OFFER_ID);
  const list = products().get(PROMOTED_SKU)?.price_cents;
  if (!offer || list === undefined || offer.discount_cents === null)
    throw new Error('No promoted offer.');
  const off = offer.discount_cents;
  // Under 5 % or under 5 € of the list price: every recipient; the demo offer is 0,33 € off.
  const underThreshold = off < 500 || (off / list) * 100 < 5;
  return underThreshold ? new Set(recipients.map((r) => r.customer_id)) : new Set();
}

function expectedAnsweredElsewhere(): Set<string> {
  const catalogue = products();
  const work = catalogue.get(PROMOTED_SKU)?.work_id ?? null;
  const offers = new Map(dataset.offers.map((o) => [o.offer_id, o]));
  const from = atMs() - 30 * DAY;
  const out = new Set<string>();
  for (const r of dataset.offer_responses) {
    const t = Date.parse(r.at);
    if (t <= from || t > atMs() || r.channel === 'email') continue;
    const sku = offers.get(r.offer_id)?.sku ?? null;
    if (sku === null) continue;
    if (sku === PROMOTED_SKU || (work !== null && catalogue.get(sku)?.work_id === work))
      out.add(r.customer_id);
  }
  return intersect(out);
}

function expectedContactPressure(): Set<string> {
  const messages = byCustomer(dataset.messages.filter((m) => m.status !== 'bounced'));
  const frequency = latestPreference('contact_frequency');
  const days: Record<string, number> = { weekly: 7, monthly: 30, quarterly: 91 };
  const out = new Set<string>();
  for (const { customer_id: id } of recipients) {
    const received = (messages.get(id) ?? []).map((m) => ({
      t: Date.parse(m.sent_at),
      email: m.channel === 'email',
    }));
    const within = (n: number, emailOnly: boolean) =>
      received.filter((m) => m.t > atMs() - n * DAY && m.t <= atMs() && (!emailOnly || m.email))
        .length;
    const declared = frequency.get(id);
    const declaredDays = declared === undefined ? undefined : days[declared];
    if (
      within(7, true) + 1 > 2 ||
      within(30, true) + 1 > 4 ||
      within(7, false) + 1 > 3 ||
      within(30, false) + 1 > 8 ||
      (declaredDays !== undefined && within(declaredDays, false) > 0)
    )
      out.add(id);
  }
  return out;
}

/** Each customer's latest statement on a topic, at or before the send. */
function latestPreference(topic: string): Map<string, string> {
  const latest = new Map<string, { value: string; t: number }>();
  for (const p of dataset.preferences) {
    const t = Date.parse(p.stated_at);
    if (p.topic !== topic || t > atMs()) continue;
    const known = latest.get(p.customer_id);
    if (!known || t >= known.t) latest.set(p.customer_id, { value: p.value, t });
  }
  return new Map([...latest].map(([id, { value }]) => [id, value]));
}

function expectedNoConsent(): Set<string> {
  const latest = new Map<string, { status: string; at: string; id: string }>();
  for (const c of dataset.consents) {
    if (c.channel !== 'email' || c.purpose !== 'marketing' || Date.parse(c.at) > atMs()) continue;
    const known = latest.get(c.customer_id);
    if (!known || c.at > known.at || (c.at === known.at && c.consent_id > known.id))
      latest.set(c.customer_id, { status: c.status, at: c.at, id: c.consent_id });
  }
  const invalid = new Set(manifest.faults.invalid_email);
  const customers = new Map(dataset.customers.map((c) => [c.customer_id, c]));
  const out = new Set<string>();
  for (const { customer_id: id } of recipients) {
    const email = customers.get(id)?.email ?? null;
    if (
      latest.get(id)?.status !== 'granted' ||
      email === null ||
      email.trim() === '' ||
      invalid.has(id)
    )
      out.add(id);
  }
  return out;
}

function expectedMissingData(): Set<string> {
  // The demo template greets with {{ customer.first_name }}: a missing, junk (placeholders,
  // digits, capitals only) first name falls back in the subject and goes out bad in the body.
  const xss = manifest.stories.flatMap((s) =>
    s.story === 'xss_first_name' ? [s.customer_id] : [],
  );
  const bad = new Set([
    ...manifest.faults.missing_first_name,
    ...manifest.faults.junk_first_name,
    ...manifest.faults.all_caps_name,
    ...xss,
  ]);
  return intersect(bad);
}

function expectedUnavailable(): Set<string> {
  const out = new Set<string>();
  for (const { customer_id: id } of recipients) {
    if (
      messageProducts(id).some(
        (p) => p.discontinued || p.online_stock === 0 || Date.parse(p.launched_at) > atMs(),
      )
    )
      out.add(id);
  }
  return out;
}

function expectedOfferNotValid(): Set<string> {
  const offer = dataset.offers.find((o) => o.offer_id === PROMOTED_OFFER_ID);
  if (!offer) throw new Error('No promoted offer.');
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(at));
  const valid = offer.valid_from.slice(0, 10) <= day && day <= offer.valid_to.slice(0, 10);
  return valid ? new Set() : new Set(recipients.map((r) => r.customer_id));
}

function expectedPreferenceMismatch(): Set<string> {
  const preferred = latestPreference('preferred_channel');
  const interests = new Map<string, Set<string>>();
  for (const p of dataset.preferences) {
    if (p.topic !== 'interest' || Date.parse(p.stated_at) > atMs()) continue;
    interests.set(p.customer_id, (interests.get(p.customer_id) ?? new Set()).add(p.value));
  }
  const out = new Set<string>();
  for (const { customer_id: id } of recipients) {
    const channel = preferred.get(id);
    const declared = interests.get(id);
    if (
      (channel !== undefined && channel !== 'email') ||
      (declared !== undefined && !declared.has('films'))
    )
      out.add(id);
  }
  return out;
}

function intersect(ids: Iterable<string>): Set<string> {
  const recipientIds = new Set(recipients.map((r) => r.customer_id));
  return new Set([...ids].filter((id) => recipientIds.has(id)));
}

function flagged(guardrail: GuardrailId): Set<string> {
  return new Set(
    recipients.filter((r) => r.guardrails.includes(guardrail)).map((r) => r.customer_id),
  );
}

const expected: Record<GuardrailId, () => Set<string>> = {
  already_owned: expectedAlreadyOwned,
  owned_base_product: expectedOwnedBase,
  meaningless_discount: expectedMeaninglessDiscount,
  answered_elsewhere: expectedAnsweredElsewhere,
  contact_pressure: expectedContactPressure,
  // E-mail keeps no quiet hours by default.
  quiet_hours: () => new Set(),
  no_consent: expectedNoConsent,
  missing_data: expectedMissingData,
  unavailable: expectedUnavailable,
  offer_not_valid: expectedOfferNotValid,
  preference_mismatch: expectedPreferenceMismatch,
};

describe('the demo campaign’s recipients, every guardrail against the rows', () => {
  test('the recipients are film buyers of the last 12 months, less a tenth held out', () => {
    const films = new Set(dataset.products.filter((p) => p.category === 'films').map((p) => p.sku));
    const recent = new Map(
      dataset.orders
        .filter(
          (o) =>
            o.status === 'completed' && Date.parse(o.placed_at) >= Date.parse(DEMO_AS_OF) - YEAR,
        )
        .map((o) => [o.order_id, o.customer_id]),
    );
    const buyers = new Set(
      dataset.order_lines.flatMap((l) => (films.has(l.sku) ? (recent.get(l.order_id) ?? []) : [])),
    );
    for (const r of recipients) expect(buyers.has(r.customer_id)).toBe(true);
    const share = recipients.length / buyers.size;
    expect(share).toBeGreaterThan(0.85);
    expect(share).toBeLessThan(0.95);
  });

  test.each(guardrailIds.map((id) => [id]))(
    '%s flags exactly the recipients the rows say',
    (id) => {
      const want = expected[id]();
      const got = flagged(id);
      const missing = [...want].filter((c) => !got.has(c)).slice(0, 10);
      const extra = [...got].filter((c) => !want.has(c)).slice(0, 10);
      expect({ missing, extra, count: got.size }).toEqual({
        missing: [],
        extra: [],
        count: want.size,
      });
    },
  );

  test('the demo gives most guardrails something to find', () => {
    const sizes = Object.fromEntries(guardrailIds.map((id) => [id, expected[id]().size]));
    for (const id of [
      'already_owned',
      'meaningless_discount',
      'contact_pressure',
      'no_consent',
      'missing_data',
      'preference_mismatch',
    ] as const)
      expect(sizes[id]).toBeGreaterThan(0);
  });

  test('the planted box-set buyers among the recipients are flagged already_owned, with the order as evidence', () => {
    const recipientIds = new Set(recipients.map((r) => r.customer_id));
    const planted = manifest.stories.flatMap((s) =>
      (s.story === 'promoted_box_set_in_store' || s.story === 'promoted_box_set_online') &&
      recipientIds.has(s.customer_id)
        ? [s]
        : [],
    );
    expect(planted.length).toBeGreaterThan(0);
    for (const story of planted) {
      const verdicts = previews.get(story.customer_id)?.verdicts ?? [];
      const owned = verdicts.find((v) => v.guardrail === 'already_owned');
      expect(owned?.evidence).toContainEqual({
        kind: 'entry',
        entry_kind: 'order',
        id: story.order_id,
        at: story.placed_at,
      });
    }
  });

  test('a recipient’s verdicts in the list are those of their preview', () => {
    for (const r of recipients) {
      const preview = previews.get(r.customer_id);
      expect(new Set(r.guardrails)).toEqual(new Set(preview?.verdicts.map((v) => v.guardrail)));
      expect(preview?.membership).toBe('recipient');
    }
  });
});
