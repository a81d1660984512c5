import { describe, expect, test } from 'vitest';
import {
  AT,
  BOX_SET,
  DUNE,
  HUNDRED,
  historyOf,
  inputOf,
  type Bought,
  type OrderSpec,
} from './offer.fixture.ts';
import { lastPaid, meaninglessDiscount } from './offer-discount.ts';
import { verdict } from './verdict.ts';

const rules = (input: Parameters<typeof meaninglessDiscount>[0]) =>
  meaninglessDiscount(input).map((v) => v.params.rule);
const price = (cents: number) => ({ price: { kind: 'price' as const, cents } });
const films = { target: { kind: 'category' as const, category: 'films' as const } };
const bought = (line: Bought, over: Partial<OrderSpec> = {}): OrderSpec => ({
  id: 'O1',
  at: '2026-10-26T15:00:00.000Z',
  lines: [line],
  ...over,
});
const paying = (...orders: OrderSpec[]) => historyOf({ orders });

describe('meaningless_discount, rule threshold', () => {
  test('the demo: 0,33 € off 100,32 €, 0,33 %, under 5 % and 5,00 €', () => {
    const verdicts = meaninglessDiscount(inputOf());
    expect(verdicts).toEqual([
      {
        guardrail: 'meaningless_discount',
        severity: 'block',
        params: {
          rule: 'threshold',
          sku: BOX_SET.sku,
          title: BOX_SET.title,
          list_price_cents: 10_032,
          offer_price_cents: 9_999,
          discount_cents: 33,
          discount_percent: 0.33,
          min_discount_percent: 5,
          min_discount_cents: 500,
          paid_cents: null,
          paid_at: null,
        },
        evidence: [{ kind: 'campaign', part: 'offer' }],
      },
    ]);
    for (const v of verdicts) verdict.parse(v);
  });

  test('no offer, nothing to judge', () => {
    expect(meaninglessDiscount(inputOf({ offer: null }))).toEqual([]);
  });

  test.each([
    // On 100,00 €, the amount and the share move together.
    ['exactly 5 % and 5,00 €', 9_500, []],
    ['one cent under both', 9_501, ['threshold']],
    ['well above both', 8_000, []],
  ])('on 100,00 €: %s', (_, cents, expected) => {
    const offer = { target: { kind: 'product' as const, sku: HUNDRED.sku }, ...price(cents) };
    expect(rules(inputOf({ offer }))).toEqual(expected);
  });

  test('the share alone: exactly the minimum passes, a hundredth under does not', () => {
    const policy = { min_discount_percent: 5, min_discount_cents: 0 };
    expect(
      rules(inputOf({ offer: { ...films, price: { kind: 'percent', percent: 5 } }, policy })),
    ).toEqual([]);
    expect(
      rules(inputOf({ offer: { ...films, price: { kind: 'percent', percent: 4 } }, policy })),
    ).toEqual(['threshold']);
    // 4,99 % of the box set (500 off 10 032 is 4,98 %; 501 is 4,99 %; 502 is 5,00 %).
    const big = { min_discount_percent: 5, min_discount_cents: 1 };
    expect(
      rules(inputOf({ offer: { price: { kind: 'amount_off', cents: 501 } }, policy: big })),
    ).toEqual(['threshold']);
    expect(
      rules(inputOf({ offer: { price: { kind: 'amount_off', cents: 502 } }, policy: big })),
    ).toEqual([]);
  });

  test('the amount alone: exactly 5,00 € passes, 4,99 € does not', () => {
    const policy = { min_discount_percent: 0, min_discount_cents: 500 };
    expect(
      rules(inputOf({ offer: { ...films, price: { kind: 'amount_off', cents: 500 } }, policy })),
    ).toEqual([]);
    expect(
      rules(inputOf({ offer: { ...films, price: { kind: 'amount_off', cents: 499 } }, policy })),
    ).toEqual(['threshold']);
  });

  test('either minimum missed is enough', () => {
    // 5,01 € off 100,32 € is 4,99 %: the amount passes, the share does not.
    expect(rules(inputOf({ offer: { price: { kind: 'amount_off', cents: 501 } } }))).toEqual([
      'threshold',
    ]);
    // 20 % of 20,00 € is 4,00 €: the share passes, the amount does not.
    expect(
      rules(
        inputOf({
          offer: {
            target: { kind: 'product', sku: DUNE.sku },
            price: { kind: 'percent', percent: 20 },
          },
        }),
      ),
    ).toEqual(['threshold']);
    expect(
      rules(
        inputOf({
          offer: {
            target: { kind: 'product', sku: DUNE.sku },
            price: { kind: 'percent', percent: 25 },
          },
        }),
      ),
    ).toEqual([]);
  });

  test('a figure that cannot be known is not checked: a percentage on a category has no amount', () => {
    expect(
      rules(inputOf({ offer: { ...films, price: { kind: 'percent', percent: 10 } } })),
    ).toEqual([]);
    expect(
      rules(inputOf({ offer: { ...films, price: { kind: 'amount_off', cents: 600 } } })),
    ).toEqual([]);
    expect(rules(inputOf({ offer: { ...films, ...price(100) } }))).toEqual([]);
  });

  test('on a category the verdict names no product', () => {
    const [v] = meaninglessDiscount(
      inputOf({ offer: { ...films, price: { kind: 'percent', percent: 2 } } }),
    );
    expect(v?.params).toMatchObject({ sku: null, discount_percent: 2, discount_cents: null });
    expect(verdict.parse(v)).toEqual(v);
  });

  test('a price above the list price is no discount at all', () => {
    expect(rules(inputOf({ offer: price(10_500) }))).toEqual(['threshold']);
  });
});

describe('meaningless_discount, rule not_below_paid', () => {
  const policy = { min_discount_percent: 0, min_discount_cents: 0 };

  test('offered at what they paid last time: the order is the evidence', () => {
    const history = paying(bought({ sku: BOX_SET.sku, unit: 9_000 }));
    const verdicts = meaninglessDiscount(inputOf({ history, offer: price(9_000), policy }));
    expect(verdicts).toEqual([
      {
        guardrail: 'meaningless_discount',
        severity: 'block',
        params: expect.objectContaining({
          rule: 'not_below_paid',
          offer_price_cents: 9_000,
          paid_cents: 9_000,
          paid_at: '2026-10-26T15:00:00.000Z',
        }),
        evidence: [
          { kind: 'campaign', part: 'offer' },
          { kind: 'entry', entry_kind: 'order', id: 'O1', at: '2026-10-26T15:00:00.000Z' },
        ],
      },
    ]);
    for (const v of verdicts) verdict.parse(v);
  });

  test('one cent below what they paid is a real offer; one cent above is not', () => {
    const history = paying(bought({ sku: BOX_SET.sku, unit: 9_000 }));
    expect(rules(inputOf({ history, offer: price(8_999), policy }))).toEqual([]);
    expect(rules(inputOf({ history, offer: price(9_001), policy }))).toEqual(['not_below_paid']);
  });

  test('the unit price paid is after the line’s discount, rounded to the cent', () => {
    // 3 × 30,00 € − 0,01 € = 89,99 € → 29,9967 € a unit → 30,00 €.
    const history = paying(bought({ sku: BOX_SET.sku, qty: 3, unit: 3_000, discount: 1 }));
    expect(lastPaid(inputOf({ history }), BOX_SET.sku)?.cents).toBe(3_000);
    // 2 × 30,00 € − 0,01 € → 29,995 € a unit → 30,00 € (half away from zero).
    const half = paying(bought({ sku: BOX_SET.sku, qty: 2, unit: 3_000, discount: 1 }));
    expect(lastPaid(inputOf({ history: half }), BOX_SET.sku)?.cents).toBe(3_000);
    // 2 × 30,00 € − 0,05 € → 29,975 € a unit → 29,98 €.
    const more = paying(bought({ sku: BOX_SET.sku, qty: 2, unit: 3_000, discount: 5 }));
    expect(lastPaid(inputOf({ history: more }), BOX_SET.sku)?.cents).toBe(2_998);
    expect(rules(inputOf({ history: more, offer: price(2_998), policy }))).toEqual([
      'not_below_paid',
    ]);
    expect(rules(inputOf({ history: more, offer: price(2_997), policy }))).toEqual([]);
  });

  test('the latest purchase counts, not the cheapest', () => {
    const history = paying(
      bought({ sku: BOX_SET.sku, unit: 5_000 }, { id: 'O-OLD', at: '2025-01-01T10:00:00.000Z' }),
      bought({ sku: BOX_SET.sku, unit: 9_000 }, { id: 'O-NEW', at: '2026-01-01T10:00:00.000Z' }),
      bought({ sku: BOX_SET.sku, unit: 7_000 }, { id: 'O-MID', at: '2025-06-01T10:00:00.000Z' }),
    );
    expect(lastPaid(inputOf({ history }), BOX_SET.sku)).toMatchObject({
      cents: 9_000,
      order: { order: { order_id: 'O-NEW' } },
    });
  });

  test('at one instant, the line recorded later; lines of other products are not read', () => {
    const at = '2026-01-01T10:00:00.000Z';
    const history = paying(
      {
        id: 'O1',
        at,
        lines: [
          { sku: BOX_SET.sku, unit: 9_000 },
          { sku: BOX_SET.sku, unit: 8_000 },
          { sku: DUNE.sku, unit: 1 },
        ],
      },
      { id: 'O2', at, lines: [{ sku: DUNE.sku, unit: 2 }] },
    );
    expect(lastPaid(inputOf({ history }), BOX_SET.sku)).toMatchObject({
      cents: 8_000,
      order: { order: { order_id: 'O1' } },
    });
    const both = paying(
      { id: 'O1', at, lines: [{ sku: BOX_SET.sku, unit: 9_000 }] },
      { id: 'O2', at, lines: [{ sku: BOX_SET.sku, unit: 8_000 }] },
    );
    expect(lastPaid(inputOf({ history: both }), BOX_SET.sku)?.cents).toBe(8_000);
  });

  test('a returned order still says what they paid; a cancelled one does not', () => {
    const returned = paying(bought({ sku: BOX_SET.sku, unit: 9_000 }, { status: 'returned' }));
    expect(rules(inputOf({ history: returned, offer: price(9_000), policy }))).toEqual([
      'not_below_paid',
    ]);
    const cancelled = paying(bought({ sku: BOX_SET.sku, unit: 9_000 }, { status: 'cancelled' }));
    expect(lastPaid(inputOf({ history: cancelled }), BOX_SET.sku)).toBeNull();
    const cancelledLater = paying(
      bought({ sku: BOX_SET.sku, unit: 9_000 }),
      bought(
        { sku: BOX_SET.sku, unit: 1_000 },
        { id: 'O2', at: '2026-11-01T10:00:00.000Z', status: 'cancelled' },
      ),
    );
    expect(lastPaid(inputOf({ history: cancelledLater }), BOX_SET.sku)?.cents).toBe(9_000);
  });

  test('an order after the send is not known yet; one at the send is', () => {
    const later = paying(
      bought({ sku: BOX_SET.sku, unit: 9_000 }, { at: '2026-12-01T08:30:00.001Z' }),
    );
    expect(lastPaid(inputOf({ history: later }), BOX_SET.sku)).toBeNull();
    const atSend = paying(bought({ sku: BOX_SET.sku, unit: 9_000 }, { at: AT }));
    expect(lastPaid(inputOf({ history: atSend }), BOX_SET.sku)?.cents).toBe(9_000);
  });

  test('another customer’s order in the history is not theirs', () => {
    const theirs = paying(bought({ sku: BOX_SET.sku, unit: 9_000 }, { customer: 'C2' }));
    expect(lastPaid(inputOf({ history: theirs }), BOX_SET.sku)).toBeNull();
  });

  test('a sku the catalogue lacks, offered at a price: what they paid still counts', () => {
    const history = paying(bought({ sku: 'XX-GHOST', unit: 500 }));
    const offer = { target: { kind: 'product' as const, sku: 'XX-GHOST' }, ...price(500) };
    expect(rules(inputOf({ history, offer, policy }))).toEqual(['not_below_paid']);
  });

  test('no known price, no comparison: a percentage on an unknown sku, or a category', () => {
    const history = paying(bought({ sku: 'XX-GHOST', unit: 500 }));
    const ghost = { target: { kind: 'product' as const, sku: 'XX-GHOST' } };
    expect(
      rules(
        inputOf({ history, offer: { ...ghost, price: { kind: 'percent', percent: 10 } }, policy }),
      ),
    ).toEqual([]);
    expect(rules(inputOf({ history, offer: { ...films, ...price(400) }, policy }))).toEqual([]);
  });

  test('a free unit last time and no known price: nothing to compare', () => {
    const history = paying(bought({ sku: 'XX-GHOST', unit: 0 }));
    const ghost = { target: { kind: 'product' as const, sku: 'XX-GHOST' } };
    const percent = { ...ghost, price: { kind: 'percent' as const, percent: 10 } };
    expect(rules(inputOf({ history, offer: percent, policy }))).toEqual([]);
    expect(rules(inputOf({ history, offer: { ...ghost, ...price(1) }, policy }))).toEqual([
      'not_below_paid',
    ]);
  });

  test('both rules fire as two verdicts, threshold first', () => {
    const history = paying(bought({ sku: BOX_SET.sku, unit: 9_999 }));
    expect(rules(inputOf({ history }))).toEqual(['threshold', 'not_below_paid']);
  });

  test('refuses a history without its orders', () => {
    const history = { ...historyOf(), scope: { tables: ['identities' as const], since: null } };
    expect(() => meaninglessDiscount(inputOf({ history }))).toThrow(/lacks orders/);
  });
});
