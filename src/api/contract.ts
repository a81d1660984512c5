// The HTTP contract of the profile API: one zod schema per request and response, shared by the
// browser client, the Hono server (both stores) and the tests.
import { z } from 'zod';
import { RFM_CELLS } from '../domain/analytics/rfm.ts';
import { CHURN_BANDS } from '../domain/analytics/churn.ts';
import { segmentDefinition } from '../domain/segment/definition.ts';
import {
  channel,
  consent,
  consentChannel,
  consentStatus,
  currency,
  customer,
  event,
  identity,
  isoDate,
  isoInstant,
  loyaltyTier,
  message,
  offer,
  offerResponse,
  order,
  orderChannel,
  orderLine,
  preference,
} from '../domain/profile/schema.ts';

// ---------------------------------------------------------------- errors

export const apiIssue = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  /** On a 422 for a definition: the condition or group the issue is about (null: the whole). */
  node_id: z.string().nullable().optional(),
});
export type ApiIssue = z.infer<typeof apiIssue>;
export const apiError = z.object({
  error: z.object({
    code: z.enum([
      'bad_request',
      'not_found',
      'invalid_definition',
      'payload_too_large',
      'internal',
      // Saved segments: 409, 412, 428.
      'conflict',
      'precondition_failed',
      'precondition_required',
    ]),
    message: z.string(),
    issues: z.array(apiIssue).optional(),
  }),
});
export type ApiError = z.infer<typeof apiError>;

// ---------------------------------------------------------------- health

export const healthResponse = z.object({
  status: z.literal('ok'),
  store: z.enum(['memory', 'duckdb']),
  customers: z.number().int().nonnegative(),
  /** The instant the demo data runs up to; "today" for relative windows. */
  as_of: isoInstant,
});
export type HealthResponse = z.infer<typeof healthResponse>;

// ---------------------------------------------------------------- field catalogue

export const fieldType = z.enum(['string', 'enum', 'number', 'date', 'boolean']);
export type FieldType = z.infer<typeof fieldType>;
export const valueSuggestion = z.object({ value: z.string(), count: z.number().int() });
export type ValueSuggestion = z.infer<typeof valueSuggestion>;
export const fieldStats = z.object({
  /** Rows (or customers) where the field is set. */
  present: z.number().int(),
  missing: z.number().int(),
  distinct: z.number().int(),
  min: z.union([z.number(), z.string()]).nullable(),
  max: z.union([z.number(), z.string()]).nullable(),
});
export const catalogueField = z.object({
  /** `customer.city`, `order.channel`, `line.category`, `event.product_view`, `aggregate.order_count`… */
  id: z.string(),
  group: z.enum([
    'attribute',
    'behaviour',
    'order',
    'order_line',
    'aggregate',
    'reachability',
    'score',
  ]),
  label: z.string(),
  type: fieldType,
  stats: fieldStats,
  /** The most frequent values, most frequent first (ties by value), at most 25. */
  suggestions: z.array(valueSuggestion),
});
export type CatalogueField = z.infer<typeof catalogueField>;
export const eventProperty = z.object({
  name: z.string(),
  type: fieldType,
  suggestions: z.array(valueSuggestion),
});
export const catalogueEventType = z.object({
  type: z.string(),
  label: z.string(),
  count: z.number().int(),
  customers: z.number().int(),
  channels: z.array(z.string()),
  properties: z.array(eventProperty),
});
export type CatalogueEventType = z.infer<typeof catalogueEventType>;
export const catalogueResponse = z.object({
  customers: z.number().int(),
  fields: z.array(catalogueField),
  event_types: z.array(catalogueEventType),
});
export type CatalogueResponse = z.infer<typeof catalogueResponse>;

// ---------------------------------------------------------------- search

export const searchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(2, 'Type at least 2 characters.')
    .max(200, 'A search is at most 200 characters.'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type SearchQuery = z.infer<typeof searchQuery>;
export const searchHit = z.object({
  customer_id: z.string(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  email: z.string().nullable(),
  city: z.string().nullable(),
  loyalty_tier: loyaltyTier,
  /** What the query matched: a name, or one identity (kind and value). */
  matched: z.object({ kind: z.string(), value: z.string() }),
});
export type SearchHit = z.infer<typeof searchHit>;
export const searchResponse = z.object({ query: z.string(), hits: z.array(searchHit) });
export type SearchResponse = z.infer<typeof searchResponse>;

// ---------------------------------------------------------------- profile

export const customerIdParam = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'A customer id is 1–64 letters, digits, _ or -.'),
});
export const consentState = z.object({
  channel: consentChannel,
  status: consentStatus.or(z.literal('unknown')),
  at: isoInstant.nullable(),
  source: channel.nullable(),
});
export type ConsentState = z.infer<typeof consentState>;
export const keyFigures = z.object({
  /** Completed orders (returned and cancelled are counted apart). */
  orders: z.number().int(),
  returned_orders: z.number().int(),
  cancelled_orders: z.number().int(),
  spend_cents: z.number().int(),
  currency,
  average_order_cents: z.number().int().nullable(),
  first_order_at: isoInstant.nullable(),
  last_order_at: isoInstant.nullable(),
  /** Order channels used by completed orders, most used first (ties by name). */
  channels_used: z.array(orderChannel),
  events: z.number().int(),
  messages_received: z.number().int(),
});
export type KeyFigures = z.infer<typeof keyFigures>;
export const profileResponse = z.object({
  customer,
  identities: z.array(identity),
  /** The latest consent state per channel, every consent channel listed. */
  consents: z.array(consentState),
  preferences: z.array(preference),
  figures: keyFigures,
});
export type ProfileResponse = z.infer<typeof profileResponse>;

// ---------------------------------------------------------------- timeline

export const timelineKind = z.enum(['order', 'event', 'message', 'offer_response', 'consent']);
export type TimelineKind = z.infer<typeof timelineKind>;

/** `a,b,c` in a query string; absent or empty means no filter. */
const commaSeparated = z
  .string()
  .max(400)
  .optional()
  .transform((s) => (s === undefined || s === '' ? [] : s.split(',')));

export const timelineQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  channel: commaSeparated.pipe(z.array(channel).max(20)),
  kind: commaSeparated.pipe(z.array(timelineKind).max(20)),
});
export type TimelineQuery = z.infer<typeof timelineQuery>;

export const timelineLine = orderLine.extend({
  title: z.string().nullable(),
  category: z.string().nullable(),
  format: z.string().nullable(),
});
const entryBase = { id: z.string(), at: isoInstant, channel };
export const timelineEntry = z.discriminatedUnion('kind', [
  z.object({
    ...entryBase,
    kind: z.literal('order'),
    order,
    lines: z.array(timelineLine),
    store_name: z.string().nullable(),
  }),
  z.object({ ...entryBase, kind: z.literal('event'), event }),
  z.object({
    ...entryBase,
    kind: z.literal('message'),
    message,
    campaign_name: z.string().nullable(),
    offer_title: z.string().nullable(),
  }),
  z.object({
    ...entryBase,
    kind: z.literal('offer_response'),
    response: offerResponse,
    offer: offer.nullable(),
  }),
  z.object({ ...entryBase, kind: z.literal('consent'), consent }),
]);
export type TimelineEntry = z.infer<typeof timelineEntry>;
export const timelineResponse = z.object({
  entries: z.array(timelineEntry),
  /** Opaque; absent on the last page. */
  next_cursor: z.string().nullable(),
  /** Entries matching the filters, across all pages. */
  total: z.number().int(),
});
export type TimelineResponse = z.infer<typeof timelineResponse>;

// ---------------------------------------------------------------- segment count

/** One problem with a definition, tied to the node it is about (null: the whole definition). */
export const definitionIssue = z.object({
  node_id: z.string().nullable(),
  path: z.array(z.union([z.string(), z.number()])),
  code: z.string(),
  message: z.string(),
});
export type DefinitionIssue = z.infer<typeof definitionIssue>;
/** 422: the definition is invalid; it was not evaluated. */
export const invalidDefinitionResponse = z.object({
  error: z.object({
    code: z.literal('invalid_definition'),
    message: z.string(),
    issues: z.array(definitionIssue),
  }),
});

export const countRequest = z.object({
  /** Parsed by the segment definition schema on the server (zod errors come back as issues). */
  definition: z.unknown(),
  /** A `customer.*` attribute to break the members down by. */
  breakdown: z.string().max(200).optional(),
  /** How many sample members to return. */
  sample: z.number().int().min(0).max(100).default(20),
});
export type CountRequest = z.input<typeof countRequest>;
export const memberSummary = z.object({
  customer_id: z.string(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  email: z.string().nullable(),
  city: z.string().nullable(),
});
export type MemberSummary = z.infer<typeof memberSummary>;
export const countResponse = z.object({
  count: z.number().int(),
  /** Customers in the store. */
  total: z.number().int(),
  reachable: z.object({
    /** Members with granted consent on the channel and a valid address where one is needed. */
    email: z.number().int(),
    sms: z.number().int(),
    push: z.number().int(),
  }),
  /** Members of each top-level child of the root, alone (not combined with the others). */
  groups: z.array(z.object({ node_id: z.string(), count: z.number().int() })),
  breakdown: z
    .object({
      field: z.string(),
      values: z.array(z.object({ value: z.string().nullable(), count: z.number().int() })),
    })
    .nullable(),
  /** The first members by customer id. */
  sample: z.array(memberSummary),
  as_of: isoInstant,
});
export type CountResponse = z.infer<typeof countResponse>;

// ---------------------------------------------------------------- saved segments
// Versioned: every save appends a version; the current version is the ETag (`"3"`), and a save
// must send it back in If-Match. See docs/decisions/006-saved-segments.md.

export const segmentId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'A segment id is 1–64 letters, digits, _ or -.');
export const segmentIdParam = z.object({ id: segmentId });
export const segmentVersionParam = z.object({
  id: segmentId,
  v: z.coerce
    .number({ error: 'A version is a whole number from 1.' })
    .int('A version is a whole number from 1.')
    .min(1, 'A version is a whole number from 1.')
    .max(1_000_000_000, 'No segment has that many versions.'),
});

const segmentName = z
  .string()
  .trim()
  .min(1, 'Give the segment a name.')
  .max(120, 'A name is at most 120 characters.');
const segmentDescription = z
  .string()
  .trim()
  .max(2_000, 'A description is at most 2,000 characters.');
const segmentAuthor = z
  .string()
  .trim()
  .min(1, 'An author is at least one character.')
  .max(120, 'An author is at most 120 characters.');
const versionNote = z.string().trim().max(200, 'A note is at most 200 characters.');

/** A saved segment as it is now: its latest version. */
export const savedSegment = z.object({
  segment_id: segmentId,
  name: z.string(),
  description: z.string(),
  definition: segmentDefinition,
  /** Starts at 1 for a segment created here; demo segments keep the version they were loaded at. */
  version: z.number().int().min(1),
  author: z.string(),
  created_at: isoInstant,
  updated_at: isoInstant,
});
export type SavedSegment = z.infer<typeof savedSegment>;

/** Create: the definition is parsed and validated by the server (422 with per-node issues). */
export const createSegmentRequest = z.strictObject({
  name: segmentName,
  description: segmentDescription.default(''),
  definition: z.unknown(),
  author: segmentAuthor.optional(),
  /** What this version is about, shown in the history ("created" when absent). */
  note: versionNote.optional(),
});
export type CreateSegmentRequest = z.input<typeof createSegmentRequest>;

/** Update (PUT with If-Match): a new version; an absent description keeps the current one. */
export const updateSegmentRequest = z.strictObject({
  name: segmentName,
  description: segmentDescription.optional(),
  definition: z.unknown(),
  author: segmentAuthor.optional(),
  note: versionNote.optional(),
});
export type UpdateSegmentRequest = z.input<typeof updateSegmentRequest>;

/** Restore (POST with If-Match, body optional): who restores. */
export const restoreSegmentRequest = z.strictObject({ author: segmentAuthor.optional() });
export type RestoreSegmentRequest = z.input<typeof restoreSegmentRequest>;

/** What uses a segment: campaigns that target it, segments whose definitions refer to it. */
export const segmentUsage = z.object({
  campaigns: z.array(
    z.object({
      campaign_id: z.string(),
      name: z.string(),
      status: z.enum(['draft', 'scheduled', 'sent']),
    }),
  ),
  segments: z.array(z.object({ segment_id: segmentId, name: z.string() })),
});
export type SegmentUsage = z.infer<typeof segmentUsage>;

export const segmentListItem = z.object({
  segment_id: segmentId,
  name: z.string(),
  description: z.string(),
  version: z.number().int().min(1),
  author: z.string(),
  updated_at: isoInstant,
  /** Members now (as of `as_of`). */
  size: z.number().int().nonnegative(),
  usage: segmentUsage,
});
export type SegmentListItem = z.infer<typeof segmentListItem>;
/** Sorted by name, then id. */
export const segmentListResponse = z.object({
  segments: z.array(segmentListItem),
  /** Customers in the store, for shares. */
  total: z.number().int().nonnegative(),
  as_of: isoInstant,
});
export type SegmentListResponse = z.infer<typeof segmentListResponse>;

export const segmentVersionSummary = z.object({
  version: z.number().int().min(1),
  name: z.string(),
  author: z.string(),
  at: isoInstant,
  /** "created", "restored from version 3", or what the author typed. */
  note: z.string(),
});
export type SegmentVersionSummary = z.infer<typeof segmentVersionSummary>;
/** Newest first. History may start above version 1 (demo segments: see decision 006). */
export const segmentVersionsResponse = z.object({
  segment_id: segmentId,
  versions: z.array(segmentVersionSummary),
});
export type SegmentVersionsResponse = z.infer<typeof segmentVersionsResponse>;

export const segmentVersion = segmentVersionSummary.extend({
  segment_id: segmentId,
  description: z.string(),
  definition: segmentDefinition,
});
export type SegmentVersion = z.infer<typeof segmentVersion>;

export const segmentDiffQuery = z.object({
  from: segmentVersionParam.shape.v,
  to: segmentVersionParam.shape.v,
});
const textChange = z.object({ before: z.string(), after: z.string() });
export const segmentNodeChange = z.object({
  node_id: z.string(),
  change: z.enum(['added', 'removed', 'changed', 'moved']),
  /** One-line summary in version `from`; null when added. */
  before: z.string().nullable(),
  /** One-line summary in version `to`; null when removed. */
  after: z.string().nullable(),
  /** Under another group, or elsewhere among its siblings (also set on a change). */
  moved: z.boolean(),
});
export type SegmentNodeChange = z.infer<typeof segmentNodeChange>;
export const segmentDiffResponse = z.object({
  segment_id: segmentId,
  from: z.number().int().min(1),
  to: z.number().int().min(1),
  name: textChange.nullable(),
  description: textChange.nullable(),
  /** Nodes of version `to` in reading order, then the removed ones. */
  nodes: z.array(segmentNodeChange),
});
export type SegmentDiffResponse = z.infer<typeof segmentDiffResponse>;

/** 412: If-Match named another version; nothing was saved. `current` is what is saved now. */
export const segmentPreconditionFailed = z.object({
  error: z.object({ code: z.literal('precondition_failed'), message: z.string() }),
  current: savedSegment,
});
export type SegmentPreconditionFailed = z.infer<typeof segmentPreconditionFailed>;

/** 409 on delete: the segment is used; nothing was deleted. */
export const segmentInUse = z.object({
  error: z.object({ code: z.literal('conflict'), message: z.string() }),
  usage: segmentUsage,
});
export type SegmentInUse = z.infer<typeof segmentInUse>;

// ---------------------------------------------------------------- saved segment members

export const membersQuery = z.object({
  /** The last customer id of the previous page: members come in customer id order. */
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'A cursor is the last customer id of the previous page.')
    .optional(),
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
});
export const membersResponse = z.object({
  members: z.array(memberSummary),
  /** Absent on the last page. */
  next_cursor: z.string().nullable(),
});
export type MembersResponse = z.infer<typeof membersResponse>;

// ---------------------------------------------------------------- overlap

export const overlapRequest = z.strictObject({
  segment_ids: z
    .array(segmentId)
    .min(2, 'Compare two or three segments.')
    .max(3, 'Compare two or three segments.')
    .refine((ids) => new Set(ids).size === ids.length, 'Each segment can be compared only once.'),
});
export type OverlapRequest = z.infer<typeof overlapRequest>;
export const overlapResponse = z.object({
  segments: z.array(
    z.object({ segment_id: segmentId, name: z.string(), size: z.number().int().nonnegative() }),
  ),
  /**
   * Every region of the diagram: the customers in exactly these segments and in none of the
   * others (for three segments, seven regions). Together they make the union.
   */
  regions: z.array(
    z.object({
      segment_ids: z.array(segmentId).min(1),
      count: z.number().int().nonnegative(),
    }),
  ),
  /** Customers in at least one of them. */
  union: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  as_of: isoInstant,
});
export type OverlapResponse = z.infer<typeof overlapResponse>;

// ---------------------------------------------------------------- scores and the model card
// Scores come from the customer-base models (src/domain/analytics): BG/NBD for repeat purchases,
// Gamma-Gamma for spend, RFM from the same summary. Each names the fit that made it.

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

export const scoreDriver = z.object({
  factor: z.enum(['recency', 'frequency', 'monetary', 'tenure']),
  direction: z.enum(['up', 'down']),
  text: z.string(),
});
export const customerScoresResponse = z.object({
  customer_id: z.string(),
  model_version: z.string(),
  /** The day the scores are as of (the end of the data the model saw); null without a model. */
  as_of: isoDate.nullable(),
  /**
   * `no_orders`: nothing to score from (the customer never completed an order); `no_model`: the
   * models could not be fitted on this data (`reason` says why).
   */
  status: z.enum(['scored', 'no_orders', 'no_model']),
  reason: z.string().optional(),
  scores: customerScores.nullable(),
  explanation: z.object({ headline: z.string(), drivers: z.array(scoreDriver) }).nullable(),
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

/** A refit of the models on demand: its stage while it runs, how it ended after. */
export const refitStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('idle') }),
  z.object({ state: z.literal('running'), stage: z.string(), started_at: isoInstant }),
  z.object({
    state: z.literal('done'),
    started_at: isoInstant,
    finished_at: isoInstant,
    model_version: z.string(),
    customers: z.number().int().nonnegative(),
  }),
  z.object({
    state: z.literal('failed'),
    started_at: isoInstant,
    finished_at: isoInstant,
    error: z.string(),
  }),
]);
export type RefitStatus = z.infer<typeof refitStatus>;
