/**
 * The figures a score explanation reads, for each customer of a scored base: from the summary and
 * scoring columns, times converted from the model's unit to days, and each customer compared with
 * the whole base once, up front. The explanation itself is worded from them in the reader's
 * language (explain.ts), wherever that happens: the API serves the figures, the app words them.
 */
import type { CustomerFigures } from './explain-facts.ts';
import { sharesBelow } from './rfm.ts';
import { CHURN_BANDS, type CustomerScores } from './score.ts';
import { DAYS_PER_UNIT, dateOfDay, dayNumber, type SummaryColumns } from './summary.ts';

export interface ExplainerOptions {
  /** The propensity horizon to explain, in days (default: the scoring's first horizon). */
  readonly horizonDays?: number;
  readonly currency?: string;
}

/**
 * The figures of the customer at each position of a scored base (average spend over every
 * purchase day of the calibration period).
 */
export function customerFigures(
  summary: Pick<SummaryColumns, 'unit' | 'customerIds' | 'x' | 'tx' | 'T' | 'm' | 'firstSpend'>,
  scores: Pick<
    CustomerScores,
    'unit' | 'asOf' | 'horizons' | 'churnBand' | 'clv' | 'clvPercentile' | 'nextOrderMedianDays'
  >,
  options: ExplainerOptions = {},
): (index: number) => CustomerFigures {
  if (summary.unit !== scores.unit) {
    throw new RangeError(`The summary is in ${summary.unit}s but the scores in ${scores.unit}s.`);
  }
  const horizon =
    options.horizonDays === undefined
      ? scores.horizons[0]
      : scores.horizons.find((h) => h.horizonDays === options.horizonDays);
  if (!horizon) {
    const known = scores.horizons.map((h) => h.horizonDays).join(', ');
    throw new RangeError(`No propensity for ${options.horizonDays} days (scored: ${known}).`);
  }
  const perUnit = DAYS_PER_UNIT[summary.unit];
  const n = summary.customerIds.length;
  const averageSpend = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    const x = summary.x[i] ?? 0;
    averageSpend[i] = ((summary.firstSpend[i] ?? 0) + (summary.m[i] ?? 0) * x) / (x + 1);
  }
  const fewerOrders = sharesBelow(summary.x);
  const spendingLess = sharesBelow(averageSpend);
  const asOf = dayNumber(scores.asOf);
  return (i) => {
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      throw new RangeError(`No customer at position ${i} (${n} customers).`);
    }
    const x = summary.x[i] ?? 0;
    const tx = summary.tx[i] ?? 0;
    const T = summary.T[i] ?? 0;
    const clv = scores.clv[i] ?? Number.NaN;
    const next = scores.nextOrderMedianDays[i] ?? Number.NaN;
    return {
      daysSinceLastOrder: (T - tx) * perUnit,
      daysSinceFirstOrder: T * perUnit,
      repeatOrders: x,
      typicalGapDays: x >= 1 ? (tx / x) * perUnit : null,
      averageSpend: averageSpend[i] ?? null,
      ...(options.currency === undefined ? {} : { currency: options.currency }),
      shareWithFewerOrders: fewerOrders[i],
      shareSpendingLess: spendingLess[i],
      propensity: {
        horizonDays: horizon.horizonDays,
        probability: horizon.propensity[i] ?? 0,
        percentile: horizon.propensityPercentile[i] ?? 0,
      },
      churnBand: CHURN_BANDS[scores.churnBand[i] ?? 0] ?? 'high',
      predictedClv: Number.isFinite(clv)
        ? { value: clv, percentile: scores.clvPercentile[i] ?? 0 }
        : null,
      expectedNextOrder: Number.isFinite(next)
        ? { date: dateOfDay(asOf + Math.round(next)), inDays: next }
        : null,
    };
  };
}
