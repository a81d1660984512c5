// A customer's scores and the model card behind them, and refitting the models on demand. Scores
// come from the customer-base models (src/domain/analytics): BG/NBD for repeat purchases,
// Gamma-Gamma for spend, RFM from the same summary. Each names the fit that made it.
import { z } from 'zod';
import { RFM_CELLS } from '../../domain/analytics/rfm.ts';
import { CHURN_BANDS } from '../../domain/analytics/churn.ts';
import { currency, isoDate, isoInstant } from '../../domain/profile/schema.ts';

const probability = z.number().min(0).max(1);
const percentile = z.number().min(0).max(100);
const timeUnit = z.enum(['week', 'day']);
export const churnBandValue = z.enum(CHURN_BANDS);
export const rfmCellValue = z.enum(RFM_CELLS);
const rfmScoreValue = z.number().int().min(1).max(5);

export const customerScores = z.object({
  /** P(at least one order in the next `horizon_days`) with its percentile among customers. */
  propensity: z.array(
    z.object({
      horizon_days: z.number().int().positive(),
      probability,
      percentile,
      /** Expected orders (purchase days) in the horizon. */
      expected_orders: z.number().nonnegative(),
    }),
  ),
  /** 1 − the propensity at `horizon_days`, banded (cut-offs in the model card). */
  churn: z.object({
    horizon_days: z.number().int().positive(),
    risk: probability,
    band: churnBandValue,
  }),
  /** Median wait to the next order if still active; null when not expected within years. */
  next_order: z
    .object({ median_days: z.number().nonnegative(), expected_date: isoDate })
    .nullable(),
  /** Expected spend per future order (Gamma-Gamma), in `currency`; null without a fit. */
  spend_per_order: z.number().nullable(),
  /** Predicted discounted spend over `months`, in `currency`; null without a Gamma-Gamma fit. */
  clv: z
    .object({
      months: z.number().int().positive(),
      monthly_discount_rate: z.number().nonnegative(),
      value: z.number(),
      percentile,
    })
    .nullable(),
  currency,
  rfm: z
    .object({
      recency: rfmScoreValue,
      frequency: rfmScoreValue,
      monetary: rfmScoreValue,
      code: z.string().regex(/^[1-5]{3}$/),
      cell: rfmCellValue,
      label: z.string(),
    })
    .nullable(),
});
export type CustomerScores = z.infer<typeof customerScores>;

/**
 * The figures a customer's explanation reads (src/domain/analytics/explain-facts.ts), which the app
 * words in the user's language: times in days, shares of customers from 0 to 100 (null when not
 * compared), amounts in `currency`.
 */
export const explanationFigures = z.object({
  days_since_last_order: z.number().nonnegative(),
  days_since_first_order: z.number().nonnegative(),
  /** Days with a purchase after the first one. */
  repeat_orders: z.number().int().nonnegative(),
  /** Their own usual gap between orders; null for a one-time buyer. */
  typical_gap_days: z.number().nonnegative().nullable(),
  average_spend: z.number().nullable(),
  currency,
  /** Share of customers with fewer repeat orders. */
  share_with_fewer_orders: percentile.nullable(),
  /** Share of customers with a lower average spend. */
  share_spending_less: percentile.nullable(),
  propensity: z.object({ horizon_days: z.number().int().positive(), probability, percentile }),
  churn_band: churnBandValue,
  predicted_clv: z.object({ value: z.number(), percentile }).nullable(),
  /** Median date of the next order if still active, and how many days away. */
  expected_next_order: z.object({ date: isoDate, in_days: z.number().nonnegative() }).nullable(),
});
export type ExplanationFigures = z.infer<typeof explanationFigures>;

const count = z.number().int().nonnegative();
/**
 * Why the models could not be fitted: a stable code with its figures, which the app words in the
 * user's language, and the same in English (`message`) for logs and scripts.
 */
export const noModelReason = z.discriminatedUnion('reason', [
  z.object({
    /** Fewer customers with an order, or repeat buyers, than the models need. */
    reason: z.literal('too_little_data'),
    params: z.object({
      customers: count,
      repeat_customers: count,
      min_customers: count,
      min_repeat_customers: count,
    }),
    message: z.string(),
  }),
  z.object({
    /** The fit refused the data for another reason (`message` says which). */
    reason: z.literal('fit_failed'),
    params: z.object({}),
    message: z.string(),
  }),
]);
export type NoModelReason = z.infer<typeof noModelReason>;

export const customerScoresResponse = z.object({
  customer_id: z.string(),
  model_version: z.string(),
  /** The day the scores are as of (the end of the data the model saw); null without a model. */
  as_of: isoDate.nullable(),
  /**
   * `no_orders`: nothing to score from (the customer never completed an order); `no_model`: the
   * models could not be fitted on this data (`no_model` says why).
   */
  status: z.enum(['scored', 'no_orders', 'no_model']),
  no_model: noModelReason.optional(),
  scores: customerScores.nullable(),
  /** What the explanation of the scores reads; worded by the app (src/domain/analytics/explain.ts). */
  explanation: explanationFigures.nullable(),
});
export type CustomerScoresResponse = z.infer<typeof customerScoresResponse>;

const fitSummary = z.object({
  log_likelihood: z.number(),
  customers: z.number().int().nonnegative(),
  iterations: z.number().int().nonnegative(),
  converged: z.boolean(),
});
export const modelCardResponse = z.object({
  model_version: z.string(),
  fitted_at: isoInstant.nullable(),
  /** The time unit of every rate and duration below (alpha, holdout length). */
  unit: timeUnit,
  data_window: z.object({
    first_purchase: isoDate,
    calibration_end: isoDate,
    holdout_end: isoDate.nullable(),
  }),
  customers: z.number().int().nonnegative(),
  repeat_customers: z.number().int().nonnegative(),
  bg_nbd: fitSummary.extend({
    parameters: z.object({ r: z.number(), alpha: z.number(), a: z.number(), b: z.number() }),
  }),
  gamma_gamma: fitSummary
    .extend({
      parameters: z.object({ p: z.number(), q: z.number(), gamma: z.number() }),
      mean_spend: z.number(),
    })
    .nullable(),
  scoring: z.object({
    horizons_days: z.array(z.number().int().positive()),
    churn_horizon_days: z.number().int().positive(),
    churn_band_cutoffs: z.object({ medium: probability, high: probability }),
    clv_months: z.number().int().positive(),
    monthly_discount_rate: z.number().nonnegative(),
    discounting: z.string(),
  }),
  /** Accuracy on a holdout period the validation fit did not see; null without one. */
  holdout: z
    .object({
      holdout_end: isoDate,
      holdout_length: z.number().positive(),
      reliability: z.object({
        rows: z.array(
          z.object({
            label: z.string(),
            customers: z.number().int().nonnegative(),
            mean_predicted: z.number().nullable(),
            mean_actual: z.number().nullable(),
          }),
        ),
        totals: z.object({
          customers: z.number().int().nonnegative(),
          predicted: z.number(),
          actual: z.number(),
        }),
      }),
      propensity_horizon_days: z.number().int().positive(),
      auc: z.number().nullable(),
      brier: z.number().nullable(),
      calibration_by_decile: z.array(
        z.object({
          decile: z.number().int().positive(),
          customers: z.number().int().nonnegative(),
          mean_predicted: z.number().nullable(),
          observed_rate: z.number().nullable(),
        }),
      ),
    })
    .nullable(),
});
export type ModelCardResponse = z.infer<typeof modelCardResponse>;

/** POST /api/models/clv/refit (body optional, empty: who asks is the signed-in caller). */
export const refitRequest = z.strictObject({});
export type RefitRequest = z.input<typeof refitRequest>;

/** A refit of the models on demand: its stage while it runs, how it ended after, and who ran it. */
export const refitStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('idle') }),
  z.object({
    state: z.literal('running'),
    stage: z.string(),
    started_at: isoInstant,
    by: z.string(),
  }),
  z.object({
    state: z.literal('done'),
    by: z.string(),
    started_at: isoInstant,
    finished_at: isoInstant,
    model_version: z.string(),
    customers: z.number().int().nonnegative(),
  }),
  z.object({
    state: z.literal('failed'),
    by: z.string(),
    started_at: isoInstant,
    finished_at: isoInstant,
    /** What went wrong, in English, for logs. */
    error: z.string(),
    /** Why the data could not be fitted; null when the run itself failed. */
    no_model: noModelReason.nullable(),
  }),
]);
export type RefitStatus = z.infer<typeof refitStatus>;
