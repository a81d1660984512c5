// Validation issues and half-typed numbers, gathered per node with paths relative to the node, so
// each row can mark its own controls and the count panel can say how many need attention.
import type { SegmentDefinition, SegmentNode } from '../../domain/segment/definition.ts';
import { findNode, pathOf } from '../../domain/segment/edits.ts';
import type { ValidationIssue } from '../../domain/segment/validate.ts';
import type { NodeIssue } from './builder-context.ts';

export interface Draft {
  nodeId: string;
  path: string;
  text: string;
  message: string;
  /** The value the definition held when the text was typed; once it changes, the draft is moot. */
  basis: string;
}

export const draftKey = (nodeId: string, path: string) => `${nodeId} ${path}`;

/** The value at a dotted path inside a node, read without trusting its shape. */
export function valueAt(node: SegmentNode, path: string): unknown {
  let at: unknown = node;
  for (const part of path.split('.')) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = Object.entries(at).find(([key]) => key === part)?.[1];
  }
  return at;
}

export const basisOf = (node: SegmentNode, path: string) =>
  JSON.stringify(valueAt(node, path)) ?? '';

/** Drafts whose node still exists and still holds the value they were typed over. */
export function liveDrafts(
  drafts: ReadonlyMap<string, Draft>,
  definition: SegmentDefinition,
): Draft[] {
  return [...drafts.values()].filter((d) => {
    const node = findNode(definition, d.nodeId);
    return node !== undefined && basisOf(node, d.path) === d.basis;
  });
}

export interface IssueSummary {
  byNode: ReadonlyMap<string, readonly NodeIssue[]>;
  /** Conditions and groups that need attention. */
  nodes: number;
  /** Issues about the definition as a whole. */
  general: readonly NodeIssue[];
}

/** Two issues are one when they say the same thing at the same place. */
const sameIssue = (a: NodeIssue, b: NodeIssue) =>
  a.path === b.path &&
  ('text' in a
    ? 'text' in b && a.text === b.text
    : 'code' in b && a.code === b.code && JSON.stringify(a.params) === JSON.stringify(b.params));

export function summariseIssues(
  definition: SegmentDefinition,
  issues: readonly ValidationIssue[],
  drafts: readonly Draft[],
): IssueSummary {
  const byNode = new Map<string, NodeIssue[]>();
  const push = (nodeId: string, issue: NodeIssue) => {
    const list = byNode.get(nodeId) ?? [];
    if (!list.some((i) => sameIssue(i, issue))) list.push(issue);
    byNode.set(nodeId, list);
  };
  for (const d of drafts) push(d.nodeId, { path: d.path, text: d.message });
  const general: NodeIssue[] = [];
  const emptyRoot = definition.root.children.length === 0;
  for (const { nodeId, code, params, path: at } of issues) {
    if (nodeId === null) {
      general.push({ path: '', code, params });
      continue;
    }
    if (emptyRoot && nodeId === definition.root.id) continue;
    const prefix = pathOf(definition, nodeId)?.length ?? 0;
    const path = at.slice(prefix).join('.');
    if (drafts.some((d) => d.nodeId === nodeId && d.path === path)) continue;
    push(nodeId, { path, code, params });
  }
  return { byNode, nodes: byNode.size, general };
}
