// A segment definition: a versioned JSON tree of groups (AND / OR, each negatable) and conditions.
// This schema checks the shape only; whether a field exists and fits its operator is validate.ts's
// job, against the field catalogue. Semantics, written once (the evaluator and every SQL dialect
// follow them):
// - Every condition is two-valued: a comparison that involves a missing value is false (never
//   "unknown"); `negate` flips the result, so NOT(city equals Paris) includes customers with no city.
// - String comparisons (equals, in, contains, starts with) ignore case; enum values match exactly.
// - `is_empty` is true for a missing value and for an empty string; `is_set` is its opposite.
// - Time windows are in whole UTC days relative to the store's as-of instant ("today"):
//   `last_days: 30` means at or after as_of − 30 days and not after as_of; `between` takes two
//   calendar dates, both included; `before` excludes its date, `after` excludes its date.
// - Orders count only when completed (returned and cancelled orders are not purchases), in
//   behaviour and aggregate conditions alike, as in the key figures.
// - A group needs at least one child: an empty definition is invalid, never "everyone".
import { z } from 'zod';

export const DEFINITION_VERSION = 1;
export const MAX_DEPTH = 20;
export const MAX_LIST_VALUES = 1_000;
export const MAX_NODES = 500;
/**
 * The most conditions and groups a definition may hold with every saved segment it names written
 * out in its place (and theirs, all the way down): a chain of segments naming the one before ten
 * times each would otherwise ask an engine for 10⁵ conditions.
 */
export const MAX_EXPANDED_NODES = 5_000;

export const nodeId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, 'A node id is 1–40 letters, digits, _ or -.');
const calendarDate = z.iso.date();
/** The longest text a condition's value may be. */
export const MAX_TEXT_CHARS = 1_000;
const text = z.string().max(MAX_TEXT_CHARS, 'A value is at most 1,000 characters.');
const scalar = z.union([text, z.number().finite(), z.boolean()]);

/** A test on one value: what the catalogue type of the field allows is checked by validate.ts. */
export const comparison = z.discriminatedUnion('operator', [
  z.strictObject({ operator: z.enum(['equals', 'not_equals']), value: scalar }),
  z.strictObject({
    operator: z.enum(['in', 'not_in', 'all_of']),
    values: z.array(scalar).max(MAX_LIST_VALUES, `A list holds at most ${MAX_LIST_VALUES} values.`),
  }),
  z.strictObject({ operator: z.enum(['contains', 'starts_with']), value: text }),
  z.strictObject({ operator: z.enum(['gt', 'gte', 'lt', 'lte']), value: z.number().finite() }),
  z.strictObject({
    operator: z.literal('between'),
    min: z.union([z.number().finite(), calendarDate]),
    max: z.union([z.number().finite(), calendarDate]),
  }),
  z.strictObject({ operator: z.enum(['before', 'after']), value: calendarDate }),
  z.strictObject({
    operator: z.enum(['in_last_days', 'not_in_last_days']),
    days: z.number().int().min(1).max(36_500),
  }),
  z.strictObject({ operator: z.enum(['is_empty', 'is_set', 'is_true', 'is_false']) }),
]);
export type Comparison = z.infer<typeof comparison>;
export type Operator = Comparison['operator'];

/** When a behaviour or an aggregate counts. */
export const timeWindow = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ever') }),
  z.strictObject({ type: z.literal('last_days'), days: z.number().int().min(1).max(36_500) }),
  z.strictObject({ type: z.literal('between'), from: calendarDate, to: calendarDate }),
  z.strictObject({ type: z.literal('before'), date: calendarDate }),
  z.strictObject({ type: z.literal('after'), date: calendarDate }),
]);
export type TimeWindow = z.infer<typeof timeWindow>;

/** A filter on the event's properties (`property.<name>`), the order (`order.*`) or its lines (`line.*`). */
export const propertyFilter = z.strictObject({
  field: z.string().min(1).max(200),
  test: comparison,
});
export type PropertyFilter = z.infer<typeof propertyFilter>;

const base = { id: nodeId, negate: z.boolean().default(false) };

export const attributeCondition = z.strictObject({
  ...base,
  kind: z.literal('attribute'),
  /** A catalogue field of group `attribute`: `customer.city`… */
  field: z.string().min(1).max(200),
  test: comparison,
});

export const behaviourCondition = z.strictObject({
  ...base,
  kind: z.literal('behaviour'),
  action: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('event'), event_type: z.string().min(1).max(100) }),
    z.strictObject({ type: z.literal('order') }),
  ]),
  /** How many matching events (or completed orders with a matching line): did = at least 1. */
  count: z.strictObject({
    operator: z.enum(['at_least', 'at_most', 'exactly']),
    value: z.number().int().min(0).max(1_000_000),
  }),
  window: timeWindow,
  /** All must hold. For orders, line filters hold on one same line of the order. */
  filters: z.array(propertyFilter).max(50).default([]),
});

export const aggregateMeasure = z.enum([
  'total_spend_cents',
  'order_count',
  'average_order_cents',
  'days_since_last_order',
  'promo_share',
  'favourite_category',
  'channels_used',
  'payment_methods_used',
]);
export type AggregateMeasure = z.infer<typeof aggregateMeasure>;

export const aggregateCondition = z.strictObject({
  ...base,
  kind: z.literal('aggregate'),
  measure: aggregateMeasure,
  window: timeWindow,
  test: comparison,
});

export const scoreCondition = z.strictObject({
  ...base,
  kind: z.literal('score'),
  /** A catalogue field of group `score`. */
  score: z.string().min(1).max(200),
  test: comparison,
});

export const reachabilityCondition = z.strictObject({
  ...base,
  kind: z.literal('reachability'),
  check: z.discriminatedUnion('type', [
    /** The latest consent record of the channel grants it. */
    z.strictObject({
      type: z.literal('consent'),
      channel: z.enum(['email', 'sms', 'push', 'phone']),
    }),
    /** The channel has a consent record, granted or withdrawn (without one, consent is unknown). */
    z.strictObject({
      type: z.literal('consent_known'),
      channel: z.enum(['email', 'sms', 'push', 'phone']),
    }),
    z.strictObject({ type: z.literal('valid_email') }),
    z.strictObject({ type: z.literal('valid_phone') }),
    /** The first name can greet them as written (template/salutation.ts, firstNameJunk). */
    z.strictObject({ type: z.literal('usable_first_name') }),
    /** Facts across profiles (profile/cross-profile.ts): a device, an e-mail, a phone another holds. */
    z.strictObject({ type: z.literal('shared_device') }),
    z.strictObject({ type: z.literal('duplicate_email') }),
    z.strictObject({ type: z.literal('duplicate_phone') }),
  ]),
});

export const membershipCondition = z.strictObject({
  ...base,
  kind: z.literal('segment'),
  segment_id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
});

export const condition = z.discriminatedUnion('kind', [
  attributeCondition,
  behaviourCondition,
  aggregateCondition,
  scoreCondition,
  reachabilityCondition,
  membershipCondition,
]);
export type Condition = z.infer<typeof condition>;
export type AttributeCondition = z.infer<typeof attributeCondition>;
export type BehaviourCondition = z.infer<typeof behaviourCondition>;
export type AggregateCondition = z.infer<typeof aggregateCondition>;
export type ScoreCondition = z.infer<typeof scoreCondition>;
export type ReachabilityCondition = z.infer<typeof reachabilityCondition>;
export type MembershipCondition = z.infer<typeof membershipCondition>;

/** Groups nest (zod 4's getter recursion); `parseDefinition` (parse-definition.ts) bounds the depth before parsing. */
export const group = z.strictObject({
  id: nodeId,
  kind: z.literal('group'),
  negate: z.boolean().default(false),
  combinator: z.enum(['and', 'or']),
  get children(): z.ZodArray<typeof segmentNode> {
    return z.array(segmentNode).max(MAX_NODES);
  },
});

export const segmentNode = z.discriminatedUnion('kind', [
  group,
  attributeCondition,
  behaviourCondition,
  aggregateCondition,
  scoreCondition,
  reachabilityCondition,
  membershipCondition,
]);
export type Group = z.infer<typeof group>;
export type SegmentNode = z.infer<typeof segmentNode>;

export const segmentDefinition = z.strictObject({
  version: z.literal(DEFINITION_VERSION),
  root: group,
});
export type SegmentDefinition = z.infer<typeof segmentDefinition>;

/** A definition every customer meets: the negation of the empty group (which nobody meets). */
export const EVERYONE: SegmentDefinition = {
  version: 1,
  root: { id: 'everyone', kind: 'group', negate: true, combinator: 'and', children: [] },
};
