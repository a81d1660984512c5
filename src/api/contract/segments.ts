// Saved segments, versioned: every save appends a version; the current version is the ETag
// (`"3"`), and a save must send it back in If-Match. See docs/decisions/006-saved-segments.md.
import { definitionIssue } from './segment-count.ts';
import { z } from 'zod';
import { decimalInteger } from './decimal.ts';
import { campaignStatus } from '../../domain/campaign/campaign.ts';
import { segmentDefinition } from '../../domain/segment/definition.ts';
import { isoInstant } from '../../domain/profile/schema.ts';

export const segmentId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'A segment id is 1–64 letters, digits, _ or -.');
export const segmentIdParam = z.object({ id: segmentId });
export const segmentVersionParam = z.object({
  id: segmentId,
  v: decimalInteger(1, 1_000_000_000, 'A version is a whole number from 1.'),
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
  /** What this version is about, shown in the history ("created" when absent). */
  note: versionNote.optional(),
});
export type CreateSegmentRequest = z.input<typeof createSegmentRequest>;

/** Update (PUT with If-Match): a new version; an absent description keeps the current one. */
export const updateSegmentRequest = z.strictObject({
  name: segmentName,
  description: segmentDescription.optional(),
  definition: z.unknown(),
  note: versionNote.optional(),
});
export type UpdateSegmentRequest = z.input<typeof updateSegmentRequest>;

/** Restore (POST with If-Match, body optional, empty: the author is the signed-in caller). */
export const restoreSegmentRequest = z.strictObject({});
export type RestoreSegmentRequest = z.input<typeof restoreSegmentRequest>;

/** What uses a segment: campaigns that target it (any version), segments that refer to it. */
export const segmentUsage = z.object({
  campaigns: z.array(
    z.object({
      campaign_id: z.string(),
      name: z.string(),
      status: campaignStatus,
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

/** A definition's audience as counted at an instant: its members among the store's customers. */
export const segmentAudience = z.object({
  count: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** The data's as-of instant when it was counted. */
  as_of: isoInstant,
});
export type SegmentAudience = z.infer<typeof segmentAudience>;

export const segmentVersion = segmentVersionSummary.extend({
  segment_id: segmentId,
  description: z.string(),
  definition: segmentDefinition,
  /** Counted when this version was saved; null for versions saved before counts were kept. */
  audience: segmentAudience.nullable(),
});
export type SegmentVersion = z.infer<typeof segmentVersion>;

/** Each version's audience when it was saved and now, newest first. */
export const segmentAudiencesResponse = z.object({
  segment_id: segmentId,
  /** Customers in the store now, and the data's as-of instant. */
  total: z.number().int().nonnegative(),
  as_of: isoInstant,
  versions: z.array(
    z.object({
      version: z.number().int().min(1),
      saved: segmentAudience.nullable(),
      /** Members now; null when the version no longer counts as it is (problem says why). */
      now: z.number().int().nonnegative().nullable(),
      /** Why it does not count now (a segment it refers to was deleted…), else null. */
      problem: definitionIssue.nullable(),
    }),
  ),
});
export type SegmentAudiencesResponse = z.infer<typeof segmentAudiencesResponse>;

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
