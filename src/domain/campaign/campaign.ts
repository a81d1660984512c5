// A campaign as marketers save it: a versioned document (the repository keeps author, time and
// note per version) whose body is everything below. The body is keyed by channel: each channel has
// its own template parts. A draft may be incomplete; what a campaign needs before it is ready is
// in validate.ts. See docs/decisions/017-campaigns.md.
import { z } from 'zod';
import { guardrailId } from '../guardrails/verdict.ts';
import { isoDate, isoInstant, messageChannel } from '../profile/schema.ts';
import { offerTarget, recommendationStrategy } from '../recommend/strategy.ts';
import { rolloutSettings } from './rollout.ts';

// What an offer is on (one product, or a whole category) and how recommendations are ranked are
// the recommendation domain's shapes, so a campaign names them as the recommender reads them.
export { offerTarget, recommendationStrategy };
export type { OfferTarget, RecommendationStrategy } from '../recommend/strategy.ts';

export const CAMPAIGN_CHANNELS = messageChannel.options;
export type CampaignChannel = z.infer<typeof messageChannel>;

/** Draft: being written, may be incomplete. Ready: complete, may be sent. Sent: history. */
export const campaignStatus = z.enum(['draft', 'ready', 'sent']);
export type CampaignStatus = z.infer<typeof campaignStatus>;

export const DEFAULT_TIME_ZONE = 'Europe/Paris';
export const MAX_HOLDOUT_SHARE = 0.5;
export const DEFAULT_HOLDOUT_SHARE = 0.1;
export const MAX_RECOMMENDATIONS = 6;

/** Same rule as a saved segment's id (src/api/contract/segments.ts). */
const segmentId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'A segment id is 1–64 letters, digits, _ or -.');

/** The target: one version of a saved segment, so later edits of the segment change nothing here. */
export const segmentPin = z.strictObject({
  segment_id: segmentId,
  version: z.number().int().min(1),
});
export type SegmentPin = z.infer<typeof segmentPin>;

/**
 * A wall-clock time without a zone (`2026-12-01T09:30`), read in the campaign's time zone: what a
 * marketer plans ("9:30 in Paris"), which stays 9:30 across a change of daylight saving time.
 */
export const localDateTime = z.iso
  .datetime({ local: true, precision: -1 })
  .regex(/^[^Z]*$/, 'A local date and time has no zone: 2026-12-01T09:30.');

const text = (max: number) =>
  z
    .string()
    .max(max, `At most ${max.toLocaleString('en')} characters.`)
    .default('');

export const emailTemplate = z.strictObject({
  subject: text(300),
  /** The line inboxes show after the subject; optional. */
  preheader: text(300),
  /** Liquid over HTML. */
  html: text(200_000),
});
export const smsTemplate = z.strictObject({ text: text(1_600) });
export const pushTemplate = z.strictObject({ title: text(120), body: text(500) });
export const webBannerTemplate = z.strictObject({
  headline: text(120),
  text: text(500),
  /** Where the banner leads: an https: address. */
  link: text(2_000),
});
/** The channels a campaign may carry a second template for (a banner needs no consent). */
export const ALTERNATE_CHANNELS = ['email', 'sms', 'push'] as const;
export type AlternateChannel = (typeof ALTERNATE_CHANNELS)[number];
/**
 * Templates on other channels than the campaign's own: a recipient its channel cannot reach, or
 * who prefers another, gets the message on one of these (src/domain/guardrails/channel-choice.ts).
 * The campaign's own channel is never read here.
 */
export const alternateTemplates = z.strictObject({
  email: emailTemplate.nullable().default(null),
  sms: smsTemplate.nullable().default(null),
  push: pushTemplate.nullable().default(null),
});
export type AlternateTemplates = z.infer<typeof alternateTemplates>;
export type EmailTemplate = z.infer<typeof emailTemplate>;
export type SmsTemplate = z.infer<typeof smsTemplate>;
export type PushTemplate = z.infer<typeof pushTemplate>;
export type WebBannerTemplate = z.infer<typeof webBannerTemplate>;

const positiveCents = z.number().int().min(1).max(100_000_000);
/** What the customer gets: a price to pay (product offers), a percentage or an amount off. */
export const offerPrice = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('price'), cents: positiveCents }),
  z.strictObject({ kind: z.literal('percent'), percent: z.number().int().min(1).max(99) }),
  z.strictObject({ kind: z.literal('amount_off'), cents: positiveCents }),
]);
export type OfferPrice = z.infer<typeof offerPrice>;

/** Days in the campaign's time zone, both included; a draft may leave them open. */
export const offer = z.strictObject({
  target: offerTarget,
  price: offerPrice,
  valid_from: isoDate.nullable().default(null),
  valid_to: isoDate.nullable().default(null),
  /** How messages name the offer (`{{ offer.title }}`); empty: worded from target and price. */
  title: text(200),
});
export type Offer = z.infer<typeof offer>;

export const recommendationSlot = z.strictObject({
  strategy: recommendationStrategy,
  count: z.number().int().min(1).max(MAX_RECOMMENDATIONS),
});
export type RecommendationSlot = z.infer<typeof recommendationSlot>;

export const campaignName = z
  .string()
  .trim()
  .min(1, 'Give the campaign a name.')
  .max(120, 'A name is at most 120 characters.');

const targeting = {
  segment: segmentPin.nullable().default(null),
  holdout_share: z.number().min(0).max(MAX_HOLDOUT_SHARE).default(DEFAULT_HOLDOUT_SHARE),
  send_at: localDateTime.nullable().default(null),
  /** An IANA time zone; validate.ts checks this runtime knows it. */
  time_zone: z.string().min(1).max(64).default(DEFAULT_TIME_ZONE),
};
/** Same rule as a customer id in the API. */
const customerId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'A customer id is 1–64 letters, digits, _ or -.');

export const MAX_EXCLUDED = 2_000_000;

/**
 * Recipients the campaign leaves out because a guardrail flagged them in an audit: a list on the
 * campaign, never a change to its segment. Kept by guardrail so the history says why.
 */
export const exclusion = z.strictObject({
  guardrail: guardrailId,
  /** The audit that flagged them. */
  audit_id: z.string().min(1).max(64),
  /** In customer id order, each once. */
  customer_ids: z.array(customerId).max(MAX_EXCLUDED),
});
export type Exclusion = z.infer<typeof exclusion>;

export const overrideReason = z
  .string()
  .trim()
  .min(1, 'Write why the campaign may go out while a guardrail still blocks recipients.')
  .max(1_000, 'A reason is at most 1,000 characters.');

/**
 * How the campaign became ready: the audit it was checked by, who marked it and when, and — when
 * a blocking guardrail still flagged recipients — the written reason it may go out all the same.
 */
export const readiness = z.strictObject({
  audit_id: z.string().min(1).max(64),
  by: z.string().min(1).max(120),
  at: isoInstant,
  override: z
    .strictObject({
      reason: overrideReason,
      /** Recipients a blocking guardrail still flagged when it was overridden. */
      blocked: z.number().int().min(1),
    })
    .nullable(),
});
export type Readiness = z.infer<typeof readiness>;

const extras = {
  offer: offer.nullable().default(null),
  recommendation: recommendationSlot.nullable().default(null),
  exclusions: z.array(exclusion).max(guardrailId.options.length).default([]),
  /** Set when the campaign is marked ready; any later save returns it to draft without it. */
  readiness: readiness.nullable().default(null),
  /** Its message on other channels, for the recipients its own does not reach (none by default). */
  alternates: alternateTemplates.prefault({}),
  /** In which waves it is sent (rollout.ts): by default the loyal first, then the rest. */
  rollout: rolloutSettings.prefault({}),
};

/** Each channel's template; an absent one is empty. */
const templates = {
  email: emailTemplate.prefault({}),
  sms: smsTemplate.prefault({}),
  push: pushTemplate.prefault({}),
  web_banner: webBannerTemplate.prefault({}),
} as const;

/**
 * The campaign body keyed by channel, with `extra` fields (a request's author and note, a
 * narrower status: a save never says "sent"): one definition for the stored document and the requests that write it.
 */
export function campaignShapes<Extra extends z.core.$ZodLooseShape>(extra: Extra) {
  const variant = <C extends CampaignChannel, T extends z.ZodType>(channel: C, template: T) =>
    z.strictObject({
      name: campaignName,
      channel: z.literal(channel),
      status: campaignStatus.default('draft'),
      ...targeting,
      template,
      ...extras,
      ...extra,
    });
  return z.discriminatedUnion('channel', [
    variant('email', templates.email),
    variant('sms', templates.sms),
    variant('push', templates.push),
    variant('web_banner', templates.web_banner),
  ]);
}

/** A campaign document's body. */
export const campaignBody = campaignShapes({});
export type CampaignBody = z.infer<typeof campaignBody>;
export type CampaignTemplate = CampaignBody['template'];

/** Every excluded customer id, whichever guardrail excluded them. */
export function excludedIds(body: Pick<CampaignBody, 'exclusions'>): Set<string> {
  return new Set(body.exclusions.flatMap((e) => e.customer_ids));
}

/**
 * The body's parts that record decisions about it, leave recipients out or only order the
 * sending (checkedKey).
 */
const UNCHECKED: ReadonlySet<string> = new Set(['status', 'readiness', 'exclusions', 'rollout']);

/**
 * What decides the messages and the recipients' verdicts, as one text: the body without its
 * status and readiness (which record decisions about it), its exclusions (which only leave
 * recipients out) and its rollout (which only orders the sending), its keys sorted. Two bodies
 * with the same key are checked the same, recipient by recipient.
 */
export function checkedKey(body: CampaignBody): string {
  const checked = Object.entries(body).filter(([key]) => !UNCHECKED.has(key));
  return JSON.stringify(Object.fromEntries(checked), (_key, value: unknown) =>
    typeof value !== 'object' || value === null || Array.isArray(value)
      ? value
      : Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  );
}

/** A new draft on a channel, with the defaults. */
export function newCampaign(name: string, channel: CampaignChannel = 'email'): CampaignBody {
  return campaignBody.parse({ name, channel });
}

/** The template part that names the message (subject, title, headline) and the one that says it. */
export function templateText(body: CampaignBody): { heading: string; text: string } {
  switch (body.channel) {
    case 'email':
      return { heading: body.template.subject, text: body.template.html };
    case 'sms':
      return { heading: '', text: body.template.text };
    case 'push':
      return { heading: body.template.title, text: body.template.body };
    case 'web_banner':
      return { heading: body.template.headline, text: body.template.text };
  }
}

/** A channel's template parts from a heading and a text (an SMS has one text: both, joined). */
export function templateParts(
  channel: CampaignChannel,
  heading: string,
  text: string,
): Record<string, string> {
  switch (channel) {
    case 'email':
      return { subject: heading, html: text };
    case 'sms':
      return { text: [heading, text].filter((t) => t !== '').join('\n') };
    case 'push':
      return { title: heading, body: text };
    case 'web_banner':
      return { headline: heading, text };
  }
}

/**
 * The same campaign on another channel: everything but the template is kept, and the template
 * keeps its heading and text (subject → title → headline; an HTML body becomes text as written).
 */
export function withChannel(body: CampaignBody, channel: CampaignChannel): CampaignBody {
  if (body.channel === channel) return body;
  const { heading, text } = templateText(body);
  return campaignBody.parse({ ...body, channel, template: templateParts(channel, heading, text) });
}

/**
 * The campaign as it leaves on `channel`: itself on its own channel, else with the alternate
 * template in place of its own (itself when it has none for that channel).
 */
export function bodyOnChannel(body: CampaignBody, channel: CampaignChannel): CampaignBody {
  if (channel === body.channel) return body;
  const { alternates } = body;
  switch (channel) {
    case 'email':
      return alternates.email === null ? body : { ...body, channel, template: alternates.email };
    case 'sms':
      return alternates.sms === null ? body : { ...body, channel, template: alternates.sms };
    case 'push':
      return alternates.push === null ? body : { ...body, channel, template: alternates.push };
    case 'web_banner':
      return body;
  }
}

/** `body` with the template of `sent` (the campaign on another channel) as that channel's alternate. */
export function withAlternateOf(body: CampaignBody, sent: CampaignBody): CampaignBody {
  if (sent.channel === body.channel) return body;
  switch (sent.channel) {
    case 'email':
      return { ...body, alternates: { ...body.alternates, email: sent.template } };
    case 'sms':
      return { ...body, alternates: { ...body.alternates, sms: sent.template } };
    case 'push':
      return { ...body, alternates: { ...body.alternates, push: sent.template } };
    case 'web_banner':
      return body;
  }
}
