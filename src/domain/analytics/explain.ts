/**
 * One customer's scores explained in a marketer's words: a headline (propensity, churn band,
 * predicted value, next order) and the drivers behind it — how long since their last order
 * against their own rhythm, how often they buy, how much they spend, how new they are — each
 * with the figures that make it, so a Customer 360 view says why, not only what.
 * Model-independent: it reads figures, whatever fitted them; `customerExplainer` reads them from
 * the summary and scoring columns, converting the model's time unit to days.
 */
import { sharesBelow } from './rfm.ts';
import { CHURN_BANDS, type ChurnBand, type CustomerScores } from './score.ts';
import { DAYS_PER_UNIT, dateOfDay, dayNumber, type SummaryColumns } from './summary.ts';

export type DriverFactor = 'recency' | 'frequency' | 'monetary' | 'tenure';

export interface ScoreDriver {
  readonly factor: DriverFactor;
  /** Whether this figure raises or lowers the customer's score. */
  readonly direction: 'up' | 'down';
  readonly text: string;
}

export interface CustomerExplanation {
  readonly headline: string;
  /** Recency first, then frequency, spend and tenure; at most one driver per factor. */
  readonly drivers: readonly ScoreDriver[];
}

/**
 * One customer's figures. Comparisons with the other customers are shares from 0 to 100. Counts
 * and spends tie a lot (most customers bought once), so those are given as the share strictly
 * below, which says both "more than N%" and "one of the (100 − N)% most" truthfully.
 */
export interface CustomerFigures {
  /** Days from their last order to the scoring date. */
  readonly daysSinceLastOrder: number;
  /** Days from their first order to the scoring date. */
  readonly daysSinceFirstOrder: number;
  /** Repeat orders (x): days with a purchase after the first one. */
  readonly repeatOrders: number;
  /** Their own typical gap between orders in days (t_x / x); null for a one-time buyer. */
  readonly typicalGapDays: number | null;
  /** Average spend per order; null when unknown. */
  readonly averageSpend: number | null;
  /** ISO 4217 code of the spend and value figures (default EUR). */
  readonly currency?: string;
  /** Share of customers (0–100) with fewer repeat orders. */
  readonly shareWithFewerOrders?: number;
  /** Share of customers (0–100) with a lower average spend. */
  readonly shareSpendingLess?: number;
  readonly propensity: {
    readonly horizonDays: number;
    /** P(at least one order within horizonDays). */
    readonly probability: number;
    /** Share of customers (0–100) whose propensity is at most this one, as scoring computes it. */
    readonly percentile: number;
  };
  readonly churnBand: ChurnBand;
  /** Predicted value and its percentile (share at most this value, as scoring computes it). */
  readonly predictedClv: { readonly value: number; readonly percentile: number } | null;
  /**
   * Median date of the next order if still active (YYYY-MM-DD) and how many days away it is;
   * null when unknown. Beyond a year the headline says so rather than print a far-off date.
   */
  readonly expectedNextOrder: { readonly date: string; readonly inDays: number } | null;
}

/** Ratio of the silence to the usual gap from which recency lowers the score. */
const OVERDUE_RATIO = 1.5;
/** A customer whose first order is this recent is new: little history to go on. */
const NEW_CUSTOMER_DAYS = 90;
/** A next order further away than this is not worth a date in the headline. */
const NEXT_ORDER_HORIZON_DAYS = 365;

// ---------------------------------------------------------------------------------------------
// Figures in words

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Whole days: "1 day", "212 days". */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** YYYY-MM-DD as the app writes dates: "4 Dec 2026". */
export function readableDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const month = MONTHS[(m ?? 0) - 1];
  return month === undefined || d === undefined || y === undefined ? isoDate : `${d} ${month} ${y}`;
}

export function formatDays(days: number): string {
  return plural(Math.round(days), 'day', 'days');
}

/** A span of time at the precision a marketer reads it: days, then months, then years. */
export function formatDuration(days: number): string {
  if (days < 60) return formatDays(days);
  if (days < 730) return plural(Math.round(days / 30.4375), 'month', 'months');
  const years = Math.round((days / 365.25) * 10) / 10;
  return `${trimZero(years.toFixed(1))} years`;
}

function trimZero(text: string): string {
  return text.endsWith('.0') ? text.slice(0, -2) : text;
}

/** A probability as a percentage: whole percents from 10% to 99%, one decimal outside. */
export function formatPercent(probability: number): string {
  const percent = probability * 100;
  if (percent >= 10 && percent <= 99) return `${Math.round(percent)}%`;
  return `${trimZero(percent.toFixed(1))}%`;
}

/** How many times longer: "5×" from 3 up, "1.6×" below. */
function formatRatio(ratio: number): string {
  return ratio >= 3 ? `${Math.round(ratio)}×` : `${trimZero(ratio.toFixed(1))}×`;
}

function formatMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(amount);
}

/** "91st percentile": rounded down so it never flatters, from the 1st to the 100th. */
export function formatPercentile(percentile: number): string {
  const n = Math.max(1, Math.floor(percentile + 1e-9));
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix} percentile`;
}

/** Shares in words, rounded the way that never flatters: "more than 81%", "the 19% most". */
function shareAbove(shareBelow: number): number {
  return Math.max(1, Math.ceil(100 - shareBelow - 1e-9));
}

function shareBelowFloor(shareBelow: number): number {
  return Math.floor(shareBelow + 1e-9);
}

// ---------------------------------------------------------------------------------------------
// Drivers

function recencyDriver(f: CustomerFigures): ScoreDriver | null {
  const silence = formatDays(f.daysSinceLastOrder);
  if (f.repeatOrders === 0) {
    const high = f.propensity.percentile >= 50;
    return {
      factor: 'recency',
      direction: high ? 'up' : 'down',
      text: high
        ? `Only one order is known, ${silence} ago: recent enough to count them as active.`
        : `Only one order is known, ${silence} ago, and nothing since: that silence lowers the score.`,
    };
  }
  const gap = f.typicalGapDays;
  if (gap === null || !(gap > 0)) return null;
  const usual = `their usual ${formatDays(gap)} between orders`;
  const ratio = f.daysSinceLastOrder / gap;
  if (ratio <= 1) {
    return {
      factor: 'recency',
      direction: 'up',
      text: `Last ordered ${silence} ago, within ${usual}: still on their rhythm.`,
    };
  }
  if (ratio < OVERDUE_RATIO) {
    return {
      factor: 'recency',
      direction: 'down',
      text: `Last ordered ${silence} ago, ${formatRatio(ratio)} ${usual}: slightly overdue.`,
    };
  }
  return {
    factor: 'recency',
    direction: 'down',
    text: `Last ordered ${silence} ago, ${formatRatio(ratio)} longer than ${usual}: that is what lowers the score.`,
  };
}

function frequencyDriver(f: CustomerFigures): ScoreDriver {
  if (f.repeatOrders === 0) {
    return {
      factor: 'frequency',
      direction: 'down',
      text: '0 repeat purchases so far: no rhythm of their own to compare with, so the score rests on how long the silence has lasted.',
    };
  }
  const orders = f.repeatOrders + 1;
  const base = `Bought ${orders} times in ${formatDuration(f.daysSinceFirstOrder)}`;
  const below = f.shareWithFewerOrders;
  if (below === undefined) {
    const every =
      f.typicalGapDays === null ? '' : `, about once every ${formatDays(f.typicalGapDays)}`;
    return { factor: 'frequency', direction: 'up', text: `${base}${every}.` };
  }
  return below >= 50
    ? {
        factor: 'frequency',
        direction: 'up',
        text: `${base}: one of the ${shareAbove(below)}% most frequent buyers.`,
      }
    : {
        factor: 'frequency',
        direction: 'down',
        text: `${base}: only ${shareBelowFloor(below)}% of customers bought less often.`,
      };
}

function monetaryDriver(f: CustomerFigures, currency: string): ScoreDriver | null {
  const below = f.shareSpendingLess;
  if (f.averageSpend === null || below === undefined) return null;
  const spend = formatMoney(f.averageSpend, currency);
  const perOrder =
    f.repeatOrders === 0
      ? `Spent ${spend} on their only order`
      : `Spends ${spend} per order on average`;
  return below >= 50
    ? {
        factor: 'monetary',
        direction: 'up',
        text: `${perOrder}, more than ${shareBelowFloor(below)}% of customers: that raises their predicted value.`,
      }
    : {
        factor: 'monetary',
        direction: 'down',
        text: `${perOrder}; ${shareAbove(below)}% of customers spend as much or more: that lowers their predicted value.`,
      };
}

function tenureDriver(f: CustomerFigures): ScoreDriver | null {
  if (f.repeatOrders === 0 || f.daysSinceFirstOrder >= NEW_CUSTOMER_DAYS) return null;
  return {
    factor: 'tenure',
    direction: 'up',
    text: `First ordered ${formatDays(f.daysSinceFirstOrder)} ago: a new customer, already back ${plural(f.repeatOrders, 'time', 'times')}.`,
  };
}

function headline(f: CustomerFigures, currency: string): string {
  const { horizonDays, probability, percentile } = f.propensity;
  const parts = [
    `${formatPercent(probability)} likely to order in the next ${formatDays(horizonDays)} (${formatPercentile(percentile)})`,
    `churn risk ${f.churnBand}`,
  ];
  if (f.predictedClv) {
    parts.push(
      `predicted value ${formatMoney(f.predictedClv.value, currency)} (${formatPercentile(f.predictedClv.percentile)})`,
    );
  }
  const next = f.expectedNextOrder;
  if (next !== null) {
    parts.push(
      next.inDays <= NEXT_ORDER_HORIZON_DAYS
        ? `next order around ${readableDate(next.date)} if still active`
        : 'no next order expected within a year, even if still active',
    );
  }
  return `${parts.join('; ')}.`.replace(/^./, (c) => c.toUpperCase());
}

function check(name: string, value: number | undefined, max = Number.POSITIVE_INFINITY): void {
  if (value === undefined) return;
  if (!Number.isFinite(value) || value < 0 || value > max) {
    throw new RangeError(
      `${name} is ${value}: expected a number from 0${max < Infinity ? ` to ${max}` : ''}.`,
    );
  }
}

/** The headline and drivers of one customer's scores. */
export function explainCustomer(figures: CustomerFigures): CustomerExplanation {
  check('daysSinceLastOrder', figures.daysSinceLastOrder);
  check('daysSinceFirstOrder', figures.daysSinceFirstOrder);
  check('repeatOrders', figures.repeatOrders);
  check('typicalGapDays', figures.typicalGapDays ?? undefined);
  check('propensity', figures.propensity.probability, 1);
  check('propensity percentile', figures.propensity.percentile, 100);
  check('shareWithFewerOrders', figures.shareWithFewerOrders, 100);
  check('shareSpendingLess', figures.shareSpendingLess, 100);
  check('predictedClv percentile', figures.predictedClv?.percentile, 100);
  const currency = figures.currency ?? 'EUR';
  const drivers = [
    recencyDriver(figures),
    frequencyDriver(figures),
    monetaryDriver(figures, currency),
    tenureDriver(figures),
  ].filter((d): d is ScoreDriver => d !== null);
  return { headline: headline(figures, currency), drivers };
}

// ---------------------------------------------------------------------------------------------
// From the summary and scoring columns

export interface ExplainerOptions {
  /** The propensity horizon to explain, in days (default: the scoring's first horizon). */
  readonly horizonDays?: number;
  readonly currency?: string;
}

/**
 * Explains customers of a scored base by position: their figures are read from the columns
 * (times converted from the model's unit to days; average spend over every purchase day of the
 * calibration period) and compared with the whole base once, up front.
 */
export function customerExplainer(
  summary: Pick<SummaryColumns, 'unit' | 'customerIds' | 'x' | 'tx' | 'T' | 'm' | 'firstSpend'>,
  scores: Pick<
    CustomerScores,
    'unit' | 'asOf' | 'horizons' | 'churnBand' | 'clv' | 'clvPercentile' | 'nextOrderMedianDays'
  >,
  options: ExplainerOptions = {},
): (index: number) => CustomerExplanation {
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
    return explainCustomer({
      daysSinceLastOrder: (T - tx) * perUnit,
      daysSinceFirstOrder: T * perUnit,
      repeatOrders: x,
      typicalGapDays: x >= 1 ? (tx / x) * perUnit : null,
      averageSpend: averageSpend[i] ?? null,
      currency: options.currency,
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
    });
  };
}
