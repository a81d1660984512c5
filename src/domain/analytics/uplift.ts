// Whether a campaign changed anything, measured against its holdout (the recipients drawn at random
// and not sent it): the difference in conversion rate with Newcombe's hybrid score interval (his
// method 10: each rate's Wilson interval, combined; good coverage at the small rates and small
// holdouts campaigns have, where the Wald interval fails), and the difference in revenue per
// recipient with Welch's interval (unequal variances, Welch–Satterthwaite degrees of freedom).
// A difference is "too small to conclude" when its interval spans zero or the holdout is under
// MIN_HOLDOUT recipients. See docs/decisions/028-uplift-intervals.md.
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** The two-sided 95 % normal quantile, Φ⁻¹(0.975). */
export const Z_95 = 1.959963984540054;

/** Under this many holdout recipients an uplift is never called: too few to say anything. */
export const MIN_HOLDOUT = 100;

/** How many of `n` recipients converted. */
export interface Proportion {
  successes: number;
  n: number;
}

/** A sample's size, mean and (n − 1) variance. */
export interface MeanSample {
  n: number;
  mean: number;
  variance: number;
}

export interface Interval {
  /** The point estimate: treated minus holdout. */
  estimate: number;
  low: number;
  high: number;
}

/** Wilson's score interval for one proportion; null without a recipient. */
export function wilsonInterval(p: Proportion, z = Z_95): { low: number; high: number } | null {
  const { successes: x, n } = p;
  if (!(n > 0) || x < 0 || x > n) return null;
  const rate = x / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (rate + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((rate * (1 - rate)) / n + z2 / (4 * n * n))) / denominator;
  // Exact at the ends (the bounds are 0 and 1 there, which rounding misses by a hair).
  return {
    low: x === 0 ? 0 : Math.max(0, centre - half),
    high: x === n ? 1 : Math.min(1, centre + half),
  };
}

/**
 * The treated rate minus the holdout rate with Newcombe's hybrid score interval (95 % unless `z`
 * says otherwise); null when either group is empty.
 */
export function newcombeDifference(
  treated: Proportion,
  holdout: Proportion,
  z = Z_95,
): Interval | null {
  const a = wilsonInterval(treated, z);
  const b = wilsonInterval(holdout, z);
  if (a === null || b === null) return null;
  const p1 = treated.successes / treated.n;
  const p2 = holdout.successes / holdout.n;
  const estimate = p1 - p2;
  return {
    estimate,
    low: estimate - Math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2),
    high: estimate + Math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2),
  };
}

/** A sample's size, mean and (n − 1) variance, in one pass (Welford). */
export function meanSample(values: Iterable<number>): MeanSample {
  let n = 0;
  let mean = 0;
  let squares = 0;
  for (const v of values) {
    n += 1;
    const delta = v - mean;
    mean += delta / n;
    squares += delta * (v - mean);
  }
  return { n, mean: n > 0 ? mean : 0, variance: n > 1 ? squares / (n - 1) : 0 };
}

/**
 * The treated mean minus the holdout mean with Welch's interval at `confidence` (two-sided), and
 * its degrees of freedom; null when a group has fewer than two recipients. Two samples without
 * any spread give the difference itself as the interval.
 */
export function welchDifference(
  treated: MeanSample,
  holdout: MeanSample,
  confidence = 0.95,
): (Interval & { df: number }) | null {
  if (treated.n < 2 || holdout.n < 2) return null;
  const estimate = treated.mean - holdout.mean;
  const v1 = treated.variance / treated.n;
  const v2 = holdout.variance / holdout.n;
  const se2 = v1 + v2;
  if (!(se2 > 0)) return { estimate, low: estimate, high: estimate, df: Infinity };
  const df = (se2 * se2) / ((v1 * v1) / (treated.n - 1) + (v2 * v2) / (holdout.n - 1));
  const t = tQuantile(1 - (1 - confidence) / 2, df);
  const half = t * Math.sqrt(se2);
  return { estimate, low: estimate - half, high: estimate + half, df };
}

export type UpliftVerdict =
  /** The interval lies above zero. */
  | 'up'
  /** The interval lies below zero. */
  | 'down'
  /** The interval spans zero, or the holdout is under MIN_HOLDOUT. */
  | 'too_small';

/** What an interval lets a marketer conclude, given the holdout's size. */
export function upliftVerdict(interval: Interval | null, holdoutSize: number): UpliftVerdict {
  if (interval === null || holdoutSize < MIN_HOLDOUT) return 'too_small';
  if (interval.low > 0) return 'up';
  if (interval.high < 0) return 'down';
  return 'too_small';
}
