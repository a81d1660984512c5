// A viewer gets every answer with personal data masked: the same answers an editor gets, passed
// through the domain's maskJson, with not one customer's name, address or phone number left in
// them — JSON, CSV exports and rendered messages alike (a 300-customer demo, memory store).
import { beforeAll, describe, expect, test } from 'vitest';
import type { Hono } from 'hono';
import { DEMO_SEED } from '../../mocks/demo.ts';
import { DEMO_AS_OF, generateDataset } from '../../mocks/seed/index.ts';
import { DEMO_CAMPAIGN_ID } from '../../mocks/seed/marketing.ts';
import { maskJson, maskName } from '../../src/domain/profile/mask.ts';
import type { Dataset } from '../../src/domain/profile/schema.ts';
import { createApi } from '../app.ts';
import { MemoryStore } from '../stores/memory.ts';
import { fixedAccess } from './access.ts';

let dataset: Dataset;
let viewer: Hono;
let editor: Hono;
/** Every customer's e-mail, phone and identity value as the rows hold them. */
let contacts: string[];
/** Every customer's first and last name (3 characters or more). */
let names: string[];
let someone: string;
let segmentId: string;

beforeAll(() => {
  dataset = generateDataset({ seed: DEMO_SEED, customers: 300, asOf: DEMO_AS_OF }).dataset;
  const store = new MemoryStore(dataset, DEMO_AS_OF);
  viewer = createApi(store, { access: fixedAccess('viewer', 'Victor'), logErrors: false });
  editor = createApi(store, { access: fixedAccess('editor', 'Eve'), logErrors: false });
  const kept = (v: string | null): v is string => v !== null && v.trim().length >= 3;
  contacts = [
    ...dataset.customers.flatMap((c) => [c.email, c.phone]),
    ...dataset.identities.map((i) => i.value),
  ].filter(kept);
  names = dataset.customers.flatMap((c) => [c.first_name, c.last_name]).filter(kept);
  const withAll = dataset.customers.find(
    (c) => c.first_name !== null && c.email !== null && c.phone !== null,
  );
  someone = withAll?.customer_id ?? '';
  segmentId = dataset.segments[0]?.segment_id ?? '';
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The personal values of the rows that appear in `text` (JSON or CSV): an address, a phone or an
 * identifier anywhere; a name as a whole value (a JSON string or a CSV cell: a name is also a word
 * of product titles by an author of that name, or of a city's, "Saint-Denis"). A rendered
 * message is checked for its recipient's name by the tests below.
 */
function leaked(text: string): string[] {
  const found = contacts.filter((value) => text.includes(value));
  for (const name of names) {
    const whole = new RegExp(`(^|[",])${escape(name)}([",]|$)`, 'mu');
    if (whole.test(text)) found.push(name);
  }
  return found;
}

/** A search answer without the query it echoes (the viewer's own words). */
const withoutQuery = (text: string) => {
  const body: unknown = JSON.parse(text);
  return typeof body === 'object' && body !== null && 'hits' in body
    ? JSON.stringify(body.hits)
    : text;
};

async function both(method: string, path: string, body?: unknown) {
  const init = {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  };
  const [v, e] = await Promise.all([viewer.request(path, init), editor.request(path, init)]);
  expect(v.status, path).toBe(e.status);
  expect(v.status, path).toBeLessThan(300);
  return { viewer: await v.text(), editor: await e.text(), type: v.headers.get('content-type') };
}

describe.each([
  ['a search by name', (): string => `/api/customers?q=${encodeURIComponent(firstName())}`, true],
  ['a Customer 360', (): string => `/api/customers/${someone}`, true],
  // Orders, events and messages: no personal data to mask, and none added.
  ['a timeline', (): string => `/api/customers/${someone}/timeline`, false],
  ['a segment’s members', (): string => `/api/segments/${segmentId}/members?limit=100`, true],
  [
    'the campaign’s recipients',
    (): string => `/api/campaigns/${DEMO_CAMPAIGN_ID}/recipients`,
    true,
  ],
  [
    'the quality lists',
    (): string => '/api/dashboards/quality/customers?list=email_invalid&from=2020-01&to=2026-11',
    true,
  ],
] as const)('%s', (_what, path, personal) => {
  test('is the editor’s answer masked, with no name, address or phone left', async () => {
    const answers = await both('GET', path());
    expect(answers.type).toMatch(/^application\/json/);
    expect(JSON.parse(answers.viewer)).toEqual(maskJson(JSON.parse(answers.editor)));
    if (personal) expect(leaked(withoutQuery(answers.editor)).length).toBeGreaterThan(0);
    expect(leaked(withoutQuery(answers.viewer))).toEqual([]);
  });
});

function firstName(): string {
  return dataset.customers.find((c) => c.customer_id === someone)?.first_name ?? '';
}

test('a Customer 360 withholds the date of birth from a viewer', async () => {
  const born = dataset.customers.find((c) => c.birth_date !== null);
  if (born === undefined || born.birth_date === null) throw new Error('no date of birth');
  const answers = await both('GET', `/api/customers/${born.customer_id}`);
  expect(answers.editor).toContain(`"birth_date":"${born.birth_date}"`);
  expect(answers.viewer).toContain('"birth_date":null');
  expect(answers.viewer).not.toContain(born.birth_date);
});

test('a segment’s count sample is masked', async () => {
  const segment = dataset.segments[0];
  const answers = await both('POST', '/api/segments/count', {
    definition: segment?.definition,
  });
  expect(JSON.parse(answers.viewer)).toEqual(maskJson(JSON.parse(answers.editor)));
  expect(leaked(answers.viewer)).toEqual([]);
});

describe.each([
  ['a segment’s CSV', (): string => `/api/segments/${segmentId}/members.csv`],
  ['the recipients’ CSV', (): string => `/api/campaigns/${DEMO_CAMPAIGN_ID}/recipients.csv`],
] as const)('%s', (_what, path) => {
  test('has the same rows, each one’s names and address masked', async () => {
    const answers = await both('GET', path());
    const rows = (text: string) => text.trim().split('\n');
    expect(rows(answers.viewer)).toHaveLength(rows(answers.editor).length);
    expect(rows(answers.viewer)[0]).toBe(rows(answers.editor)[0]);
    expect(leaked(answers.editor).length).toBeGreaterThan(0);
    expect(leaked(answers.viewer)).toEqual([]);
    // Customer ids are kept: the list can still be matched with another.
    const ids = (text: string) => rows(text).map((line) => line.split(',')[0]);
    expect(ids(answers.viewer)).toEqual(ids(answers.editor));
  });
});

test('a previewed message is rendered from the masked profile; its verdicts are the real ones', async () => {
  const recipients = JSON.parse(
    (await both('GET', `/api/campaigns/${DEMO_CAMPAIGN_ID}/recipients?limit=20`)).editor,
  ) as { recipients: { customer_id: string; first_name: string | null }[] };
  const named = recipients.recipients.find((r) => (r.first_name ?? '').length >= 3);
  if (named === undefined) throw new Error('no recipient with a first name');
  const answers = await both(
    'GET',
    `/api/campaigns/${DEMO_CAMPAIGN_ID}/preview/${named.customer_id}`,
  );
  const seen = JSON.parse(answers.viewer) as { verdicts: unknown; render: unknown };
  const real = JSON.parse(answers.editor) as { verdicts: unknown; render: unknown };
  // The same verdicts, their evidence masked like the rest (a loyalty card shown as its end).
  expect(seen.verdicts).toEqual(maskJson(real.verdicts));
  const name = named.first_name ?? '';
  expect(JSON.stringify(real.render)).toContain(name);
  expect(JSON.stringify(seen.render)).not.toContain(name);
  expect(JSON.stringify(seen.render)).toContain(maskName(name));
  expect(leaked(answers.viewer)).toEqual([]);
});

test('a template rendered for a viewer reads the masked first name', async () => {
  const answers = await both('POST', '/api/templates/render', {
    channel: 'sms',
    customer_id: someone,
    template: { text: 'Bonjour {{ customer.first_name }}, {{ customer.email }}' },
  });
  expect(answers.editor).toContain(firstName());
  expect(answers.viewer).not.toContain(firstName());
  expect(leaked(answers.viewer)).toEqual([]);
});
