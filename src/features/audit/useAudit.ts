// The audit screen's state: the campaign's audits (the latest shown, the earlier ones for each
// guardrail's trend), and the writes — run, cancel, a remedy, "ready" — each reporting its failure
// in the user's words and handing a new campaign version to the caller.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { CampaignAudit, SavedCampaign } from '../../api/contract.ts';
import type { Remedy } from '../../domain/guardrails/remedy.ts';
import { wordError, useErrorWords, type WordedError } from '../../ui/api-error-words.ts';
import { auditMutations, auditQueries } from './queries.ts';

export interface AuditState {
  /** Newest first; undefined while loading. */
  audits: CampaignAudit[] | undefined;
  listError: unknown;
  listStatus: 'pending' | 'error' | 'success';
  retry: () => void;
  latest: CampaignAudit | null;
  /** The done audits, oldest first: each guardrail's trend. */
  history: CampaignAudit[];
  run: () => void;
  cancel: () => void;
  remedy: (remedy: Remedy) => void;
  ready: (reason: string) => void;
  busy: boolean;
  /** What the last write said when it failed. */
  failure: WordedError | null;
}

export function useAudit(
  campaign: SavedCampaign,
  onCampaign: (campaign: SavedCampaign) => void,
): AuditState {
  const id = campaign.campaign_id;
  const list = useQuery(auditQueries.list(id, campaign.version));
  const words = useErrorWords();
  const [failure, setFailure] = useState<WordedError | null>(null);
  const onError = (error: unknown) => setFailure(wordError(error, words));
  const start = useMutation({ ...auditMutations.start(id), onError });
  const cancel = useMutation({ ...auditMutations.cancel(id), onError });
  const remedy = useMutation({ ...auditMutations.remedy(id), onError });
  const ready = useMutation({ ...auditMutations.ready(id), onError });
  const audits = list.data?.audits;
  const newest = audits?.[0] ?? null;
  // Current as the list read for the version on screen says: while the previous version's list
  // stands in (placeholder), nothing is current. An audit of an earlier version can be (a version
  // that only marked the campaign ready checks the same content).
  const latest =
    newest === null ? null : { ...newest, current: newest.current && !list.isPlaceholderData };
  return {
    audits,
    listError: list.error,
    listStatus: list.status,
    retry: () => void list.refetch(),
    latest,
    history: (audits ?? []).filter((a) => a.state === 'done').reverse(),
    run: () => {
      setFailure(null);
      start.mutate();
    },
    cancel: () => {
      if (latest?.state === 'running') cancel.mutate(latest.audit_id);
    },
    remedy: (chosen) => {
      if (latest === null) return;
      setFailure(null);
      remedy.mutate(
        {
          version: campaign.version,
          request: { audit_id: latest.audit_id, remedy: chosen },
        },
        { onSuccess: (reply) => onCampaign(reply.campaign) },
      );
    },
    ready: (reason) => {
      if (latest === null) return;
      setFailure(null);
      const override = reason.trim() === '' ? {} : { override_reason: reason };
      ready.mutate(
        { version: campaign.version, request: { audit_id: latest.audit_id, ...override } },
        { onSuccess: onCampaign },
      );
    },
    busy: start.isPending || remedy.isPending || ready.isPending || cancel.isPending,
    failure,
  };
}
