// The scores a store serves: the customer-base models (src/domain/analytics/pipeline.ts) run over
// the store's completed orders, kept as columns, and read back per customer as the API's
// contract says. Both stores build it the same way from the same transactions, so the memory
// store and DuckDB give the same scores.
//
// Transactions: completed orders only (returns and cancellations are not purchases), dated by the
// UTC calendar day of placed_at (the same day in JS and in SQL), amount = total in currency units.
// The scores are as of the store's as-of day.
import type {
  CustomerScoresResponse,
  ExplanationFigures,
  ModelCardResponse,
} from '../../src/api/contract.ts';
import type { CustomerFigures } from '../../src/domain/analytics/explain-facts.ts';
import { CHURN_BANDS, expectedNextOrderDate } from '../../src/domain/analytics/score.ts';
import {
  scoreCustomerBase,
  type Clock,
  type CustomerBaseScores,
} from '../../src/domain/analytics/pipeline.ts';
import { RFM_CELL_LABELS } from '../../src/domain/analytics/rfm.ts';
import { ROLLOUT_HORIZON_DAYS, type RolloutScores } from '../../src/domain/campaign/rollout.ts';
import type { IndexedTransactions } from '../../src/domain/analytics/summary.ts';

export const SCORE_CURRENCY = 'EUR';

/** A customer's explanation figures as the API sends them (the app words them). */
function explanationFigures(f: CustomerFigures): ExplanationFigures {
  return {
    days_since_last_order: f.daysSinceLastOrder,
    days_since_first_order: f.daysSinceFirstOrder,
    repeat_orders: f.repeatOrders,
    typical_gap_days: f.typicalGapDays,
    average_spend: f.averageSpend,
    currency: SCORE_CURRENCY,
    share_with_fewer_orders: f.shareWithFewerOrders ?? null,
    share_spending_less: f.shareSpendingLess ?? null,
    propensity: {
      horizon_days: f.propensity.horizonDays,
      probability: f.propensity.probability,
      percentile: f.propensity.percentile,
    },
    churn_band: f.churnBand,
    predicted_clv: f.predictedClv && { ...f.predictedClv },
    expected_next_order: f.expectedNextOrder && {
      date: f.expectedNextOrder.date,
      in_days: f.expectedNextOrder.inDays,
    },
  };
}

/** A figure, or null where the model gives none (NaN without a Gamma-Gamma fit). */
export const finite = (v: number | undefined): number | null =>
  v !== undefined && Number.isFinite(v) ? v : null;

export class ScoreBook {
  constructor(readonly base: CustomerBaseScores) {}

  get modelVersion(): string {
    return this.base.card.modelVersion;
  }

  get asOf(): string {
    return this.base.scores.asOf;
  }

  /** The API's model card (snake_case, holdout figures included when there were any). */
  card(): ModelCardResponse {
    const c = this.base.card;
    const fit = (f: {
      logLikelihood: number;
      customers: number;
      iterations: number;
      converged: boolean;
    }) => ({
      log_likelihood: f.logLikelihood,
      customers: f.customers,
      iterations: f.iterations,
      converged: f.converged,
    });
    const gg = c.gammaGamma;
    const h = c.holdout;
    return {
      model_version: c.modelVersion,
      fitted_at: c.fittedAt,
      unit: c.unit,
      data_window: {
        first_purchase: c.dataWindow.firstPurchase,
        calibration_end: c.dataWindow.calibrationEnd,
        holdout_end: c.dataWindow.holdoutEnd,
      },
      customers: c.customers,
      repeat_customers: c.repeatCustomers,
      bg_nbd: { ...fit(c.bgNbd), parameters: { ...c.bgNbd.parameters } },
      gamma_gamma: gg
        ? { ...fit(gg), parameters: { ...gg.parameters }, mean_spend: gg.meanSpend }
        : null,
      scoring: {
        horizons_days: [...c.scoring.horizonsDays],
        churn_horizon_days: c.scoring.churnHorizonDays,
        churn_band_cutoffs: { ...c.scoring.churnBandCutoffs },
        clv_months: c.scoring.clvMonths,
        monthly_discount_rate: c.scoring.monthlyDiscountRate,
        discounting: c.scoring.discounting,
      },
      holdout: h
        ? {
            holdout_end: h.holdoutEnd,
            holdout_length: h.holdoutLength,
            reliability: {
              rows: h.reliability.rows.map((r) => ({
                label: r.label,
                customers: r.customers,
                mean_predicted: r.meanPredicted,
                mean_actual: r.meanActual,
              })),
              totals: { ...h.reliability.totals },
            },
            propensity_horizon_days: h.propensityHorizonDays,
            auc: h.auc,
            brier: h.brier,
            calibration_by_decile: h.calibrationByDecile.map((b) => ({
              decile: b.decile,
              customers: b.customers,
              mean_predicted: b.meanPredicted,
              observed_rate: b.observedRate,
            })),
          }
        : null,
    };
  }

  /**
   * What a rollout plan reads of a customer (src/domain/campaign/rollout.ts): RFM cell, propensity
   * percentile and expected orders at the plan's horizon; null when they are not scored.
   */
  rolloutScores(customerId: string): RolloutScores | null {
    const { base } = this;
    const i = base.index.get(customerId);
    const horizon = base.scores.horizons.find((h) => h.horizonDays === ROLLOUT_HORIZON_DAYS);
    if (i === undefined || horizon === undefined) return null;
    return {
      cell: base.rfm.scores[i]?.cell ?? null,
      percentile: horizon.propensityPercentile[i] ?? 0,
      expected_orders: horizon.expectedPurchases[i] ?? 0,
    };
  }

  /**
   * One customer's scores and the figures their explanation reads; `no_orders` when they never
   * completed an order.
   */
  customer(customerId: string): CustomerScoresResponse {
    const { base } = this;
    const i = base.index.get(customerId);
    const head = { customer_id: customerId, model_version: this.modelVersion, as_of: this.asOf };
    if (i === undefined) return { ...head, status: 'no_orders', scores: null, explanation: null };
    const s = base.scores;
    const clv = finite(s.clv[i]);
    const clvPercentile = finite(s.clvPercentile[i]);
    const next = finite(s.nextOrderMedianDays[i]);
    const rfm = base.rfm.scores[i] ?? null;
    // Beyond ten years a "next order" is no date at all.
    const expectedDate = next === null ? null : expectedNextOrderDate(s.asOf, next);
    const nextOrder =
      next === null || expectedDate === null
        ? null
        : { median_days: next, expected_date: expectedDate };
    return {
      ...head,
      status: 'scored',
      scores: {
        propensity: s.horizons.map((h) => ({
          horizon_days: h.horizonDays,
          probability: h.propensity[i] ?? 0,
          percentile: h.propensityPercentile[i] ?? 0,
          expected_orders: h.expectedPurchases[i] ?? 0,
        })),
        churn: {
          horizon_days: s.churnHorizonDays,
          risk: s.churnRisk[i] ?? 0,
          band: CHURN_BANDS[s.churnBand[i] ?? 0] ?? 'low',
        },
        next_order: nextOrder,
        spend_per_order: finite(s.expectedSpend[i]),
        clv:
          clv === null || clvPercentile === null
            ? null
            : {
                months: s.clvMonths,
                monthly_discount_rate: s.monthlyDiscountRate,
                value: clv,
                percentile: clvPercentile,
              },
        currency: SCORE_CURRENCY,
        rfm: rfm
          ? {
              recency: rfm.recency,
              frequency: rfm.frequency,
              monetary: rfm.monetary,
              code: rfm.code,
              cell: rfm.cell,
              label: RFM_CELL_LABELS[rfm.cell],
            }
          : null,
      },
      explanation: explanationFigures(base.figures(i)),
    };
  }
}

/** Runs the models over a store's transactions, as of its as-of instant. */
export function buildScoreBook(
  transactions: IndexedTransactions,
  asOfInstant: string,
  options: { clock?: Clock; fittedAt?: string } = {},
): ScoreBook {
  return new ScoreBook(
    scoreCustomerBase(transactions, {
      asOf: asOfInstant.slice(0, 10),
      currency: SCORE_CURRENCY,
      ...(options.clock === undefined ? {} : { clock: options.clock }),
      ...(options.fittedAt === undefined ? {} : { fittedAt: options.fittedAt }),
    }),
  );
}
