// Pure edits of a definition's tree, addressed by node id, for the builder's reducer: each returns
// a new definition (sharing untouched subtrees) or the reason it cannot apply; none throws.
import {
  DEFINITION_VERSION,
  nodeId,
  segmentNode,
  type Group,
  type SegmentDefinition,
  type SegmentNode,
} from './definition.ts';
import { allIds, locate, mapGroupAt, type Location } from './edits-tree.ts';

export { findNode, parentOf, pathOf } from './edits-tree.ts';

export type EditResult =
  { ok: true; definition: SegmentDefinition } | { ok: false; reason: string };
/** Hands out fresh node ids; a counter in tests, random ids in the app. */
export type IdGenerator = () => string;
/** Fields to change on a node; the result must still be a well-formed node. */
export type NodePatch = Partial<SegmentNode>;
export type NodeUpdater = (node: SegmentNode) => SegmentNode;
export type Combinator = Group['combinator'];

const fail = (reason: string): EditResult => ({ ok: false, reason });
const done = (definition: SegmentDefinition, root: Group | undefined): EditResult =>
  root ? { ok: true, definition: { ...definition, root } } : fail('The segment changed shape.');
const noNode = (id: string) => fail(`No condition or group has the id '${id}'.`);

export function emptyDefinition(newId: IdGenerator): SegmentDefinition {
  return {
    version: DEFINITION_VERSION,
    root: { id: newId(), kind: 'group', negate: false, combinator: 'and', children: [] },
  };
}

/** A group by id, or why it is not one. */
function groupAt(definition: SegmentDefinition, id: string): Location<Group> | string {
  const at = locate(definition, id);
  if (!at) return `No group has the id '${id}'.`;
  const { node } = at;
  return node.kind === 'group' ? { ...at, node } : `'${id}' is a condition, not a group.`;
}

/** The first id of `incoming` already taken, or repeated, or not a valid id. */
function clash(incoming: readonly string[], taken: ReadonlySet<string>): string | undefined {
  const seen = new Set<string>();
  for (const id of incoming) {
    if (!nodeId.safeParse(id).success) return `'${id}' is not a valid id.`;
    if (taken.has(id) || seen.has(id)) return `The id '${id}' is already used.`;
    seen.add(id);
  }
  return undefined;
}

function positionError(index: number, max: number): string | undefined {
  return Number.isInteger(index) && index >= 0 && index <= max
    ? undefined
    : `Position ${index} is outside the group (0 to ${max}).`;
}

export function addNode(
  definition: SegmentDefinition,
  parentGroupId: string,
  node: SegmentNode,
  index?: number,
): EditResult {
  const parent = groupAt(definition, parentGroupId);
  if (typeof parent === 'string') return fail(parent);
  const at = index ?? parent.node.children.length;
  const problem =
    positionError(at, parent.node.children.length) ??
    clash(allIds(node), new Set(allIds(definition.root)));
  if (problem) return fail(problem);
  return done(
    definition,
    mapGroupAt(definition.root, parent.indexes, (g) => ({
      ...g,
      children: g.children.toSpliced(at, 0, node),
    })),
  );
}

/** Replaces the node at a non-root location by `nodes` (none to remove it, several to ungroup). */
function spliceNode(definition: SegmentDefinition, at: Location, nodes: SegmentNode[]) {
  const index = at.indexes.at(-1) ?? 0;
  return mapGroupAt(definition.root, at.indexes.slice(0, -1), (g) => ({
    ...g,
    children: g.children.toSpliced(index, 1, ...nodes),
  }));
}

export function removeNode(definition: SegmentDefinition, id: string): EditResult {
  const at = locate(definition, id);
  if (!at) return noNode(id);
  if (!at.parent) return fail('The top group cannot be removed.');
  return done(definition, spliceNode(definition, at, []));
}

/** Changes one node through a patch of its fields or an updater; it keeps its id. */
export function updateNode(
  definition: SegmentDefinition,
  id: string,
  change: NodePatch | NodeUpdater,
): EditResult {
  const at = locate(definition, id);
  if (!at) return noNode(id);
  let next: SegmentNode;
  if (typeof change === 'function') {
    next = change(at.node);
  } else {
    // A patch that changes the kind starts from the node's id and negation only: what the old
    // kind held is not the new kind's (the schema refuses keys it does not know).
    const node = at.node;
    const kept =
      change.kind === undefined || change.kind === node.kind
        ? node
        : { id: node.id, ...('negate' in node ? { negate: node.negate } : {}) };
    const parsed = segmentNode.safeParse({ ...kept, ...change });
    if (!parsed.success) return fail(parsed.error.issues[0]?.message ?? 'Not a valid condition.');
    next = parsed.data;
  }
  if (next.id !== id) return fail('A condition or group keeps its id.');
  const before = new Set(allIds(at.node));
  const others = new Set(allIds(definition.root).filter((x) => !before.has(x)));
  const problem = clash(allIds(next).slice(1), new Set([...others, id]));
  if (problem) return fail(problem);
  if (at.parent) return done(definition, spliceNode(definition, at, [next]));
  return next.kind === 'group'
    ? done(definition, next)
    : fail('The top of a segment is always a group.');
}

/**
 * Moves a node into a group so that it ends up at `index` among that group's children (as after
 * the move: within one group, index 2 of [a, b, c] puts a last).
 */
export function moveNode(
  definition: SegmentDefinition,
  id: string,
  targetGroupId: string,
  index: number,
): EditResult {
  const at = locate(definition, id);
  if (!at) return noNode(id);
  if (!at.parent) return fail('The top group cannot be moved.');
  const target = groupAt(definition, targetGroupId);
  if (typeof target === 'string') return fail(target);
  if (at.indexes.every((i, k) => target.indexes[k] === i)) {
    return fail('A group cannot move into itself or into one of its own groups.');
  }
  const sameGroup = target.node === at.parent;
  const problem = positionError(index, target.node.children.length - (sameGroup ? 1 : 0));
  if (problem) return fail(problem);
  if (sameGroup && at.indexes.at(-1) === index) return { ok: true, definition };
  const removed = spliceNode(definition, at, []);
  const landing = removed && locate({ ...definition, root: removed }, targetGroupId);
  if (!removed || !landing) return done(definition, undefined);
  return done(
    definition,
    mapGroupAt(removed, landing.indexes, (g) => ({
      ...g,
      children: g.children.toSpliced(index, 0, at.node),
    })),
  );
}

/** Puts sibling nodes in a new group, in their order, where the first of them stood. */
export function wrapInGroup(
  definition: SegmentDefinition,
  ids: readonly string[],
  combinator: Combinator,
  newId: IdGenerator,
): EditResult {
  if (ids.length === 0) return fail('Pick at least one condition to group.');
  if (new Set(ids).size !== ids.length) return fail('A condition is picked twice.');
  const found: Location[] = [];
  for (const id of ids) {
    const at = locate(definition, id);
    if (!at) return noNode(id);
    if (!at.parent) return fail('The top group cannot be put in a group.');
    found.push(at);
  }
  const parent = found[0]?.parent;
  if (!parent || found.some((at) => at.parent !== parent)) {
    return fail('Only conditions side by side in one group can be grouped together.');
  }
  const positions = new Set(found.map((at) => at.indexes.at(-1)));
  const group: Group = {
    id: newId(),
    kind: 'group',
    negate: false,
    combinator,
    children: parent.children.filter((_, i) => positions.has(i)),
  };
  const problem = clash([group.id], new Set(allIds(definition.root)));
  if (problem) return fail(problem);
  const first = parent.children.findIndex((_, i) => positions.has(i));
  const children = parent.children.flatMap((child, i) =>
    i === first ? [group] : positions.has(i) ? [] : [child],
  );
  return done(
    definition,
    mapGroupAt(definition.root, (found[0]?.indexes ?? []).slice(0, -1), (g) => ({
      ...g,
      children,
    })),
  );
}

/** Lifts a group's children into its place. */
export function ungroup(definition: SegmentDefinition, groupId: string): EditResult {
  const at = groupAt(definition, groupId);
  if (typeof at === 'string') return fail(at);
  if (!at.parent) return fail('The top group cannot be ungrouped.');
  if (at.node.negate) {
    return fail(
      'Remove the NOT from this group first: without it, its conditions would mean the opposite.',
    );
  }
  return done(definition, spliceNode(definition, at, at.node.children));
}

function withFreshIds(node: SegmentNode, newId: IdGenerator): SegmentNode {
  if (node.kind !== 'group') return { ...node, id: newId() };
  const id = newId();
  return { ...node, id, children: node.children.map((child) => withFreshIds(child, newId)) };
}

/** Copies a node and everything in it, with fresh ids, right after the original. */
export function duplicateNode(
  definition: SegmentDefinition,
  id: string,
  newId: IdGenerator,
): EditResult {
  const at = locate(definition, id);
  if (!at) return noNode(id);
  if (!at.parent) return fail('The top group cannot be duplicated.');
  const copy = withFreshIds(at.node, newId);
  const problem = clash(allIds(copy), new Set(allIds(definition.root)));
  if (problem) return fail(problem);
  return done(definition, spliceNode(definition, at, [at.node, copy]));
}

export function toggleNegate(definition: SegmentDefinition, id: string): EditResult {
  return updateNode(definition, id, (node) => ({ ...node, negate: !node.negate }));
}

export function setCombinator(
  definition: SegmentDefinition,
  groupId: string,
  combinator: Combinator,
): EditResult {
  const at = groupAt(definition, groupId);
  if (typeof at === 'string') return fail(at);
  return updateNode(definition, groupId, (node) =>
    node.kind === 'group' ? { ...node, combinator } : node,
  );
}
