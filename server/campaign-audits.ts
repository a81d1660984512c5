// The pre-send audit (decision 022): every guardrail for every recipient of a campaign's current
// version, as a job one can follow and cancel. The work is the campaign's check
// (campaign-preview.ts: the domain's recipientMessage over histories streamed in chunks), shared
// with the preview's recipients list; an audit adds who ran it, when, its progress and, once done,
// the counts less the campaign's exclusions. A second start while one runs joins it; a start on
// content already checked (a remedy that only excluded recipients) reuses the check.
//
// Running audits live in memory; each is kept on the repository once it ends (done, cancelled,
// failed), so a later look shows what was known before sending. A cancel aborts the check: no
// history is read and no recipient checked after it.
import type { CampaignAudit, SavedCampaign } from '../src/api/contract.ts';
import { excludedIds } from '../src/domain/campaign/campaign.ts';
import { countAudit, type AuditCounts } from '../src/domain/guardrails/audit.ts';
import type { Renderer } from '../src/domain/guardrails/recipient.ts';
import { CREATED_NOTE } from '../src/domain/version-notes.ts';
import { auditsOf, type AuditBody } from './documents/audits.ts';
import {
  campaignOrNotFound,
  cancelRun,
  checkKeyOf,
  checkRunFor,
  type CheckRun,
} from './campaign-preview.ts';
import { httpError } from './http.ts';
import type { ProfileStore } from './store.ts';

interface LiveAudit {
  body: AuditBody;
  run: CheckRun;
  /** Settles once the audit has ended and been kept. */
  ended: Promise<void>;
}

/** Finished audits kept in memory besides the repository (the running ones always are). */
const KEEP_FINISHED = 50;
const live = new WeakMap<ProfileStore, Map<string, LiveAudit>>();

function liveOf(store: ProfileStore): Map<string, LiveAudit> {
  const audits = live.get(store) ?? new Map<string, LiveAudit>();
  live.set(store, audits);
  return audits;
}

/**
 * What an audit answers for, as kept with it: the check's key (content, policy and segments'
 * versions) and the exclusions its counts leave out, as a fingerprint (the key holds the whole
 * template).
 */
export async function fingerprint(
  key: string,
  campaign: Pick<SavedCampaign, 'exclusions'>,
): Promise<string> {
  // Web Crypto: the same in Node and in the browser's mock API.
  const text = `${key}\u0000${JSON.stringify(campaign.exclusions)}`;
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const newAuditId = () => `aud_${globalThis.crypto.randomUUID().replaceAll('-', '')}`;

function view(body: AuditBody, progress: CampaignAudit['progress'], current: string | null) {
  const { name, checked, ...rest } = body;
  void name;
  const audit: CampaignAudit = { ...rest, progress: { ...progress }, current: checked === current };
  return audit;
}

/** The fingerprint of what the campaign's check would be now; null when it has no recipients. */
async function currentFingerprint(
  store: ProfileStore,
  campaign: SavedCampaign,
): Promise<string | null> {
  try {
    return await fingerprint((await checkKeyOf(store, campaign)).key, campaign);
  } catch {
    return null;
  }
}

function forget(store: ProfileStore): void {
  const audits = liveOf(store);
  const finished = [...audits].filter(([, a]) => a.body.state !== 'running');
  for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) {
    audits.delete(id);
  }
}

async function end(store: ProfileStore, audit: LiveAudit, campaign: SavedCampaign): Promise<void> {
  const { body, run } = audit;
  try {
    const check = await run.result;
    body.at = check.at;
    body.counts = countAudit(check.members, excludedIds(campaign));
    body.state = 'done';
  } catch (error: unknown) {
    if (body.state === 'running') {
      body.state = run.controller.signal.aborted ? 'cancelled' : 'failed';
      body.error = error instanceof Error ? error.message : String(error);
    }
  }
  body.finished_at = new Date().toISOString();
  body.progress = { ...run.progress };
  try {
    await auditsOf(store.documents).create(
      body.audit_id,
      { body, author: body.by, note: CREATED_NOTE, at: body.finished_at },
      null,
    );
  } catch (error: unknown) {
    // The audit stays readable from memory; the store said why it could not keep it.
    console.error(`Audit ${body.audit_id} could not be kept:`, error);
  }
  forget(store);
}

/**
 * Starts an audit of the campaign as it is now, or joins the one running on the same check.
 * Throws the preview's 404 / 409 when the campaign has no recipients to audit.
 */
export async function startAudit(
  store: ProfileStore,
  render: Renderer,
  campaignId: string,
  by: string,
): Promise<CampaignAudit> {
  const campaign = await campaignOrNotFound(store, campaignId);
  const { run, fresh } = await checkRunFor(store, render, campaign);
  const checked = await fingerprint(run.key, campaign);
  const audits = liveOf(store);
  for (const audit of audits.values()) {
    if (audit.body.campaign_id !== campaignId || audit.body.state !== 'running') continue;
    if (audit.body.checked === checked) return view(audit.body, run.progress, checked);
    // An audit of content that is no longer the campaign's: nobody needs its answer.
    if (audit.run === run) continue;
    audit.body.state = 'cancelled';
    audit.body.error = 'Superseded by an audit of a later version.';
    cancelRun(store, campaignId, audit.run);
  }
  const body: AuditBody = {
    name: `${campaign.name} — v${campaign.version}`,
    checked,
    audit_id: newAuditId(),
    campaign_id: campaignId,
    campaign_version: campaign.version,
    policy: { policy_id: run.policy.policy_id, version: run.policy.version },
    by,
    started_at: new Date().toISOString(),
    finished_at: null,
    state: 'running',
    progress: { ...run.progress },
    at: null,
    counts: null,
    reused: !fresh && run.state === 'done',
    error: null,
  };
  const audit: LiveAudit = { body, run, ended: Promise.resolve() };
  audits.set(body.audit_id, audit);
  audit.ended = end(store, audit, campaign);
  return view(body, run.progress, checked);
}

/** A live audit reads its check's progress as it goes; a kept one its last figures. */
function progressOf(audit: LiveAudit): CampaignAudit['progress'] {
  return audit.body.state === 'running' || audit.body.state === 'cancelled'
    ? audit.run.progress
    : audit.body.progress;
}

async function bodyOf(
  store: ProfileStore,
  campaignId: string,
  auditId: string,
): Promise<{ body: AuditBody; audit: LiveAudit | null }> {
  const audit = liveOf(store).get(auditId);
  if (audit !== undefined && audit.body.campaign_id === campaignId)
    return { body: audit.body, audit };
  const stored = await auditsOf(store.documents).get(auditId);
  if (stored === null || stored.body.campaign_id !== campaignId) {
    throw httpError('audit_not_found', `No audit '${auditId}' of campaign '${campaignId}'.`, {
      campaign_id: campaignId,
      audit_id: auditId,
    });
  }
  return { body: stored.body, audit: null };
}

/** One audit of the campaign: its progress while it runs, then its counts. */
export async function auditOf(
  store: ProfileStore,
  campaignId: string,
  auditId: string,
): Promise<CampaignAudit> {
  const campaign = await campaignOrNotFound(store, campaignId);
  const { body, audit } = await bodyOf(store, campaignId, auditId);
  const current = await currentFingerprint(store, campaign);
  return view(body, audit === null ? body.progress : progressOf(audit), current);
}

/** The campaign's audits, newest first: those running and those kept. */
export async function auditsOfCampaign(
  store: ProfileStore,
  campaignId: string,
): Promise<CampaignAudit[]> {
  const campaign = await campaignOrNotFound(store, campaignId);
  const current = await currentFingerprint(store, campaign);
  const byId = new Map<string, CampaignAudit>();
  for (const { body } of await auditsOf(store.documents).list()) {
    if (body.campaign_id === campaignId)
      byId.set(body.audit_id, view(body, body.progress, current));
  }
  for (const audit of liveOf(store).values()) {
    if (audit.body.campaign_id !== campaignId) continue;
    byId.set(audit.body.audit_id, view(audit.body, progressOf(audit), current));
  }
  return [...byId.values()].sort(
    (a, b) =>
      (a.started_at < b.started_at ? 1 : a.started_at > b.started_at ? -1 : 0) ||
      (a.audit_id < b.audit_id ? 1 : -1),
  );
}

/** Cancels a running audit: its check stops reading and checking. 409 once it has ended. */
export async function cancelAudit(
  store: ProfileStore,
  campaignId: string,
  auditId: string,
): Promise<void> {
  await campaignOrNotFound(store, campaignId);
  const { body, audit } = await bodyOf(store, campaignId, auditId);
  if (audit === null || body.state !== 'running') {
    throw httpError(
      'audit_finished',
      `Audit '${auditId}' has ended (${body.state}): there is nothing to cancel.`,
      { audit_id: auditId, state: body.state },
    );
  }
  body.state = 'cancelled';
  body.error = 'Cancelled.';
  cancelRun(store, campaignId, audit.run);
  await audit.ended;
}

/**
 * A done audit of the campaign as it is now (its content, policy and segments), or the 409 saying
 * why a remedy or "ready" cannot be decided from it.
 */
export async function currentDoneAudit(
  store: ProfileStore,
  campaign: SavedCampaign,
  auditId: string,
): Promise<CampaignAudit & { counts: AuditCounts }> {
  const audit = await auditOf(store, campaign.campaign_id, auditId);
  if (audit.state !== 'done' || audit.counts === null) {
    throw httpError(
      'audit_not_done',
      `Audit '${auditId}' is ${audit.state}: run it to the end first.`,
      { audit_id: auditId, state: audit.state },
    );
  }
  if (!audit.current) {
    throw httpError(
      'audit_stale',
      `Audit '${auditId}' checked version ${audit.campaign_version}; the campaign, its policy or ` +
        'its segment has changed since. Run the audit again.',
      {
        audit_id: auditId,
        campaign_id: campaign.campaign_id,
        audited_version: audit.campaign_version,
        version: campaign.version,
      },
    );
  }
  return { ...audit, counts: audit.counts };
}
