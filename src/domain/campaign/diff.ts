// What changed between two versions of a campaign, field by field, each change coded (which field,
// set / cleared / changed) with its values before and after, so a client words it in its user's
// language ("Subject changed", "Offer removed", "Segment moved to version 4").
import { z } from 'zod';
import {
  campaignStatus,
  exclusion,
  localDateTime,
  offer,
  offerPrice,
  offerTarget,
  readiness,
  recommendationSlot,
  recommendationStrategy,
  segmentPin,
  type CampaignBody,
} from './campaign.ts';
import { isoDate, messageChannel } from '../profile/schema.ts';
import { rolloutStrategy } from './rollout.ts';

/** Set: absent before. Cleared: absent after. Changed: another value. */
export const changeKind = z.enum(['set', 'cleared', 'changed']);
export type ChangeKind = z.infer<typeof changeKind>;

/** Every template part of every channel, as a diff names it. */
export const TEMPLATE_FIELDS = [
  'template.subject',
  'template.preheader',
  'template.html',
  'template.text',
  'template.title',
  'template.body',
  'template.headline',
  'template.link',
] as const;
type TemplateField = (typeof TEMPLATE_FIELDS)[number];

const change = <F extends z.ZodType<string>, V extends z.ZodType>(field: F, value: V) =>
  z.object({ field, change: changeKind, before: value.nullable(), after: value.nullable() });

export const campaignChange = z.discriminatedUnion('field', [
  change(z.literal('name'), z.string()),
  change(z.literal('channel'), messageChannel),
  change(z.literal('status'), campaignStatus),
  /** Another segment (or none before, or none after). */
  change(z.literal('segment'), segmentPin),
  /** The same segment, pinned at another version. */
  change(z.literal('segment_version'), z.number().int()),
  change(z.literal('holdout_share'), z.number()),
  change(z.literal('send_at'), localDateTime),
  change(z.literal('time_zone'), z.string()),
  /** A part of the channel's template; set or cleared when the channel changed. */
  change(z.enum(TEMPLATE_FIELDS), z.string()),
  /** An offer added or removed; a kept offer's changes are reported by part. */
  change(z.literal('offer'), offer),
  change(z.literal('offer.target'), offerTarget),
  change(z.literal('offer.price'), offerPrice),
  change(z.enum(['offer.valid_from', 'offer.valid_to']), isoDate),
  change(z.literal('offer.title'), z.string()),
  /** A recommendation slot added or removed; a kept slot's changes are reported by part. */
  change(z.literal('recommendation'), recommendationSlot),
  change(z.literal('recommendation.strategy'), recommendationStrategy),
  change(z.literal('recommendation.count'), z.number().int()),
  /** The recipients left out for one guardrail: added, removed, or another list. */
  change(z.literal('exclusion'), exclusion),
  /** Marked ready (with the audit and any override), or back to draft. */
  change(z.literal('readiness'), readiness),
  /** A template for another channel's recipients: added, removed, or edited. */
  change(
    z.enum(['alternates.email', 'alternates.sms', 'alternates.push']),
    z.record(z.string(), z.string()),
  ),
  change(z.literal('rollout.strategy'), rolloutStrategy),
  change(z.literal('rollout.min_propensity_percentile'), z.number().int()),
]);
export type CampaignChange = z.infer<typeof campaignChange>;

/** A value as JSON with its keys sorted: values compare as data, whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function kindOf(before: unknown, after: unknown): ChangeKind {
  return before === null ? 'set' : after === null ? 'cleared' : 'changed';
}

/** A change of one field, or nothing when the values are the same. */
function compare<F extends CampaignChange['field'], V>(
  field: F,
  before: V | null,
  after: V | null,
): { field: F; change: ChangeKind; before: V | null; after: V | null }[] {
  return canonical(before) === canonical(after)
    ? []
    : [{ field, change: kindOf(before, after), before, after }];
}

function templateParts(body: CampaignBody): Map<TemplateField, string> {
  return new Map(
    Object.entries(body.template).flatMap(([part, value]) => {
      const field = TEMPLATE_FIELDS.find((f) => f === `template.${part}`);
      return field === undefined ? [] : [[field, value] as const];
    }),
  );
}

/** Every change from `before` to `after`, in the order the editor shows the fields. */
export function diffCampaigns(before: CampaignBody, after: CampaignBody): CampaignChange[] {
  const changes: CampaignChange[] = [
    ...compare('name', before.name, after.name),
    ...compare('channel', before.channel, after.channel),
    ...compare('status', before.status, after.status),
  ];
  const [was, is] = [before.segment, after.segment];
  if (was !== null && is !== null && was.segment_id === is.segment_id) {
    changes.push(...compare('segment_version', was.version, is.version));
  } else {
    changes.push(...compare('segment', was, is));
  }
  changes.push(
    ...compare('holdout_share', before.holdout_share, after.holdout_share),
    ...compare('send_at', before.send_at, after.send_at),
    ...compare('time_zone', before.time_zone, after.time_zone),
  );
  const [oldParts, newParts] = [templateParts(before), templateParts(after)];
  for (const field of TEMPLATE_FIELDS) {
    changes.push(...compare(field, oldParts.get(field) ?? null, newParts.get(field) ?? null));
  }
  const [oldOffer, newOffer] = [before.offer, after.offer];
  if (oldOffer === null || newOffer === null) {
    changes.push(...compare('offer', oldOffer, newOffer));
  } else {
    changes.push(
      ...compare('offer.target', oldOffer.target, newOffer.target),
      ...compare('offer.price', oldOffer.price, newOffer.price),
      ...compare('offer.valid_from', oldOffer.valid_from, newOffer.valid_from),
      ...compare('offer.valid_to', oldOffer.valid_to, newOffer.valid_to),
      ...compare('offer.title', oldOffer.title, newOffer.title),
    );
  }
  const [oldSlot, newSlot] = [before.recommendation, after.recommendation];
  if (oldSlot === null || newSlot === null) {
    changes.push(...compare('recommendation', oldSlot, newSlot));
  } else {
    changes.push(
      ...compare('recommendation.strategy', oldSlot.strategy, newSlot.strategy),
      ...compare('recommendation.count', oldSlot.count, newSlot.count),
    );
  }
  for (const guardrail of new Set(
    [...before.exclusions, ...after.exclusions].map((e) => e.guardrail),
  )) {
    changes.push(
      ...compare(
        'exclusion',
        before.exclusions.find((e) => e.guardrail === guardrail) ?? null,
        after.exclusions.find((e) => e.guardrail === guardrail) ?? null,
      ),
    );
  }
  changes.push(
    ...compare('alternates.email', before.alternates.email, after.alternates.email),
    ...compare('alternates.sms', before.alternates.sms, after.alternates.sms),
    ...compare('alternates.push', before.alternates.push, after.alternates.push),
    ...compare('readiness', before.readiness, after.readiness),
    ...compare('rollout.strategy', before.rollout.strategy, after.rollout.strategy),
    ...compare(
      'rollout.min_propensity_percentile',
      before.rollout.min_propensity_percentile,
      after.rollout.min_propensity_percentile,
    ),
  );
  return changes;
}
