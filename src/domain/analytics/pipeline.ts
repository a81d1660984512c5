/**
 * The customer-base models end to end, as the CLI, the stores and the bench run them:
 *
 * - `fitAndValidate`: summary to a calibration end, both fits, and — when a holdout end is given —
 *   the holdout figures of that fit (predicted vs actual repeat purchases by calibration
 *   frequency, totals, AUC / Brier / calibration by decile of the propensity over the holdout).
 *   This is what the CLI prints: on CDNOW it is the published fit.
 * - `scoreCustomerBase`: what the product keeps. A validation fit that stops `holdoutDays` before
 *   the end of the data measures accuracy on the part it did not see; the scores then come from a
 *   second fit on all the data, whose model card carries those holdout figures (and says which
 *   calibration end made them). Every customer with a completed purchase gets propensity, churn
 *   band, next order, CLV, RFM and the figures their explanation reads (worded by explain.ts).
 *
 * Stage timings are returned so the bench can print them.
 */
import { expectedPurchases, fitBgNbd, propensity } from './bgnbd.ts';
import type { CustomerFigures } from './explain-facts.ts';
import { customerFigures } from './explain-figures.ts';
import {
  fitGammaGammaIfPossible,
  modelCard,
  type CustomerBaseFits,
  type HoldoutFigures,
  type ModelCard,
} from './model-card.ts';
import { scoreRfm, type RfmResult } from './rfm.ts';
import { scoreCustomers, type CustomerScores, type ScoringOptions } from './score.ts';
import {
  DAYS_PER_UNIT,
  dateOfDay,
  dayNumber,
  summariseIndexed,
  type IndexedTransactions,
  type SummaryColumns,
  type TimeUnit,
} from './summary.ts';
import { auc, brierScore, calibrationByDecile, reliabilityTable } from './validation.ts';

export interface StageTimes {
  summary: number;
  bgNbd: number;
  gammaGamma: number;
  scoring: number;
  validation: number;
}

/** A millisecond clock (performance.now where there is one); domain code has no clock of its own. */
export type Clock = () => number;
const noClock: Clock = () => 0;

/** Holdout figures of a fit whose summary has a holdout period. */
export function holdoutFigures(summary: SummaryColumns, fits: CustomerBaseFits): HoldoutFigures {
  if (summary.holdoutEnd === null) throw new RangeError('The summary has no holdout period.');
  const n = summary.x.length;
  const h = summary.holdoutLength;
  const predicted = new Float64Array(n);
  const score = new Float64Array(n);
  const bought = new Uint8Array(n);
  const params = fits.bgNbd.params;
  for (let i = 0; i < n; i += 1) {
    const x = summary.x[i] ?? 0;
    const tx = summary.tx[i] ?? 0;
    const T = summary.T[i] ?? 0;
    predicted[i] = expectedPurchases(params, h, x, tx, T);
    score[i] = propensity(params, h, x, tx, T);
    bought[i] = (summary.holdoutX[i] ?? 0) > 0 ? 1 : 0;
  }
  return {
    holdoutEnd: summary.holdoutEnd,
    holdoutLength: h,
    reliability: reliabilityTable(summary.x, predicted, summary.holdoutX),
    propensityHorizonDays: Math.round(h * DAYS_PER_UNIT[summary.unit]),
    auc: auc(score, bought),
    brier: brierScore(score, bought),
    calibrationByDecile: calibrationByDecile(score, bought),
  };
}

export interface FitOptions {
  calibrationEnd: string;
  holdoutEnd?: string;
  unit: TimeUnit;
  fittedAt?: string;
  /** Times each stage when given. */
  clock?: Clock;
}

export interface FitResult {
  summary: SummaryColumns;
  fits: CustomerBaseFits;
  card: ModelCard;
  times: Omit<StageTimes, 'scoring'>;
}

/** Summary, fits, and holdout figures when a holdout end is given (the CLI's model card). */
export function fitAndValidate(transactions: IndexedTransactions, options: FitOptions): FitResult {
  const now = options.clock ?? noClock;
  const t = now();
  const summary = summariseIndexed(transactions, {
    calibrationEnd: options.calibrationEnd,
    unit: options.unit,
    ...(options.holdoutEnd === undefined ? {} : { holdoutEnd: options.holdoutEnd }),
  });
  return fitSummary(summary, options, now() - t);
}

/** `fitAndValidate` from a summary already made (in `summaryTime` ms). */
function fitSummary(summary: SummaryColumns, options: FitOptions, summaryTime: number): FitResult {
  const now = options.clock ?? noClock;
  const times = { summary: summaryTime, bgNbd: 0, gammaGamma: 0, validation: 0 };
  let t = now();
  const bgNbd = fitBgNbd(summary);
  times.bgNbd = now() - t;
  t = now();
  const fits: CustomerBaseFits = { bgNbd, gammaGamma: fitGammaGammaIfPossible(summary) };
  times.gammaGamma = now() - t;
  t = now();
  const holdout = summary.holdoutEnd === null ? null : holdoutFigures(summary, fits);
  times.validation = now() - t;
  const card = modelCard({
    summary,
    fits,
    holdout,
    ...(options.fittedAt === undefined ? {} : { fittedAt: options.fittedAt }),
  });
  return { summary, fits, card, times };
}

export interface CustomerBaseScores {
  /** The fit on all the data; its holdout figures come from the validation fit. */
  card: ModelCard;
  summary: SummaryColumns;
  scores: CustomerScores;
  rfm: RfmResult;
  /** The figures the explanation of the customer at `index` reads (explain.ts words them). */
  figures: (index: number) => CustomerFigures;
  /** Customer id → index into the columns above. */
  index: ReadonlyMap<string, number>;
  times: StageTimes;
}

/** Below these the fits mean nothing (a handful of customers fit anything): no scores. */
export const MIN_CUSTOMERS = 100;
export const MIN_REPEAT_CUSTOMERS = 20;

/** The data is too small to score: how many customers it has, against the minimums above. */
export class TooLittleDataError extends RangeError {
  readonly minCustomers = MIN_CUSTOMERS;
  readonly minRepeatCustomers = MIN_REPEAT_CUSTOMERS;
  constructor(
    readonly customers: number,
    readonly repeatCustomers: number,
  ) {
    super(
      `too little data to score: ${customers} customers with an order, ` +
        `${repeatCustomers} of them repeat buyers; the models need at least ` +
        `${MIN_CUSTOMERS} and ${MIN_REPEAT_CUSTOMERS}`,
    );
    this.name = 'TooLittleDataError';
  }
}

/** Refuses a summary with too few customers or repeat buyers to fit anything worth scoring. */
export function requireEnoughData(summary: SummaryColumns): void {
  const customers = summary.x.length;
  let repeatCustomers = 0;
  for (let i = 0; i < customers; i += 1) if ((summary.x[i] ?? 0) > 0) repeatCustomers += 1;
  if (customers < MIN_CUSTOMERS || repeatCustomers < MIN_REPEAT_CUSTOMERS) {
    throw new TooLittleDataError(customers, repeatCustomers);
  }
}

export interface ScoreBaseOptions {
  /** The last day of the data (YYYY-MM-DD): the scores are as of this day. */
  asOf: string;
  unit?: TimeUnit;
  /** Days held out to measure accuracy (default 182, 26 weeks); 0 for no validation. */
  holdoutDays?: number;
  fittedAt?: string;
  scoring?: ScoringOptions;
  currency?: string;
  clock?: Clock;
}

export function scoreCustomerBase(
  transactions: IndexedTransactions,
  options: ScoreBaseOptions,
): CustomerBaseScores {
  const unit = options.unit ?? 'week';
  const holdoutDays = options.holdoutDays ?? 182;
  const now = options.clock ?? noClock;
  const clock = options.clock === undefined ? {} : { clock: options.clock };
  // The data is checked before anything is fitted: no fit at all is worth its time on too little.
  let t = now();
  const productionSummary = summariseIndexed(transactions, { calibrationEnd: options.asOf, unit });
  const productionSummaryTime = now() - t;
  requireEnoughData(productionSummary);
  let validation: FitResult | null = null;
  if (holdoutDays > 0) {
    try {
      validation = fitAndValidate(transactions, {
        calibrationEnd: dateOfDay(dayNumber(options.asOf) - holdoutDays),
        holdoutEnd: options.asOf,
        unit,
        ...clock,
      });
    } catch (error: unknown) {
      // Too little data before the holdout to fit (no repeat buyer yet): no holdout figures.
      if (!(error instanceof RangeError)) throw error;
    }
  }
  const production = fitSummary(
    productionSummary,
    { calibrationEnd: options.asOf, unit, ...clock },
    productionSummaryTime,
  );
  const { summary, fits } = production;
  t = now();
  const scores = scoreCustomers(
    fits.bgNbd,
    fits.gammaGamma,
    {
      unit,
      calibrationEnd: options.asOf,
      customerIds: summary.customerIds,
      x: summary.x,
      tx: summary.tx,
      T: summary.T,
      m: summary.m,
    },
    options.scoring,
  );
  const perUnit = DAYS_PER_UNIT[unit];
  const n = summary.x.length;
  const recencyDays = new Float64Array(n);
  const frequency = new Float64Array(n);
  const monetary = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    const x = summary.x[i] ?? 0;
    recencyDays[i] = ((summary.T[i] ?? 0) - (summary.tx[i] ?? 0)) * perUnit;
    frequency[i] = x + 1;
    monetary[i] = ((summary.firstSpend[i] ?? 0) + (summary.m[i] ?? 0) * x) / (x + 1);
  }
  const rfm = scoreRfm({ recencyDays, frequency, monetary });
  const scoring = now() - t;
  t = now();
  const figures = customerFigures(summary, scores, {
    ...(options.currency === undefined ? {} : { currency: options.currency }),
  });
  const index = new Map(summary.customerIds.map((id, i) => [id, i]));
  const card = modelCard({
    summary,
    fits,
    holdout: validation?.card.holdout ?? null,
    ...(options.scoring === undefined ? {} : { scoring: options.scoring }),
    ...(options.fittedAt === undefined ? {} : { fittedAt: options.fittedAt }),
  });
  return {
    card,
    summary,
    scores,
    rfm,
    figures,
    index,
    times: {
      summary: production.times.summary,
      bgNbd: production.times.bgNbd,
      gammaGamma: production.times.gammaGamma,
      scoring: scoring + (now() - t),
      validation: validation
        ? validation.times.summary +
          validation.times.bgNbd +
          validation.times.gammaGamma +
          validation.times.validation
        : 0,
    },
  };
}
