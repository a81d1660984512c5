// The segment as a document: its name, the saved version the edits are based on, saving (create
// with an Idempotency-Key, update with If-Match), the local draft, and the conflict when someone
// else saved first. Nothing typed is lost: a failed save keeps the edits, a conflict shows both
// versions, and taking the other version leaves the user's one a Ctrl+Z away.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { MAX_SEGMENT_NAME } from '../../domain/segment/names.ts';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SavedSegment } from '../../api/contract.ts';
import type { SegmentDefinition } from '../../domain/segment/definition.ts';
import { describeError } from '../../ui/QueryState.tsx';
import { useErrorWords } from '../../ui/error-words.ts';
import { useToast } from '../../ui/Toast.tsx';
import { useCan } from '../../ui/permissions.tsx';
import type { BuilderAction } from './builder-state.ts';
import { savedDraftKey, writeDraft } from './definition-url.ts';
import { isOriginal, type Notice, type Origin, type Start } from './useDefinitionHistory.ts';
import { cacheSaved, segmentMutations, staleCurrent } from './mutations.ts';

export type SaveState =
  | { status: 'idle' }
  | { status: 'saving' }
  /** Refused for a reason the user can act on (no name, invalid definition, server refusal). */
  | { status: 'refused'; message: string };

export interface SegmentDocument {
  /** The saved segment as last loaded or saved; null until a new segment is first saved. */
  saved: SavedSegment | null;
  name: string;
  setName: (name: string) => void;
  /** The saved version these edits started from (null for a new segment). */
  baseVersion: number | null;
  /** Unsaved edits to the name or the definition. */
  dirty: boolean;
  save: () => void;
  saveState: SaveState;
  /** The segment as someone else saved it while these edits were made (a 412). */
  conflict: SavedSegment | null;
  conflictActions: {
    /** Saves these edits over the other version (a new version; theirs stays in the history). */
    overwrite: () => void;
    /** Loads the other version; these edits stay one Undo away. */
    takeTheirs: () => void;
    /** Saves these edits as a new segment, leaving the other version as it is. */
    saveAsCopy: () => void;
    /** Back to editing; the next save asks again. */
    dismiss: () => void;
  };
  /** After a restore or a reload elsewhere: the saved segment is now `segment`, edits replaced. */
  adopt: (segment: SavedSegment, notice: string) => void;
  /** Goes up each time the name needs the user's attention (a save without one): focus it. */
  nameAttention: number;
  /**
   * The new segment is saved and its own page is on its way: this one takes no more edits (the
   * page may stay on screen a moment while the next one loads; what is typed there would be lost).
   */
  leaving: boolean;
}

interface Options {
  /** The saved segment being edited; null for a new one. */
  initial: SavedSegment | null;
  origin: Origin;
  begin: Start;
  definition: SegmentDefinition;
  dispatch: (action: BuilderAction) => void;
  /** Why the definition cannot be saved yet (invalid rows, half-typed values); null when it can. */
  blocker: string | null;
  setOrigin: (origin: Origin) => void;
  setNotice: (notice: Notice | null) => void;
}

export function useSegmentDocument(options: Options): SegmentDocument {
  const { initial, origin, begin, definition, dispatch, blocker, setOrigin, setNotice } = options;
  const { t } = useTranslation('segments');
  const errorWords = useErrorWords();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const [saved, setSaved] = useState(initial);
  const [name, setName] = useState(begin.name);
  const [baseVersion, setBaseVersion] = useState(begin.baseVersion);
  const [saveState, setSaveState] = useState<SaveState>({ status: 'idle' });
  const [conflict, setConflict] = useState<SavedSegment | null>(null);
  const [nameAttention, setNameAttention] = useState(0);
  const [leaving, setLeaving] = useState(false);
  // A viewer's save would be refused: neither Save, Ctrl+S nor the conflict's saves send it.
  const mayWrite = useCan('editor');
  const create = useMutation(segmentMutations.create());
  const update = useMutation(segmentMutations.update());
  // One key per new segment, kept across retries so a resent create never makes a second one.
  const idempotencyKey = useRef<string>(crypto.randomUUID());

  const dirty = !isOriginal(definition, origin) || name.trim() !== origin.name;

  // Autosave the edits locally (not the starting point: opening a link must not overwrite a
  // draft); no edits left, no draft.
  const first = useRef({ definition, name });
  // How this page is left for another: its edits copied as another segment (no draft may be
  // written behind it), or its new segment created (the segment's own page then restores what is
  // typed meanwhile from the saved segment's draft). Either way, leaving is no departure.
  const gone = useRef<'staying' | 'copied' | 'created'>('staying');
  useEffect(() => {
    if (gone.current === 'copied') return;
    if (first.current.definition === definition && first.current.name === name) return;
    writeDraft(
      origin.draftKey,
      dirty
        ? {
            definition,
            name,
            ...(baseVersion === null ? {} : { baseVersion }),
          }
        : null,
    );
  }, [definition, name, dirty, baseVersion, origin.draftKey]);

  // Leaving with unsaved edits loses nothing (the draft above is kept): say so as the page goes.
  // The check waits a tick, so a remount (React's strict mode) is not a departure.
  const departure = useRef({ dirty, name, alive: false });
  useEffect(() => {
    departure.current.dirty = dirty;
    departure.current.name = name;
  }, [dirty, name]);
  useEffect(() => {
    const state = departure.current;
    state.alive = true;
    return () => {
      state.alive = false;
      setTimeout(() => {
        if (state.alive || !state.dirty || gone.current !== 'staying') return;
        toast({
          tone: 'info',
          title: t('document.draftKept'),
          description: t('document.draftKeptDetail', {
            name: state.name.trim() || t('header.untitled'),
          }),
        });
      }, 0);
    };
  }, [toast, t]);

  /**
   * `segment` is what is saved now and these edits' new base: no draft, no conflict; edits from
   * now on are the saved segment's draft (a new segment's page gives way to its own, which reads
   * that draft: a name typed as the page moves on is not lost).
   */
  const becomeSaved = (segment: SavedSegment) => {
    writeDraft(origin.draftKey, null);
    setSaved(segment);
    setBaseVersion(segment.version);
    setName(segment.name);
    setConflict(null);
    setSaveState({ status: 'idle' });
    setOrigin({
      ...origin,
      definition: segment.definition,
      name: segment.name,
      version: segment.version,
      draftKey: savedDraftKey(segment.segment_id),
    });
  };

  const landed = (segment: SavedSegment, created: boolean) => {
    if (created) {
      gone.current = 'created';
      setLeaving(true);
    }
    becomeSaved(segment);
    toast({
      tone: 'success',
      title: created
        ? t('document.created', { name: segment.name })
        : t('document.savedVersion', { version: segment.version }),
      description: created ? t('document.firstVersion') : segment.name,
    });
    // The navigation is a transition: this page may stay on screen while the next one loads,
    // taking no more edits meanwhile (`leaving`).
    if (created) void navigate(`/segments/${segment.segment_id}`, { replace: true });
  };

  const failed = (error: unknown) => {
    const current = staleCurrent(error);
    if (current !== null) {
      setConflict(current);
      setSaveState({ status: 'idle' });
      return;
    }
    const { title, detail } = describeError(error, errorWords);
    setSaveState({ status: 'refused', message: t('document.refused', { title, detail }) });
  };

  const content = (as: string) => ({
    name: as,
    description: saved?.description ?? '',
    definition,
  });

  const write = async (expected: number | null) => {
    if (!mayWrite) return;
    const trimmed = name.trim();
    if (trimmed === '') {
      setSaveState({ status: 'refused', message: t('document.nameFirst') });
      setNameAttention((n) => n + 1);
      return;
    }
    if (trimmed.length > MAX_SEGMENT_NAME) {
      setSaveState({
        status: 'refused',
        message: t('document.nameTooLong', { max: MAX_SEGMENT_NAME, count: trimmed.length }),
      });
      setNameAttention((n) => n + 1);
      return;
    }
    if (blocker !== null) {
      setSaveState({ status: 'refused', message: blocker });
      return;
    }
    setSaveState({ status: 'saving' });
    try {
      const id = saved?.segment_id ?? null;
      if (id === null || expected === null) {
        const key = idempotencyKey.current;
        landed(await create.mutateAsync({ content: content(trimmed), idempotencyKey: key }), true);
      } else {
        const edit = { id, version: expected, content: content(trimmed) };
        landed(await update.mutateAsync(edit), false);
      }
    } catch (error: unknown) {
      failed(error);
    }
  };

  const save = () => {
    if (saveState.status === 'saving' || leaving) return;
    void write(baseVersion);
  };

  const onSaveKey = useEffectEvent((event: KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 's')
      return;
    event.preventDefault();
    save();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onSaveKey(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  const adopt = (segment: SavedSegment, text: string) => {
    becomeSaved(segment);
    if (JSON.stringify(definition) !== JSON.stringify(segment.definition)) {
      dispatch({ type: 'replace', definition: segment.definition });
    }
    setNotice({ tone: 'info', text });
  };

  return {
    saved,
    name,
    setName: (next) => {
      setName(next);
      if (saveState.status === 'refused') setSaveState({ status: 'idle' });
    },
    baseVersion,
    dirty,
    save,
    saveState,
    conflict,
    conflictActions: {
      overwrite: () => {
        if (conflict !== null) void write(conflict.version);
      },
      takeTheirs: () => {
        if (conflict === null) return;
        cacheSaved(queryClient, conflict);
        adopt(
          conflict,
          t('document.tookTheirs', { version: conflict.version, author: conflict.author }),
        );
      },
      saveAsCopy: () => {
        if (conflict === null || !mayWrite) return;
        const copyName = t('document.copyName', { name: name.trim() || conflict.name });
        setSaveState({ status: 'saving' });
        const copy = { content: content(copyName), idempotencyKey: crypto.randomUUID() };
        create.mutateAsync(copy).then((segment) => {
          gone.current = 'copied';
          writeDraft(origin.draftKey, null);
          toast({
            tone: 'success',
            title: t('document.copied', { name: segment.name }),
            description: t('document.theirsKept', {
              name: conflict.name,
              version: conflict.version,
            }),
          });
          void navigate(`/segments/${segment.segment_id}`);
        }, failed);
      },
      dismiss: () => setConflict(null),
    },
    adopt,
    nameAttention,
    leaving,
  };
}
