// What every part of the builder tree reads and calls, through one context instead of props
// threaded through each level of nesting.
import { createContext, useContext } from 'react';
import type { SegmentDefinition, SegmentNode } from '../../domain/segment/definition.ts';
import type { FieldCatalogue } from '../../domain/segment/catalogue-view.ts';
import type { IssueCode, IssueParams } from '../../domain/segment/validate.ts';
import type { BuilderAction } from './builder-state.ts';
import type { PickerItem } from './catalogue-options.ts';

/**
 * Something to fix in a node. `path` says where, dotted and relative to the node: `test.value`,
 * `filters.0.field`; '' for the node. A broken rule carries its code and figures and is worded in
 * the user's language where it is shown (issue-text.ts); text typed that is not yet a value
 * carries the words its input chose.
 */
export type NodeIssue =
  { path: string; code: IssueCode; params: IssueParams } | { path: string; text: string };

export interface FocusRequest {
  id: string;
  /** `start`: the first box to fill; `menu`: the actions menu. */
  part: 'start' | 'menu';
}

export interface BuilderApi {
  catalogue: FieldCatalogue;
  items: readonly PickerItem[];
  definition: SegmentDefinition;
  /** Today's calendar date, for date defaults. */
  today: string;
  dispatch: (action: BuilderAction) => void;
  /** Adds a condition for a picked item (or replaces `replacing`, keeping its id). */
  pick: (parentId: string, item: PickerItem, replacing?: SegmentNode) => void;
  addGroup: (parentId: string) => void;
  /** Sets the node; typing in one box (`coalesce`) is one undo step. */
  update: (node: SegmentNode, coalesce?: string) => void;
  issues: (nodeId: string) => readonly NodeIssue[];
  /** Text typed in a number or date box that is not (yet) a value. */
  draft: (nodeId: string, path: string) => string | undefined;
  setDraft: (nodeId: string, path: string, draft: { text: string; message: string } | null) => void;
  /** Members of a top-level node alone, when counted for the definition on screen. */
  nodeCount: (nodeId: string) => { count: number; stale: boolean } | undefined;
  /** How conditions and groups are named in labels: "City", "Group 2". */
  names: ReadonlyMap<string, string>;
  /** Saved segments' names by id, for membership conditions. */
  segmentNames: ReadonlyMap<string, string>;
  /** A row that should take the focus once (a node just added, or just moved by its menu). */
  focus: FocusRequest | null;
  requestFocus: (request: FocusRequest) => void;
  focusDone: () => void;
}

export const BuilderContext = createContext<BuilderApi | null>(null);

export function useBuilder(): BuilderApi {
  const api = useContext(BuilderContext);
  if (api === null) throw new Error('The segment builder parts need <BuilderContext> above them.');
  return api;
}

/** Whether a control at `path` has an issue (its own or one of its parts'). */
export function hasIssue(issues: readonly NodeIssue[], path: string): boolean {
  return issues.some((i) => i.path === path || i.path.startsWith(`${path}.`));
}
