// The policy being edited: the draft (figures as typed) and what it reads as, the saved version it
// started from, saving with a note (If-Match, Ctrl+S), the local draft that survives
// a reload, and the conflict when someone else saved first. Nothing typed is lost: a refused save
// keeps the edits, a conflict names what differs, and taking theirs keeps ours one click away.
import { useMutation } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { SavedPolicy } from '../../api/contract.ts';
import { guardrailPolicy, type GuardrailPolicy } from '../../domain/guardrails/policy.ts';
import { policyChanges } from '../../domain/guardrails/policy-diff.ts';
import { useLanguage } from '../../ui/i18n/I18nProvider.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useCan } from '../../ui/permissions.tsx';
import {
  draftStorage,
  useSaveKeys,
  useVersionedDraft,
  type SaveState as VersionedSaveState,
  type VersionConflict,
} from '../../ui/useVersionedDraft.ts';
import { policyMutations, stalePolicy } from './mutations.ts';
import {
  policyDraft,
  readDraft,
  toDraft,
  type DraftReading,
  type PolicyDraft,
} from './policy-draft.ts';

/** The draft does not read as a policy: `count` fields to fix, nothing sent. */
type Invalid = { status: 'invalid'; count: number };

export type SaveState = VersionedSaveState | Invalid;

/** The body of a saved policy, without what the server adds. */
export function bodyOf(saved: SavedPolicy): GuardrailPolicy {
  const { policy_id, version, author, created_at, updated_at, ...body } = saved;
  void [policy_id, version, author, created_at, updated_at];
  return guardrailPolicy.parse(body);
}

const DRAFT_PREFIX = 'tact.policy-draft.';
const stored = draftStorage(
  DRAFT_PREFIX,
  z.object({ base_version: z.number().int(), draft: policyDraft }),
);

const same = (a: GuardrailPolicy, b: GuardrailPolicy) => JSON.stringify(a) === JSON.stringify(b);

/** Their version, and the settings (policy paths) where these edits differ from it. */
export type Conflict = VersionConflict<SavedPolicy, string>;

export interface PolicyEditor {
  saved: SavedPolicy;
  draft: PolicyDraft;
  reading: DraftReading;
  update: (next: PolicyDraft) => void;
  dirty: boolean;
  /** The edits were restored from this browser's draft when the page opened. */
  restoredDraft: boolean;
  discardDraft: () => void;
  save: () => void;
  saveState: SaveState;
  conflict: Conflict | null;
  conflictActions: { overwrite: () => void; takeTheirs: () => void; dismiss: () => void };
  /** These edits, kept when their version was taken or a version restored: one click back. */
  setAside: PolicyDraft | null;
  bringBack: () => void;
  note: string;
  setNote: (note: string) => void;
  /** The policy is now `policy` (a restore): unsaved edits are set aside, one click away. */
  adopt: (policy: SavedPolicy) => void;
}

export function usePolicyEditor(saved: SavedPolicy): PolicyEditor {
  const { t } = useTranslation('guardrails');
  const { language } = useLanguage();
  const toast = useToast();
  const key = saved.policy_id;
  const [start] = useState(() => {
    const kept = stored.read(key);
    // A draft made on an older version is still restored: its save meets the newer version as a
    // conflict, with what differs named.
    if (kept !== null) return { draft: kept.draft, base: kept.base_version, restored: true };
    return { draft: toDraft(bodyOf(saved), language), base: saved.version, restored: false };
  });
  const [current, setCurrent] = useState(saved);
  const [draft, setDraft] = useState(start.draft);
  const [baseVersion, setBaseVersion] = useState(start.base);
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
  } = useVersionedDraft<SavedPolicy, string, PolicyDraft, Invalid>({
    stale: stalePolicy,
    setDraft,
  });
  const [note, setNote] = useState('');
  const change = useMutation(policyMutations.update());
  // Only an admin changes the policy: neither Save, Ctrl+S nor the conflict's overwrite sends it.
  const mayWrite = useCan('admin');

  const reading = useMemo(() => readDraft(draft, language), [draft, language]);
  const original = useMemo(() => bodyOf(current), [current]);
  const dirty = reading.policy === null || !same(reading.policy, original);

  useEffect(() => {
    stored.write(key, dirty ? { base_version: baseVersion, draft } : null);
  }, [key, draft, dirty, baseVersion]);

  const load = (policy: SavedPolicy) => {
    stored.write(key, null);
    setCurrent(policy);
    setDraft(toDraft(bodyOf(policy), language));
    setBaseVersion(policy.version);
    setConflict(null);
    setRestoredDraft(false);
  };

  const write = async (expected: number) => {
    if (!mayWrite) return;
    const policy = reading.policy;
    if (policy === null) {
      setSaveState({ status: 'invalid', count: reading.issues.size });
      return;
    }
    const request = {
      ...policy,
      ...(note.trim() === '' ? {} : { note: note.trim() }),
    };
    await attempt(
      async () => {
        const landed = await change.mutateAsync({ id: key, version: expected, body: request });
        load(landed);
        setNote('');
        setSaveState({ status: 'idle' });
        toast({
          tone: 'success',
          title: t('policy.saved', { version: landed.version }),
          description: landed.name,
        });
      },
      (theirs) => policyChanges(bodyOf(theirs), policy),
    );
  };

  const save = () => {
    if (saveState.status === 'saving') return;
    void write(baseVersion);
  };

  useSaveKeys(save, dirty);

  return {
    saved: current,
    draft,
    reading,
    update: (next) => {
      setDraft(next);
      if (saveState.status === 'refused' || saveState.status === 'invalid') {
        setSaveState({ status: 'idle' });
      }
    },
    dirty,
    restoredDraft,
    discardDraft: () => {
      stored.write(key, null);
      setDraft(toDraft(original, language));
      setBaseVersion(current.version);
      setRestoredDraft(false);
      setSaveState({ status: 'idle' });
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
        setSetAside(draft);
        load(conflict.theirs);
      },
      dismiss: () => setConflict(null),
    },
    setAside,
    bringBack,
    note,
    setNote,
    adopt: (policy) => {
      if (dirty) setSetAside(draft);
      load(policy);
    },
  };
}
