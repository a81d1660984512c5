// One-click remedies from an audit: each turns the campaign into a new body that no longer gives a
// guardrail its reason, or says why it cannot. Exclusions leave the flagged recipients out (a list
// on the campaign, never a change to its segment); the others change what every recipient gets —
// the recommendation strategy, the offer's price (up to the policy's threshold), the offer itself,
// the send time (out of every flagged recipient's quiet hours). The audit then runs again: a
// remedy is judged by the guardrails, never by itself.
import { z } from 'zod';
import { compareText } from '../compare.ts';
import { alternateChannels, withDraftAlternates } from '../campaign/alternates.ts';
import {
  recommendationStrategy,
  type AlternateChannel,
  type CampaignBody,
  type Exclusion,
  type OfferPrice,
} from '../campaign/campaign.ts';
import { instantOf, localDateTimeAt } from '../campaign/send-time.ts';
import type { Product } from '../profile/schema.ts';
import { brokenQuietRules, type QuietPlace } from './contact-quiet-hours.ts';
import { centsOff, percentOf } from './offer.ts';
import type { GuardrailPolicy } from './policy.ts';
import { guardrailId, type GuardrailId } from './verdict.ts';

export const remedy = z.discriminatedUnion('kind', [
  /** Leave out the recipients the audit flagged for this guardrail. */
  z.strictObject({ kind: z.literal('exclude_flagged'), guardrail: guardrailId }),
  /** Rank the recommendation slot by another strategy. */
  z.strictObject({ kind: z.literal('swap_strategy'), strategy: recommendationStrategy }),
  /** Take off at least the policy's minimum share and amount. */
  z.strictObject({ kind: z.literal('raise_discount') }),
  z.strictObject({ kind: z.literal('drop_offer') }),
  /** The first quarter of an hour, from the send time on, out of every flagged recipient's quiet hours. */
  z.strictObject({ kind: z.literal('move_send_time') }),
  /**
   * Send on the customer's consented, preferred channel: a draft template on every other channel
   * the campaign has none for (channel-choice.ts picks each recipient's).
   */
  z.strictObject({ kind: z.literal('preferred_channel') }),
]);
export type Remedy = z.infer<typeof remedy>;
export type RemedyKind = Remedy['kind'];

/** The remedies that answer each guardrail, the likeliest first; exclusion answers them all. */
export const REMEDIES: Readonly<Record<GuardrailId, readonly RemedyKind[]>> = {
  already_owned: ['exclude_flagged', 'swap_strategy'],
  owned_base_product: ['exclude_flagged', 'swap_strategy'],
  meaningless_discount: ['raise_discount', 'drop_offer', 'exclude_flagged'],
  answered_elsewhere: ['exclude_flagged', 'drop_offer'],
  contact_pressure: ['exclude_flagged'],
  quiet_hours: ['move_send_time', 'exclude_flagged'],
  no_consent: ['preferred_channel', 'exclude_flagged'],
  missing_data: ['exclude_flagged'],
  unavailable: ['swap_strategy', 'drop_offer', 'exclude_flagged'],
  offer_not_valid: ['drop_offer', 'exclude_flagged'],
  preference_mismatch: ['preferred_channel', 'exclude_flagged'],
};

/** What an audit tells a remedy about the campaign's recipients. */
export interface RemedyContext {
  policy: GuardrailPolicy;
  /** The catalogue by sku: an offer's list price. */
  products: ReadonlyMap<string, Product>;
  /** The audit the remedy is applied from. */
  audit_id: string;
  /** The guardrail's flagged recipients (exclude_flagged), excluded ones left out. */
  flagged: readonly string[];
  /** Where the quiet_hours-flagged recipients keep their quiet hours (move_send_time). */
  places: readonly QuietPlace[];
  /** The instant a campaign without a send time leaves (ISO). */
  now: string;
}

export type RemedyRefusal =
  | 'nothing_flagged'
  | 'no_recommendation_slot'
  | 'same_strategy'
  | 'no_offer'
  | 'discount_unknown'
  | 'meets_threshold'
  | 'threshold_beyond_price'
  | 'no_quiet_hours'
  | 'no_quiet_time'
  | 'channels_already_set';

/** What the remedy changed, for its version note and its message. */
export type RemedyEffect =
  | { kind: 'exclude_flagged'; guardrail: GuardrailId; excluded: number }
  | { kind: 'swap_strategy'; from: string; to: string }
  | { kind: 'raise_discount'; from: OfferPrice; to: OfferPrice }
  | { kind: 'drop_offer' }
  | { kind: 'move_send_time'; from: string | null; to: string }
  | { kind: 'preferred_channel'; added: AlternateChannel[] };

export type RemedyResult =
  { ok: true; body: CampaignBody; effect: RemedyEffect } | { ok: false; reason: RemedyRefusal };

const refuse = (reason: RemedyRefusal): RemedyResult => ({ ok: false, reason });

/** The exclusion list with `ids` added for `guardrail` (merged with what it already excluded). */
export function withExclusion(
  exclusions: readonly Exclusion[],
  guardrail: GuardrailId,
  auditId: string,
  ids: readonly string[],
): Exclusion[] {
  const before = exclusions.find((e) => e.guardrail === guardrail)?.customer_ids ?? [];
  const merged = [...new Set([...before, ...ids])].sort(compareText);
  const kept = exclusions.filter((e) => e.guardrail !== guardrail);
  return [...kept, { guardrail, audit_id: auditId, customer_ids: merged }];
}

/**
 * The least discount off `list` that meets both of the policy's minimums, as the guardrail reads
 * the share (two decimals): null when it would take the whole price.
 */
export function thresholdDiscount(list: number, policy: GuardrailPolicy): number | null {
  let cents = Math.max(
    policy.min_discount_cents,
    Math.ceil((list * policy.min_discount_percent) / 100),
  );
  // The share is read rounded to two decimals: a cent less when rounding still takes it to the
  // minimum, a cent more when rounding takes it under.
  const meetsShare = (c: number) => (percentOf(c, list) ?? 0) >= policy.min_discount_percent;
  while (cents - 1 >= policy.min_discount_cents && cents - 1 > 0 && meetsShare(cents - 1))
    cents -= 1;
  while (cents < list && !meetsShare(cents)) cents += 1;
  return cents >= list ? null : cents;
}

/** The offer's price raised to the policy's threshold, or why not. */
function raisedPrice(
  price: OfferPrice,
  list: number | null,
  policy: GuardrailPolicy,
): OfferPrice | RemedyRefusal {
  const minPercent = policy.min_discount_percent;
  switch (price.kind) {
    case 'price': {
      if (list === null) return 'discount_unknown';
      const off = thresholdDiscount(list, policy);
      if (off === null) return 'threshold_beyond_price';
      return list - price.cents >= off ? 'meets_threshold' : { kind: 'price', cents: list - off };
    }
    case 'percent': {
      let percent = Math.max(price.percent, Math.ceil(minPercent));
      if (list !== null) {
        while (percent <= 99 && centsOff(list, percent) < policy.min_discount_cents) percent += 1;
      }
      if (percent > 99) return 'threshold_beyond_price';
      return percent === price.percent ? 'meets_threshold' : { kind: 'percent', percent };
    }
    case 'amount_off': {
      const needed = list === null ? policy.min_discount_cents : thresholdDiscount(list, policy);
      if (needed === null) return 'threshold_beyond_price';
      return price.cents >= needed ? 'meets_threshold' : { kind: 'amount_off', cents: needed };
    }
  }
}

const QUARTER_HOUR = 15 * 60_000;
/** How far ahead a quiet-free send time is looked for. */
const SEARCH_DAYS = 14;

type QuietRules = GuardrailPolicy['quiet_hours'][keyof GuardrailPolicy['quiet_hours']];

/**
 * The first quarter of an hour at or after `fromMs` that breaks no quiet-hours rule of any of
 * `quiet` (the rules of every channel the campaign sends on) in any of `places`; null when none
 * within SEARCH_DAYS (a policy that leaves no hour open).
 */
export function firstQuietFreeInstant(
  fromMs: number,
  quiet: readonly QuietRules[],
  places: readonly QuietPlace[],
): number | null {
  const start = Math.ceil(fromMs / QUARTER_HOUR) * QUARTER_HOUR;
  const free = (ms: number) =>
    quiet.every((rules) => places.every((p) => brokenQuietRules(rules, ms, p).rules.length === 0));
  if (free(fromMs)) return fromMs;
  for (let ms = start; ms <= fromMs + SEARCH_DAYS * 86_400_000; ms += QUARTER_HOUR) {
    if (free(ms)) return ms;
  }
  return null;
}

/** The campaign after the remedy, or why it cannot be applied. */
export function applyRemedy(
  body: CampaignBody,
  chosen: Remedy,
  context: RemedyContext,
): RemedyResult {
  switch (chosen.kind) {
    case 'exclude_flagged': {
      if (context.flagged.length === 0) return refuse('nothing_flagged');
      const exclusions = withExclusion(
        body.exclusions,
        chosen.guardrail,
        context.audit_id,
        context.flagged,
      );
      return {
        ok: true,
        body: { ...body, exclusions },
        effect: {
          kind: 'exclude_flagged',
          guardrail: chosen.guardrail,
          excluded: context.flagged.length,
        },
      };
    }
    case 'swap_strategy': {
      const slot = body.recommendation;
      if (slot === null) return refuse('no_recommendation_slot');
      if (slot.strategy === chosen.strategy) return refuse('same_strategy');
      return {
        ok: true,
        body: { ...body, recommendation: { ...slot, strategy: chosen.strategy } },
        effect: { kind: 'swap_strategy', from: slot.strategy, to: chosen.strategy },
      };
    }
    case 'raise_discount': {
      const { offer } = body;
      if (offer === null) return refuse('no_offer');
      const list =
        offer.target.kind === 'product'
          ? (context.products.get(offer.target.sku)?.price_cents ?? null)
          : null;
      const raised = raisedPrice(offer.price, list, context.policy);
      if (typeof raised === 'string') return refuse(raised);
      return {
        ok: true,
        body: { ...body, offer: { ...offer, price: raised } },
        effect: { kind: 'raise_discount', from: offer.price, to: raised },
      };
    }
    case 'drop_offer': {
      if (body.offer === null) return refuse('no_offer');
      // A slot ranking the offer's products has nothing left to rank.
      const recommendation = body.recommendation?.strategy === 'offer' ? null : body.recommendation;
      return {
        ok: true,
        body: { ...body, offer: null, recommendation },
        effect: { kind: 'drop_offer' },
      };
    }
    case 'move_send_time': {
      // The quiet hours of every channel the campaign sends on: a recipient moved to an
      // alternate channel keeps that channel's.
      const quiet = [body.channel, ...alternateChannels(body)]
        .map((channel) => context.policy.quiet_hours[channel])
        .filter((rules) => rules.enabled);
      if (quiet.length === 0 || context.places.length === 0) return refuse('no_quiet_hours');
      const from =
        body.send_at === null ? Date.parse(context.now) : instantOf(body.send_at, body.time_zone);
      if (from === null) return refuse('no_quiet_time');
      const to = firstQuietFreeInstant(from, quiet, context.places);
      if (to === null) return refuse('no_quiet_time');
      if (to === from) return refuse('nothing_flagged');
      const sendAt = localDateTimeAt(to, body.time_zone);
      return {
        ok: true,
        body: { ...body, send_at: sendAt },
        effect: { kind: 'move_send_time', from: body.send_at, to: sendAt },
      };
    }
    case 'preferred_channel': {
      const { alternates, added } = withDraftAlternates(body);
      if (added.length === 0) return refuse('channels_already_set');
      return {
        ok: true,
        body: { ...body, alternates },
        effect: { kind: 'preferred_channel', added },
      };
    }
  }
}
