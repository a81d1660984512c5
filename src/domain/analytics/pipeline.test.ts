import { describe, expect, test } from 'vitest';
// eslint-disable-next-line tact/boundaries -- a data file read as text, not code from another layer
import sampleText from '../../../bench/data/cdnow/CDNOW_sample.txt?raw';
import { explainCustomer } from './explain.ts';
import { fitAndValidate, scoreCustomerBase, TooLittleDataError } from './pipeline.ts';
import { simulateTransactions } from './simulate.ts';
import { indexTransactions, summariseColumns, type IndexedTransactions } from './summary.ts';
import { createTransactionsReader } from './transactions-csv.ts';

function cdnow(): IndexedTransactions {
  const reader = createTransactionsReader({ format: 'cdnow' });
  for (const line of sampleText.split('\n')) reader.readLine(line);
  return reader.finishColumns();
}

describe('fitAndValidate on the raw CDNOW sample', () => {
  const fit = fitAndValidate(cdnow(), {
    calibrationEnd: '1997-09-30',
    holdoutEnd: '1998-06-30',
    unit: 'week',
  });

  test('the card holds the published fit', () => {
    const { r, alpha, a, b } = fit.card.bgNbd.parameters;
    expect(r).toBeCloseTo(0.243, 3);
    expect(alpha).toBeCloseTo(4.414, 2);
    expect(a).toBeCloseTo(0.793, 3);
    expect(b).toBeCloseTo(2.426, 2);
    expect(fit.card.bgNbd.logLikelihood).toBeCloseTo(-9582.4, 1);
    expect(fit.card.gammaGamma?.parameters.p).toBeCloseTo(6.25, 1);
    expect(fit.card.customers).toBe(2357);
  });

  test('and the holdout figures of that fit', () => {
    const holdout = fit.card.holdout;
    expect(holdout?.reliability.rows.map((r) => r.label)).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7+',
    ]);
    expect(holdout?.reliability.totals.customers).toBe(2357);
    expect(holdout?.reliability.totals.actual).toBe(1882);
    // 39 holdout weeks: the model predicts 1,653 repeat purchase days where 1,882 happened (it
    // under-predicts the customers with x = 1 and 2, as FHL's figure 4 shows).
    expect(holdout?.reliability.totals.predicted).toBeCloseTo(1653.4, 0);
    expect(holdout?.auc).toBeGreaterThan(0.75);
    expect(holdout?.brier).toBeGreaterThan(0);
    expect(holdout?.calibrationByDecile).toHaveLength(10);
    expect(holdout?.propensityHorizonDays).toBe(273);
  });

  test('without a holdout end there are no holdout figures', () => {
    const plain = fitAndValidate(cdnow(), { calibrationEnd: '1997-09-30', unit: 'week' });
    expect(plain.card.holdout).toBeNull();
    expect(plain.card.bgNbd.parameters.r).toBeCloseTo(0.243, 3);
  });
});

describe('scoreCustomerBase', () => {
  const rows = simulateTransactions(
    { r: 0.6, alpha: 40, a: 0.8, b: 2.5 },
    { p: 6, q: 4, gamma: 15 },
    {
      customers: 3000,
      seed: 7,
      start: '2024-01-01',
      calibrationEnd: '2025-06-30',
      end: '2026-06-30',
    },
  );
  const ticks = [0];
  const base = scoreCustomerBase(indexTransactions(rows), {
    asOf: '2026-06-30',
    currency: 'EUR',
    fittedAt: '2026-07-01T00:00:00.000Z',
    clock: () => (ticks[0] = (ticks[0] ?? 0) + 1),
  });

  test('scores every customer with a purchase, from a fit on all the data', () => {
    const buyers = summariseColumns(rows, { calibrationEnd: '2026-06-30', unit: 'week' });
    expect(base.summary.customerIds).toEqual(buyers.customerIds);
    expect(base.scores.customerIds).toHaveLength(buyers.customerIds.length);
    expect(base.card.dataWindow.calibrationEnd).toBe('2026-06-30');
    expect(base.card.fittedAt).toBe('2026-07-01T00:00:00.000Z');
    for (let i = 0; i < 50; i += 1) {
      const p30 = base.scores.horizons[0]?.propensity[i] ?? -1;
      expect(p30).toBeGreaterThanOrEqual(0);
      expect(p30).toBeLessThanOrEqual(1);
      expect(explainCustomer(base.figures(i)).headline).not.toBe('');
      expect(base.index.get(base.summary.customerIds[i] ?? '')).toBe(i);
    }
    expect(base.rfm.scored).toBe(buyers.customerIds.length);
  });

  test('the card carries holdout figures from a fit that stopped 26 weeks earlier', () => {
    expect(base.card.holdout?.holdoutEnd).toBe('2026-06-30');
    expect(base.card.holdout?.holdoutLength).toBe(26);
    expect(base.card.holdout?.auc).toBeGreaterThan(0.6);
  });

  test('a handful of customers gets no scores, and says why', () => {
    const few = simulateTransactions(
      { r: 0.6, alpha: 40, a: 0.8, b: 2.5 },
      { p: 6, q: 4, gamma: 15 },
      {
        customers: 40,
        seed: 3,
        start: '2024-01-01',
        calibrationEnd: '2025-06-30',
        end: '2026-06-30',
      },
    );
    expect(() => scoreCustomerBase(indexTransactions(few), { asOf: '2026-06-30' })).toThrow(
      /too little data to score: \d+ customers with an order/,
    );
    // The counts travel with the error, so that the app can say it in the user's language.
    const error = (() => {
      try {
        scoreCustomerBase(indexTransactions(few), { asOf: '2026-06-30' });
      } catch (thrown: unknown) {
        return thrown;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(TooLittleDataError);
    expect(error).toBeInstanceOf(RangeError);
    expect(error).toMatchObject({ customers: 40 });
    expect((error as TooLittleDataError).repeatCustomers).toBeLessThan(40);
  });

  test('every stage was timed', () => {
    expect(Object.values(base.times).every((t) => t > 0)).toBe(true);
  });
});
