// The definition being built, with undo and redo (buttons and Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y),
// mirrored to the URL and autosaved as a local draft. Where it starts: the link, else the draft,
// else empty, with a notice when a link or a draft could not be read.
import { useEffect, useReducer, useRef, useState } from 'react';
import type { SegmentDefinition } from '../../domain/segment/definition.ts';
import { emptyDefinition, type IdGenerator } from '../../domain/segment/edits.ts';
import { builderReducer, initialState } from './builder-state.ts';
import { decodeDefinition, encodeDefinition, readDraft, writeDraft } from './definition-url.ts';

export interface Notice {
  tone: 'info' | 'warn';
  text: string;
}

interface Start {
  definition: SegmentDefinition;
  notice: Notice | null;
}

function start(encoded: string | null, newId: IdGenerator): Start {
  if (encoded !== null) {
    const decoded = decodeDefinition(encoded);
    if (decoded.ok) return { definition: decoded.definition, notice: null };
    return { definition: emptyDefinition(newId), notice: { tone: 'warn', text: decoded.message } };
  }
  const draft = readDraft();
  if (draft.status === 'ok') {
    const at = new Date(draft.savedAt);
    const when = Number.isNaN(at.getTime()) ? '' : ` from ${at.toLocaleString('en-GB')}`;
    return {
      definition: draft.definition,
      notice: { tone: 'info', text: `Your draft${when} was restored.` },
    };
  }
  const notice: Notice | null =
    draft.status === 'corrupt'
      ? {
          tone: 'warn',
          text: 'A draft saved in this browser could not be read, so it was ignored.',
        }
      : null;
  return { definition: emptyDefinition(newId), notice };
}

const isEmpty = (d: SegmentDefinition) => d.root.children.length === 0;

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
  newId: IdGenerator,
) {
  const [begin] = useState(() => start(encoded, newId));
  const [notice, setNotice] = useState(begin.notice);
  const [state, dispatch] = useReducer(builderReducer, begin.definition, initialState);
  const { present } = state;

  // The URL follows the definition; a URL changed from outside (back, a pasted link) replaces it.
  // Our own writes arrive a moment later and may lag behind fast typing, so all recent ones are
  // recognised as ours.
  const written = useRef({ last: encoded, recent: new Set<string | null>([encoded]) });
  useEffect(() => {
    const next = isEmpty(present) ? null : encodeDefinition(present);
    const mine = written.current;
    if (next === mine.last) return;
    mine.last = next;
    mine.recent.add(next);
    if (mine.recent.size > 50) mine.recent.delete(mine.recent.values().next().value ?? null);
    onEncodedChange(next);
  }, [present, onEncodedChange]);
  useEffect(() => {
    const mine = written.current;
    if (mine.recent.has(encoded)) return;
    mine.last = encoded;
    mine.recent = new Set([encoded]);
    const next = start(encoded, newId);
    dispatch({ type: 'replace', definition: next.definition });
    setNotice(next.notice);
  }, [encoded, newId]);

  // Autosave every change, not the starting point: opening a link must not overwrite a draft.
  const initial = useRef(present);
  useEffect(() => {
    if (present !== initial.current) writeDraft(present);
  }, [present]);

  const [undo] = useState(() => () => dispatch({ type: 'undo' }));
  const [redo] = useState(() => () => dispatch({ type: 'redo' }));
  useUndoKeys(undo, redo);

  return {
    state,
    dispatch,
    undo,
    redo,
    notice,
    dismissNotice: () => setNotice(null),
  };
}
