// Finding nodes in a definition's tree and rebuilding the groups above a changed one. Iterative, so
// that no tree, however deep, overflows the stack.
import type { Group, SegmentDefinition, SegmentNode } from './definition.ts';

export interface Location<N extends SegmentNode = SegmentNode> {
  node: N;
  /** The group holding the node; undefined for the top group. */
  parent: Group | undefined;
  /** Child positions from the top group down to the node. */
  indexes: number[];
}

/** The first node with this id in reading order. */
export function locate(definition: SegmentDefinition, id: string): Location | undefined {
  const stack: Location[] = [{ node: definition.root, parent: undefined, indexes: [] }];
  for (let at = stack.pop(); at !== undefined; at = stack.pop()) {
    if (at.node.id === id) return at;
    const { node } = at;
    if (node.kind !== 'group') continue;
    for (let i = node.children.length - 1; i >= 0; i -= 1) {
      const child = node.children[i];
      if (child) stack.push({ node: child, parent: node, indexes: [...at.indexes, i] });
    }
  }
  return undefined;
}

export function findNode(definition: SegmentDefinition, id: string): SegmentNode | undefined {
  return locate(definition, id)?.node;
}

/** The group holding a node; undefined for the top group and for an unknown id. */
export function parentOf(definition: SegmentDefinition, id: string): Group | undefined {
  return locate(definition, id)?.parent;
}

/** Where a node sits, as validation paths spell it: ['root', 'children', 0, 'children', 2]. */
export function pathOf(definition: SegmentDefinition, id: string): (string | number)[] | undefined {
  const at = locate(definition, id);
  return at && ['root', ...at.indexes.flatMap((i) => ['children', i])];
}

/** The ids of a node and everything in it, the node's own first. */
export function allIds(node: SegmentNode): string[] {
  const ids: string[] = [];
  const stack = [node];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    ids.push(next.id);
    if (next.kind === 'group')
      for (let i = next.children.length - 1; i >= 0; i -= 1) {
        const child = next.children[i];
        if (child) stack.push(child);
      }
  }
  return ids;
}

/**
 * Replaces the group at `indexes` by `change(group)` and rebuilds only the groups above it; every
 * other subtree is shared with the input. Undefined when `indexes` does not lead to a group.
 */
export function mapGroupAt(
  root: Group,
  indexes: readonly number[],
  change: (group: Group) => Group,
): Group | undefined {
  const chain: Group[] = [root];
  let current: Group = root;
  for (const i of indexes) {
    const child = current.children[i];
    if (child?.kind !== 'group') return undefined;
    chain.push(child);
    current = child;
  }
  let rebuilt = change(current);
  for (let k = indexes.length - 1; k >= 0; k -= 1) {
    const parent = chain[k];
    const i = indexes[k];
    if (parent === undefined || i === undefined) return undefined;
    rebuilt = { ...parent, children: parent.children.with(i, rebuilt) };
  }
  return rebuilt;
}
