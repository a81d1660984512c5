import { expect, test } from 'vitest';
import { explainCustomer } from './explain.ts';
import { customerFigures } from './explain-figures.ts';

function columns(unit: 'week' | 'day') {
  // Customer 0 buys every 5 weeks and ordered 1 week ago; customer 1 bought twice early on and
  // has been silent for 20 weeks; customer 2 bought once.
  const summary = {
    unit,
    customerIds: ['frequent', 'lapsed', 'once'],
    x: Float64Array.of(6, 2, 0),
    tx: Float64Array.of(30, 10, 0),
    T: Float64Array.of(31, 30, 12),
    m: Float64Array.of(40, 15, 0),
    firstSpend: Float64Array.of(40, 30, 22),
  };
  const scores = {
    unit,
    asOf: '2026-11-23',
    horizons: [
      {
        horizonDays: 30,
        propensity: Float64Array.of(0.61, 0.08, 0.2),
        propensityPercentile: Float64Array.of(100, 33.3, 66.7),
        expectedPurchases: Float64Array.of(0.9, 0.1, 0.2),
      },
      {
        horizonDays: 90,
        propensity: Float64Array.of(0.9, 0.2, 0.4),
        propensityPercentile: Float64Array.of(100, 33.3, 66.7),
        expectedPurchases: Float64Array.of(2.5, 0.3, 0.5),
      },
    ],
    churnBand: Uint8Array.of(0, 2, 1),
    clv: Float64Array.of(420, 18.5, Number.NaN),
    clvPercentile: Float64Array.of(100, 66.7, Number.NaN),
    nextOrderMedianDays: Float64Array.of(24.6, 140, Number.NaN),
  };
  return { summary, scores };
}

test('the explainer reads weeks as days and compares each customer with the whole base', () => {
  const { summary, scores } = columns('week');
  const figures = customerFigures(summary, scores);
  const explain = (i: number) => explainCustomer(figures(i));
  const frequent = explain(0);
  expect(frequent.headline).toBe(
    '61.0% likely to order in the next 30 days (100th percentile); churn risk low; predicted value €420.00 (100th percentile); next order around 18 Dec 2026 if still active.',
  );
  expect(frequent.drivers.map((d) => d.text)).toEqual([
    'Last ordered 7 days ago, within their usual 35 days between orders: still on their rhythm.',
    'Bought on 7 different days in 7 months: one of the 34% most frequent buyers.',
    'Spends €40.00 per purchase day on average, returns deducted, more than 66% of customers: that raises their predicted value.',
  ]);
  const lapsed = explain(1);
  expect(lapsed.drivers[0]!.text).toBe(
    'Last ordered 140 days ago, 4× longer than their usual 35 days between orders: that is what lowers the score.',
  );
  expect(lapsed.headline).toContain('churn risk high');
  const once = explain(2);
  expect(once.headline).toBe(
    '20.0% likely to order in the next 30 days (66th percentile); churn risk medium.',
  );
  expect(once.drivers[0]!.text).toBe(
    'Only one order is known, placed 84 days ago: recent enough to count them as active.',
  );
});

test('the figures are the customer’s own, in days, with the base compared once', () => {
  const { summary, scores } = columns('week');
  const figures = customerFigures(summary, scores, { currency: 'EUR' });
  expect(figures(1)).toEqual({
    daysSinceLastOrder: 140,
    daysSinceFirstOrder: 210,
    repeatOrders: 2,
    typicalGapDays: 35,
    averageSpend: 20,
    currency: 'EUR',
    shareWithFewerOrders: expect.closeTo(100 / 3, 6),
    shareSpendingLess: 0,
    propensity: { horizonDays: 30, probability: 0.08, percentile: 33.3 },
    churnBand: 'high',
    predictedClv: { value: 18.5, percentile: 66.7 },
    expectedNextOrder: { date: '2027-04-12', inDays: 140 },
  });
  // A one-time buyer has no rhythm; no value without a Gamma-Gamma figure; no date without a median.
  expect(figures(2)).toMatchObject({
    repeatOrders: 0,
    typicalGapDays: null,
    predictedClv: null,
    expectedNextOrder: null,
  });
  expect(customerFigures(summary, scores)(0)).not.toHaveProperty('currency');
});

test('the same customers summarised in days read the same figures', () => {
  const { summary, scores } = columns('day');
  const inDays = {
    ...summary,
    tx: summary.tx.map((t) => t * 7),
    T: summary.T.map((t) => t * 7),
  };
  const byWeek = customerFigures(columns('week').summary, columns('week').scores, {
    horizonDays: 90,
  });
  const byDay = customerFigures(inDays, scores, { horizonDays: 90 });
  for (const i of [0, 1, 2]) expect(byDay(i)).toEqual(byWeek(i));
});

test('the explainer refuses mismatched units, unknown horizons and positions', () => {
  const { summary, scores } = columns('week');
  expect(() => customerFigures(summary, { ...scores, unit: 'day' })).toThrow(
    /summary is in weeks but the scores in days/,
  );
  expect(() => customerFigures(summary, scores, { horizonDays: 60 })).toThrow(
    /No propensity for 60 days \(scored: 30, 90\)/,
  );
  expect(() => customerFigures(summary, scores)(3)).toThrow(/No customer at position 3/);
});
