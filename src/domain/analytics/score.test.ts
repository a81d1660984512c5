import { describe, expect, test } from 'vitest';
import {
  expectedPurchases,
  medianTimeToNextPurchase,
  pAlive,
  propensity,
  type BgNbdFit,
} from './bgnbd.ts';
import { expectedSpend, type GammaGammaFit } from './gammagamma.ts';
import {
  CHURN_BANDS,
  churnBand,
  customerLifetimeValue,
  expectedNextOrderDate,
  percentiles,
  scoreCustomers,
} from './score.ts';

const bg: BgNbdFit = {
  model: 'bg/nbd',
  unit: 'week',
  params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  standardErrors: null,
  logLikelihood: 0,
  customers: 0,
  repeatCustomers: 0,
  iterations: 0,
  evaluations: 0,
  converged: true,
  message: '',
};
const gg: GammaGammaFit = {
  model: 'gamma-gamma',
  params: { p: 6.25, q: 3.74, gamma: 15.44 },
  standardErrors: null,
  logLikelihood: 0,
  customers: 0,
  skippedNonPositive: 0,
  iterations: 0,
  evaluations: 0,
  converged: true,
  message: '',
};

// A frequent recent buyer, a lapsed frequent buyer, a new one-time buyer, an old one-time buyer,
// and a second old one-time buyer identical to the fourth (ties share a percentile).
const input = {
  unit: 'week' as const,
  calibrationEnd: '1997-09-30',
  customerIds: ['frequent', 'lapsed', 'new', 'old', 'old-too'],
  x: [12, 6, 0, 0, 0],
  tx: [38, 10, 0, 0, 0],
  T: [38.5, 38.5, 1, 38.5, 38.5],
  m: [30, 45, 0, 0, 0],
};

describe('scoring a customer base', () => {
  const s = scoreCustomers(bg, gg, input);

  test('agrees customer by customer with the single-customer formulas', () => {
    const { params } = bg;
    for (let i = 0; i < input.x.length; i++) {
      const [x, tx, T] = [input.x[i]!, input.tx[i]!, input.T[i]!];
      expect(s.pAlive[i]).toBeCloseTo(pAlive(params, x, tx, T), 12);
      for (const h of s.horizons) {
        expect(h.propensity[i]).toBeCloseTo(propensity(params, h.horizonDays / 7, x, tx, T), 12);
        expect(h.expectedPurchases[i]).toBeCloseTo(
          expectedPurchases(params, h.horizonDays / 7, x, tx, T),
          10,
        );
      }
      expect(s.nextOrderMedianDays[i]).toBeCloseTo(7 * medianTimeToNextPurchase(params, x, T), 9);
      expect(s.expectedSpend[i]).toBeCloseTo(expectedSpend(gg.params, x, input.m[i]!), 12);
    }
    expect(s.horizons.map((h) => h.horizonDays)).toEqual([30, 90]);
    expect(s.unit).toBe('week');
    expect(s.asOf).toBe('1997-09-30');
  });

  test('ranks the frequent recent buyer first and sets the bands a marketer would expect', () => {
    const band = (i: number) => CHURN_BANDS[s.churnBand[i]!];
    expect(band(0)).toBe('low');
    expect(band(1)).toBe('high'); // six orders, then silent for 28 weeks
    expect(band(3)).toBe('high');
    const p90 = s.horizons[1]!;
    expect(p90.propensityPercentile[0]).toBe(100);
    expect(p90.propensityPercentile[3]).toBe(p90.propensityPercentile[4]);
    // Both old one-time buyers have P(alive) = 1, yet their churn risk is high.
    expect(s.pAlive[3]).toBe(1);
    expect(s.churnRisk[3]).toBeGreaterThan(0.8);
    expect(s.churnRisk[2]).toBeLessThan(s.churnRisk[3]!);
    expect(s.clv[0]).toBeGreaterThan(s.clv[1]!);
    expect(s.clvPercentile[0]).toBe(100);
  });

  test('the single-customer CLV is the one in the columns', () => {
    for (let i = 0; i < input.x.length; i++) {
      const customer = { x: input.x[i]!, tx: input.tx[i]!, T: input.T[i]!, m: input.m[i]! };
      expect(customerLifetimeValue(bg, gg, customer)).toBeCloseTo(s.clv[i]!, 10);
    }
  });

  test('CLV falls with the discount rate and grows with the horizon', () => {
    const base = scoreCustomers(bg, gg, input, { monthlyDiscountRate: 0.01 }).clv[0]!;
    const steep = scoreCustomers(bg, gg, input, { monthlyDiscountRate: 0.05 }).clv[0]!;
    const longer = scoreCustomers(bg, gg, input, { clvMonths: 24 }).clv[0]!;
    expect(steep).toBeLessThan(base);
    expect(longer).toBeGreaterThan(base);
    // Undiscounted, it is expected purchases over 360 days × expected spend.
    const flat = scoreCustomers(bg, gg, input, { monthlyDiscountRate: 0 }).clv[0]!;
    const { params } = bg;
    expect(flat).toBeCloseTo(
      expectedPurchases(params, 360 / 7, 12, 38, 38.5) * expectedSpend(gg.params, 12, 30),
      9,
    );
  });

  test('without Gamma-Gamma there is no spend or CLV, and the units must match', () => {
    const plain = scoreCustomers(bg, null, input);
    expect(Number.isNaN(plain.clv[0])).toBe(true);
    expect(() => scoreCustomers({ ...bg, unit: 'day' }, gg, input)).toThrow(/weeks|days/);
  });

  test('adds the churn horizon when it is not among the horizons', () => {
    const t = scoreCustomers(bg, gg, input, { horizonsDays: [30], churnHorizonDays: 60 });
    expect(t.horizons.map((h) => h.horizonDays)).toEqual([30, 60]);
    expect(t.churnRisk[0]).toBeCloseTo(1 - t.horizons[1]!.propensity[0]!, 14);
  });
});

describe('helpers', () => {
  test('churn bands cut at 0.5 and 0.8', () => {
    expect([0, 0.49, 0.5, 0.79, 0.8, 1].map(churnBand)).toEqual([
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
    ]);
  });

  test('percentiles: share of values at most each one, ties together, NaN apart', () => {
    const out = new Float64Array(6);
    percentiles([0.2, 0.9, 0.2, 5, Number.NaN, -1], out);
    expect(Array.from(out)).toEqual([60, 80, 60, 100, Number.NaN, 20]);
  });

  test('the expected next order is a date, or none past ten years', () => {
    expect(expectedNextOrderDate('1997-09-30', 2.4)).toBe('1997-10-02');
    expect(expectedNextOrderDate('1997-09-30', 5000)).toBeNull();
  });
});
