// What every editor of a versioned document (a campaign, a policy) does the same way: the local
// draft that survives a reload, saving with the version the edits started from, the conflict when
// someone else saved first (412), the edits set aside when theirs is taken, and Ctrl+S. The kind
// keeps what differs: its body, how it is sent, what a landed save changes, what a conflict names.
import { useEffect, useEffectEvent, useState } from 'react';
import type { z } from 'zod';
import { describeError } from './QueryState.tsx';
import { useErrorWords } from './error-words.ts';

export type SaveState =
  { status: 'idle' } | { status: 'saving' } | { status: 'refused'; title: string; detail: string };

export interface VersionConflict<Saved, Change> {
  theirs: Saved;
  /** What differs between their version and these edits. */
  changes: Change[];
}

/** Drafts kept in this browser under `prefix` + a key, read back through `schema`. */
export function draftStorage<T>(prefix: string, schema: z.ZodType<T>) {
  return {
    read(key: string): T | null {
      try {
        const raw = globalThis.localStorage?.getItem(prefix + key);
        if (raw == null) return null;
        const parsed = schema.safeParse(JSON.parse(raw));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
    /** Keeps `draft`, or forgets the key's draft when null. */
    write(key: string, draft: T | null) {
      try {
        if (draft === null) globalThis.localStorage?.removeItem(prefix + key);
        else globalThis.localStorage?.setItem(prefix + key, JSON.stringify(draft));
      } catch {
        // Storage full or blocked: the edits stay on screen until the page closes.
      }
    },
  };
}

/**
 * The save state, the conflict and the edits set aside. `attempt` runs a save: saving while it
 * runs; a 412 becomes the conflict (`stale` reads their version from the error), any other refusal
 * its reason in the user's words. `Extra` adds the kind's own states (a draft that does not read).
 */
export function useVersionedDraft<Saved, Change, Draft, Extra extends { status: string } = never>({
  stale,
  setDraft,
}: {
  /** The document as saved now, when a save was refused because someone saved first (412). */
  stale: (error: unknown) => Saved | null;
  /** Puts edits back on screen (bringing back those set aside). */
  setDraft: (draft: Draft) => void;
}) {
  const errorWords = useErrorWords();
  const [saveState, setSaveState] = useState<SaveState | Extra>({ status: 'idle' });
  const [conflict, setConflict] = useState<VersionConflict<Saved, Change> | null>(null);
  const [setAside, setSetAside] = useState<Draft | null>(null);

  /** Sends with `send`; on a conflict, `changes` says what differs from their version. */
  const attempt = async (send: () => Promise<void>, changes: (theirs: Saved) => Change[]) => {
    setSaveState({ status: 'saving' });
    try {
      await send();
    } catch (error: unknown) {
      const theirs = stale(error);
      if (theirs !== null) {
        setConflict({ theirs, changes: changes(theirs) });
        setSaveState({ status: 'idle' });
        return;
      }
      const { title, detail } = describeError(error, errorWords);
      setSaveState({ status: 'refused', title, detail });
    }
  };

  return {
    saveState,
    setSaveState,
    conflict,
    setConflict,
    attempt,
    setAside,
    setSetAside,
    bringBack: () => {
      if (setAside === null) return;
      setDraft(setAside);
      setSetAside(null);
    },
  };
}

/** Ctrl+S (⌘S) saves; leaving with unsaved edits asks first (the draft is kept anyway). */
export function useSaveKeys(save: () => void, dirty: boolean) {
  const onSaveKey = useEffectEvent((event: KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 's') {
      return;
    }
    event.preventDefault();
    save();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onSaveKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  useEffect(() => {
    if (!dirty) return;
    const listener = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', listener);
    return () => window.removeEventListener('beforeunload', listener);
  }, [dirty]);
}
