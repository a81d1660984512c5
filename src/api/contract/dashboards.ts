// The dashboards' figures, each computed where the data is (src/domain/analytics for the memory
// store, SQL on DuckDB) and filtered the same way: a saved segment at a version, a period of
// calendar months (UTC), an order channel.
import { z } from 'zod';
import { decimalInteger } from './decimal.ts';
import { isMonth } from '../../domain/analytics/buyers.ts';
import { isoInstant, messageChannel, orderChannel } from '../../domain/profile/schema.ts';
import { QUALITY_CONSENT_CHANNELS, QUALITY_LIST_NAMES } from '../../domain/analytics/quality.ts';
import { junkReasons } from '../../domain/template/codes.ts';
import { segmentDefinition } from '../../domain/segment/definition.ts';
import { auditCounts } from '../../domain/guardrails/audit.ts';
import { segmentId } from './segments.ts';

export const month = z.string().refine(isMonth, 'A month is written YYYY-MM (2026-03).');

/** The filters every dashboard shares (query string). */
export const dashboardQuery = z
  .object({
    segment: segmentId.optional(),
    /** The segment's version; its current one when absent. */
    version: decimalInteger(1, 1_000_000_000, 'A version is a whole number from 1.').optional(),
    from: month,
    to: month,
    channel: orderChannel.optional(),
  })
  .refine((q) => q.from <= q.to, { message: 'The period ends before it starts.', path: ['to'] })
  .refine((q) => q.version === undefined || q.segment !== undefined, {
    message: 'A version needs its segment.',
    path: ['version'],
  });
export type DashboardQuery = z.infer<typeof dashboardQuery>;

/** The segment a dashboard was filtered on, as it was read. */
export const dashboardSegment = z.object({
  segment_id: segmentId,
  name: z.string(),
  version: z.number().int().min(1),
  /** Its members now. */
  members: z.number().int().nonnegative(),
});

export const buyerMonth = z.object({
  month: z.string(),
  first_time: z.number().int().nonnegative(),
  repeat: z.number().int().nonnegative(),
  orders: z.number().int().nonnegative(),
  revenue_cents: z.number().int(),
  repeat_revenue_cents: z.number().int(),
});

export const buyersResponse = z.object({
  segment: dashboardSegment.nullable(),
  months: z.array(buyerMonth),
  as_of: isoInstant,
});
export type BuyersResponse = z.infer<typeof buyersResponse>;

const valueGroup = z.object({
  key: z.string(),
  customers: z.number().int().nonnegative(),
  value_cents: z.number().int(),
});

export const valueResponse = z.object({
  segment: dashboardSegment.nullable(),
  customers: z.number().int().nonnegative(),
  value_cents: z.number().int(),
  bands: z.array(
    z.object({
      from_cents: z.number().int(),
      to_cents: z.number().int().nullable(),
      customers: z.number().int().nonnegative(),
      value_cents: z.number().int(),
    }),
  ),
  pareto: z.array(
    z.object({
      top_percent: z.number(),
      customers: z.number().int().nonnegative(),
      value_cents: z.number().int(),
    }),
  ),
  cohorts: z.array(valueGroup),
  first_channels: z.array(valueGroup),
  top: z.array(
    z.object({
      customer_id: z.string(),
      value_cents: z.number().int(),
      orders: z.number().int().nonnegative(),
    }),
  ),
  as_of: isoInstant,
});
export type ValueResponse = z.infer<typeof valueResponse>;

const bandCount = z.object({ band: z.string(), customers: z.number().int().nonnegative() });

/** Scores as of the data's date: the period and channel do not apply to them. */
export const propensityResponse = z.object({
  segment: dashboardSegment.nullable(),
  /** Customers counted (the segment's members, or everyone). */
  customers: z.number().int().nonnegative(),
  /** Customers without a score (no completed order). */
  unscored: z.number().int().nonnegative(),
  propensity_30d: z.array(bandCount),
  propensity_90d: z.array(bandCount),
  churn: z.array(bandCount),
  /** Predicted value over the next 12 months, in bands of euros (VALUE_BANDS). */
  clv_12m: z.array(bandCount),
  /**
   * Churn bands at the end of each of the last months (the as-of day for its own month), each
   * from the model fitted again on the orders up to then; `fitted` false when that data was too
   * little to fit (counts then 0). Customers who had ordered by the cut-off, of the segment today.
   */
  churn_trend: z.array(
    z.object({
      month: z.string().regex(/^\d{4}-\d{2}$/),
      cutoff: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      fitted: z.boolean(),
      customers: z.number().int().nonnegative(),
      low: z.number().int().nonnegative(),
      medium: z.number().int().nonnegative(),
      high: z.number().int().nonnegative(),
    }),
  ),
  as_of: isoInstant,
});
export type PropensityResponse = z.infer<typeof propensityResponse>;

const campaignGroup = z.object({
  customers: z.number().int().nonnegative(),
  /** Customers with a completed order in their attribution window. */
  converted: z.number().int().nonnegative(),
  revenue_cents: z.number().int(),
  /** Sample variance of each customer's window revenue (cents²). */
  revenue_variance: z.number().nonnegative(),
});

const upliftInterval = z.object({ estimate: z.number(), low: z.number(), high: z.number() });
export const upliftVerdict = z.enum(['up', 'down', 'too_small']);

export const campaignPerformance = z.object({
  campaign_id: z.string(),
  name: z.string(),
  /** Null when every target was held out. */
  channel: messageChannel.nullable(),
  sent_at: isoInstant,
  messages: z.number().int().nonnegative(),
  delivered: z.number().int().nonnegative(),
  opened: z.number().int().nonnegative(),
  clicked: z.number().int().nonnegative(),
  unsubscribed: z.number().int().nonnegative(),
  recipients: campaignGroup,
  holdout: campaignGroup,
  uplift: z.object({
    /** Conversion rate difference (probability), Newcombe's hybrid score interval. */
    conversion: upliftInterval.nullable(),
    conversion_verdict: upliftVerdict,
    /** Revenue per customer difference (cents), Welch's interval. */
    revenue: upliftInterval.nullable(),
    revenue_verdict: upliftVerdict,
  }),
});
export type CampaignPerformance = z.infer<typeof campaignPerformance>;

/** The latest finished audit of a campaign built in Tact: what the guardrails would stop. */
export const campaignAuditFigures = z.object({
  campaign_id: z.string(),
  name: z.string(),
  audit_id: z.string(),
  finished_at: isoInstant,
  /** Whether it is of the campaign's content and policy as they are now. */
  current: z.boolean(),
  counts: auditCounts,
});

/** Campaigns sent in the period, most recent first; the channel filter narrows conversions. */
export const campaignsResponse = z.object({
  segment: dashboardSegment.nullable(),
  /** Campaigns audited in the period (their latest finished audit), most recent first. */
  audits: z.array(campaignAuditFigures),
  window_days: z.number().int().positive(),
  /** Under this many held-out customers, no uplift is called. */
  min_holdout: z.number().int().positive(),
  campaigns: z.array(campaignPerformance),
  as_of: isoInstant,
});
export type CampaignsResponse = z.infer<typeof campaignsResponse>;

const count = z.number().int().nonnegative();
const contactStates = z.object({ valid: count, invalid: count, missing: count });
export const qualityList = z.enum(QUALITY_LIST_NAMES);

/** Data quality as of now: the period and channel do not apply. */
export const qualityResponse = z.object({
  segment: dashboardSegment.nullable(),
  customers: count,
  first_name: z.object({
    usable: count,
    unusable: z.array(z.object({ reason: z.enum(junkReasons), customers: count })),
  }),
  email: contactStates,
  phone: contactStates,
  consent: z.array(
    z.object({
      channel: z.enum(QUALITY_CONSENT_CHANNELS),
      granted: count,
      withdrawn: count,
      unknown: count,
    }),
  ),
  identities: z.array(z.object({ identities: count, customers: count })),
  shared_device: count,
  duplicate_email: count,
  duplicate_phone: count,
  /** The segment definition each list can be opened as, where the segment engine can say it. */
  definitions: z.array(z.object({ list: qualityList, definition: segmentDefinition })),
  as_of: isoInstant,
});
export type QualityResponse = z.infer<typeof qualityResponse>;

/** A page of a quality list (query string, beside the dashboard's filters). */
export const qualityListQuery = z.object({
  list: qualityList,
  limit: decimalInteger(1, 200, 'A limit is a whole number from 1 to 200.').default(50),
  offset: decimalInteger(0, 10_000_000, 'An offset is a whole number from 0.').default(0),
});

export const qualityListResponse = z.object({
  list: qualityList,
  total: count,
  offset: count,
  customers: z.array(
    z.object({
      customer_id: z.string(),
      first_name: z.string().nullable(),
      last_name: z.string().nullable(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
    }),
  ),
});
export type QualityListResponse = z.infer<typeof qualityListResponse>;

const scoreTotals = z.object({
  members: count,
  /** Members with a predicted value (those with a completed order). */
  scored: count,
  /** Their predicted value over the next 12 months, summed (cents). */
  clv_cents: z.number().int(),
});

/** Predicted 12-month value of every saved segment (current version) and of everyone. */
export const segmentValueResponse = z.object({
  everyone: scoreTotals,
  segments: z.array(
    scoreTotals.extend({
      segment_id: segmentId,
      name: z.string(),
      version: z.number().int().min(1),
      /** False when the segment no longer counts as it is (it names a deleted segment). */
      counted: z.boolean(),
    }),
  ),
  as_of: isoInstant,
});
export type SegmentValueResponse = z.infer<typeof segmentValueResponse>;
