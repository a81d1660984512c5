// The campaign being edited: the body, the saved version it started from, saving (create with an
// Idempotency-Key, update with If-Match, Ctrl+S), the local draft that survives a reload, and the
// conflict when someone else saved first. Nothing typed is lost: a failed save keeps the edits, a
// conflict shows both versions and what differs, and taking theirs keeps ours one click away.
import { useMutation } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { SavedCampaign } from '../../api/contract.ts';
import { campaignBody, newCampaign, type CampaignBody } from '../../domain/campaign/campaign.ts';
import { diffCampaigns, type CampaignChange } from '../../domain/campaign/diff.ts';
import { useToast } from '../../ui/Toast.tsx';
import { useCan } from '../../ui/permissions.tsx';
import {
  draftStorage,
  useSaveKeys,
  useVersionedDraft,
  type SaveState,
  type VersionConflict,
} from '../../ui/useVersionedDraft.ts';
import { campaignMutations, staleCampaign } from './mutations.ts';

export type { SaveState };

/** The body of a saved campaign, without what the server adds. */
const SERVER_FIELDS = new Set(['campaign_id', 'version', 'author', 'created_at', 'updated_at']);

export function bodyOf(saved: SavedCampaign): CampaignBody {
  return campaignBody.parse(
    Object.fromEntries(Object.entries(saved).filter(([key]) => !SERVER_FIELDS.has(key))),
  );
}

const DRAFT_PREFIX = 'tact.campaign-draft.';
const stored = draftStorage(
  DRAFT_PREFIX,
  z.object({ base_version: z.number().int().nullable(), body: campaignBody }),
);

/** Their version, and what changed from it to these edits. */
export type Conflict = VersionConflict<SavedCampaign, CampaignChange>;

export interface CampaignEditor {
  saved: SavedCampaign | null;
  body: CampaignBody;
  update: (next: CampaignBody) => void;
  dirty: boolean;
  /** The edits were restored from this browser's draft when the page opened. */
  restoredDraft: boolean;
  discardDraft: () => void;
  save: () => void;
  saveState: SaveState;
  conflict: Conflict | null;
  conflictActions: { overwrite: () => void; takeTheirs: () => void; dismiss: () => void };
  /** These edits, kept when their version was taken: one click brings them back. */
  setAside: CampaignBody | null;
  bringBack: () => void;
  /** The campaign is now `campaign` (a restore): unsaved edits are set aside, one click away. */
  adopt: (campaign: SavedCampaign) => void;
}

export function useCampaignEditor(saved: SavedCampaign | null): CampaignEditor {
  const { t } = useTranslation('campaigns');
  const navigate = useNavigate();
  const toast = useToast();
  const draftKey = saved?.campaign_id ?? 'new';
  const [start] = useState(() => {
    const draft = stored.read(draftKey);
    // A draft made on an older version than the one saved now is still restored: the save will
    // meet the newer version as a conflict, with both shown.
    if (draft !== null) return { body: draft.body, base: draft.base_version, restored: true };
    return {
      body: saved ? bodyOf(saved) : newCampaign(t('editor.untitled')),
      base: saved?.version ?? null,
      restored: false,
    };
  });
  const [current, setCurrent] = useState<SavedCampaign | null>(saved);
  // What the edits are compared with: the saved body, or a blank campaign.
  const [original, setOriginal] = useState<CampaignBody>(() =>
    saved ? bodyOf(saved) : newCampaign(t('editor.untitled')),
  );
  const [body, setBody] = useState<CampaignBody>(start.body);
  const [baseVersion, setBaseVersion] = useState<number | null>(start.base);
  const [restoredDraft, setRestoredDraft] = useState(start.restored);
  const {
    saveState,
    setSaveState,
    conflict,
    setConflict,
    attempt,
    setAside,
    setSetAside,
    bringBack,
  } = useVersionedDraft<SavedCampaign, CampaignChange, CampaignBody>({
    stale: staleCampaign,
    setDraft: setBody,
  });
  // A viewer's save would be refused: neither Save, Ctrl+S nor the conflict's overwrite sends it.
  const mayWrite = useCan('editor');
  const create = useMutation(campaignMutations.create());
  const change = useMutation(campaignMutations.update());
  const idempotencyKey = useRef<string>(crypto.randomUUID());

  const dirty = useMemo(
    () => JSON.stringify(body) !== JSON.stringify(original) || (saved === null && current === null),
    [body, original, saved, current],
  );

  useEffect(() => {
    stored.write(
      draftKey,
      dirty && JSON.stringify(body) !== JSON.stringify(original)
        ? { base_version: baseVersion, body }
        : null,
    );
  }, [draftKey, body, original, dirty, baseVersion]);

  const landed = (campaign: SavedCampaign, created: boolean) => {
    stored.write(draftKey, null);
    const next = bodyOf(campaign);
    setCurrent(campaign);
    setOriginal(next);
    setBody(next);
    setBaseVersion(campaign.version);
    setConflict(null);
    setRestoredDraft(false);
    setSaveState({ status: 'idle' });
    toast({
      tone: 'success',
      title: created
        ? t('editor.created', { name: campaign.name })
        : t('editor.savedVersion', { version: campaign.version }),
      description: campaign.name,
    });
    if (created) {
      void navigate(`/campaigns/${encodeURIComponent(campaign.campaign_id)}`, { replace: true });
    }
  };

  // A save is a draft: a campaign is marked ready from its audit, and an edit returns it to draft.
  const write = async (expected: number | null) => {
    if (!mayWrite) return;
    const request = {
      ...body,
      status: 'draft' as const,
      readiness: null,
    };
    await attempt(
      async () => {
        const id = current?.campaign_id ?? null;
        if (id === null || expected === null) {
          const key = idempotencyKey.current;
          landed(await create.mutateAsync({ body: request, idempotencyKey: key }), true);
        } else {
          landed(await change.mutateAsync({ id, version: expected, body: request }), false);
        }
      },
      (theirs) => diffCampaigns(bodyOf(theirs), body),
    );
  };

  const save = () => {
    if (saveState.status === 'saving') return;
    void write(baseVersion);
  };

  useSaveKeys(save, dirty);

  return {
    saved: current,
    body,
    update: (next) => {
      setBody(next);
      if (saveState.status === 'refused') setSaveState({ status: 'idle' });
    },
    dirty,
    restoredDraft,
    discardDraft: () => {
      stored.write(draftKey, null);
      setBody(original);
      setBaseVersion(current?.version ?? null);
      setRestoredDraft(false);
    },
    save,
    saveState,
    conflict,
    conflictActions: {
      overwrite: () => {
        if (conflict === null) return;
        setBaseVersion(conflict.theirs.version);
        void write(conflict.theirs.version);
      },
      takeTheirs: () => {
        if (conflict === null) return;
        const theirs = bodyOf(conflict.theirs);
        setSetAside(body);
        setCurrent(conflict.theirs);
        setOriginal(theirs);
        setBody(theirs);
        setBaseVersion(conflict.theirs.version);
        setConflict(null);
      },
      dismiss: () => setConflict(null),
    },
    setAside,
    bringBack,
    adopt: (campaign) => {
      if (dirty) setSetAside(body);
      stored.write(draftKey, null);
      const next = bodyOf(campaign);
      setCurrent(campaign);
      setOriginal(next);
      setBody(next);
      setBaseVersion(campaign.version);
      setConflict(null);
      setRestoredDraft(false);
    },
  };
}
