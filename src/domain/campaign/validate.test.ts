import { expect, test } from 'vitest';
import { campaignBody, newCampaign } from './campaign.ts';
import { readyEmail } from './campaign.fixture.ts';
import {
  campaignErrors,
  missingForReady,
  segmentPinIssues,
  validateCampaign,
  type CampaignIssue,
} from './validate.ts';

const codes = (issues: readonly CampaignIssue[]) =>
  issues.map((i) => [i.code, i.path.join('.'), i.params]);

test('the demo campaign, complete, is ready with nothing missing', () => {
  expect(validateCampaign(readyEmail())).toEqual([]);
});

test('an empty draft saves: nothing is wrong, only missing', () => {
  const draft = newCampaign('Brouillon');
  expect(validateCampaign(draft)).toEqual([]);
  expect(codes(missingForReady(draft))).toEqual([
    ['segment_required', 'segment', {}],
    ['send_time_required', 'send_at', {}],
    ['template_part_required', 'template.subject', { channel: 'email', part: 'subject' }],
    ['template_part_required', 'template.html', { channel: 'email', part: 'html' }],
  ]);
});

test('marked ready, an incomplete campaign says what it lacks', () => {
  const body = readyEmail({ segment: null, template: { subject: ' ', html: '<p>x</p>' } });
  expect(codes(validateCampaign(body))).toEqual([
    ['segment_required', 'segment', {}],
    ['template_part_required', 'template.subject', { channel: 'email', part: 'subject' }],
  ]);
});

test.each([
  ['email', {}, ['subject', 'html']],
  ['email', { preheader: '', subject: 's', html: 'h' }, []],
  ['sms', {}, ['text']],
  ['push', { title: 'Hello' }, ['body']],
  ['push', {}, ['title', 'body']],
  ['web_banner', { headline: 'h', text: 't' }, ['link']],
  ['web_banner', {}, ['headline', 'text', 'link']],
])('a ready %s campaign with template %j lacks %j', (channel, template, parts) => {
  const body = campaignBody.parse({ ...readyEmail(), channel, template });
  expect(
    missingForReady(body)
      .filter((i) => i.code === 'template_part_required')
      .map((i) => i.params.part),
  ).toEqual(parts);
});

test('an offer needs its dates, and the send day within them, before it is ready', () => {
  const open = readyEmail({
    offer: {
      target: { kind: 'category', category: 'films' },
      price: { kind: 'percent', percent: 10 },
    },
  });
  expect(codes(missingForReady(open))).toEqual([
    ['offer_dates_required', 'offer.valid_from', { part: 'valid_from' }],
    ['offer_dates_required', 'offer.valid_to', { part: 'valid_to' }],
  ]);
  const late = readyEmail({ send_at: '2026-12-31T09:00' });
  expect(codes(missingForReady(late))).toEqual([
    [
      'offer_not_valid_at_send',
      'send_at',
      { send_date: '2026-12-31', valid_from: '2026-11-16', valid_to: '2026-12-30' },
    ],
  ]);
  // Both ends are included.
  expect(missingForReady(readyEmail({ send_at: '2026-12-30T23:59' }))).toEqual([]);
  expect(missingForReady(readyEmail({ send_at: '2026-11-16T00:00' }))).toEqual([]);
});

test('recommending the offer needs an offer', () => {
  const body = readyEmail({ offer: null, recommendation: { strategy: 'offer', count: 1 } });
  expect(codes(missingForReady(body))).toEqual([
    ['recommendation_needs_offer', 'recommendation.strategy', {}],
  ]);
});

test.each([
  [
    'an unknown time zone',
    { time_zone: 'Europe/Lutece' },
    ['time_zone_unknown', 'time_zone', { time_zone: 'Europe/Lutece' }],
  ],
  [
    'a send time the clocks skip',
    { send_at: '2026-03-29T02:30', status: 'draft' },
    ['send_time_skipped', 'send_at', { send_at: '2026-03-29T02:30', time_zone: 'Europe/Paris' }],
  ],
  [
    'an offer that ends before it starts',
    {
      offer: {
        target: { kind: 'product', sku: 'FI-0001' },
        price: { kind: 'price', cents: 9_999 },
        valid_from: '2026-12-30',
        valid_to: '2026-11-16',
      },
    },
    [
      'offer_window_reversed',
      'offer.valid_to',
      { valid_from: '2026-12-30', valid_to: '2026-11-16' },
    ],
  ],
])('a draft is never saved with %s', (_, overrides, expected) => {
  const body = readyEmail({ ...overrides, status: 'draft' });
  expect(codes(campaignErrors(body))).toContainEqual(expected);
  expect(codes(validateCampaign(body))).toContainEqual(expected);
});

test.each([
  ['javascript:alert(1)', 'javascript'],
  ['http://tact.example/noel', 'http'],
  ['data:text/html,<b>x</b>', 'data'],
  ['//tact.example/noel', ''],
  ['https://', 'https'],
  ['https:// tact.example', 'https'],
])('a banner never leads to %s', (link, scheme) => {
  const body = campaignBody.parse({
    name: 'x',
    channel: 'web_banner',
    template: { headline: 'h', text: 't', link },
  });
  expect(codes(campaignErrors(body))).toEqual([['link_not_https', 'template.link', { scheme }]]);
});

test('a banner may lead to an https address, or nowhere yet in a draft', () => {
  for (const link of ['https://tact.example/noel?utm=x#top', 'HTTPS://TACT.EXAMPLE', '']) {
    const body = campaignBody.parse({ name: 'x', channel: 'web_banner', template: { link } });
    expect(campaignErrors(body)).toEqual([]);
  }
});

test('the pinned segment version must be one the segment records', () => {
  const pin = { segment_id: 'seg_cinephiles', version: 2 };
  expect(segmentPinIssues(pin, [2, 3])).toEqual([]);
  expect(segmentPinIssues(null, null)).toEqual([]);
  expect(codes(segmentPinIssues(pin, null))).toEqual([
    ['segment_not_found', 'segment.segment_id', { segment_id: 'seg_cinephiles' }],
  ]);
  expect(codes(segmentPinIssues(pin, [3, 4]))).toEqual([
    [
      'segment_version_not_found',
      'segment.version',
      { segment_id: 'seg_cinephiles', version: 2, newest: 4 },
    ],
  ]);
});
