// The contact-pressure forecast endpoints on the fixture: a segment's forecast for a definition
// being built, a campaign's for its recipients, and every bad request answered with its reason.
import { expect, test } from 'vitest';
import { apiError, forecastResponse } from '../src/api/contract.ts';
import { attr, definition } from '../src/domain/segment/segment.fixture.ts';
import { createApi } from './app.ts';
import { FIXTURE_AS_OF, fixtureDataset } from './fixture.ts';
import { MemoryStore } from './stores/memory.ts';
import { TEST_ACCESS } from './auth/test-access.ts';

const api = createApi(new MemoryStore(fixtureDataset(), FIXTURE_AS_OF), {
  access: TEST_ACCESS,
  logErrors: false,
});

/** Customers in France: nearly all of the fixture. */
const everyone = definition(attr('customer.country', { operator: 'equals', value: 'FR' }));

async function post(path: string, body: unknown) {
  const res = await api.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

async function forecast(body: Record<string, unknown>) {
  const reply = await post('/api/segments/forecast', { definition: everyone, ...body });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return forecastResponse.parse(reply.body);
}

test('a segment’s forecast counts every member once, and each action’s rules', async () => {
  const count = await post('/api/segments/count', { definition: everyone });
  const email = await forecast({ channel: 'email' });
  expect(email.members).toBe((count.body as { count: number }).count);
  expect(email.channel).toBe('email');
  expect(email.at).toBe(FIXTURE_AS_OF);
  expect(email.policy.version).toBeGreaterThanOrEqual(1);
  for (const action of ['cap', 'delay', 'skip'] as const) {
    const rules = email.rules.filter((r) => r.action === action);
    // A member met by two rules of an action is counted once for the action.
    expect(email[action]).toBeLessThanOrEqual(rules.reduce((n, r) => n + r.members, 0));
    for (const rule of rules) expect(email[action]).toBeGreaterThanOrEqual(rule.members);
  }
  expect(email.affected).toBeLessThanOrEqual(email.cap + email.delay + email.skip);
  expect(email.delay).toBe(0);
});

test('an SMS late on a Sunday evening is delayed for everyone it would reach', async () => {
  const late = await forecast({ channel: 'sms', send_at: '2026-11-22T22:30' });
  expect(late.at).toBe('2026-11-22T21:30:00.000Z');
  expect(late.delay).toBe(late.members);
  expect(late.rules.filter((r) => r.action === 'delay').map((r) => r.rule)).toEqual(
    expect.arrayContaining(['after_end', 'sunday']),
  );
  const noon = await forecast({ channel: 'sms', send_at: '2026-11-24T12:00' });
  expect(noon.delay).toBe(0);
});

test('a bad time zone, a time the clocks skip and an invalid definition are refused', async () => {
  const zone = await post('/api/segments/forecast', {
    definition: everyone,
    time_zone: 'Mars/Olympus',
  });
  expect(zone.status).toBe(400);
  expect(apiError.parse(zone.body).error.issues?.[0]?.path).toEqual(['body', 'time_zone']);
  const skipped = await post('/api/segments/forecast', {
    definition: everyone,
    send_at: '2026-03-29T02:30',
  });
  expect(skipped.status).toBe(400);
  expect(apiError.parse(skipped.body).error.issues?.[0]?.path).toEqual(['body', 'send_at']);
  const invalid = await post('/api/segments/forecast', {
    definition: { version: 1, root: { id: 'x', kind: 'nope' } },
  });
  expect(invalid.status).toBe(422);
});

test('a campaign’s forecast is its recipients’; one without a segment or unknown is refused', async () => {
  const created = await post('/api/campaigns', {
    name: 'Sans segment',
    channel: 'email',
  });
  expect(created.status).toBe(201);
  const id = (created.body as { campaign_id: string }).campaign_id;
  const without = await api.request(`/api/campaigns/${id}/forecast`);
  expect(without.status).toBe(409);
  expect(apiError.parse(await without.json()).error.reason).toBe('campaign_without_segment');
  const unknown = await api.request('/api/campaigns/cmp_nope/forecast');
  expect(unknown.status).toBe(404);
});
