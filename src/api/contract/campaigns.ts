// Campaigns, versioned like saved segments on the same document repository: every save appends a
// version; the current version is the ETag (`"3"`), and a save sends it back in If-Match. The body
// is the domain's campaign (src/domain/campaign/campaign.ts), keyed by channel. See
// docs/decisions/017-campaigns.md.
import { z } from 'zod';
import { decimalInteger } from './decimal.ts';
import {
  campaignShapes,
  campaignStatus,
  localDateTime,
  segmentPin,
} from '../../domain/campaign/campaign.ts';
import { campaignChange } from '../../domain/campaign/diff.ts';
import { isoInstant, messageChannel } from '../../domain/profile/schema.ts';
import { segmentVersionSummary } from './segments.ts';

export const campaignId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'A campaign id is 1–64 letters, digits, _ or -.');
export const campaignIdParam = z.object({ id: campaignId });
export const campaignVersionParam = z.object({
  id: campaignId,
  v: decimalInteger(1, 1_000_000_000, 'A version is a whole number from 1.'),
});

const version = z.number().int().min(1);
const versionNote = z.string().trim().max(200, 'A note is at most 200 characters.');

/** A campaign as it is now: its latest version, keyed by channel like its body. */
export const savedCampaign = campaignShapes({
  campaign_id: campaignId,
  /** Starts at 1 for a campaign created here; loaded campaigns keep the version they came with. */
  version,
  author: z.string(),
  created_at: isoInstant,
  updated_at: isoInstant,
});
export type SavedCampaign = z.infer<typeof savedCampaign>;

/**
 * Create, and update (PUT with If-Match: the whole body, absent fields take their defaults): a
 * campaign is saved as a draft (complete or not) or as ready (complete: 422 naming what it
 * lacks); only sending makes it sent.
 */
export const saveCampaignRequest = campaignShapes({
  status: campaignStatus.exclude(['sent']).default('draft'),
  /** What this version is about, shown in the history ("created" when absent on a create). */
  note: versionNote.optional(),
});
export type SaveCampaignRequest = z.input<typeof saveCampaignRequest>;

/** Restore (POST with If-Match, body optional, empty: the author is the signed-in caller). */
export const restoreCampaignRequest = z.strictObject({});
export type RestoreCampaignRequest = z.input<typeof restoreCampaignRequest>;

/** The segment a campaign targets, as pinned and as it is now. */
export const campaignSegment = segmentPin.extend({
  /** The segment's version now; null when it has been deleted since. */
  current_version: version.nullable(),
  /** Its name now; null when deleted. */
  name: z.string().nullable(),
  /** Members of the pinned version now (as of `as_of`); null when it cannot be counted. */
  size: z.number().int().nonnegative().nullable(),
});
export type CampaignSegment = z.infer<typeof campaignSegment>;

export const campaignListItem = z.object({
  campaign_id: campaignId,
  name: z.string(),
  channel: messageChannel,
  status: campaignStatus,
  segment: campaignSegment.nullable(),
  holdout_share: z.number(),
  send_at: localDateTime.nullable(),
  time_zone: z.string(),
  /** The instant it leaves (`send_at` in `time_zone`); null when unplanned. */
  send_instant: isoInstant.nullable(),
  has_offer: z.boolean(),
  has_recommendations: z.boolean(),
  version,
  /** Who saved the current version, and when. */
  author: z.string(),
  updated_at: isoInstant,
});
export type CampaignListItem = z.infer<typeof campaignListItem>;
/** Last edited first, then by id. */
export const campaignListResponse = z.object({
  campaigns: z.array(campaignListItem),
  as_of: isoInstant,
});
export type CampaignListResponse = z.infer<typeof campaignListResponse>;

/** Newest first: the audit trail. History may start above version 1 (loaded campaigns). */
export const campaignVersionsResponse = z.object({
  campaign_id: campaignId,
  versions: z.array(segmentVersionSummary),
});
export type CampaignVersionsResponse = z.infer<typeof campaignVersionsResponse>;

/** One version as it was saved: its body, who saved it, when and why. */
export const campaignVersion = campaignShapes({
  campaign_id: campaignId,
  version,
  author: z.string(),
  at: isoInstant,
  note: z.string(),
});
export type CampaignVersion = z.infer<typeof campaignVersion>;

export const campaignDiffQuery = z.object({
  from: campaignVersionParam.shape.v,
  to: campaignVersionParam.shape.v,
});
export const campaignDiffResponse = z.object({
  campaign_id: campaignId,
  from: version,
  to: version,
  /** Each field changed from `from` to `to`, in the editor's order. */
  changes: z.array(campaignChange),
});
export type CampaignDiffResponse = z.infer<typeof campaignDiffResponse>;
