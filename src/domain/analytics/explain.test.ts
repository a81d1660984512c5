import { expect, test } from 'vitest';
import fc from 'fast-check';
import {
  explainCustomer,
  formatDays,
  formatDuration,
  formatPercent,
  formatPercentile,
} from './explain.ts';
import { frequentBuyer, lapsedBuyer, oneTimeBuyer } from './explain.fixture.ts';

test('a frequent buyer on their rhythm: recency, frequency and spend all raise the score', () => {
  const { headline, drivers } = explainCustomer(frequentBuyer);
  expect(headline).toBe(
    '72.3% likely to order in the next 30 days (91st percentile); churn risk low; predicted value €312.40 (92nd percentile); next order around 4 Dec 2026 if still active.',
  );
  expect(drivers).toEqual([
    {
      factor: 'recency',
      direction: 'up',
      text: 'Last ordered 12 days ago, within their usual 41 days between orders: still on their rhythm.',
    },
    {
      factor: 'frequency',
      direction: 'up',
      text: 'Bought on 14 different days in 2 years: one of the 5% most frequent buyers.',
    },
    {
      factor: 'monetary',
      direction: 'up',
      text: 'Spends €48.20 per purchase day on average, returns deducted, more than 81% of customers: that raises their predicted value.',
    },
  ]);
});

test('a lapsed buyer: the silence against their own rhythm is what lowers the score', () => {
  const { headline, drivers } = explainCustomer(lapsedBuyer);
  expect(headline).toBe(
    '3.4% likely to order in the next 30 days (18th percentile); churn risk high; predicted value €9.50 (30th percentile).',
  );
  expect(drivers[0]).toEqual({
    factor: 'recency',
    direction: 'down',
    text: 'Last ordered 212 days ago, 5× longer than their usual 41 days between orders: that is what lowers the score.',
  });
  expect(drivers[1]).toMatchObject({
    factor: 'frequency',
    direction: 'up',
    text: 'Bought on 8 different days in 16 months: one of the 20% most frequent buyers.',
  });
  expect(drivers[2]).toEqual({
    factor: 'monetary',
    direction: 'down',
    text: 'Spends €12.10 per purchase day on average, returns deducted; 78% of customers spend as much or more: that lowers their predicted value.',
  });
});

test('the frequent and the lapsed buyer differ where a marketer expects: recency flips', () => {
  const frequent = explainCustomer(frequentBuyer).drivers;
  const lapsed = explainCustomer(lapsedBuyer).drivers;
  const direction = (ds: typeof frequent, factor: string) =>
    ds.find((d) => d.factor === factor)?.direction;
  expect(direction(frequent, 'recency')).toBe('up');
  expect(direction(lapsed, 'recency')).toBe('down');
  expect(direction(frequent, 'monetary')).toBe('up');
  expect(direction(lapsed, 'monetary')).toBe('down');
});

test('a one-time buyer is told plainly that only one order is known', () => {
  const { drivers } = explainCustomer(oneTimeBuyer);
  expect(drivers).toEqual([
    {
      factor: 'recency',
      direction: 'down',
      text: 'Only one order is known, placed 160 days ago, and nothing since: that silence lowers the score.',
    },
    {
      factor: 'frequency',
      direction: 'down',
      text: '0 repeat purchases so far: no rhythm of their own to compare with, so the score rests on how long the silence has lasted.',
    },
    {
      factor: 'monetary',
      direction: 'up',
      text: 'Spent €25.00 on their only purchase day, returns deducted, more than 55% of customers: that raises their predicted value.',
    },
  ]);
});

test('a recent one-time buyer is counted as active', () => {
  const { drivers } = explainCustomer({
    ...oneTimeBuyer,
    daysSinceLastOrder: 9,
    daysSinceFirstOrder: 9,
    propensity: { horizonDays: 90, probability: 0.41, percentile: 77 },
  });
  expect(drivers[0]).toEqual({
    factor: 'recency',
    direction: 'up',
    text: 'Only one order is known, placed 9 days ago: recent enough to count them as active.',
  });
});

test('slightly overdue, a new customer, and no percentiles to compare with', () => {
  const { drivers } = explainCustomer({
    ...frequentBuyer,
    daysSinceLastOrder: 25,
    daysSinceFirstOrder: 60,
    repeatOrders: 2,
    typicalGapDays: 17.5,
    shareWithFewerOrders: undefined,
    shareSpendingLess: undefined,
  });
  expect(drivers).toEqual([
    {
      factor: 'recency',
      direction: 'down',
      text: 'Last ordered 25 days ago, 1.4× their usual 18 days between orders: slightly overdue.',
    },
    {
      factor: 'frequency',
      direction: 'up',
      text: 'Bought on 3 different days in 2 months, about once every 18 days.',
    },
    {
      factor: 'tenure',
      direction: 'up',
      text: 'First ordered 60 days ago: a new customer, already back 2 times.',
    },
  ]);
});

test('a repeat buyer who buys less often than most says how few buy less often', () => {
  const { drivers } = explainCustomer({
    ...lapsedBuyer,
    repeatOrders: 1,
    daysSinceFirstOrder: 1100,
    shareWithFewerOrders: 12.8,
  });
  expect(drivers[1]).toEqual({
    factor: 'frequency',
    direction: 'down',
    text: 'Bought on 2 different days in 3 years: only 12% of customers bought less often.',
  });
});

test.each<[number, string]>([
  [91.2, '91st percentile'],
  [92.5, '92nd percentile'],
  [3, '3rd percentile'],
  [11, '11th percentile'],
  [12.9, '12th percentile'],
  [21, '21st percentile'],
  [0, '1st percentile'],
  [0.4, '1st percentile'],
  [100, '100th percentile'],
])('a percentile of %d reads %s', (p, text) => {
  expect(formatPercentile(p)).toBe(text);
});

test('a next order more than a year away is said so, not dated', () => {
  const { headline } = explainCustomer({
    ...oneTimeBuyer,
    expectedNextOrder: { date: '2041-05-11', inDays: 5100 },
  });
  expect(headline).toBe(
    '11.0% likely to order in the next 90 days (35th percentile); churn risk high; predicted value €21.30 (41st percentile); no next order expected within a year, even if still active.',
  );
});

test('spend is formatted in the given currency', () => {
  const { headline } = explainCustomer({ ...frequentBuyer, currency: 'USD' });
  expect(headline).toContain('predicted value US$312.40');
});

test.each<[number, string]>([
  [1, '1 day'],
  [0.4, '0 days'],
  [41.4, '41 days'],
])('%d days read %s', (days, text) => {
  expect(formatDays(days)).toBe(text);
});

test.each<[number, string]>([
  [45, '45 days'],
  [61, '2 months'],
  [365, '12 months'],
  [500, '16 months'],
  [730, '2 years'],
  [913, '2.5 years'],
])('a span of %d days reads %s', (days, text) => {
  expect(formatDuration(days)).toBe(text);
});

test.each<[number, string]>([
  [0.723, '72.3%'],
  [0.034, '3.4%'],
  [0.1, '10.0%'],
  [0.0004, '0.0%'],
  [0.0005, '0.1%'],
  [0.004, '0.4%'],
  [0.997, '99.7%'],
  [1, '100.0%'],
])('a probability of %d reads %s', (p, text) => {
  expect(formatPercent(p)).toBe(text);
});

test('impossible figures are refused', () => {
  expect(() => explainCustomer({ ...frequentBuyer, daysSinceLastOrder: -1 })).toThrow(
    /daysSinceLastOrder is -1/,
  );
  expect(() =>
    explainCustomer({
      ...frequentBuyer,
      propensity: { horizonDays: 30, probability: 1.2, percentile: 5 },
    }),
  ).toThrow(/propensity is 1.2/);
});

test('recency lowers the score exactly when the silence is longer than the usual gap', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 2000 }),
      fc.double({ min: 1, max: 400, noNaN: true }),
      fc.integer({ min: 1, max: 50 }),
      (silence, gap, repeats) => {
        const [recency] = explainCustomer({
          ...frequentBuyer,
          daysSinceLastOrder: silence,
          typicalGapDays: gap,
          repeatOrders: repeats,
          daysSinceFirstOrder: silence + gap * repeats,
        }).drivers;
        expect(recency?.factor).toBe('recency');
        expect(recency?.direction).toBe(silence > gap ? 'down' : 'up');
        expect(recency?.text).toMatch(/^Last ordered ([\d,]+ days? ago|today),/);
      },
    ),
  );
});

test('every driver states a figure and at most one driver per factor', () => {
  const figures = fc.record({
    daysSinceLastOrder: fc.integer({ min: 0, max: 1500 }),
    extraTenure: fc.integer({ min: 0, max: 1500 }),
    repeatOrders: fc.integer({ min: 0, max: 60 }),
    averageSpend: fc.option(fc.double({ min: 0, max: 1000, noNaN: true })),
    percentile: fc.double({ min: 0, max: 100, noNaN: true }),
  });
  fc.assert(
    fc.property(
      figures,
      ({ daysSinceLastOrder, extraTenure, repeatOrders, averageSpend, percentile }) => {
        const tenure =
          daysSinceLastOrder + (repeatOrders > 0 ? Math.max(extraTenure, repeatOrders) : 0);
        const { drivers } = explainCustomer({
          ...frequentBuyer,
          daysSinceLastOrder,
          daysSinceFirstOrder: tenure,
          repeatOrders,
          typicalGapDays: repeatOrders > 0 ? (tenure - daysSinceLastOrder) / repeatOrders : null,
          averageSpend,
          shareWithFewerOrders: percentile,
          shareSpendingLess: 100 - percentile,
          propensity: { horizonDays: 90, probability: percentile / 100, percentile },
        });
        const factors = drivers.map((d) => d.factor);
        expect(new Set(factors).size).toBe(factors.length);
        for (const d of drivers) expect(d.text).toMatch(/\d|today/);
        if (repeatOrders === 0)
          expect(
            drivers.some(
              (d) =>
                d.text.includes('only one order is known') ||
                d.text.startsWith('Only one order is known'),
            ),
          ).toBe(true);
      },
    ),
  );
});

test('an order on the scoring day is today, a single repeat order is once', () => {
  const { drivers } = explainCustomer({
    ...frequentBuyer,
    daysSinceLastOrder: 0,
    daysSinceFirstOrder: 30,
    repeatOrders: 1,
    typicalGapDays: 30,
    shareWithFewerOrders: undefined,
  });
  expect(drivers.map((d) => d.text)).toEqual([
    'Last ordered today, within their usual 30 days between orders: still on their rhythm.',
    'Bought on 2 different days in 30 days, about once every 30 days.',
    'Spends €48.20 per purchase day on average, returns deducted, more than 81% of customers: that raises their predicted value.',
    'First ordered 30 days ago: a new customer, already back once.',
  ]);
  expect(
    explainCustomer({ ...oneTimeBuyer, daysSinceLastOrder: 0, daysSinceFirstOrder: 0 }).drivers[0]
      ?.text,
  ).toBe(
    'Only one order is known, placed today, and nothing since: that silence lowers the score.',
  );
});

test('a customer buying every day, a 1-day horizon and four-figure silences', () => {
  const daily = explainCustomer({
    ...frequentBuyer,
    daysSinceLastOrder: 1,
    daysSinceFirstOrder: 40,
    repeatOrders: 39,
    typicalGapDays: 1,
    shareWithFewerOrders: undefined,
    propensity: { horizonDays: 1, probability: 0.62, percentile: 99.9 },
  });
  expect(daily.drivers[0]?.text).toBe(
    'Last ordered 1 day ago, within their usual 1 day between orders: still on their rhythm.',
  );
  expect(daily.drivers[1]?.text).toBe('Bought on 40 different days in 40 days, about once a day.');
  expect(daily.headline).toMatch(/^62.0% likely to order in the next day \(99th percentile\);/);
  const long = explainCustomer({
    ...lapsedBuyer,
    daysSinceLastOrder: 1234,
    daysSinceFirstOrder: 2000,
  });
  expect(long.drivers[0]?.text).toBe(
    'Last ordered 1,234 days ago, 30× longer than their usual 41 days between orders: that is what lowers the score.',
  );
});

test('the extreme shares are said in words: nobody buys less often, nobody spends less', () => {
  const rarest = explainCustomer({
    ...lapsedBuyer,
    repeatOrders: 1,
    shareWithFewerOrders: 0,
    shareSpendingLess: 0,
  });
  expect(rarest.drivers[1]?.text).toBe(
    'Bought on 2 different days in 16 months: no customer bought less often.',
  );
  expect(rarest.drivers[2]?.text).toBe(
    'Spends €12.10 per purchase day on average, returns deducted; no customer spends less: that lowers their predicted value.',
  );
  const top = explainCustomer({ ...frequentBuyer, shareSpendingLess: 100 });
  expect(top.drivers[2]?.text).toBe(
    'Spends €48.20 per purchase day on average, returns deducted, more than any other customer: that raises their predicted value.',
  );
  const few = explainCustomer({ ...lapsedBuyer, repeatOrders: 1, shareWithFewerOrders: 1.5 });
  expect(few.drivers[1]?.text).toBe(
    'Bought on 2 different days in 16 months: only 1% of customers bought less often.',
  );
});

test('English is the default language', () => {
  for (const figures of [frequentBuyer, lapsedBuyer, oneTimeBuyer]) {
    expect(explainCustomer(figures, 'en')).toEqual(explainCustomer(figures));
  }
});

test('a silence just past the usual gap does not read as 1× it', () => {
  const [recency] = explainCustomer({
    ...frequentBuyer,
    daysSinceLastOrder: 28,
    typicalGapDays: 27,
  }).drivers;
  expect(recency).toEqual({
    factor: 'recency',
    direction: 'down',
    text: 'Last ordered 28 days ago, just past their usual 27 days between orders: slightly overdue.',
  });
});
