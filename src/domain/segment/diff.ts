// What changed between two versions of a saved segment, node by node (matched by node id), in the
// words of the builder's one-line summaries: what a marketer reads before restoring a version.
// - added / removed: the id exists in one version only (every node of a removed group is listed);
// - changed: the node's own content differs (a group's combinator or NOT, a condition's field,
//   test, window, filters…); a group whose children alone changed is not "changed", they are;
// - moved: same content, but under another group, or in another order among the siblings present
//   in both versions (an insertion before it is not a move).
// A node both changed and moved is reported as changed, with `moved` set.
import type { FieldCatalogue } from './catalogue-view.ts';
import type { SegmentDefinition, SegmentNode } from './definition.ts';
import { describeNode, type SegmentNames } from './describe.ts';
import { compareText } from '../compare.ts';
import type { DomainLanguage } from '../language.ts';

export type NodeChangeKind = 'added' | 'removed' | 'changed' | 'moved';

export interface NodeChange {
  nodeId: string;
  change: NodeChangeKind;
  /** The node's one-line summary in the older version; null when added. */
  before: string | null;
  /** The node's one-line summary in the newer version; null when removed. */
  after: string | null;
  /** Whether it sits under another group, or elsewhere among its siblings, than before. */
  moved: boolean;
}

export interface TextChange {
  before: string;
  after: string;
}

export interface SegmentContent {
  name: string;
  description: string;
  definition: SegmentDefinition;
}

export interface SegmentDiff {
  name: TextChange | null;
  description: TextChange | null;
  /** Nodes of the newer version in reading order, then the removed ones in their old order. */
  nodes: NodeChange[];
}

interface Placed {
  node: SegmentNode;
  parentId: string | null;
  /** Ids of the node's siblings, itself included, in order. */
  siblings: readonly string[];
}

/** Every node by id, in reading order; iterative, as definitions come from users. */
function placeNodes(definition: SegmentDefinition): Map<string, Placed> {
  const placed = new Map<string, Placed>();
  const stack: Placed[] = [
    { node: definition.root, parentId: null, siblings: [definition.root.id] },
  ];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (!placed.has(next.node.id)) placed.set(next.node.id, next);
    const { node } = next;
    if (node.kind !== 'group') continue;
    const ids = node.children.map((c) => c.id);
    for (let i = node.children.length - 1; i >= 0; i -= 1) {
      const child = node.children[i];
      if (child) stack.push({ node: child, parentId: node.id, siblings: ids });
    }
  }
  return placed;
}

/** JSON with object keys sorted: two equal nodes give the same text whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => compareText(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What a node says by itself: a group without its children, a condition whole. */
function ownContent(node: SegmentNode): string {
  if (node.kind === 'group') {
    return canonical({ kind: node.kind, negate: node.negate, combinator: node.combinator });
  }
  return canonical(node);
}

/** The siblings that sit under the same group in the other version, in order. */
function stayingSiblings(placed: Placed, other: ReadonlyMap<string, Placed>): string[] {
  return placed.siblings.filter((id) => other.get(id)?.parentId === placed.parentId);
}

/** Under another group, or in another order among the siblings that stayed with it. */
function wasMoved(
  before: Placed,
  after: Placed,
  older: ReadonlyMap<string, Placed>,
  newer: ReadonlyMap<string, Placed>,
): boolean {
  if (before.parentId !== after.parentId) return true;
  const id = after.node.id;
  return stayingSiblings(before, newer).indexOf(id) !== stayingSiblings(after, older).indexOf(id);
}

/** The node-by-node difference from `older` to `newer`. */
export function diffDefinitions(
  older: SegmentDefinition,
  newer: SegmentDefinition,
  catalogue: FieldCatalogue,
  segmentNames: SegmentNames = new Map(),
  language: DomainLanguage = 'en',
): NodeChange[] {
  const was = placeNodes(older);
  const now = placeNodes(newer);
  const line = (node: SegmentNode) => describeNode(node, catalogue, segmentNames, language);
  const changes: NodeChange[] = [];
  for (const [id, after] of now) {
    const before = was.get(id);
    if (before === undefined) {
      changes.push({
        nodeId: id,
        change: 'added',
        before: null,
        after: line(after.node),
        moved: false,
      });
      continue;
    }
    const changed = ownContent(before.node) !== ownContent(after.node);
    const moved = wasMoved(before, after, was, now);
    if (!changed && !moved) continue;
    changes.push({
      nodeId: id,
      change: changed ? 'changed' : 'moved',
      before: line(before.node),
      after: line(after.node),
      moved,
    });
  }
  for (const [id, before] of was) {
    if (!now.has(id)) {
      changes.push({
        nodeId: id,
        change: 'removed',
        before: line(before.node),
        after: null,
        moved: false,
      });
    }
  }
  return changes;
}

function textChange(before: string, after: string): TextChange | null {
  return before === after ? null : { before, after };
}

/** The difference between two versions of a segment: name, description and nodes. */
export function diffSegments(
  older: SegmentContent,
  newer: SegmentContent,
  catalogue: FieldCatalogue,
  segmentNames: SegmentNames = new Map(),
  language: DomainLanguage = 'en',
): SegmentDiff {
  return {
    name: textChange(older.name, newer.name),
    description: textChange(older.description, newer.description),
    nodes: diffDefinitions(older.definition, newer.definition, catalogue, segmentNames, language),
  };
}
