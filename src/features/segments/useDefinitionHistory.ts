// The definition being built, with undo and redo (buttons and Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y),
// mirrored to the URL while it differs from where it started. Where it starts: the link, else the
// local draft, else the origin (the saved definition, or empty), with a notice when a link or a
// draft could not be read or a draft was restored.
import { useEffect, useEffectEvent, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SegmentDefinition } from '../../domain/segment/definition.ts';
import { builderReducer, initialState } from './builder-state.ts';
import { useErrorWords } from '../../ui/error-words.ts';
import { formatDateTime } from '../../ui/format.ts';
import {
  decodeDefinition,
  encodeDefinition,
  readDraft,
  type LinkProblem,
} from './definition-url.ts';
import { wordLinkProblem } from './issue-text.ts';

export interface Notice {
  tone: 'info' | 'warn';
  text: string;
}

/** What the builder edits: a saved segment, or a new one (empty, no version). */
export interface Origin {
  definition: SegmentDefinition;
  name: string;
  /** The saved version; null for a new segment. */
  version: number | null;
  draftKey: string;
}

export interface Start {
  definition: SegmentDefinition;
  name: string;
  /** The version the edits are based on: a draft keeps the version it started from. */
  baseVersion: number | null;
  notice: Notice | null;
}

const isEmpty = (d: SegmentDefinition) => d.root.children.length === 0;

/** Whether a definition is the origin's (a new segment's origin is any empty definition). */
export function isOriginal(definition: SegmentDefinition, origin: Origin): boolean {
  if (isEmpty(origin.definition)) return isEmpty(definition);
  return JSON.stringify(definition) === JSON.stringify(origin.definition);
}

/** The notices `start` may give, worded in the user's language by the caller. */
export interface StartWords {
  /** Why a link could not be read. */
  brokenLink: (problem: LinkProblem) => string;
  /** A draft restored: of a new segment, of a saved one, or of a version saved over since. */
  restored: (
    restored:
      | { kind: 'draft' | 'edits'; savedAt: string | null }
      | { kind: 'older'; savedAt: string | null; base: number; current: number },
  ) => string;
  corrupt: () => string;
}

/** An instant as stored, or null when it does not read as one. */
function savedAt(iso: string): string | null {
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

export function start(encoded: string | null, origin: Origin, words: StartWords): Start {
  const plain: Start = {
    definition: origin.definition,
    name: origin.name,
    baseVersion: origin.version,
    notice: null,
  };
  if (encoded !== null) {
    const decoded = decodeDefinition(encoded);
    if (decoded.ok) return { ...plain, definition: decoded.definition };
    return { ...plain, notice: { tone: 'warn', text: words.brokenLink(decoded.problem) } };
  }
  const draft = readDraft(origin.draftKey);
  if (draft.status === 'ok') {
    const base = origin.version === null ? null : (draft.baseVersion ?? origin.version);
    const older = base !== null && origin.version !== null && base !== origin.version;
    return {
      definition: draft.definition,
      name: draft.name ?? origin.name,
      baseVersion: base,
      notice:
        older && origin.version !== null
          ? {
              tone: 'warn',
              text: words.restored({
                kind: 'older',
                savedAt: savedAt(draft.savedAt),
                base,
                current: origin.version,
              }),
            }
          : {
              tone: 'info',
              text: words.restored({
                kind: origin.version === null ? 'draft' : 'edits',
                savedAt: savedAt(draft.savedAt),
              }),
            },
    };
  }
  if (draft.status === 'corrupt') {
    return {
      ...plain,
      notice: {
        tone: 'warn',
        text: words.corrupt(),
      },
    };
  }
  return plain;
}

/** Ctrl+Z undoes; Ctrl+Shift+Z and Ctrl+Y redo (⌘ on a Mac). */
function useUndoKeys(undo: () => void, redo: () => void) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') redo();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);
}

export function useDefinitionHistory(
  encoded: string | null,
  onEncodedChange: (next: string | null) => void,
  origin: Origin,
) {
  const errorWords = useErrorWords();
  const { t } = useTranslation('segments');
  const words: StartWords = {
    brokenLink: (problem) => wordLinkProblem(problem, errorWords),
    restored: (r) => {
      const at = r.savedAt === null ? null : formatDateTime(r.savedAt);
      return r.kind === 'older'
        ? t('draft.restoredOlder', {
            at: at ?? '',
            dated: at === null ? 'no' : 'yes',
            base: r.base,
            current: r.current,
          })
        : t(`draft.restored.${r.kind}`, { at: at ?? '', dated: at === null ? 'no' : 'yes' });
    },
    corrupt: () => t('draft.corrupt'),
  };
  const [begin] = useState(() => start(encoded, origin, words));
  const [notice, setNotice] = useState(begin.notice);
  const [state, dispatch] = useReducer(builderReducer, begin.definition, initialState);
  const { present } = state;

  // The URL follows the definition; a URL changed from outside (back, a pasted link) replaces it.
  // Our own writes arrive a moment later and may lag behind fast typing, so all recent ones are
  // recognised as ours.
  const written = useRef({ last: encoded, recent: new Set<string | null>([encoded]) });
  useEffect(() => {
    const next = isOriginal(present, origin) ? null : encodeDefinition(present);
    const mine = written.current;
    if (next === mine.last) return;
    mine.last = next;
    mine.recent.add(next);
    if (mine.recent.size > 50) mine.recent.delete(mine.recent.values().next().value ?? null);
    onEncodedChange(next);
  }, [present, origin, onEncodedChange]);
  const restart = useEffectEvent((link: string | null) => start(link, origin, words));
  useEffect(() => {
    const mine = written.current;
    if (mine.recent.has(encoded)) return;
    mine.last = encoded;
    mine.recent = new Set([encoded]);
    const next = restart(encoded);
    dispatch({ type: 'replace', definition: next.definition });
    setNotice(next.notice);
  }, [encoded]);

  const [undo] = useState(() => () => dispatch({ type: 'undo' }));
  const [redo] = useState(() => () => dispatch({ type: 'redo' }));
  useUndoKeys(undo, redo);

  return {
    state,
    dispatch,
    undo,
    redo,
    begin,
    notice,
    setNotice,
    dismissNotice: () => setNotice(null),
  };
}
