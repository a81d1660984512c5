import { expect, test } from 'vitest';
import {
  campaignBody,
  campaignShapes,
  checkedKey,
  excludedIds,
  newCampaign,
  withChannel,
} from './campaign.ts';
import { readyEmail } from './campaign.fixture.ts';
import { z } from 'zod';

test('a new draft has the defaults: Paris time, a 10 % holdout, an empty template', () => {
  expect(newCampaign('Soldes', 'sms')).toEqual({
    name: 'Soldes',
    channel: 'sms',
    status: 'draft',
    segment: null,
    holdout_share: 0.1,
    send_at: null,
    time_zone: 'Europe/Paris',
    template: { text: '' },
    offer: null,
    recommendation: null,
    exclusions: [],
    readiness: null,
    alternates: { email: null, sms: null, push: null },
    rollout: { strategy: 'loyal_first', min_propensity_percentile: 80 },
  });
});

test('each channel has its own template parts, and no other channel’s', () => {
  expect(
    campaignBody.safeParse({ name: 'x', channel: 'push', template: { title: 'a', body: 'b' } })
      .success,
  ).toBe(true);
  const wrong = campaignBody.safeParse({ name: 'x', channel: 'sms', template: { subject: 'a' } });
  expect(wrong.error?.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
    ['unrecognized_keys', 'template'],
  ]);
});

test.each([
  ['holdout above half', { holdout_share: 0.6 }, 'holdout_share', 'too_big'],
  ['negative holdout', { holdout_share: -0.1 }, 'holdout_share', 'too_small'],
  [
    'seven recommendations',
    { recommendation: { strategy: 'complements', count: 7 } },
    'recommendation.count',
    'too_big',
  ],
  [
    'no recommendation',
    { recommendation: { strategy: 'offer', count: 0 } },
    'recommendation.count',
    'too_small',
  ],
  [
    'unknown strategy',
    { recommendation: { strategy: 'random', count: 3 } },
    'recommendation.strategy',
    'invalid_value',
  ],
  ['a send time with a zone', { send_at: '2026-12-01T09:30Z' }, 'send_at', 'invalid_format'],
  ['a send time with seconds', { send_at: '2026-12-01T09:30:00' }, 'send_at', 'invalid_format'],
  ['30 February', { send_at: '2026-02-30T09:30' }, 'send_at', 'invalid_format'],
  ['an unknown channel', { channel: 'fax' }, 'channel', 'invalid_union'],
  ['a blank name', { name: '   ' }, 'name', 'too_small'],
  [
    'an offer of 100 %',
    {
      offer: {
        target: { kind: 'category', category: 'films' },
        price: { kind: 'percent', percent: 100 },
      },
    },
    'offer.price.percent',
    'too_big',
  ],
  [
    'an offer on an unknown category',
    {
      offer: {
        target: { kind: 'category', category: 'toys' },
        price: { kind: 'percent', percent: 10 },
      },
    },
    'offer.target.category',
    'invalid_value',
  ],
  [
    'a price in fractions of a cent',
    { offer: { target: { kind: 'product', sku: 'X' }, price: { kind: 'price', cents: 99.5 } } },
    'offer.price.cents',
    'invalid_type',
  ],
  [
    'a segment without a version',
    { segment: { segment_id: 'seg_x' } },
    'segment.version',
    'invalid_type',
  ],
])('refuses %s', (_, overrides, path, code) => {
  const parsed = campaignBody.safeParse({ ...readyEmail(), ...overrides });
  expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.code])).toContainEqual([path, code]);
});

test('an offer may leave its dates open in a draft', () => {
  const body = campaignBody.parse({
    name: 'x',
    channel: 'email',
    offer: {
      target: { kind: 'product', sku: 'FI-0001' },
      price: { kind: 'amount_off', cents: 500 },
    },
  });
  expect(body.offer).toEqual({
    target: { kind: 'product', sku: 'FI-0001' },
    price: { kind: 'amount_off', cents: 500 },
    valid_from: null,
    valid_to: null,
    title: '',
  });
});

test('a request shape may narrow the status and add fields, on every channel', () => {
  const request = campaignShapes({ status: z.enum(['draft', 'ready']), note: z.string() });
  expect(request.safeParse({ name: 'x', channel: 'push', status: 'sent', note: '' }).success).toBe(
    false,
  );
  expect(request.parse({ name: 'x', channel: 'push', status: 'ready', note: 'hi' })).toMatchObject({
    channel: 'push',
    status: 'ready',
    note: 'hi',
  });
});

test('another channel keeps the heading and the text of the template, and everything else', () => {
  const email = readyEmail();
  const push = withChannel(email, 'push');
  expect(push).toEqual({
    ...email,
    channel: 'push',
    template: { title: email.template.subject, body: '<p>Bonjour {{ customer.first_name }},</p>' },
  });
  expect(withChannel(push, 'sms').template).toEqual({
    text: `${email.template.subject}\n<p>Bonjour {{ customer.first_name }},</p>`,
  });
  expect(withChannel(push, 'web_banner').template).toEqual({
    headline: email.template.subject,
    text: '<p>Bonjour {{ customer.first_name }},</p>',
    link: '',
  });
  expect(withChannel(email, 'email')).toBe(email);
});

test('what is checked leaves out the status, the readiness, the exclusions and the rollout', () => {
  const body = readyEmail();
  const decided = readyEmail({
    status: 'draft',
    rollout: { strategy: 'all_at_once', min_propensity_percentile: 90 },
    exclusions: [{ guardrail: 'already_owned', audit_id: 'aud_1', customer_ids: ['C1'] }],
    readiness: { audit_id: 'aud_1', by: 'Lise', at: '2026-11-16T10:00:00.000Z', override: null },
  });
  expect(checkedKey(decided)).toBe(checkedKey(body));
  expect(checkedKey(readyEmail({ name: 'Autre' }))).not.toBe(checkedKey(body));
  // The same content in another key order is the same content.
  const { name, ...rest } = body;
  expect(checkedKey({ ...rest, name })).toBe(checkedKey(body));
  // A nested exclusions/status key is content all the same.
  expect(checkedKey(readyEmail({ template: { subject: 'status', html: '' } }))).not.toBe(
    checkedKey(body),
  );
  expect(excludedIds(decided)).toEqual(new Set(['C1']));
});
