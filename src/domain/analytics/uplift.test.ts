import { describe, expect, test } from 'vitest';
import {
  MIN_HOLDOUT,
  Z_95,
  meanSample,
  newcombeDifference,
  upliftVerdict,
  welchDifference,
  wilsonInterval,
} from './uplift.ts';

/** A seeded uniform generator (mulberry32): the simulations are the same every run. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const binomial = (random: () => number, n: number, p: number) => {
  let x = 0;
  for (let i = 0; i < n; i += 1) if (random() < p) x += 1;
  return x;
};

describe('Wilson and Newcombe, against the published examples', () => {
  test('81 of 263: Wilson 0.2553 to 0.3662 (Newcombe 1998, single proportion)', () => {
    const w = wilsonInterval({ successes: 81, n: 263 });
    expect(w?.low).toBeCloseTo(0.2553, 4);
    expect(w?.high).toBeCloseTo(0.3662, 4);
  });

  test('0 of 10 and 10 of 10 stay within [0, 1]; no recipient, no interval', () => {
    const none = wilsonInterval({ successes: 0, n: 10 });
    expect(none?.low).toBe(0);
    expect(none?.high).toBeCloseTo(0.2775, 4);
    const all = wilsonInterval({ successes: 10, n: 10 });
    expect(all?.high).toBe(1);
    expect(all?.low).toBeCloseTo(0.7225, 4);
    expect(wilsonInterval({ successes: 0, n: 0 })).toBeNull();
    expect(wilsonInterval({ successes: 11, n: 10 })).toBeNull();
    expect(wilsonInterval({ successes: -1, n: 10 })).toBeNull();
  });

  test('56/70 − 48/80 = 0.2000 (0.0524 to 0.3339); 9/10 − 3/10 = 0.6 (0.1705 to 0.8090)', () => {
    const a = newcombeDifference({ successes: 56, n: 70 }, { successes: 48, n: 80 });
    expect(a?.estimate).toBeCloseTo(0.2, 10);
    expect(a?.low).toBeCloseTo(0.0524, 4);
    expect(a?.high).toBeCloseTo(0.3339, 4);
    const b = newcombeDifference({ successes: 9, n: 10 }, { successes: 3, n: 10 });
    expect(b?.estimate).toBeCloseTo(0.6, 10);
    expect(b?.low).toBeCloseTo(0.1705, 4);
    expect(b?.high).toBeCloseTo(0.809, 4);
    // Swapping the groups mirrors the interval.
    const swapped = newcombeDifference({ successes: 48, n: 80 }, { successes: 56, n: 70 });
    expect(swapped?.low).toBeCloseTo(-(a?.high ?? 0), 12);
    expect(swapped?.high).toBeCloseTo(-(a?.low ?? 0), 12);
    expect(newcombeDifference({ successes: 1, n: 10 }, { successes: 0, n: 0 })).toBeNull();
  });
});

describe('Welch', () => {
  test('the mean, the (n − 1) variance, in one pass', () => {
    expect(meanSample([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ n: 8, mean: 5, variance: 32 / 7 });
    expect(meanSample([])).toEqual({ n: 0, mean: 0, variance: 0 });
    expect(meanSample([3])).toEqual({ n: 1, mean: 3, variance: 0 });
  });

  test('a worked case: its degrees of freedom and its interval', () => {
    // n 10, mean 20, s² 16 against n 20, mean 15, s² 25: se² = 1.6 + 1.25 = 2.85,
    // df = 2.85² / (1.6²/9 + 1.25²/19) = 22.13…, t(0.975, 22.13) = 2.0729…
    const w = welchDifference({ n: 10, mean: 20, variance: 16 }, { n: 20, mean: 15, variance: 25 });
    expect(w?.estimate).toBe(5);
    expect(w?.df).toBeCloseTo(8.1225 / (2.56 / 9 + 1.5625 / 19), 10);
    const half = 5 - (w?.low ?? 0);
    expect(half / Math.sqrt(2.85)).toBeCloseTo(2.0729, 3);
    expect((w?.high ?? 0) - 5).toBeCloseTo(half, 12);
  });

  test('large samples come near the normal interval; too small a group has none', () => {
    const w = welchDifference(
      { n: 100_000, mean: 1, variance: 4 },
      { n: 100_000, mean: 0, variance: 4 },
    );
    expect(((w?.high ?? 0) - 1) / Math.sqrt(8 / 100_000)).toBeCloseTo(Z_95, 3);
    expect(welchDifference({ n: 1, mean: 1, variance: 0 }, { n: 10, mean: 0, variance: 1 })).toBe(
      null,
    );
    expect(welchDifference({ n: 5, mean: 2, variance: 0 }, { n: 5, mean: 1, variance: 0 })).toEqual(
      { estimate: 1, low: 1, high: 1, df: Infinity },
    );
  });
});

test('a verdict only from an interval clear of zero and a holdout of at least the minimum', () => {
  const up = { estimate: 0.02, low: 0.001, high: 0.04 };
  const down = { estimate: -0.02, low: -0.04, high: -0.001 };
  const spans = { estimate: 0.01, low: -0.001, high: 0.03 };
  expect(MIN_HOLDOUT).toBe(100);
  expect(upliftVerdict(up, 100)).toBe('up');
  expect(upliftVerdict(up, 99)).toBe('too_small');
  expect(upliftVerdict(down, 500)).toBe('down');
  expect(upliftVerdict(spans, 5_000)).toBe('too_small');
  expect(upliftVerdict({ estimate: 0, low: 0, high: 0.1 }, 500)).toBe('too_small');
  expect(upliftVerdict({ estimate: 0, low: -0.1, high: 0 }, 500)).toBe('too_small');
  expect(upliftVerdict(null, 500)).toBe('too_small');
});

describe('coverage over simulated campaigns with a known effect', () => {
  const CAMPAIGNS = 2_000;

  test(`Newcombe's interval holds the true difference in 93–97 % of ${CAMPAIGNS} campaigns`, () => {
    const random = generator(20261203);
    let covered = 0;
    let waldCovered = 0;
    for (let i = 0; i < CAMPAIGNS; i += 1) {
      // Campaign-sized: 1,000–5,000 sent, a 5–10 % holdout, 2–15 % ordering within 7 days, a
      // true effect between −3 and +5 points.
      const sent = 1_000 + Math.floor(random() * 4_000);
      const held = Math.max(MIN_HOLDOUT, Math.round(sent * (0.05 + random() * 0.05)));
      const base = 0.02 + random() * 0.13;
      const effect = -0.03 + random() * 0.08;
      const rate = Math.min(1, Math.max(0, base + effect));
      const treated = { successes: binomial(random, sent, rate), n: sent };
      const holdout = { successes: binomial(random, held, base), n: held };
      const interval = newcombeDifference(treated, holdout);
      const truth = rate - base;
      if (interval && interval.low <= truth && truth <= interval.high) covered += 1;
      // The Wald interval, for contrast: it undercovers at small holdout rates.
      const p1 = treated.successes / sent;
      const p2 = holdout.successes / held;
      const wald = Z_95 * Math.sqrt((p1 * (1 - p1)) / sent + (p2 * (1 - p2)) / held);
      if (Math.abs(p1 - p2 - truth) <= wald) waldCovered += 1;
    }
    const coverage = covered / CAMPAIGNS;
    expect(
      coverage,
      `Newcombe ${coverage}, Wald ${waldCovered / CAMPAIGNS}`,
    ).toBeGreaterThanOrEqual(0.93);
    expect(coverage).toBeLessThanOrEqual(0.97);
    expect(waldCovered).toBeLessThan(covered);
  });

  test(`Welch's interval on revenue per recipient holds the truth in 93–97 % of ${CAMPAIGNS} campaigns`, () => {
    const random = generator(7);
    let covered = 0;
    for (let i = 0; i < CAMPAIGNS; i += 1) {
      const sent = 2_000 + Math.floor(random() * 3_000);
      const held = Math.round(sent * 0.1);
      const base = 0.04 + random() * 0.08;
      const effect = -0.01 + random() * 0.04;
      // Revenue is 0 for most; a buyer spends 20–120 € uniformly (mean 70 €).
      const spend = () => 20 + random() * 100;
      const revenues = (n: number, p: number) =>
        Array.from({ length: n }, () => (random() < p ? spend() : 0));
      const treated = meanSample(revenues(sent, base + effect));
      const holdout = meanSample(revenues(held, base));
      const truth = 70 * effect;
      const interval = welchDifference(treated, holdout);
      if (interval && interval.low <= truth && truth <= interval.high) covered += 1;
    }
    const coverage = covered / CAMPAIGNS;
    expect(coverage).toBeGreaterThanOrEqual(0.93);
    expect(coverage).toBeLessThanOrEqual(0.97);
  });
});
