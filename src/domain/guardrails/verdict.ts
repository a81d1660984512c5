// What a guardrail answers about one recipient: a verdict with a stable guardrail id, a severity,
// the figures its wording needs (describe.ts words them in French or English) and the evidence —
// references to the history entries that prove it, with the ids the timeline shows. Plain data, as
// zod schemas: the preview API, the audit and exports carry verdicts as they are.
import { z } from 'zod';
import { timelineKinds } from '../profile/timeline.ts';
import {
  consentChannel,
  identityKind,
  isoDate,
  isoInstant,
  messageChannel,
  orderChannel,
  preferenceTopic,
  productCategory,
} from '../profile/schema.ts';
import { junkReasons } from '../template/codes.ts';

/** The guardrails, in the order a preview lists them when severities tie. Ids never change. */
export const guardrailIds = [
  'already_owned',
  'owned_base_product',
  'meaningless_discount',
  'answered_elsewhere',
  'contact_pressure',
  'quiet_hours',
  'no_consent',
  'missing_data',
  'unavailable',
  'offer_not_valid',
  'preference_mismatch',
] as const;
export const guardrailId = z.enum(guardrailIds);
export type GuardrailId = z.infer<typeof guardrailId>;

/** block: the message must not go to this recipient as it is; warn: look before sending. */
export const severity = z.enum(['block', 'warn']);
export type Severity = z.infer<typeof severity>;

/**
 * What proves a verdict. `entry`: a timeline entry (an order, an event, a message, an offer
 * response, a consent) by the id the timeline gives it; the other kinds point at what the
 * timeline does not show: a field of the customer record, an identity, a stated preference, a
 * product of the catalogue, a part of the campaign.
 */
export const evidence = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('entry'),
    entry_kind: z.enum(timelineKinds),
    id: z.string(),
    at: isoInstant,
  }),
  z.strictObject({
    kind: z.literal('customer_field'),
    field: z.enum(['first_name', 'last_name', 'email', 'phone', 'city', 'postcode', 'country']),
    /** The value as stored (null when missing). Shown as text, never as markup. */
    value: z.string().nullable(),
  }),
  z.strictObject({
    kind: z.literal('identity'),
    identity_kind: identityKind,
    value: z.string(),
    first_seen: isoInstant,
  }),
  z.strictObject({
    kind: z.literal('preference'),
    topic: preferenceTopic,
    value: z.string(),
    stated_at: isoInstant,
  }),
  z.strictObject({ kind: z.literal('product'), sku: z.string(), title: z.string() }),
  z.strictObject({
    kind: z.literal('campaign'),
    part: z.enum(['offer', 'send_at', 'channel', 'template', 'recommendation']),
  }),
]);
export type Evidence = z.infer<typeof evidence>;

/** Whether a product reaches the message as the offer or as a recommendation. */
export const productRole = z.enum(['offer', 'recommendation']);
export type ProductRole = z.infer<typeof productRole>;

const product = { sku: z.string(), title: z.string(), role: productRole };
const cents = z.number().int();
const days = z.number().int().nonnegative();

/** Each guardrail's figures. */
export const verdictParams = {
  already_owned: z.strictObject({
    ...product,
    /** What they bought: this product, or another edition of the same work. */
    owned_sku: z.string(),
    owned_title: z.string(),
    owned_format: z.string().nullable(),
    same_work: z.boolean(),
    order_id: z.string(),
    bought_at: isoInstant,
    order_channel: orderChannel,
    /** The store's name for an order in store (null elsewhere or when unknown). */
    store_name: z.string().nullable(),
    /** Whether the customer has a loyalty card (what ties an in-store purchase to them). */
    loyalty_card: z.boolean(),
  }),
  owned_base_product: z.strictObject({
    ...product,
    /** The product they bought that needs it (the game for the console). */
    needed_by_sku: z.string(),
    needed_by_title: z.string(),
    order_id: z.string(),
    bought_at: isoInstant,
  }),
  meaningless_discount: z.strictObject({
    /** `threshold`: under the policy's minimum; `not_below_paid`: not cheaper than they last paid. */
    rule: z.enum(['threshold', 'not_below_paid']),
    sku: z.string().nullable(),
    title: z.string(),
    list_price_cents: cents.nullable(),
    offer_price_cents: cents.nullable(),
    discount_cents: cents.nullable(),
    /** The discount as a share of the list price, 0–100 (two decimals). */
    discount_percent: z.number().nullable(),
    min_discount_percent: z.number(),
    min_discount_cents: cents,
    /** What they paid a unit last time (rule not_below_paid). */
    paid_cents: cents.nullable(),
    paid_at: isoInstant.nullable(),
  }),
  answered_elsewhere: z.strictObject({
    response: z.enum(['accepted', 'declined']),
    offer_id: z.string(),
    offer_title: z.string(),
    /** The channel they answered on (the store, the phone…). */
    channel: z.string(),
    at: isoInstant,
    days_before: days,
    window_days: days,
  }),
  contact_pressure: z.strictObject({
    /** Which cap: this channel or all channels, over 7 or 30 days; or their declared frequency. */
    rule: z.enum(['channel_7_days', 'channel_30_days', 'all_7_days', 'all_30_days', 'declared']),
    channel: messageChannel,
    /** Messages received in the window before this one. */
    received: z.number().int().nonnegative(),
    /** At most this many in the window, this one included (for `declared`: 1 in `window_days`). */
    cap: z.number().int().nonnegative(),
    window_days: days,
    /** The declared frequency (weekly, monthly, quarterly) for rule `declared`. */
    declared: z.string().nullable(),
  }),
  quiet_hours: z.strictObject({
    rule: z.enum(['before_start', 'after_end', 'sunday', 'public_holiday']),
    channel: messageChannel,
    /** The recipient's wall clock at the send: `2026-12-25T09:30`. */
    local_time: z.string(),
    time_zone: z.string(),
    start: z.string(),
    end: z.string(),
    /** The holiday's code (christmas, easter_monday, ascension…) for rule public_holiday. */
    holiday: z.string().nullable(),
  }),
  no_consent: z.strictObject({
    rule: z.enum(['withdrawn', 'never_granted', 'no_address', 'invalid_address']),
    channel: consentChannel,
    /** When the latest consent event was recorded (withdrawn). */
    at: isoInstant.nullable(),
    source: z.string().nullable(),
  }),
  missing_data: z.strictObject({
    /** `fallback`: a default replaced the value; `empty` / `junk`: it went out empty or as junk. */
    rule: z.enum(['fallback', 'empty', 'junk']),
    field: z.string().nullable(),
    token: z.string(),
    raw: z.string().nullable(),
    reason: z.enum(junkReasons).nullable(),
    replacement: z.string().nullable(),
  }),
  unavailable: z.strictObject({
    ...product,
    rule: z.enum(['discontinued', 'out_of_stock_online', 'not_launched']),
    launched_at: isoInstant.nullable(),
  }),
  offer_not_valid: z.strictObject({
    rule: z.enum(['expired', 'not_started']),
    valid_from: isoDate.nullable(),
    valid_to: isoDate.nullable(),
    /** The send's day in the campaign's time zone. */
    send_day: isoDate,
  }),
  preference_mismatch: z.strictObject({
    rule: z.enum(['channel', 'interest']),
    channel: messageChannel,
    preferred_channel: z.string().nullable(),
    category: productCategory.nullable(),
    interests: z.array(z.string()),
  }),
} as const;

type ParamsOf = typeof verdictParams;

const verdictOf = <G extends GuardrailId>(id: G) =>
  z.strictObject({
    guardrail: z.literal(id),
    severity,
    params: verdictParams[id],
    evidence: z.array(evidence),
  });

export const verdict = z.discriminatedUnion('guardrail', [
  verdictOf('already_owned'),
  verdictOf('owned_base_product'),
  verdictOf('meaningless_discount'),
  verdictOf('answered_elsewhere'),
  verdictOf('contact_pressure'),
  verdictOf('quiet_hours'),
  verdictOf('no_consent'),
  verdictOf('missing_data'),
  verdictOf('unavailable'),
  verdictOf('offer_not_valid'),
  verdictOf('preference_mismatch'),
]);
export type Verdict = z.infer<typeof verdict>;
export type VerdictOf<G extends GuardrailId> = Extract<Verdict, { guardrail: G }>;
export type VerdictParams<G extends GuardrailId> = z.infer<ParamsOf[G]>;

/** Blocking first, then in the order of `guardrailIds`; stable otherwise. */
export function compareVerdicts(a: Verdict, b: Verdict): number {
  const s = (v: Verdict) => (v.severity === 'block' ? 0 : 1);
  return s(a) - s(b) || guardrailIds.indexOf(a.guardrail) - guardrailIds.indexOf(b.guardrail);
}
