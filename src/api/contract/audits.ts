// The pre-send audit (decision 022): every guardrail for every recipient of a campaign's current
// version, started (POST), followed (GET: progress, then the counts), cancelled (DELETE); the
// remedies applied from it, each a new campaign version; and marking the campaign ready from it.
import { z } from 'zod';
import { overrideReason } from '../../domain/campaign/campaign.ts';
import { rolloutSettings, waveCounts, waveId, type WaveId } from '../../domain/campaign/rollout.ts';
import { auditCounts } from '../../domain/guardrails/audit.ts';
import { remedy } from '../../domain/guardrails/remedy.ts';
import { isoInstant } from '../../domain/profile/schema.ts';
import { campaignId, savedCampaign } from './campaigns.ts';

export const auditId = z
  .string()
  .regex(/^aud_[A-Za-z0-9]{1,60}$/, 'An audit id is aud_ followed by letters and digits.');
export const auditParams = z.object({ id: campaignId, auditId });

/** POST /api/campaigns/:id/audits (body optional, empty: who runs it is the signed-in caller). */
export const startAuditRequest = z.strictObject({});
export type StartAuditRequest = z.input<typeof startAuditRequest>;

export const auditState = z.enum(['running', 'done', 'cancelled', 'failed']);
export type AuditState = z.infer<typeof auditState>;

export const campaignAudit = z.strictObject({
  audit_id: auditId,
  campaign_id: campaignId,
  /** The campaign version audited. */
  campaign_version: z.number().int().min(1),
  policy: z.strictObject({ policy_id: z.string(), version: z.number().int().min(1) }),
  by: z.string(),
  started_at: isoInstant,
  finished_at: isoInstant.nullable(),
  state: auditState,
  /** Recipients checked of the members to check (null until the members are read). */
  progress: z.strictObject({
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative().nullable(),
    /** Rows of the histories read so far (customers, orders and their lines, events…). */
    rows: z.number().int().nonnegative(),
  }),
  /** The instant the messages were checked for (the send time, or the data's present). */
  at: isoInstant.nullable(),
  /** Once done. */
  counts: auditCounts.nullable(),
  /**
   * Whether the verdicts were those of an earlier check of the same content (a remedy that only
   * excluded recipients reruns without checking anyone again).
   */
  reused: z.boolean(),
  /** Whether it is of the campaign's content and policy as they are now. */
  current: z.boolean(),
  /** Why it failed (English, for logs); null otherwise. */
  error: z.string().nullable(),
});
export type CampaignAudit = z.infer<typeof campaignAudit>;

/** Newest first. */
export const campaignAuditsResponse = z.strictObject({
  campaign_id: campaignId,
  audits: z.array(campaignAudit),
});
export type CampaignAuditsResponse = z.infer<typeof campaignAuditsResponse>;

/** POST /api/campaigns/:id/remedies with If-Match: a remedy from a done, current audit. */
export const applyRemedyRequest = z.strictObject({
  audit_id: auditId,
  remedy,
});
export type ApplyRemedyRequest = z.input<typeof applyRemedyRequest>;

/** The campaign's new version, and the audit started on it. */
export const applyRemedyResponse = z.strictObject({
  campaign: savedCampaign,
  audit: campaignAudit,
});
export type ApplyRemedyResponse = z.infer<typeof applyRemedyResponse>;

/** GET /api/campaigns/:id/export: the final recipients as CSV (default) or JSON Lines. */
export const exportQuery = z.strictObject({
  format: z.enum(['csv', 'jsonl'], { error: 'A format is csv or jsonl.' }).default('csv'),
  /** One wave of the rollout plan only; every recipient without it. */
  wave: waveId.optional(),
});

export type ExportQuery = z.infer<typeof exportQuery>;

/** An export's file name: `CMP01-v4.csv`, or `CMP01-v4-loyal.csv` for one wave. */
export const exportFileName = (
  campaignId: string,
  version: number,
  wave: WaveId | null,
  format: ExportQuery['format'],
) => `${campaignId}-v${version}${wave === null ? '' : `-${wave}`}.${format}`;

/** GET /api/campaigns/:id/rollout: the campaign's waves with their counts. */
export const rolloutPlanResponse = z.strictObject({
  campaign_id: campaignId,
  campaign_version: z.number().int().min(1),
  settings: rolloutSettings,
  /** The propensity horizon of the plan and of its expected orders. */
  horizon_days: z.number().int().positive(),
  /** Whether the models scored this data (without them every member is in the last wave). */
  scored: z.boolean(),
  /** In sending order. */
  waves: z.array(waveCounts),
});
export type RolloutPlanResponse = z.infer<typeof rolloutPlanResponse>;

/** POST /api/campaigns/:id/ready with If-Match. */
export const markReadyRequest = z.strictObject({
  audit_id: auditId,
  /** Required while a blocking guardrail still flags recipients. */
  override_reason: overrideReason.optional(),
});
export type MarkReadyRequest = z.input<typeof markReadyRequest>;
