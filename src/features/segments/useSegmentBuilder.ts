// The segment builder's state and actions: the definition and its history, validation against
// the catalogue, half-typed numbers, the live count and its breakdown.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogueResponse, SavedSegment } from '../../api/contract.ts';
import type { ComponentType } from 'react';
import type { SegmentDefinition, SegmentNode } from '../../domain/segment/definition.ts';
import { emptyDefinition, findNode, type IdGenerator } from '../../domain/segment/edits.ts';
import { describeDefinition } from '../../domain/segment/describe.ts';
import { validateDefinition } from '../../domain/segment/validate.ts';
import { useLanguage } from '../../ui/i18n/I18nProvider.tsx';
import type { BuilderApi, FocusRequest } from './builder-context.ts';
import { builderWords, nameNodes, useValueWords } from './builder-words.ts';
import { breakdownChoices, pickerItems, type PickerItem } from './catalogue-options.ts';
import { makeCondition } from './new-condition.ts';
import { basisOf, draftKey, liveDrafts, summariseIssues, type Draft } from './node-issues.ts';
import { NEW_DRAFT_KEY, savedDraftKey } from './definition-url.ts';
import { useDefinitionHistory, type Origin } from './useDefinitionHistory.ts';
import { useLiveCount } from './useLiveCount.ts';
import { useSegmentDocument } from './useSegmentDocument.ts';

/** Short random node ids (letters and digits, as the schema allows). */
export const randomId: IdGenerator = () => {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `n${Array.from(bytes, (b) => (b % 36).toString(36)).join('')}`;
};

export interface SegmentBuilderProps {
  catalogue: CatalogueResponse;
  /** The saved segment being edited; null for a new one. */
  segment: SavedSegment | null;
  /** Every saved segment (for membership conditions and their names). */
  segments: readonly { segment_id: string; name: string }[];
  /** The `?d=` value of the URL, if any. */
  encoded: string | null;
  onEncodedChange: (next: string | null) => void;
  /** The `?b=` value of the URL: the field the audience is broken down by. */
  breakdown: string | null;
  onBreakdownChange: (field: string | null) => void;
  /**
   * Shown under the reach once the definition can be counted: the contact-pressure forecast (the
   * app gives it; a feature never imports another).
   */
  Forecast?: ComponentType<{ definition: SegmentDefinition; countable: boolean }>;
}

/** The asked breakdown if the catalogue has it, else the first enum attribute (short, readable). */
function chosenBreakdown(catalogue: CatalogueResponse, asked: string | null): string | null {
  const choices = breakdownChoices(catalogue);
  if (asked !== null && choices.some((f) => f.id === asked)) return asked;
  return (choices.find((f) => f.kind === 'attribute' && f.coded) ?? choices[0])?.id ?? null;
}

function originOf(segment: SavedSegment | null): Origin {
  return segment === null
    ? { definition: emptyDefinition(randomId), name: '', version: null, draftKey: NEW_DRAFT_KEY }
    : {
        definition: segment.definition,
        name: segment.name,
        version: segment.version,
        draftKey: savedDraftKey(segment.segment_id),
      };
}

export function useSegmentBuilder({
  catalogue,
  segment,
  segments,
  encoded,
  onEncodedChange,
  breakdown: askedBreakdown,
  onBreakdownChange,
}: SegmentBuilderProps) {
  const [origin, setOrigin] = useState(() => originOf(segment));
  const history = useDefinitionHistory(encoded, onEncodedChange, origin);
  const { state, dispatch } = history;
  const definition = state.present;
  const [drafts, setDrafts] = useState<ReadonlyMap<string, Draft>>(new Map());
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  const breakdown = chosenBreakdown(catalogue, askedBreakdown);
  const [today] = useState(() => new Date().toISOString().slice(0, 10));
  const segmentNames = useMemo(
    () => new Map(segments.map((s) => [s.segment_id, s.name])),
    [segments],
  );
  // A segment cannot contain itself: it is not offered (validation names any longer cycle).
  const items = useMemo(
    () =>
      pickerItems(
        catalogue,
        segments.filter((s) => s.segment_id !== segment?.segment_id),
      ),
    [catalogue, segments, segment?.segment_id],
  );

  const { t } = useTranslation('builder');
  const { t: tErrors } = useTranslation('errors');
  const { language } = useLanguage();
  const values = useValueWords();
  // The same names the rows show (builder-words.ts), in the user's language.
  const names = useMemo(
    () => nameNodes(definition, builderWords(t, catalogue, segmentNames), t),
    [definition, catalogue, segmentNames, t],
  );
  const known = useMemo(
    () => new Map<string, SegmentDefinition | null>(segments.map((s) => [s.segment_id, null])),
    [segments],
  );
  const selfId = segment?.segment_id;
  const validation = useMemo(
    () =>
      validateDefinition(definition, {
        catalogue,
        segments: known,
        ...(selfId === undefined ? {} : { selfId }),
      }),
    [definition, catalogue, known, selfId],
  );
  const pending = useMemo(() => liveDrafts(drafts, definition), [drafts, definition]);
  const summary = useMemo(
    () => summariseIssues(definition, validation.issues, pending),
    [definition, validation, pending],
  );
  const empty = definition.root.children.length === 0;
  const countable = !empty && validation.valid && pending.length === 0;
  const count = useLiveCount(definition, countable, breakdown);
  const blocker = empty
    ? tErrors('builder.blocker.empty')
    : countable
      ? null
      : tErrors('builder.blocker.unfinished');
  const document = useSegmentDocument({
    initial: segment,
    origin,
    begin: history.begin,
    definition,
    dispatch,
    blocker,
    setOrigin,
    setNotice: history.setNotice,
  });

  const setDraft: BuilderApi['setDraft'] = (nodeId, path, draft) => {
    const node = findNode(definition, nodeId);
    const key = draftKey(nodeId, path);
    setDrafts((current) => {
      const next = new Map(current);
      if (draft === null || !node) next.delete(key);
      else {
        next.set(key, { nodeId, path, ...draft, basis: basisOf(node, path) });
      }
      return next;
    });
  };

  const pick = (parentId: string, item: PickerItem, replacing?: SegmentNode) => {
    const previous = replacing && replacing.kind !== 'group' ? replacing : undefined;
    const node = makeCondition(item.target, previous?.id ?? randomId(), today, previous);
    if (previous) dispatch({ type: 'update', node });
    else dispatch({ type: 'add', parentId, node });
    setFocus({ id: node.id, part: 'start' });
  };

  const api: BuilderApi = {
    catalogue,
    items,
    definition,
    today,
    dispatch,
    pick,
    addGroup: (parentId) => {
      const id = randomId();
      dispatch({
        type: 'add',
        parentId,
        node: { id, kind: 'group', negate: false, combinator: 'and', children: [] },
      });
      setFocus({ id, part: 'start' });
    },
    update: (node, coalesce) => dispatch({ type: 'update', node, coalesce }),
    issues: (nodeId) => summary.byNode.get(nodeId) ?? [],
    draft: (nodeId, path) => pending.find((d) => d.nodeId === nodeId && d.path === path)?.text,
    setDraft,
    nodeCount: (nodeId) => {
      if (count.state !== 'fresh' && count.state !== 'updating') return undefined;
      const found = count.data.groups.find((g) => g.node_id === nodeId);
      return found && { count: found.count, stale: count.state === 'updating' };
    },
    names,
    segmentNames,
    focus,
    requestFocus: setFocus,
    focusDone: () => setFocus(null),
  };

  return {
    api,
    document,
    blocker,
    segmentNames,
    count,
    summary,
    empty,
    breakdown,
    setBreakdown: (field: string) => onBreakdownChange(field),
    description: describeDefinition(definition, catalogue, segmentNames, language, values),
    /** Boxes holding typed text not taken into the definition (the words use the last valid). */
    pendingEdits: pending.length,
    undo: history.undo,
    redo: history.redo,
    canUndo: state.past.length > 0,
    canRedo: state.future.length > 0,
    refusal: state.refusal,
    notice: history.notice,
    dismissNotice: history.dismissNotice,
    clear: () =>
      dispatch({
        type: 'replace',
        definition: { ...definition, root: { ...definition.root, children: [], negate: false } },
      }),
  };
}
