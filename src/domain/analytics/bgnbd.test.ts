import { describe, expect, test } from 'vitest';
import {
  bgnbdLogLikelihood,
  conditionalProbabilityOfPurchases,
  expectedPurchases,
  expectedPurchasesIfAlive,
  expectedPurchasesNewCustomer,
  fitBgNbd,
  medianTimeToNextPurchase,
  pAlive,
  pPurchaseIfAlive,
  prepareBgNbd,
  probabilityOfPurchases,
  propensity,
  type BgNbdParams,
} from './bgnbd.ts';
import { betaln, gammaln } from './special.ts';

const cdnow: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const others: BgNbdParams[] = [
  cdnow,
  { r: 1.5, alpha: 20, a: 2.5, b: 6 },
  { r: 0.6, alpha: 2, a: 0.3, b: 0.9 },
];

const customers = {
  unit: 'week' as const,
  x: [0, 0, 1, 2, 2, 5, 12, 0, 1],
  tx: [0, 0, 3.5, 30.43, 30.43, 20, 38, 0, 1],
  T: [38.86, 10, 38.86, 38.86, 38.86, 32, 38.5, 2, 1],
};

/** FHL eq. 6 written plainly (no logs tricks), for a handful of customers. */
function naiveLikelihood(p: BgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const common = Math.exp(gammaln(r + x) - gammaln(r) + r * Math.log(alpha));
  const first = Math.exp(betaln(a, b + x) - betaln(a, b)) * common * Math.pow(alpha + T, -(r + x));
  const second =
    x > 0
      ? Math.exp(betaln(a + 1, b + x - 1) - betaln(a, b)) * common * Math.pow(alpha + tx, -(r + x))
      : 0;
  return first + second;
}

describe('BG/NBD likelihood', () => {
  test.each(others)('equals FHL eq. 6 written plainly (%o)', (p) => {
    const d = prepareBgNbd(customers);
    let expected = 0;
    for (let i = 0; i < customers.x.length; i++) {
      expected += Math.log(naiveLikelihood(p, customers.x[i]!, customers.tx[i]!, customers.T[i]!));
    }
    expect(bgnbdLogLikelihood(d, p)).toBeCloseTo(expected, 10);
  });

  test.each(others)('has the gradient of its finite differences (%o)', (p) => {
    const d = prepareBgNbd(customers);
    const g = new Float64Array(4);
    bgnbdLogLikelihood(d, p, g);
    (['r', 'alpha', 'a', 'b'] as const).forEach((k, i) => {
      const h = 1e-6 * p[k];
      const up = bgnbdLogLikelihood(d, { ...p, [k]: p[k] + h });
      const down = bgnbdLogLikelihood(d, { ...p, [k]: p[k] - h });
      expect(g[i]).toBeCloseTo((up - down) / (2 * h), 5);
    });
  });

  test('groups repeat buyers with identical (x, t_x, T) and one-time buyers by T', () => {
    const d = prepareBgNbd(customers);
    expect(d.customers).toBe(9);
    expect(d.repeatCustomers).toBe(6);
    expect(d.rowWeight.length).toBe(5); // the two (2, 30.43, 38.86) customers share a row
    expect(Array.from(d.zeroByT).reduce((a, b) => a + b, 0)).toBe(3);
  });

  test('refuses summaries that cannot be', () => {
    expect(() => prepareBgNbd({ unit: 'week', x: [1.5], tx: [1], T: [2] })).toThrow(RangeError);
    expect(() => prepareBgNbd({ unit: 'week', x: [1], tx: [3], T: [2] })).toThrow(RangeError);
    expect(() => prepareBgNbd({ unit: 'week', x: [0], tx: [1], T: [2] })).toThrow(RangeError);
    expect(() => fitBgNbd({ unit: 'week', x: [0, 0], tx: [0, 0], T: [3, 4] })).toThrow(/repeat/);
  });
});

describe('BG/NBD predictions', () => {
  test('P(alive) is 1 for a one-time buyer, whatever their silence: hence not a churn score', () => {
    for (const T of [1, 10, 100]) expect(pAlive(cdnow, 0, 0, T)).toBe(1);
    // …while the propensity to buy in the next 90 days (12.86 weeks) keeps falling.
    const h = 90 / 7;
    expect(propensity(cdnow, h, 0, 0, 100)).toBeLessThan(propensity(cdnow, h, 0, 0, 10));
    expect(propensity(cdnow, h, 0, 0, 10)).toBeLessThan(propensity(cdnow, h, 0, 0, 1));
  });

  test('P(alive) falls as the silence since the last purchase grows, and rises with recency', () => {
    expect(pAlive(cdnow, 3, 10, 30)).toBeLessThan(pAlive(cdnow, 3, 10, 20));
    expect(pAlive(cdnow, 3, 25, 30)).toBeGreaterThan(pAlive(cdnow, 3, 10, 30));
    // Bought today: 1 / (1 + a/(b+x−1)), the chance of not having dropped out after that purchase.
    expect(pAlive(cdnow, 3, 30, 30)).toBeCloseTo(1 / (1 + cdnow.a / (cdnow.b + 2)), 14);
  });

  test('P(alive) equals FHL’s closed form', () => {
    const { r, alpha, a, b } = cdnow;
    const [x, tx, T] = [4, 12, 30];
    const expected = 1 / (1 + (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x));
    expect(pAlive(cdnow, x, tx, T)).toBeCloseTo(expected, 14);
  });

  test('propensity = P(alive) × P(≥ 1 purchase | alive), below P(alive), rising with the horizon', () => {
    const [x, tx, T] = [2, 20, 38];
    const p30 = propensity(cdnow, 30 / 7, x, tx, T);
    const p90 = propensity(cdnow, 90 / 7, x, tx, T);
    expect(p30).toBeLessThan(p90);
    expect(p90).toBeLessThan(pAlive(cdnow, x, tx, T));
    expect(p90).toBeCloseTo(pAlive(cdnow, x, tx, T) * pPurchaseIfAlive(cdnow, 90 / 7, x, T), 14);
    // It is 1 − P(no purchase in h | history) from the conditional PMF.
    expect(p90).toBeCloseTo(1 - conditionalProbabilityOfPurchases(cdnow, 0, 90 / 7, x, tx, T), 12);
  });

  test.each(others)('P(X(t) = n) sums to 1 and its mean is E[X(t)] (eqs. 8 and 9) (%o)', (p) => {
    for (const t of [1, 10, 39, 200]) {
      let total = 0;
      let mean = 0;
      for (let n = 0; n < 3000; n++) {
        const pn = probabilityOfPurchases(p, n, t);
        expect(pn).toBeGreaterThanOrEqual(-1e-15);
        total += pn;
        mean += n * pn;
      }
      expect(total).toBeCloseTo(1, 8);
      expect(mean).toBeCloseTo(expectedPurchasesNewCustomer(p, t), 6);
    }
  });

  test.each(others)(
    'the conditional PMF sums to 1 and its mean is E[Y(t) | x, t_x, T] (eq. 10) (%o)',
    (p) => {
      for (const [x, tx, T] of [
        [0, 0, 30],
        [2, 30.43, 38.86],
        [7, 20, 39],
        [30, 50, 52],
      ] as const) {
        for (const t of [4, 39, 150]) {
          let total = 0;
          let mean = 0;
          for (let n = 0; n < 4000; n++) {
            const pn = conditionalProbabilityOfPurchases(p, n, t, x, tx, T);
            total += pn;
            mean += n * pn;
          }
          expect(total).toBeCloseTo(1, 8);
          expect(mean).toBeCloseTo(expectedPurchases(p, t, x, tx, T), 6);
        }
      }
    },
  );

  test('expected purchases if alive: the Pfaff series and the ₂F₁ path meet at t = (α + T)/2', () => {
    const [x, T] = [6, 20];
    const half = (cdnow.alpha + T) / 2;
    const below = expectedPurchasesIfAlive(cdnow, half, x, T);
    const above = expectedPurchasesIfAlive(cdnow, half * (1 + 1e-12), x, T);
    expect(Math.abs(above - below) / below).toBeLessThan(1e-9);
  });

  test('expected purchases rise with the horizon and stay finite for very frequent buyers', () => {
    let prev = 0;
    for (const t of [1, 5, 20, 52, 200, 2000]) {
      const e = expectedPurchases(cdnow, t, 3, 30, 38);
      expect(e).toBeGreaterThan(prev);
      prev = e;
    }
    const heavy = expectedPurchases(cdnow, 52, 3000, 38.5, 38.5); // ~78 a week, bought today
    expect(Number.isFinite(heavy)).toBe(true);
    expect(heavy).toBeGreaterThan(1000);
  });

  test('the median time to the next purchase halves the chance of none (if alive)', () => {
    const [x, T] = [3, 25];
    const s = medianTimeToNextPurchase(cdnow, x, T);
    expect(1 - pPurchaseIfAlive(cdnow, s, x, T)).toBeCloseTo(0.5, 12);
    expect(medianTimeToNextPurchase(cdnow, 10, T)).toBeLessThan(s);
  });

  test('a = 1 is handled (the formula’s removable singularity)', () => {
    const p = { ...cdnow, a: 1 };
    const e = expectedPurchasesNewCustomer(p, 39);
    const near = expectedPurchasesNewCustomer({ ...cdnow, a: 1 + 1e-5 }, 39);
    expect(Math.abs(e - near) / near).toBeLessThan(1e-3);
  });
});
