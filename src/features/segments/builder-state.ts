// The builder's state: the definition with its undo and redo stacks. Every change goes through the
// pure, id-addressed edits of the domain; an edit that cannot apply leaves the state as it was and
// says why.
import type { Group, SegmentDefinition, SegmentNode } from '../../domain/segment/definition.ts';
import {
  addNode,
  duplicateNode,
  moveNode,
  removeNode,
  setCombinator,
  toggleNegate,
  ungroup,
  updateNode,
  wrapInGroup,
  type EditResult,
  type IdGenerator,
} from '../../domain/segment/edits.ts';

export type BuilderAction =
  | { type: 'add'; parentId: string; node: SegmentNode; index?: number }
  | { type: 'remove'; id: string }
  /** Replaces a node (same id). Consecutive updates with one `coalesce` key undo as one step. */
  | { type: 'update'; node: SegmentNode; coalesce?: string }
  | { type: 'move'; id: string; groupId: string; index: number }
  | { type: 'wrap'; id: string; newId: IdGenerator }
  | { type: 'ungroup'; id: string }
  | { type: 'duplicate'; id: string; newId: IdGenerator }
  | { type: 'negate'; id: string }
  | { type: 'combinator'; id: string; combinator: Group['combinator'] }
  | { type: 'replace'; definition: SegmentDefinition }
  | { type: 'undo' }
  | { type: 'redo' };

export interface BuilderState {
  past: readonly SegmentDefinition[];
  present: SegmentDefinition;
  future: readonly SegmentDefinition[];
  /** The coalesce key of the last edit, so typing in one box is one undo step. */
  lastCoalesce: string | null;
  /** Why the last edit did not apply; cleared by the next one. */
  refusal: string | null;
}

const HISTORY_LIMIT = 200;

export function initialState(definition: SegmentDefinition): BuilderState {
  return { past: [], present: definition, future: [], lastCoalesce: null, refusal: null };
}

function edit(state: BuilderState, action: BuilderAction): EditResult {
  const d = state.present;
  switch (action.type) {
    case 'add':
      return addNode(d, action.parentId, action.node, action.index);
    case 'remove':
      return removeNode(d, action.id);
    case 'update':
      return updateNode(d, action.node.id, action.node);
    case 'move':
      return moveNode(d, action.id, action.groupId, action.index);
    case 'wrap':
      return wrapInGroup(d, [action.id], 'and', action.newId);
    case 'ungroup':
      return ungroup(d, action.id);
    case 'duplicate':
      return duplicateNode(d, action.id, action.newId);
    case 'negate':
      return toggleNegate(d, action.id);
    case 'combinator':
      return setCombinator(d, action.id, action.combinator);
    case 'replace':
      return { ok: true, definition: action.definition };
    case 'undo':
    case 'redo':
      return { ok: true, definition: d };
  }
}

export function builderReducer(state: BuilderState, action: BuilderAction): BuilderState {
  if (action.type === 'undo') {
    const previous = state.past.at(-1);
    if (!previous) return state;
    return {
      past: state.past.slice(0, -1),
      present: previous,
      future: [state.present, ...state.future],
      lastCoalesce: null,
      refusal: null,
    };
  }
  if (action.type === 'redo') {
    const [next, ...rest] = state.future;
    if (!next) return state;
    return {
      past: [...state.past, state.present],
      present: next,
      future: rest,
      lastCoalesce: null,
      refusal: null,
    };
  }
  const result = edit(state, action);
  if (!result.ok) return { ...state, lastCoalesce: null, refusal: result.reason };
  if (result.definition === state.present) return { ...state, refusal: null };
  const coalesce = action.type === 'update' ? (action.coalesce ?? null) : null;
  const merge = coalesce !== null && coalesce === state.lastCoalesce;
  return {
    past: merge ? state.past : [...state.past, state.present].slice(-HISTORY_LIMIT),
    present: result.definition,
    future: [],
    lastCoalesce: coalesce,
    refusal: null,
  };
}
