import { describe, expect, test } from 'vitest';
import { describeVerdict } from './describe.ts';
import type { GuardrailInput } from './input.ts';
import {
  BOWLING,
  BOX_SET,
  CARD,
  DUNE,
  GONE,
  historyOf,
  HUNDRED,
  inputOf,
  OFFER_HUNDRED,
  WII,
} from './offer.fixture.ts';
import { offerGuardrails } from './offer-checks.ts';
import { verdict, type Verdict } from './verdict.ts';

const run = (input: GuardrailInput): Verdict[] => offerGuardrails.flatMap((g) => g(input));
const summary = (verdicts: Verdict[]) =>
  verdicts.map((v) => `${v.guardrail}${'rule' in v.params ? `:${v.params.rule}` : ''}`);

describe('the offer guardrails together', () => {
  test('the demo: the box set bought in Lyon with the card, « discounted » to 99,99 €', () => {
    const history = historyOf({
      orders: [
        {
          id: 'O-BOX',
          at: '2026-10-26T15:00:00.000Z',
          store: 'S-LYON',
          lines: [{ sku: BOX_SET.sku }],
        },
      ],
      identities: [CARD],
    });
    const verdicts = run(inputOf({ history }));
    expect(summary(verdicts)).toEqual(['already_owned', 'meaningless_discount:threshold']);
    // Spaces as plain spaces here: offer-words.test.ts holds the no-break ones.
    expect(verdicts.map((v) => describeVerdict(v, 'fr').replace(/[\u00a0\u202f]/g, ' '))).toEqual([
      'A déjà acheté « Le Seigneur des Anneaux — coffret Blu-ray » en magasin à Lyon Part-Dieu le 26 octobre 2026, avec sa carte de fidélité',
      'Remise de 0,33 € (0,33 %) sur un prix de 100,32 € : sous le seuil de 5 % et 5,00 €',
    ]);
  });

  test('every story at once: one verdict each, in the guardrails’ order, each a valid verdict', () => {
    const history = historyOf({
      orders: [
        { id: 'O1', at: '2026-10-26T15:00:00.000Z', lines: [{ sku: HUNDRED.sku, unit: 9_000 }] },
        { id: 'O2', at: '2026-05-03T10:00:00.000Z', lines: [{ sku: BOWLING.sku }] },
      ],
      responses: [
        { offer_id: OFFER_HUNDRED.offer_id, channel: 'store', at: '2026-11-28T10:00:00.000Z' },
      ],
    });
    const input = inputOf({
      history,
      offer: {
        target: { kind: 'product', sku: HUNDRED.sku },
        price: { kind: 'price', cents: 9_000 },
        valid_to: '2026-11-30',
      },
      recommendations: [WII, GONE, DUNE],
    });
    const verdicts = run(input);
    expect(summary(verdicts)).toEqual([
      'already_owned',
      'owned_base_product',
      'meaningless_discount:not_below_paid',
      'answered_elsewhere',
      'unavailable:out_of_stock_online',
      'offer_not_valid:expired',
    ]);
    for (const v of verdicts) expect(verdict.parse(v)).toEqual(v);
    expect(verdicts.every((v) => v.severity === 'block')).toBe(true);
  });

  test('a fine message to a new customer: nothing to say', () => {
    const input = inputOf({
      offer: {
        target: { kind: 'product', sku: DUNE.sku },
        price: { kind: 'percent', percent: 30 },
      },
      recommendations: [BOX_SET, WII],
    });
    expect(run(input)).toEqual([]);
  });

  test('no offer and no recommendation: nothing to check', () => {
    expect(run(inputOf({ offer: null, history: historyOf({ identities: [CARD] }) }))).toEqual([]);
  });
});
