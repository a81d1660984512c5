import { describe, expect, test } from 'vitest';
import { BOX_SET, DUNE, GONE, inputOf, OLD, SOON, type InputSpec } from './offer.fixture.ts';
import { offerNotValid, unavailable } from './offer-validity.ts';
import { verdict } from './verdict.ts';

const rulesOf = (spec: InputSpec) =>
  unavailable(inputOf(spec)).map((v) => [v.params.sku, v.params.role, v.params.rule]);

describe('unavailable', () => {
  test('a discontinued, an out-of-stock and a coming product recommended', () => {
    const verdicts = unavailable(inputOf({ recommendations: [DUNE, OLD, GONE, SOON] }));
    expect(verdicts).toEqual([
      {
        guardrail: 'unavailable',
        severity: 'block',
        params: {
          sku: OLD.sku,
          title: OLD.title,
          role: 'recommendation',
          rule: 'discontinued',
          launched_at: null,
        },
        evidence: [{ kind: 'product', sku: OLD.sku, title: OLD.title }],
      },
      {
        guardrail: 'unavailable',
        severity: 'block',
        params: {
          sku: GONE.sku,
          title: GONE.title,
          role: 'recommendation',
          rule: 'out_of_stock_online',
          launched_at: null,
        },
        evidence: [{ kind: 'product', sku: GONE.sku, title: GONE.title }],
      },
      {
        guardrail: 'unavailable',
        severity: 'block',
        params: {
          sku: SOON.sku,
          title: SOON.title,
          role: 'recommendation',
          rule: 'not_launched',
          launched_at: SOON.launched_at,
        },
        evidence: [{ kind: 'product', sku: SOON.sku, title: SOON.title }],
      },
    ]);
    for (const v of verdicts) verdict.parse(v);
  });

  test('the offer’s product, as the offer', () => {
    expect(rulesOf({ offer: { target: { kind: 'product', sku: GONE.sku } } })).toEqual([
      [GONE.sku, 'offer', 'out_of_stock_online'],
    ]);
  });

  test('a product both offered and recommended is one verdict, as the offer', () => {
    expect(
      rulesOf({
        offer: { target: { kind: 'product', sku: OLD.sku } },
        recommendations: [OLD, GONE],
      }),
    ).toEqual([
      [OLD.sku, 'offer', 'discontinued'],
      [GONE.sku, 'recommendation', 'out_of_stock_online'],
    ]);
  });

  test('available products, a category offer and a sku the catalogue lacks say nothing', () => {
    expect(rulesOf({ recommendations: [DUNE, BOX_SET] })).toEqual([]);
    expect(rulesOf({ offer: { target: { kind: 'category', category: 'films' } } })).toEqual([]);
    expect(rulesOf({ offer: { target: { kind: 'product', sku: 'XX-GHOST' } } })).toEqual([]);
  });

  test('every channel leads to the web shop: its stock counts on each', () => {
    for (const channel of ['email', 'sms', 'push', 'web_banner'] as const) {
      expect(rulesOf({ channel, recommendations: [GONE] })).toEqual([
        [GONE.sku, 'recommendation', 'out_of_stock_online'],
      ]);
    }
  });

  test('launched at the send’s instant is out; a millisecond later is not', () => {
    expect(rulesOf({ at: SOON.launched_at, recommendations: [SOON] })).toEqual([]);
    expect(rulesOf({ at: '2026-12-04T22:59:59.999Z', recommendations: [SOON] })).toEqual([
      [SOON.sku, 'recommendation', 'not_launched'],
    ]);
  });

  test('a send instant with an offset is read as the instant it is', () => {
    // 23:30 at +01:00 is 22:30 UTC, half an hour before the launch.
    expect(rulesOf({ at: '2026-12-04T23:30:00+01:00', recommendations: [SOON] })).toEqual([
      [SOON.sku, 'recommendation', 'not_launched'],
    ]);
    expect(rulesOf({ at: '2026-12-05T00:30:00+01:00', recommendations: [SOON] })).toEqual([]);
  });
});

describe('offer_not_valid', () => {
  const at = (instant: string, offer: InputSpec['offer'], time_zone?: string) =>
    offerNotValid(inputOf({ at: instant, offer, ...(time_zone ? { time_zone } : {}) })).map((v) => [
      v.params.rule,
      v.params.send_day,
    ]);
  const MIDNIGHT_PARIS = '2026-11-30T23:00:00.000Z';
  const JUST_BEFORE = '2026-11-30T22:59:59.999Z';

  test('the demo’s days hold the send: nothing to say', () => {
    expect(offerNotValid(inputOf())).toEqual([]);
  });

  test('the first day starts at midnight in Paris: 23:59:59 the night before is too early', () => {
    const from = { valid_from: '2026-12-01', valid_to: null };
    expect(at(MIDNIGHT_PARIS, from)).toEqual([]);
    expect(at(JUST_BEFORE, from)).toEqual([['not_started', '2026-11-30']]);
  });

  test('the last day is included to its last instant in Paris', () => {
    const to = { valid_from: null, valid_to: '2026-11-30' };
    expect(at(JUST_BEFORE, to)).toEqual([]);
    expect(at(MIDNIGHT_PARIS, to)).toEqual([['expired', '2026-12-01']]);
  });

  test('the verdict carries the offer’s days and the send’s, the offer as evidence', () => {
    const verdicts = offerNotValid(
      inputOf({ offer: { valid_from: '2026-11-01', valid_to: '2026-11-30' } }),
    );
    expect(verdicts).toEqual([
      {
        guardrail: 'offer_not_valid',
        severity: 'block',
        params: {
          rule: 'expired',
          valid_from: '2026-11-01',
          valid_to: '2026-11-30',
          send_day: '2026-12-01',
        },
        evidence: [{ kind: 'campaign', part: 'offer' }],
      },
    ]);
    for (const v of verdicts) verdict.parse(v);
  });

  test('the day is the campaign’s time zone’s', () => {
    // 1 December 03:00 UTC is still 30 November in New York.
    const to = { valid_from: null, valid_to: '2026-11-30' };
    expect(at('2026-12-01T03:00:00.000Z', to, 'America/New_York')).toEqual([]);
    expect(at('2026-12-01T03:00:00.000Z', to)).toEqual([['expired', '2026-12-01']]);
  });

  test('open ends never stop it; no offer, nothing to check', () => {
    expect(at('2040-01-01T00:00:00.000Z', { valid_from: null, valid_to: null })).toEqual([]);
    expect(at('2000-01-01T00:00:00.000Z', { valid_from: null, valid_to: null })).toEqual([]);
    expect(offerNotValid(inputOf({ offer: null }))).toEqual([]);
  });

  test('days the wrong way round: both rules can hold', () => {
    expect(
      at('2026-12-15T10:00:00.000Z', { valid_from: '2026-12-20', valid_to: '2026-12-10' }),
    ).toEqual([
      ['not_started', '2026-12-15'],
      ['expired', '2026-12-15'],
    ]);
  });
});
