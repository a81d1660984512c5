/**
 * Holdout validation of a fitted model, over plain arrays: the reliability table of repeat
 * purchases by calibration frequency, the AUC and Brier score of a propensity against what
 * happened, and calibration by decile. Model-independent: any predictions can be checked.
 */
import { quantileGroups } from './rfm.ts';

/** What happened in the holdout period, per customer: 1/true (bought) or 0/false. */
export type Outcomes = ArrayLike<number | boolean>;

export interface ReliabilityRow {
  /** Repeat purchases in the calibration period; the last row holds this many or more. */
  readonly calibrationFrequency: number;
  /** "0", "1", …, "7+". */
  readonly label: string;
  readonly customers: number;
  /** Mean predicted holdout repeat purchases; null when the row has no customers. */
  readonly meanPredicted: number | null;
  /** Mean actual holdout repeat purchases; null when the row has no customers. */
  readonly meanActual: number | null;
}

export interface ReliabilityTable {
  readonly rows: readonly ReliabilityRow[];
  /** Sums over every customer: predicted against actual holdout repeat purchases. */
  readonly totals: {
    readonly customers: number;
    readonly predicted: number;
    readonly actual: number;
  };
}

export interface CalibrationBin {
  /** 1 holds the lowest scores, the last the highest (ties kept together: see quantileGroups). */
  readonly decile: number;
  readonly customers: number;
  readonly minScore: number | null;
  readonly maxScore: number | null;
  readonly meanPredicted: number | null;
  readonly observedRate: number | null;
}

function checkLengths(what: string, ...arrays: ArrayLike<unknown>[]): number {
  const n = arrays[0]?.length ?? 0;
  for (const a of arrays) {
    if (a.length !== n) {
      throw new RangeError(
        `${what}: arrays differ in length (${arrays.map((x) => x.length).join(' vs ')}).`,
      );
    }
  }
  return n;
}

function finite(what: string, values: ArrayLike<number>, i: number): number {
  const v = values[i];
  if (v === undefined || !Number.isFinite(v)) {
    throw new RangeError(`${what} at position ${i} is ${v}: expected a finite number.`);
  }
  return v;
}

function probability(what: string, values: ArrayLike<number>, i: number): number {
  const p = finite(what, values, i);
  if (p < 0 || p > 1) throw new RangeError(`${what} at position ${i} is ${p}: expected 0 to 1.`);
  return p;
}

function outcome(values: Outcomes, i: number): 0 | 1 {
  const v = values[i];
  if (v === true || v === 1) return 1;
  if (v === false || v === 0) return 0;
  throw new RangeError(`Outcome at position ${i} is ${String(v)}: expected 0, 1, true or false.`);
}

/**
 * Predicted against actual holdout repeat purchases, grouped by calibration repeat purchases
 * 0, 1, …, lastRow − 1 and lastRow+ (7+ by default), as in Fader, Hardie & Lee (2005), fig. 4.
 */
export function reliabilityTable(
  calibrationFrequency: ArrayLike<number>,
  predicted: ArrayLike<number>,
  actual: ArrayLike<number>,
  options: { lastRow?: number } = {},
): ReliabilityTable {
  const lastRow = options.lastRow ?? 7;
  if (!Number.isInteger(lastRow) || lastRow < 1) {
    throw new RangeError(`lastRow must be a positive integer, not ${lastRow}.`);
  }
  const n = checkLengths('Reliability table', calibrationFrequency, predicted, actual);
  const customers = new Float64Array(lastRow + 1);
  const sumPredicted = new Float64Array(lastRow + 1);
  const sumActual = new Float64Array(lastRow + 1);
  let totalPredicted = 0;
  let totalActual = 0;
  for (let i = 0; i < n; i += 1) {
    const x = finite('Calibration frequency', calibrationFrequency, i);
    if (x < 0 || !Number.isInteger(x)) {
      throw new RangeError(`Calibration frequency at position ${i} is ${x}: expected a count.`);
    }
    const p = finite('Prediction', predicted, i);
    const a = finite('Actual purchases', actual, i);
    const row = Math.min(x, lastRow);
    customers[row] = (customers[row] ?? 0) + 1;
    sumPredicted[row] = (sumPredicted[row] ?? 0) + p;
    sumActual[row] = (sumActual[row] ?? 0) + a;
    totalPredicted += p;
    totalActual += a;
  }
  const rows: ReliabilityRow[] = [];
  for (let row = 0; row <= lastRow; row += 1) {
    const count = customers[row] ?? 0;
    rows.push({
      calibrationFrequency: row,
      label: row === lastRow ? `${row}+` : String(row),
      customers: count,
      meanPredicted: count > 0 ? (sumPredicted[row] ?? 0) / count : null,
      meanActual: count > 0 ? (sumActual[row] ?? 0) / count : null,
    });
  }
  return { rows, totals: { customers: n, predicted: totalPredicted, actual: totalActual } };
}

/**
 * Area under the ROC curve of `score` against a binary outcome: the probability that a random
 * buyer scores above a random non-buyer, ties counting one half (Mann–Whitney U with mid-ranks).
 * O(n log n). Null when every outcome is the same (no pair to compare).
 */
export function auc(score: ArrayLike<number>, outcomes: Outcomes): number | null {
  const n = checkLengths('AUC', score, outcomes);
  let positives = 0;
  for (let i = 0; i < n; i += 1) {
    finite('Score', score, i);
    positives += outcome(outcomes, i);
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  const buyers = new Float64Array(positives);
  const others = new Float64Array(negatives);
  for (let i = 0, p = 0, q = 0; i < n; i += 1) {
    if (outcome(outcomes, i) === 1) buyers[p++] = score[i] ?? 0;
    else others[q++] = score[i] ?? 0;
  }
  buyers.sort();
  others.sort();
  // One walk over both sorted lists: each buyer wins against the non-buyers below it and half
  // wins against those tied with it (the Mann–Whitney U with mid-ranks).
  let u = 0;
  let below = 0;
  for (let p = 0; p < positives;) {
    const value = buyers[p] ?? 0;
    let tiedBuyers = 0;
    while (p < positives && buyers[p] === value) {
      tiedBuyers += 1;
      p += 1;
    }
    while (below < negatives && (others[below] ?? 0) < value) below += 1;
    let tied = below;
    while (tied < negatives && others[tied] === value) tied += 1;
    u += tiedBuyers * (below + (tied - below) / 2);
    below = tied;
  }
  return u / (positives * negatives);
}

/** Mean squared difference between a predicted probability and the 0/1 outcome; null if empty. */
export function brierScore(predicted: ArrayLike<number>, outcomes: Outcomes): number | null {
  const n = checkLengths('Brier score', predicted, outcomes);
  if (n === 0) return null;
  let sum = 0;
  for (let i = 0; i < n; i += 1) {
    const d = probability('Prediction', predicted, i) - outcome(outcomes, i);
    sum += d * d;
  }
  return sum / n;
}

/**
 * Mean predicted probability against the observed rate in each decile of the score (`groups`
 * bins, 10 by default). Every bin is listed, empty ones (a tie bigger than a decile) with nulls.
 */
export function calibrationByDecile(
  predicted: ArrayLike<number>,
  outcomes: Outcomes,
  options: { groups?: number } = {},
): CalibrationBin[] {
  const groups = options.groups ?? 10;
  const n = checkLengths('Calibration', predicted, outcomes);
  for (let i = 0; i < n; i += 1) probability('Prediction', predicted, i);
  const bin = quantileGroups(predicted, groups);
  const customers = new Float64Array(groups);
  const sumPredicted = new Float64Array(groups);
  const buyers = new Float64Array(groups);
  const min = new Float64Array(groups).fill(Number.POSITIVE_INFINITY);
  const max = new Float64Array(groups).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < n; i += 1) {
    const g = (bin[i] ?? 1) - 1;
    const p = predicted[i] ?? 0;
    customers[g] = (customers[g] ?? 0) + 1;
    sumPredicted[g] = (sumPredicted[g] ?? 0) + p;
    buyers[g] = (buyers[g] ?? 0) + outcome(outcomes, i);
    min[g] = Math.min(min[g] ?? p, p);
    max[g] = Math.max(max[g] ?? p, p);
  }
  return Array.from({ length: groups }, (_, g) => {
    const count = customers[g] ?? 0;
    return {
      decile: g + 1,
      customers: count,
      minScore: count > 0 ? (min[g] ?? null) : null,
      maxScore: count > 0 ? (max[g] ?? null) : null,
      meanPredicted: count > 0 ? (sumPredicted[g] ?? 0) / count : null,
      observedRate: count > 0 ? (buyers[g] ?? 0) / count : null,
    };
  });
}
