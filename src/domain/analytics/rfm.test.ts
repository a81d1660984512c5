import { expect, test } from 'vitest';
import fc from 'fast-check';
import {
  RFM_CELLS,
  quantileGroups,
  sharesBelow,
  rfmCell,
  scoreRfm,
  type RfmCell,
  type RfmFigures,
  type RfmScoreValue,
} from './rfm.ts';

const SCORES: RfmScoreValue[] = [1, 2, 3, 4, 5];

test.each<[RfmScoreValue, RfmScoreValue, RfmCell]>([
  [5, 5, 'champions'],
  [5, 4, 'champions'],
  [4, 5, 'loyal_customers'],
  [3, 4, 'loyal_customers'],
  [4, 4, 'loyal_customers'],
  [5, 3, 'potential_loyalists'],
  [4, 2, 'potential_loyalists'],
  [5, 1, 'new_customers'],
  [4, 1, 'promising'],
  [3, 3, 'need_attention'],
  [3, 2, 'about_to_sleep'],
  [3, 1, 'about_to_sleep'],
  [2, 4, 'at_risk'],
  [1, 3, 'at_risk'],
  [1, 5, 'cant_lose_them'],
  [2, 5, 'cant_lose_them'],
  [2, 2, 'hibernating'],
  [2, 1, 'hibernating'],
  [1, 2, 'hibernating'],
  [1, 1, 'lost'],
])('R%i F%i is %s', (r, f, cell) => {
  expect(rfmCell(r, f)).toBe(cell);
});

test('every one of the 25 R/F pairs has a cell and every cell is used', () => {
  const used = new Set(SCORES.flatMap((r) => SCORES.map((f) => rfmCell(r, f))));
  expect([...used].sort()).toEqual([...RFM_CELLS].sort());
});

test('distinct values fill the five quintiles equally, best values score 5', () => {
  expect([...quantileGroups([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 5)]).toEqual([
    1, 1, 2, 2, 3, 3, 4, 4, 5, 5,
  ]);
  expect([...quantileGroups([10, 20, 30, 40, 50], 5, { lowerIsBetter: true })]).toEqual([
    5, 4, 3, 2, 1,
  ]);
});

test('a tie takes the quintile of its worst position, so one-time buyers all score F1', () => {
  // Six of ten bought once: positions 0–5 tie, the tie starts at position 0 → quintile 1.
  expect([...quantileGroups([1, 1, 1, 1, 1, 1, 2, 3, 3, 9], 5)]).toEqual([
    1, 1, 1, 1, 1, 1, 4, 4, 4, 5,
  ]);
  expect([...quantileGroups([7, 7, 7], 5)]).toEqual([1, 1, 1]);
});

test('only members are ranked; others get 0', () => {
  expect([...quantileGroups([5, 100, 1, 3], 2, { members: [0, 2, 3] })]).toEqual([2, 0, 1, 1]);
});

test('a non-finite value is refused with its position', () => {
  expect(() => quantileGroups([1, Number.NaN], 5)).toThrow(/position 1/);
});

test('quantile groups do not depend on the input order', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 40 }),
      fc.integer({ min: 1, max: 10 }),
      (values, groups) => {
        const reversed = [...values].reverse();
        const a = quantileGroups(values, groups);
        const b = quantileGroups(reversed, groups);
        expect([...a]).toEqual([...b].reverse());
        // Monotone: a higher value never sits in a lower group; equal values share one.
        for (let i = 0; i < values.length; i += 1) {
          for (let j = 0; j < values.length; j += 1) {
            if (values[i]! < values[j]!) expect(a[i]!).toBeLessThanOrEqual(a[j]!);
            if (values[i] === values[j]) expect(a[i]).toBe(a[j]);
          }
          expect(a[i]).toBeGreaterThanOrEqual(1);
          expect(a[i]).toBeLessThanOrEqual(groups);
        }
        expect(Math.min(...a)).toBe(1);
      },
    ),
  );
});

test('with distinct values every group holds n / groups members, ±1', () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.double({ noNaN: true, noDefaultInfinity: true }), {
        minLength: 5,
        maxLength: 60,
        // 0 and -0 are one value to a ranking.
        comparator: 'SameValueZero',
      }),
      (values) => {
        const groups = quantileGroups(values, 5);
        for (const g of SCORES) {
          const size = [...groups].filter((x) => x === g).length;
          expect(Math.abs(size - values.length / 5)).toBeLessThan(1);
        }
      },
    ),
  );
});

const customers: RfmFigures[] = [
  { recencyDays: 3, frequency: 12, monetary: 80 }, // 0: recent, frequent, big
  { recencyDays: 400, frequency: 1, monetary: 15 }, // 1: long gone, one order
  { recencyDays: 10, frequency: 1, monetary: 30 }, // 2: new
  { recencyDays: 350, frequency: 9, monetary: 60 }, // 3: was frequent, gone quiet
  { recencyDays: 120, frequency: 3, monetary: 25 }, // 4
  { recencyDays: 0, frequency: 0, monetary: 0 }, // 5: never bought
];

test('scores customers who bought, names their cells, and leaves non-buyers out', () => {
  const result = scoreRfm(customers);
  expect(result.scores.map((s) => s && `${s.code} ${s.cell}`)).toEqual([
    '555 champions',
    '111 lost',
    '413 promising',
    '244 at_risk',
    '332 need_attention',
    null,
  ]);
  expect(result.scored).toBe(5);
  expect(result.unscored).toBe(1);
  expect(result.cellCounts).toMatchObject({
    champions: 1,
    lost: 1,
    promising: 1,
    at_risk: 1,
    need_attention: 1,
    hibernating: 0,
  });
  expect(result.grid).toEqual([
    [1, 0, 0, 0, 0],
    [0, 0, 0, 1, 0],
    [0, 0, 1, 0, 0],
    [1, 0, 0, 0, 0],
    [0, 0, 0, 0, 1],
  ]);
});

test('columns give the same scores as rows', () => {
  const columns = {
    recencyDays: customers.map((c) => c.recencyDays),
    frequency: Int32Array.from(customers, (c) => c.frequency),
    monetary: Float64Array.from(customers, (c) => c.monetary),
  };
  expect(scoreRfm(columns)).toEqual(scoreRfm(customers));
});

test('columns of different lengths and negative frequencies are refused', () => {
  expect(() => scoreRfm({ recencyDays: [1], frequency: [1, 2], monetary: [1] })).toThrow(
    /differ in length/,
  );
  expect(() => scoreRfm([{ recencyDays: 1, frequency: -1, monetary: 1 }])).toThrow(/frequency -1/);
});

test('cell counts add up to the customers scored', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          recencyDays: fc.integer({ min: 0, max: 700 }),
          frequency: fc.integer({ min: 0, max: 20 }),
          monetary: fc.double({ min: 0, max: 500, noNaN: true }),
        }),
        { maxLength: 50 },
      ),
      (rows) => {
        const result = scoreRfm(rows);
        const total = Object.values(result.cellCounts).reduce((a, b) => a + b, 0);
        expect(total).toBe(rows.filter((r) => r.frequency > 0).length);
        expect(result.grid.flat().reduce((a, b) => a + b, 0)).toBe(total);
        expect(result.scores.filter((s) => s === null)).toHaveLength(result.unscored);
      },
    ),
  );
});

test('shares below: ties share the share of customers strictly below them', () => {
  expect([...sharesBelow([0, 0, 0, 1, 3])]).toEqual([0, 0, 0, 60, 80]);
  expect([...sharesBelow([])]).toEqual([]);
});
