/**
 * What one customer's score explanation says, before any language words it: which drivers apply
 * and which way each pushes the score, with every figure already rounded the way a marketer reads
 * it (whole days, months or years; shares rounded so they never flatter). English (explain.ts) and
 * French (explain-fr.ts) word the same facts, so both languages always say the same thing.
 * Plain figures in, no models: the app imports it without the fitting code.
 */
import type { ChurnBand } from './churn.ts';

export type DriverFactor = 'recency' | 'frequency' | 'monetary' | 'tenure';
export type Direction = 'up' | 'down';

export interface ScoreDriver {
  readonly factor: DriverFactor;
  /** Whether this figure raises or lowers the customer's score. */
  readonly direction: Direction;
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

/** A span of time at the precision a marketer reads it: days, then months, then years. */
export interface Span {
  readonly unit: 'day' | 'month' | 'year';
  /** Whole days and months; years to one decimal (2, 2.5). */
  readonly count: number;
}

/**
 * One driver, as a fact to word. Days are whole; `ratio` is whole from 3 up, to one decimal
 * below; shares are whole percents from 0 to 100.
 */
export type DriverFact =
  /** The only order is recent enough for the model to count the customer as active. */
  | { readonly kind: 'single-order-recent'; readonly silenceDays: number }
  /** The only order is old, and nothing since. */
  | { readonly kind: 'single-order-silent'; readonly silenceDays: number }
  | { readonly kind: 'on-rhythm'; readonly silenceDays: number; readonly gapDays: number }
  /** Past the usual gap; `ratio` is null when it would read as 1 (just past). */
  | {
      readonly kind: 'slightly-overdue';
      readonly silenceDays: number;
      readonly gapDays: number;
      readonly ratio: number | null;
    }
  | {
      readonly kind: 'overdue';
      readonly silenceDays: number;
      readonly gapDays: number;
      readonly ratio: number;
    }
  /** A one-time buyer: no rhythm of their own. */
  | { readonly kind: 'no-repeat' }
  /** Orders over a span, and how often, when there is no comparison with the others. */
  | {
      readonly kind: 'buys-regularly';
      readonly orders: number;
      readonly span: Span;
      readonly everyDays: number | null;
    }
  /** One of the `topShare`% most frequent buyers. */
  | {
      readonly kind: 'frequent-buyer';
      readonly orders: number;
      readonly span: Span;
      readonly topShare: number;
    }
  /** Only `shareBuyingLess`% of customers bought less often (0: none did). */
  | {
      readonly kind: 'infrequent-buyer';
      readonly orders: number;
      readonly span: Span;
      readonly shareBuyingLess: number;
    }
  /** Spends more than `shareSpendingLess`% of customers. */
  | {
      readonly kind: 'high-spender';
      readonly spend: number;
      readonly onlyOrder: boolean;
      readonly shareSpendingLess: number;
    }
  /** `shareSpendingAsMuch`% of customers spend as much or more (100: nobody spends less). */
  | {
      readonly kind: 'low-spender';
      readonly spend: number;
      readonly onlyOrder: boolean;
      readonly shareSpendingAsMuch: number;
    }
  /** First order less than three months ago, and already back `repeatOrders` times. */
  | {
      readonly kind: 'new-customer';
      readonly firstOrderDays: number;
      readonly repeatOrders: number;
    };

export type DriverKind = DriverFact['kind'];

/** Which factor each kind of driver speaks to and which way it pushes the score. */
export const DRIVER_EFFECT: Readonly<
  Record<DriverKind, { readonly factor: DriverFactor; readonly direction: Direction }>
> = {
  'single-order-recent': { factor: 'recency', direction: 'up' },
  'single-order-silent': { factor: 'recency', direction: 'down' },
  'on-rhythm': { factor: 'recency', direction: 'up' },
  'slightly-overdue': { factor: 'recency', direction: 'down' },
  overdue: { factor: 'recency', direction: 'down' },
  'no-repeat': { factor: 'frequency', direction: 'down' },
  'buys-regularly': { factor: 'frequency', direction: 'up' },
  'frequent-buyer': { factor: 'frequency', direction: 'up' },
  'infrequent-buyer': { factor: 'frequency', direction: 'down' },
  'high-spender': { factor: 'monetary', direction: 'up' },
  'low-spender': { factor: 'monetary', direction: 'down' },
  'new-customer': { factor: 'tenure', direction: 'up' },
};

export interface HeadlineFacts {
  readonly propensity: {
    /** The probability in percent to one decimal, as the Customer 360 shows it beside. */
    readonly percent: number;
    readonly horizonDays: number;
    /** Rank from 1 to 100, rounded down so it never flatters. */
    readonly percentileRank: number;
  };
  readonly churnBand: ChurnBand;
  readonly predictedValue: { readonly amount: number; readonly percentileRank: number } | null;
  /** A date within a year, "not within a year", or nothing known. */
  readonly nextOrder:
    { readonly kind: 'around'; readonly date: string } | { readonly kind: 'beyond-a-year' } | null;
}

export interface ExplanationFacts {
  readonly headline: HeadlineFacts;
  readonly drivers: readonly DriverFact[];
  /** ISO 4217 code of every amount. */
  readonly currency: string;
}

/** Ratio of the silence to the usual gap from which recency lowers the score. */
const OVERDUE_RATIO = 1.5;
/** A customer whose first order is this recent is new: little history to go on. */
const NEW_CUSTOMER_DAYS = 90;
/** A next order further away than this is not worth a date in the headline. */
const NEXT_ORDER_HORIZON_DAYS = 365;

// ---------------------------------------------------------------------------------------------
// Figures as they are read

/** A span in days at the precision a marketer reads it: days up to 59, months up to 23, years. */
export function spanOf(days: number): Span {
  if (days < 60) return { unit: 'day', count: Math.round(days) };
  if (days < 730) return { unit: 'month', count: Math.round(days / 30.4375) };
  return { unit: 'year', count: Math.round((days / 365.25) * 10) / 10 };
}

/** A probability as a percentage to one decimal (0.723 → 72.3), the precision the app shows. */
export function percentOf(probability: number): number {
  return Math.round(probability * 1000) / 10;
}

/** A percentile as a rank from 1 to 100, rounded down so it never flatters. */
export function percentileRank(percentile: number): number {
  return Math.max(1, Math.floor(percentile + 1e-9));
}

/** How many times longer: whole from 3 up, one decimal below. */
function ratioOf(ratio: number): number {
  return ratio >= 3 ? Math.round(ratio) : Math.round(ratio * 10) / 10;
}

/** The share at or above, rounded up so "the N% most" never flatters; at least 1. */
function shareAbove(shareBelow: number): number {
  return Math.max(1, Math.ceil(100 - shareBelow - 1e-9));
}

function shareBelowFloor(shareBelow: number): number {
  return Math.floor(shareBelow + 1e-9);
}

// ---------------------------------------------------------------------------------------------
// Drivers

function recencyFact(f: CustomerFigures): DriverFact | null {
  const silenceDays = Math.round(f.daysSinceLastOrder);
  if (f.repeatOrders === 0) {
    return f.propensity.percentile >= 50
      ? { kind: 'single-order-recent', silenceDays }
      : { kind: 'single-order-silent', silenceDays };
  }
  const gap = f.typicalGapDays;
  if (gap === null || !(gap > 0)) return null;
  const gapDays = Math.round(gap);
  const ratio = f.daysSinceLastOrder / gap;
  if (ratio <= 1) return { kind: 'on-rhythm', silenceDays, gapDays };
  if (ratio >= OVERDUE_RATIO)
    return { kind: 'overdue', silenceDays, gapDays, ratio: ratioOf(ratio) };
  const read = ratioOf(ratio);
  return { kind: 'slightly-overdue', silenceDays, gapDays, ratio: read > 1 ? read : null };
}

function frequencyFact(f: CustomerFigures): DriverFact {
  if (f.repeatOrders === 0) return { kind: 'no-repeat' };
  const orders = f.repeatOrders + 1;
  const span = spanOf(f.daysSinceFirstOrder);
  const below = f.shareWithFewerOrders;
  if (below === undefined) {
    const everyDays = f.typicalGapDays === null ? null : Math.round(f.typicalGapDays);
    return { kind: 'buys-regularly', orders, span, everyDays };
  }
  return below >= 50
    ? { kind: 'frequent-buyer', orders, span, topShare: shareAbove(below) }
    : { kind: 'infrequent-buyer', orders, span, shareBuyingLess: shareBelowFloor(below) };
}

function monetaryFact(f: CustomerFigures): DriverFact | null {
  const below = f.shareSpendingLess;
  if (f.averageSpend === null || below === undefined) return null;
  const spend = f.averageSpend;
  const onlyOrder = f.repeatOrders === 0;
  return below >= 50
    ? { kind: 'high-spender', spend, onlyOrder, shareSpendingLess: shareBelowFloor(below) }
    : { kind: 'low-spender', spend, onlyOrder, shareSpendingAsMuch: shareAbove(below) };
}

function tenureFact(f: CustomerFigures): DriverFact | null {
  if (f.repeatOrders === 0 || f.daysSinceFirstOrder >= NEW_CUSTOMER_DAYS) return null;
  return {
    kind: 'new-customer',
    firstOrderDays: Math.round(f.daysSinceFirstOrder),
    repeatOrders: f.repeatOrders,
  };
}

function headlineFacts(f: CustomerFigures): HeadlineFacts {
  const { horizonDays, probability, percentile } = f.propensity;
  const next = f.expectedNextOrder;
  return {
    propensity: {
      percent: percentOf(probability),
      horizonDays: Math.round(horizonDays),
      percentileRank: percentileRank(percentile),
    },
    churnBand: f.churnBand,
    predictedValue: f.predictedClv
      ? {
          amount: f.predictedClv.value,
          percentileRank: percentileRank(f.predictedClv.percentile),
        }
      : null,
    nextOrder:
      next === null
        ? null
        : next.inDays <= NEXT_ORDER_HORIZON_DAYS
          ? { kind: 'around', date: next.date }
          : { kind: 'beyond-a-year' },
  };
}

function check(name: string, value: number | undefined, max = Number.POSITIVE_INFINITY): void {
  if (value === undefined) return;
  if (!Number.isFinite(value) || value < 0 || value > max) {
    throw new RangeError(
      `${name} is ${value}: expected a number from 0${max < Infinity ? ` to ${max}` : ''}.`,
    );
  }
}

/** What the explanation of one customer's scores says; impossible figures are refused. */
export function explanationFacts(figures: CustomerFigures): ExplanationFacts {
  check('daysSinceLastOrder', figures.daysSinceLastOrder);
  check('daysSinceFirstOrder', figures.daysSinceFirstOrder);
  check('repeatOrders', figures.repeatOrders);
  check('typicalGapDays', figures.typicalGapDays ?? undefined);
  check('propensity', figures.propensity.probability, 1);
  check('propensity percentile', figures.propensity.percentile, 100);
  check('shareWithFewerOrders', figures.shareWithFewerOrders, 100);
  check('shareSpendingLess', figures.shareSpendingLess, 100);
  check('predictedClv percentile', figures.predictedClv?.percentile, 100);
  const drivers = [
    recencyFact(figures),
    frequencyFact(figures),
    monetaryFact(figures),
    tenureFact(figures),
  ].filter((d): d is DriverFact => d !== null);
  return {
    headline: headlineFacts(figures),
    drivers,
    currency: figures.currency ?? 'EUR',
  };
}
