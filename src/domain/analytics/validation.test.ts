import { expect, test } from 'vitest';
import fc from 'fast-check';
import { auc, brierScore, calibrationByDecile, reliabilityTable } from './validation.ts';

test('reliability table groups customers by calibration frequency 0…6 and 7+', () => {
  const table = reliabilityTable([0, 0, 1, 7, 9, 2], [0.1, 0.3, 0.5, 3, 5, 1], [0, 1, 1, 2, 6, 0]);
  expect(table.rows.map((r) => r.label)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
  expect(table.rows[0]).toEqual({
    calibrationFrequency: 0,
    label: '0',
    customers: 2,
    meanPredicted: 0.2,
    meanActual: 0.5,
  });
  expect(table.rows[1]).toMatchObject({ customers: 1, meanPredicted: 0.5, meanActual: 1 });
  expect(table.rows[2]).toMatchObject({ customers: 1, meanPredicted: 1, meanActual: 0 });
  expect(table.rows[4]).toMatchObject({ customers: 0, meanPredicted: null, meanActual: null });
  expect(table.rows[7]).toMatchObject({ customers: 2, meanPredicted: 4, meanActual: 4 });
  expect(table.totals.customers).toBe(6);
  expect(table.totals.predicted).toBeCloseTo(9.9, 12);
  expect(table.totals.actual).toBe(10);
});

test('the last row of the reliability table can be moved', () => {
  const table = reliabilityTable([0, 3, 5], [1, 1, 1], [0, 1, 2], { lastRow: 3 });
  expect(table.rows.map((r) => [r.label, r.customers])).toEqual([
    ['0', 1],
    ['1', 0],
    ['2', 0],
    ['3+', 2],
  ]);
});

test.each([
  ['arrays of different lengths', () => reliabilityTable([0], [1, 2], [1]), /differ in length/],
  ['a fractional frequency', () => reliabilityTable([1.5], [1], [1]), /position 0 is 1.5/],
  ['a NaN prediction', () => reliabilityTable([1], [Number.NaN], [1]), /Prediction at position 0/],
  ['an outcome of 2', () => auc([0.1, 0.2], [1, 2]), /Outcome at position 1 is 2/],
  ['a probability above 1', () => brierScore([1.2], [1]), /expected 0 to 1/],
])('refuses %s with the position', (_, run, message) => {
  expect(run).toThrow(message);
});

test.each<[string, number[], (0 | 1)[], number]>([
  ['the classic four-point example', [0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], 0.75],
  [
    'a tie between a buyer and non-buyers counts one half',
    [0.5, 0.5, 0.5, 0.9],
    [1, 0, 0, 1],
    0.75,
  ],
  ['a perfect ranking', [0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1], 1],
  ['a reversed ranking', [0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1], 0],
  ['a constant score', [0.3, 0.3, 0.3, 0.3, 0.3], [0, 1, 0, 1, 1], 0.5],
])('AUC of %s', (_, score, outcomes, expected) => {
  expect(auc(score, outcomes)).toBeCloseTo(expected, 12);
});

test('AUC is undefined when everyone bought or nobody did', () => {
  expect(auc([0.1, 0.2], [1, 1])).toBeNull();
  expect(auc([0.1, 0.2], [false, false])).toBeNull();
  expect(auc([], [])).toBeNull();
});

const scoredOutcomes = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 8 }), fc.boolean()), { minLength: 1, maxLength: 60 })
  .map((pairs) => ({ score: pairs.map(([s]) => s / 8), outcomes: pairs.map(([, y]) => y) }));

test('AUC equals the share of buyer/non-buyer pairs ranked right, ties one half', () => {
  fc.assert(
    fc.property(scoredOutcomes, ({ score, outcomes }) => {
      let wins = 0;
      let pairs = 0;
      score.forEach((s, i) => {
        if (!outcomes[i]) return;
        score.forEach((t, j) => {
          if (outcomes[j]) return;
          pairs += 1;
          wins += s > t ? 1 : s === t ? 0.5 : 0;
        });
      });
      const value = auc(score, outcomes);
      if (pairs === 0) expect(value).toBeNull();
      else expect(value).toBeCloseTo(wins / pairs, 12);
    }),
  );
});

test('AUC of a score and its mirror add up to 1, and a monotone transform changes nothing', () => {
  fc.assert(
    fc.property(scoredOutcomes, ({ score, outcomes }) => {
      const value = auc(score, outcomes);
      if (value === null) return;
      expect(
        value +
          auc(
            score.map((s) => -s),
            outcomes,
          )!,
      ).toBeCloseTo(1, 12);
      expect(
        auc(
          score.map((s) => Math.exp(3 * s)),
          outcomes,
        ),
      ).toBeCloseTo(value, 12);
    }),
  );
});

test('Brier score by hand, of a perfect forecast, and of a coin toss', () => {
  expect(brierScore([0.9, 0.2], [1, 0])).toBeCloseTo(0.025, 12);
  expect(brierScore([1, 0, 1], [true, false, true])).toBe(0);
  expect(brierScore([0.5, 0.5], [1, 0])).toBe(0.25);
  expect(brierScore([], [])).toBeNull();
});

test('Brier score stays between 0 and 1', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean()), {
        minLength: 1,
      }),
      (pairs) => {
        const value = brierScore(
          pairs.map(([p]) => p),
          pairs.map(([, y]) => y),
        )!;
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      },
    ),
  );
});

test('calibration by decile: twenty distinct scores make ten bins of two', () => {
  const score = Array.from({ length: 20 }, (_, i) => (i + 1) / 20);
  const outcomes = score.map((_, i) => (i % 4 === 3 ? 1 : 0));
  const bins = calibrationByDecile(score, outcomes);
  expect(bins).toHaveLength(10);
  expect(bins[0]).toEqual({
    decile: 1,
    customers: 2,
    minScore: 0.05,
    maxScore: 0.1,
    meanPredicted: expect.closeTo(0.075, 12) as number,
    observedRate: 0,
  });
  expect(bins[1]).toMatchObject({ customers: 2, observedRate: 0.5 });
  expect(bins[9]).toMatchObject({ customers: 2, minScore: 0.95, maxScore: 1, observedRate: 0.5 });
});

test('a tie bigger than a decile stays in one bin and leaves the next ones empty', () => {
  const bins = calibrationByDecile(
    [0, 0, 0, 0, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
    [0, 0, 1, 0, 1, 1, 1, 1, 1, 1],
  );
  expect(bins.map((b) => b.customers)).toEqual([4, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
  expect(bins[0]).toMatchObject({ meanPredicted: 0, observedRate: 0.25 });
  expect(bins[1]).toMatchObject({ meanPredicted: null, observedRate: null, minScore: null });
});

test('calibration bins hold every customer and keep the overall rate', () => {
  fc.assert(
    fc.property(scoredOutcomes, ({ score, outcomes }) => {
      const bins = calibrationByDecile(score, outcomes);
      const customers = bins.reduce((sum, b) => sum + b.customers, 0);
      const buyers = bins.reduce((sum, b) => sum + (b.observedRate ?? 0) * b.customers, 0);
      expect(customers).toBe(score.length);
      expect(buyers).toBeCloseTo(outcomes.filter(Boolean).length, 9);
      // Bins are ordered: each one's scores sit above the previous one's.
      const filled = bins.filter((b) => b.customers > 0);
      for (let i = 1; i < filled.length; i += 1) {
        expect(filled[i]!.minScore!).toBeGreaterThan(filled[i - 1]!.maxScore!);
      }
    }),
  );
});
