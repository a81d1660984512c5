import { expect, test } from 'vitest';
import { withChannel } from './campaign.ts';
import { readyEmail } from './campaign.fixture.ts';
import { campaignChange, diffCampaigns } from './diff.ts';

test('a version compared with itself changed nothing', () => {
  expect(diffCampaigns(readyEmail(), readyEmail())).toEqual([]);
});

test('key order does not count as a change', () => {
  const before = readyEmail();
  const after = readyEmail({ offer: { ...before.offer, price: { cents: 9_999, kind: 'price' } } });
  expect(diffCampaigns(before, after)).toEqual([]);
});

test('names each changed field with its values, in the editor’s order', () => {
  const before = readyEmail();
  const after = readyEmail({
    name: 'Coffret — Noël (relance)',
    status: 'draft',
    holdout_share: 0.05,
    send_at: '2026-12-02T10:00',
    template: { ...before.template, subject: 'Encore quelques jours !' },
    recommendation: { strategy: 'bought_together', count: 3 },
  });
  expect(diffCampaigns(before, after)).toEqual([
    { field: 'name', change: 'changed', before: before.name, after: 'Coffret — Noël (relance)' },
    { field: 'status', change: 'changed', before: 'ready', after: 'draft' },
    { field: 'holdout_share', change: 'changed', before: 0.1, after: 0.05 },
    { field: 'send_at', change: 'changed', before: '2026-12-01T09:30', after: '2026-12-02T10:00' },
    {
      field: 'template.subject',
      change: 'changed',
      before: before.template.subject,
      after: 'Encore quelques jours !',
    },
    {
      field: 'recommendation.strategy',
      change: 'changed',
      before: 'complements',
      after: 'bought_together',
    },
  ]);
});

test('the same segment at another version is a version change; another segment is a segment change', () => {
  const before = readyEmail();
  expect(
    diffCampaigns(before, readyEmail({ segment: { segment_id: 'seg_cinephiles', version: 3 } })),
  ).toEqual([{ field: 'segment_version', change: 'changed', before: 2, after: 3 }]);
  expect(
    diffCampaigns(before, readyEmail({ segment: { segment_id: 'seg_fideles_or', version: 1 } })),
  ).toEqual([
    {
      field: 'segment',
      change: 'changed',
      before: { segment_id: 'seg_cinephiles', version: 2 },
      after: { segment_id: 'seg_fideles_or', version: 1 },
    },
  ]);
  expect(diffCampaigns(before, readyEmail({ segment: null }))).toEqual([
    { field: 'segment', change: 'cleared', before: before.segment, after: null },
  ]);
});

test('an offer added or removed is one change; a kept offer’s changes are by part', () => {
  const withOffer = readyEmail();
  const without = readyEmail({ offer: null });
  expect(diffCampaigns(without, withOffer)).toEqual([
    { field: 'offer', change: 'set', before: null, after: withOffer.offer },
  ]);
  expect(diffCampaigns(withOffer, without)).toEqual([
    { field: 'offer', change: 'cleared', before: withOffer.offer, after: null },
  ]);
  const cheaper = readyEmail({
    offer: {
      target: { kind: 'category', category: 'films' },
      price: { kind: 'percent', percent: 20 },
      valid_from: '2026-11-16',
      valid_to: '2026-12-24',
      title: '−20 % sur les films',
    },
  });
  expect(diffCampaigns(withOffer, cheaper).map((c) => [c.field, c.change])).toEqual([
    ['offer.target', 'changed'],
    ['offer.price', 'changed'],
    ['offer.valid_to', 'changed'],
    ['offer.title', 'changed'],
  ]);
});

test('a recommendation slot added, resized, removed', () => {
  const none = readyEmail({ recommendation: null });
  const three = readyEmail();
  const five = readyEmail({ recommendation: { strategy: 'complements', count: 5 } });
  expect(diffCampaigns(none, three).map((c) => [c.field, c.change])).toEqual([
    ['recommendation', 'set'],
  ]);
  expect(diffCampaigns(three, five)).toEqual([
    { field: 'recommendation.count', change: 'changed', before: 3, after: 5 },
  ]);
  expect(diffCampaigns(five, none).map((c) => [c.field, c.change])).toEqual([
    ['recommendation', 'cleared'],
  ]);
});

test('another channel: the old template parts are cleared and the new ones set', () => {
  const email = readyEmail();
  const push = withChannel(email, 'push');
  expect(diffCampaigns(email, push).map((c) => [c.field, c.change])).toEqual([
    ['channel', 'changed'],
    ['template.subject', 'cleared'],
    ['template.preheader', 'cleared'],
    ['template.html', 'cleared'],
    ['template.title', 'set'],
    ['template.body', 'set'],
  ]);
});

test('every change fits the contract’s schema', () => {
  const before = readyEmail();
  const after = withChannel(
    readyEmail({ segment: null, offer: null, name: 'x', time_zone: 'UTC' }),
    'sms',
  );
  const changes = diffCampaigns(before, after);
  expect(changes.length).toBeGreaterThan(5);
  for (const change of changes) expect(campaignChange.parse(change)).toEqual(change);
});

test('the rollout: its strategy and its percentile, each its own change', () => {
  const before = readyEmail();
  const after = readyEmail({ rollout: { strategy: 'all_at_once', min_propensity_percentile: 90 } });
  expect(diffCampaigns(before, after)).toEqual([
    { field: 'rollout.strategy', change: 'changed', before: 'loyal_first', after: 'all_at_once' },
    { field: 'rollout.min_propensity_percentile', change: 'changed', before: 80, after: 90 },
  ]);
  for (const change of diffCampaigns(before, after)) {
    expect(campaignChange.safeParse(change).success).toBe(true);
  }
});
