// What a campaign may never be saved with (whatever its status) and what it still lacks before it
// is ready, each as a coded issue at its path with the figures its wording needs. A draft may be
// incomplete; a campaign marked ready (or sent) must be complete.
import { bodyOnChannel, type CampaignBody, type SegmentPin } from './campaign.ts';
import { alternateChannels } from './alternates.ts';
import { instantOf, isTimeZone } from './send-time.ts';

export type CampaignIssueCode =
  // Never saved with:
  | 'time_zone_unknown'
  | 'send_time_skipped'
  | 'offer_window_reversed'
  | 'link_not_https'
  | 'segment_not_found'
  | 'segment_version_not_found'
  // Not ready without:
  | 'segment_required'
  | 'send_time_required'
  | 'template_part_required'
  | 'offer_dates_required'
  | 'offer_not_valid_at_send'
  | 'recommendation_needs_offer';

export interface CampaignIssue {
  path: (string | number)[];
  code: CampaignIssueCode;
  /** English, for developers and logs. */
  message: string;
  params: Record<string, string | number>;
}

const issue = (
  path: CampaignIssue['path'],
  code: CampaignIssueCode,
  message: string,
  params: CampaignIssue['params'] = {},
): CampaignIssue => ({ path, code, message, params });

const blank = (text: string) => text.trim() === '';

/** Problems a campaign is never saved with, draft or not (the segment is checked apart). */
export function campaignErrors(body: CampaignBody): CampaignIssue[] {
  const issues: CampaignIssue[] = [];
  const zoneKnown = isTimeZone(body.time_zone);
  if (!zoneKnown) {
    issues.push(
      issue(
        ['time_zone'],
        'time_zone_unknown',
        `“${body.time_zone}” is not a time zone this server knows (try Europe/Paris).`,
        { time_zone: body.time_zone },
      ),
    );
  }
  if (zoneKnown && body.send_at !== null && instantOf(body.send_at, body.time_zone) === null) {
    issues.push(
      issue(
        ['send_at'],
        'send_time_skipped',
        `${body.send_at} does not exist in ${body.time_zone}: the clocks skip it that day.`,
        { send_at: body.send_at, time_zone: body.time_zone },
      ),
    );
  }
  const offer = body.offer;
  if (offer?.valid_from && offer.valid_to && offer.valid_to < offer.valid_from) {
    issues.push(
      issue(
        ['offer', 'valid_to'],
        'offer_window_reversed',
        `The offer ends (${offer.valid_to}) before it starts (${offer.valid_from}).`,
        { valid_from: offer.valid_from, valid_to: offer.valid_to },
      ),
    );
  }
  if (body.channel === 'web_banner') {
    const link = body.template.link.trim();
    if (link !== '' && !/^https:\/\/[^\s/?#]+[^\s]*$/i.test(link)) {
      issues.push(
        issue(['template', 'link'], 'link_not_https', 'A banner leads to an https:// address.', {
          scheme: /^([a-z][a-z0-9+.-]*):/i.exec(link)?.[1]?.toLowerCase() ?? '',
        }),
      );
    }
  }
  return issues;
}

/** The template parts each channel must fill before it is ready (a preheader is optional). */
export const REQUIRED_TEMPLATE_PARTS = {
  email: ['subject', 'html'],
  sms: ['text'],
  push: ['title', 'body'],
  web_banner: ['headline', 'text', 'link'],
} as const;

function emptyParts(body: CampaignBody): string[] {
  switch (body.channel) {
    case 'email':
      return REQUIRED_TEMPLATE_PARTS.email.filter((part) => blank(body.template[part]));
    case 'sms':
      return REQUIRED_TEMPLATE_PARTS.sms.filter((part) => blank(body.template[part]));
    case 'push':
      return REQUIRED_TEMPLATE_PARTS.push.filter((part) => blank(body.template[part]));
    case 'web_banner':
      return REQUIRED_TEMPLATE_PARTS.web_banner.filter((part) => blank(body.template[part]));
  }
}

/**
 * What the campaign still lacks before it is ready: a target segment, a send time, its channel's
 * template parts, an offer's dates (and the send day within them), an offer when the
 * recommendations are the offer's. Empty: it can be marked ready.
 */
export function missingForReady(body: CampaignBody): CampaignIssue[] {
  const issues: CampaignIssue[] = [];
  if (body.segment === null) {
    issues.push(issue(['segment'], 'segment_required', 'Choose the segment to send it to.'));
  }
  if (body.send_at === null) {
    issues.push(issue(['send_at'], 'send_time_required', 'Plan when it is sent.'));
  }
  for (const part of emptyParts(body)) {
    issues.push(
      issue(
        ['template', part],
        'template_part_required',
        `A ready ${body.channel} campaign needs its ${part}.`,
        { channel: body.channel, part },
      ),
    );
  }
  for (const channel of alternateChannels(body)) {
    for (const part of emptyParts(bodyOnChannel(body, channel))) {
      issues.push(
        issue(
          ['alternates', channel, part],
          'template_part_required',
          `The ${channel} message for recipients on that channel needs its ${part}.`,
          { channel, part },
        ),
      );
    }
  }
  const offer = body.offer;
  if (offer !== null) {
    for (const part of ['valid_from', 'valid_to'] as const) {
      if (offer[part] === null) {
        issues.push(
          issue(['offer', part], 'offer_dates_required', 'Say when the offer is valid.', { part }),
        );
      }
    }
    const sendDay = body.send_at?.slice(0, 10);
    if (
      sendDay !== undefined &&
      offer.valid_from !== null &&
      offer.valid_to !== null &&
      (sendDay < offer.valid_from || sendDay > offer.valid_to)
    ) {
      issues.push(
        issue(
          ['send_at'],
          'offer_not_valid_at_send',
          `It is sent on ${sendDay}, outside the offer's ${offer.valid_from} to ${offer.valid_to}.`,
          { send_date: sendDay, valid_from: offer.valid_from, valid_to: offer.valid_to },
        ),
      );
    }
  }
  if (body.recommendation?.strategy === 'offer' && offer === null) {
    issues.push(
      issue(
        ['recommendation', 'strategy'],
        'recommendation_needs_offer',
        'The recommendations show the offer: add one, or choose another strategy.',
      ),
    );
  }
  return issues;
}

/** Everything that stops this body being saved with its status. */
export function validateCampaign(body: CampaignBody): CampaignIssue[] {
  return [...campaignErrors(body), ...(body.status === 'draft' ? [] : missingForReady(body))];
}

/**
 * Whether the pinned segment version exists: `versions` are the versions recorded for the segment
 * (null: no such segment).
 */
export function segmentPinIssues(
  pin: SegmentPin | null,
  versions: readonly number[] | null,
): CampaignIssue[] {
  if (pin === null) return [];
  if (versions === null) {
    return [
      issue(
        ['segment', 'segment_id'],
        'segment_not_found',
        `No segment '${pin.segment_id}': it may have been deleted.`,
        { segment_id: pin.segment_id },
      ),
    ];
  }
  if (versions.includes(pin.version)) return [];
  return [
    issue(
      ['segment', 'version'],
      'segment_version_not_found',
      `Segment '${pin.segment_id}' has no version ${pin.version}.`,
      { segment_id: pin.segment_id, version: pin.version, newest: Math.max(0, ...versions) },
    ),
  ];
}
