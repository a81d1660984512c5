// The pre-send audit over the API through one key factory: a campaign's audits (newest first),
// read again every half second while one runs (its progress); the writes (start, cancel, a remedy,
// "ready") invalidate through the same keys. What a remedy or "ready" makes of the campaign is
// handed back to the caller, whose feature owns the campaign's cache.
import {
  keepPreviousData,
  mutationOptions,
  queryOptions,
  type QueryClient,
} from '@tanstack/react-query';
import { z } from 'zod';
import type { WaveId } from '../../domain/campaign/rollout.ts';
import { getJson, getText, ifMatch, sendJson } from '../../api/client.ts';
import {
  applyRemedyResponse,
  campaignAudit,
  campaignAuditsResponse,
  rolloutPlanResponse,
  savedCampaign,
  type ApplyRemedyRequest,
  type CampaignAudit,
  type CampaignAuditsResponse,
  type MarkReadyRequest,
  type StartAuditRequest,
} from '../../api/contract.ts';

const auditsPath = (id: string) => `/api/campaigns/${encodeURIComponent(id)}/audits`;
/** How often a running audit's progress is read. */
export const PROGRESS_EVERY_MS = 500;

export const auditKeys = {
  all: ['audits'] as const,
  list: (campaignId: string) => [...auditKeys.all, 'list', campaignId] as const,
  rollout: (campaignId: string) => [...auditKeys.all, 'rollout', campaignId] as const,
};

export const auditQueries = {
  /**
   * Keyed by the campaign version shown too: an audit is current only for the version it checked,
   * so a version saved elsewhere (the editor) reads the list again rather than trust a cached
   * "current".
   */
  list: (campaignId: string, version: number) =>
    queryOptions({
      queryKey: [...auditKeys.list(campaignId), version],
      // The previous version's audits stay on screen while the new version's list loads.
      placeholderData: keepPreviousData,
      queryFn: ({ signal }) => getJson(campaignAuditsResponse, auditsPath(campaignId), { signal }),
      refetchInterval: (query) =>
        query.state.data?.audits.some((a) => a.state === 'running') ? PROGRESS_EVERY_MS : false,
    }),
  /** The rollout plan of a version, counted with the verdicts of the audit shown (`auditId`). */
  rollout: (campaignId: string, version: number, auditId: string) =>
    queryOptions({
      queryKey: [...auditKeys.rollout(campaignId), version, auditId],
      placeholderData: keepPreviousData,
      queryFn: ({ signal }) =>
        getJson(rolloutPlanResponse, `/api/campaigns/${encodeURIComponent(campaignId)}/rollout`, {
          signal,
        }),
    }),
};

const refresh = (client: QueryClient, campaignId: string) =>
  client.invalidateQueries({ queryKey: auditKeys.list(campaignId) });

/**
 * The started audit at the head of the cached lists at once, so its progress shows from the click;
 * the list's own polling (every PROGRESS_EVERY_MS while one runs) follows it from there. A list not
 * loaded yet is read again.
 */
function showStarted(client: QueryClient, campaignId: string, audit: CampaignAudit) {
  let cached = false;
  client.setQueriesData<CampaignAuditsResponse>(
    { queryKey: auditKeys.list(campaignId) },
    (list) => {
      if (list === undefined) return list;
      cached = true;
      return {
        ...list,
        audits: [audit, ...list.audits.filter((a) => a.audit_id !== audit.audit_id)],
      };
    },
  );
  if (!cached || audit.state !== 'running') return refresh(client, campaignId);
  return undefined;
}

export const auditMutations = {
  start: (campaignId: string) =>
    mutationOptions({
      mutationFn: () =>
        sendJson('POST', campaignAudit, auditsPath(campaignId), {} satisfies StartAuditRequest),
      onSuccess: (audit, _v, _r, { client }) => showStarted(client, campaignId, audit),
    }),
  cancel: (campaignId: string) =>
    mutationOptions({
      mutationFn: (auditId: string) =>
        sendJson(
          'DELETE',
          z.null(),
          `${auditsPath(campaignId)}/${encodeURIComponent(auditId)}`,
          undefined,
        ),
      onSettled: (_d, _e, _auditId, _r, { client }) => refresh(client, campaignId),
    }),
  remedy: (campaignId: string) =>
    mutationOptions({
      mutationFn: ({ version, request }: { version: number; request: ApplyRemedyRequest }) =>
        sendJson(
          'POST',
          applyRemedyResponse,
          `/api/campaigns/${encodeURIComponent(campaignId)}/remedies`,
          request,
          { headers: ifMatch(version) },
        ),
      onSuccess: (_reply, _v, _r, { client }) => refresh(client, campaignId),
    }),
  ready: (campaignId: string) =>
    mutationOptions({
      mutationFn: ({ version, request }: { version: number; request: MarkReadyRequest }) =>
        sendJson(
          'POST',
          savedCampaign,
          `/api/campaigns/${encodeURIComponent(campaignId)}/ready`,
          request,
          { headers: ifMatch(version) },
        ),
    }),
};

/** The recipients a guardrail flags as CSV, fetched once for a download. */
export function flaggedCsv(campaignId: string, guardrail: string): Promise<string> {
  return getText(
    `/api/campaigns/${encodeURIComponent(campaignId)}/recipients.csv?guardrail=${encodeURIComponent(guardrail)}`,
  );
}

/**
 * The ready campaign's final recipients with their messages (of one rollout wave, or all),
 * fetched once for a download.
 */
export function campaignExportFile(
  campaignId: string,
  format: 'csv' | 'jsonl',
  wave: WaveId | null = null,
): Promise<string> {
  const query = new URLSearchParams({ format, ...(wave === null ? {} : { wave }) });
  return getText(`/api/campaigns/${encodeURIComponent(campaignId)}/export?${query.toString()}`);
}
