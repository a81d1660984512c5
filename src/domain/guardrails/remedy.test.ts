import { describe, expect, test } from 'vitest';
import { readyEmail } from '../campaign/campaign.fixture.ts';
import {
  withChannel,
  type CampaignBody,
  type OfferPrice,
  type OfferTarget,
} from '../campaign/campaign.ts';
import { productRow } from '../profile/history.fixture.ts';
import type { Product } from '../profile/schema.ts';
import { offerTerms } from './offer.ts';
import { DEFAULT_POLICY, guardrailPolicy, type GuardrailPolicy } from './policy.ts';
import {
  applyRemedy,
  REMEDIES,
  thresholdDiscount,
  withExclusion,
  type Remedy,
  type RemedyContext,
} from './remedy.ts';
import { guardrailIds } from './verdict.ts';

const BOX = productRow({ sku: 'FI-0001', title: 'Coffret', price_cents: 10_032 });
const products = (list: number | null): Map<string, Product> =>
  list === null ? new Map() : new Map([['FI-0001', { ...BOX, price_cents: list }]]);

const context = (over: Partial<RemedyContext> = {}): RemedyContext => ({
  policy: DEFAULT_POLICY,
  products: products(10_032),
  audit_id: 'aud_1',
  flagged: [],
  places: [],
  now: '2026-11-16T00:00:00.000Z',
  ...over,
});

function applied(body: CampaignBody, remedy: Remedy, over: Partial<RemedyContext> = {}) {
  const result = applyRemedy(body, remedy, context(over));
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result;
}

const refusal = (body: CampaignBody, remedy: Remedy, over: Partial<RemedyContext> = {}) => {
  const result = applyRemedy(body, remedy, context(over));
  return result.ok ? null : result.reason;
};

const withPrice = (price: OfferPrice, target: OfferTarget = { kind: 'product', sku: 'FI-0001' }) =>
  readyEmail({
    offer: { target, price, valid_from: '2026-11-16', valid_to: '2026-12-30' },
  });

describe('exclude the flagged', () => {
  test('adds the audit’s flagged ids for the guardrail, in id order, each once', () => {
    const { body, effect } = applied(
      readyEmail(),
      { kind: 'exclude_flagged', guardrail: 'already_owned' },
      { flagged: ['C3', 'C1', 'C3'] },
    );
    expect(body.exclusions).toEqual([
      { guardrail: 'already_owned', audit_id: 'aud_1', customer_ids: ['C1', 'C3'] },
    ]);
    expect(effect).toEqual({ kind: 'exclude_flagged', guardrail: 'already_owned', excluded: 3 });
    // Nothing else moves: the segment stays as pinned.
    expect({ ...body, exclusions: [] }).toEqual(readyEmail());
  });

  test('merges with what the guardrail excluded before and keeps the other guardrails’ lists', () => {
    const before = withExclusion(
      withExclusion([], 'no_consent', 'aud_0', ['C9']),
      'already_owned',
      'aud_0',
      ['C2'],
    );
    const merged = withExclusion(before, 'already_owned', 'aud_1', ['C1', 'C2']);
    expect(merged).toEqual([
      { guardrail: 'no_consent', audit_id: 'aud_0', customer_ids: ['C9'] },
      { guardrail: 'already_owned', audit_id: 'aud_1', customer_ids: ['C1', 'C2'] },
    ]);
  });

  test('refuses when the guardrail flags nobody', () => {
    expect(refusal(readyEmail(), { kind: 'exclude_flagged', guardrail: 'quiet_hours' })).toBe(
      'nothing_flagged',
    );
  });
});

describe('swap the recommendation strategy', () => {
  test('changes the strategy and keeps the count', () => {
    const { body, effect } = applied(readyEmail(), {
      kind: 'swap_strategy',
      strategy: 'bought_together',
    });
    expect(body.recommendation).toEqual({ strategy: 'bought_together', count: 3 });
    expect(effect).toEqual({ kind: 'swap_strategy', from: 'complements', to: 'bought_together' });
  });

  test.each([
    [readyEmail({ recommendation: null }), 'no_recommendation_slot'],
    [readyEmail(), 'same_strategy'],
  ] as const)('refuses %#', (body, reason) => {
    expect(refusal(body, { kind: 'swap_strategy', strategy: 'complements' })).toBe(reason);
  });
});

describe('raise the discount to the policy’s threshold', () => {
  // The demo: 99,99 € for a 100,32 € box set is 0,33 € off; the default policy wants 5 % and 5 €.
  test('the demo’s box set goes to the least price that meets both minimums', () => {
    const { body, effect } = applied(withPrice({ kind: 'price', cents: 9_999 }), {
      kind: 'raise_discount',
    });
    // 5 % of 100,32 € is 5,016 €: 5,02 € off, so 95,30 €.
    expect(body.offer?.price).toEqual({ kind: 'price', cents: 9_530 });
    expect(effect).toEqual({
      kind: 'raise_discount',
      from: { kind: 'price', cents: 9_999 },
      to: { kind: 'price', cents: 9_530 },
    });
  });

  const policies: GuardrailPolicy[] = [
    DEFAULT_POLICY,
    guardrailPolicy.parse({ min_discount_percent: 12.345, min_discount_cents: 0 }),
    guardrailPolicy.parse({ min_discount_percent: 0, min_discount_cents: 1_999 }),
    guardrailPolicy.parse({ min_discount_percent: 33.33, min_discount_cents: 700 }),
  ];
  const lists = [1, 7, 99, 2_001, 5_999, 10_032, 33_333, 123_457];

  // Checked by the offer's own terms, as the meaningless_discount guardrail reads them.
  test.each(policies.flatMap((policy) => lists.map((list) => [policy, list] as const)))(
    'a price offer meets the threshold at the least price: %#',
    (policy, list) => {
      const result = applyRemedy(
        withPrice({ kind: 'price', cents: list }),
        { kind: 'raise_discount' },
        context({ policy, products: products(list) }),
      );
      const meets = (off: number) => {
        const terms = offerTerms(
          withPrice({ kind: 'price', cents: list - off }),
          products(list),
          '',
        );
        return (
          (terms?.discount_cents ?? 0) >= policy.min_discount_cents &&
          (terms?.discount_percent ?? 0) >= policy.min_discount_percent
        );
      };
      if (!result.ok) {
        expect(result.reason).toBe('threshold_beyond_price');
        for (let off = 1; off < list; off += Math.max(1, Math.floor(list / 500))) {
          expect(meets(off)).toBe(false);
        }
        return;
      }
      const price = result.body.offer?.price;
      if (price?.kind !== 'price') throw new Error('a price offer stays a price');
      const off = list - price.cents;
      expect(meets(off)).toBe(true);
      expect(meets(off - 1)).toBe(false);
      expect(thresholdDiscount(list, policy)).toBe(off);
    },
  );

  test.each([
    // A percentage under 5 % goes to 5 %; on 10,03 € 5 % is 0,50 €, under 5 €: 50 %.
    [{ kind: 'percent', percent: 2 }, 10_032, { kind: 'percent', percent: 5 }],
    [{ kind: 'percent', percent: 2 }, 1_003, { kind: 'percent', percent: 50 }],
    // On a category the amount is unknown: the share alone.
    [{ kind: 'percent', percent: 2 }, null, { kind: 'percent', percent: 5 }],
    [{ kind: 'amount_off', cents: 100 }, 10_032, { kind: 'amount_off', cents: 502 }],
    [{ kind: 'amount_off', cents: 100 }, null, { kind: 'amount_off', cents: 500 }],
  ] as const)('%j on a list of %s becomes %j', (price, list, expected) => {
    const target: OfferTarget =
      list === null ? { kind: 'category', category: 'films' } : { kind: 'product', sku: 'FI-0001' };
    const { body } = applied(
      withPrice(price, target),
      { kind: 'raise_discount' },
      {
        products: products(list),
      },
    );
    expect(body.offer?.price).toEqual(expected);
  });

  test.each([
    [withPrice({ kind: 'price', cents: 5_000 }), 'meets_threshold'],
    [withPrice({ kind: 'percent', percent: 20 }), 'meets_threshold'],
    [withPrice({ kind: 'price', cents: 400 }), 'discount_unknown', null],
    [withPrice({ kind: 'percent', percent: 2 }), 'threshold_beyond_price', 400],
    [readyEmail({ offer: null, recommendation: null }), 'no_offer'],
  ] as const)('refuses %#: %s', (body, reason, list: number | null = 10_032) => {
    expect(refusal(body, { kind: 'raise_discount' }, { products: products(list) })).toBe(reason);
  });
});

describe('drop the offer', () => {
  test('removes it, and a slot that ranked the offer’s products with it', () => {
    expect(applied(readyEmail(), { kind: 'drop_offer' }).body).toMatchObject({
      offer: null,
      recommendation: { strategy: 'complements', count: 3 },
    });
    const offerSlot = readyEmail({ recommendation: { strategy: 'offer', count: 2 } });
    expect(applied(offerSlot, { kind: 'drop_offer' }).body).toMatchObject({
      offer: null,
      recommendation: null,
    });
    expect(refusal(readyEmail({ offer: null, recommendation: null }), { kind: 'drop_offer' })).toBe(
      'no_offer',
    );
  });
});

describe('move the send time out of quiet hours', () => {
  const sms = (send_at: string | null) => withChannel(readyEmail({ send_at }), 'sms');
  const paris = { time_zone: 'Europe/Paris', alsace_moselle: false };
  const metz = { time_zone: 'Europe/Paris', alsace_moselle: true };
  const guadeloupe = { time_zone: 'America/Guadeloupe', alsace_moselle: false };
  const move = (send_at: string | null, places = [paris]) =>
    applied(sms(send_at), { kind: 'move_send_time' }, { places }).body.send_at;

  test.each([
    // Before 8:00 → 8:00 the same day; after 20:00 → 8:00 the next.
    ['2026-12-01T06:10', [paris], '2026-12-01T08:00'],
    ['2026-12-01T21:30', [paris], '2026-12-02T08:00'],
    // Saturday night → Monday, Sunday being quiet.
    ['2026-12-05T22:00', [paris], '2026-12-07T08:00'],
    // Christmas (a Friday) → Saturday; in Alsace-Moselle the 26th is a holiday too, then Sunday.
    ['2026-12-25T10:00', [paris], '2026-12-26T08:00'],
    ['2026-12-25T10:00', [paris, metz], '2026-12-28T08:00'],
    // 8:00 in Guadeloupe is 13:00 in Paris in winter.
    ['2026-12-01T09:30', [paris, guadeloupe], '2026-12-01T13:00'],
  ] as const)('%s for %j → %s', (from, places, to) => {
    expect(move(from, [...places])).toBe(to);
  });

  test('a campaign without a send time moves from the data’s present', () => {
    // now: Monday 16 November 2026, 01:00 in Paris.
    expect(move(null)).toBe('2026-11-16T08:00');
  });

  test.each([
    // E-mail keeps no quiet hours by default.
    [readyEmail({ send_at: '2026-12-01T21:30' }), [paris], 'no_quiet_hours'],
    [sms('2026-12-01T21:30'), [], 'no_quiet_hours'],
    [sms('2026-12-01T10:00'), [paris], 'nothing_flagged'],
  ] as const)('refuses %#: %s', (body, places, reason) => {
    expect(refusal(body, { kind: 'move_send_time' }, { places: [...places] })).toBe(reason);
  });

  test('an e-mail campaign with an SMS message for some recipients keeps out of the SMS quiet hours', () => {
    const body = readyEmail({
      send_at: '2026-12-01T21:30',
      alternates: { sms: { text: 'Noël STOP au 36111' } },
    });
    expect(applied(body, { kind: 'move_send_time' }, { places: [paris] }).body.send_at).toBe(
      '2026-12-02T08:00',
    );
  });

  test('refuses when the policy leaves no hour open', () => {
    const policy = guardrailPolicy.parse({
      quiet_hours: { sms: { enabled: true, start: '12:00', end: '11:00' } },
    });
    expect(
      refusal(sms('2026-12-01T21:30'), { kind: 'move_send_time' }, { policy, places: [paris] }),
    ).toBe('no_quiet_time');
  });
});

test('every guardrail has a remedy, exclusion among them, each named once', () => {
  for (const id of guardrailIds) {
    expect(REMEDIES[id]).toContain('exclude_flagged');
    expect(new Set(REMEDIES[id]).size).toBe(REMEDIES[id].length);
  }
});

describe('send on the preferred channel', () => {
  test('adds a draft on every other channel, keeps the campaign’s own and its content', () => {
    const body = readyEmail();
    const result = applied(body, { kind: 'preferred_channel' });
    expect(result.effect).toEqual({ kind: 'preferred_channel', added: ['sms', 'push'] });
    expect(result.body.alternates.email).toBeNull();
    expect(result.body.alternates.sms?.text).toContain(body.template.subject);
    expect(result.body.alternates.push?.title).toBe(body.template.subject);
    expect({ ...result.body, alternates: body.alternates }).toEqual(body);
  });

  test('keeps an alternate already written, and refuses when every channel has one', () => {
    const body = readyEmail({ alternates: { sms: { text: 'Écrit à la main' } } });
    const result = applied(body, { kind: 'preferred_channel' });
    expect(result.effect).toEqual({ kind: 'preferred_channel', added: ['push'] });
    expect(result.body.alternates.sms).toEqual({ text: 'Écrit à la main' });
    expect(refusal(result.body, { kind: 'preferred_channel' })).toBe('channels_already_set');
  });

  test('answers no_consent and preference_mismatch first', () => {
    expect(REMEDIES.no_consent[0]).toBe('preferred_channel');
    expect(REMEDIES.preference_mismatch[0]).toBe('preferred_channel');
  });
});
