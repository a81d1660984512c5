// Three customers the explanation tests of both languages share: a frequent buyer on their rhythm,
// a lapsed one, and a one-time buyer.
import type { CustomerFigures } from './explain-facts.ts';

export const frequentBuyer: CustomerFigures = {
  daysSinceLastOrder: 12,
  daysSinceFirstOrder: 730,
  repeatOrders: 13,
  typicalGapDays: 41,
  averageSpend: 48.2,
  shareWithFewerOrders: 95.3,
  shareSpendingLess: 81,
  propensity: { horizonDays: 30, probability: 0.723, percentile: 91.2 },
  churnBand: 'low',
  predictedClv: { value: 312.4, percentile: 92.5 },
  expectedNextOrder: { date: '2026-12-04', inDays: 23 },
};

export const lapsedBuyer: CustomerFigures = {
  ...frequentBuyer,
  daysSinceLastOrder: 212,
  daysSinceFirstOrder: 500,
  repeatOrders: 7,
  typicalGapDays: 41,
  averageSpend: 12.1,
  shareWithFewerOrders: 80,
  shareSpendingLess: 22.4,
  propensity: { horizonDays: 30, probability: 0.034, percentile: 18 },
  churnBand: 'high',
  predictedClv: { value: 9.5, percentile: 30 },
  expectedNextOrder: null,
};

export const oneTimeBuyer: CustomerFigures = {
  ...frequentBuyer,
  daysSinceLastOrder: 160,
  daysSinceFirstOrder: 160,
  repeatOrders: 0,
  typicalGapDays: null,
  averageSpend: 25,
  shareWithFewerOrders: 40,
  shareSpendingLess: 55,
  propensity: { horizonDays: 90, probability: 0.11, percentile: 35 },
  churnBand: 'high',
  predictedClv: { value: 21.3, percentile: 41 },
  expectedNextOrder: null,
};
