import { expect, test } from 'vitest';
import type { Group, SegmentDefinition, SegmentNode } from './definition.ts';
import {
  addNode,
  duplicateNode,
  emptyDefinition,
  findNode,
  moveNode,
  parentOf,
  pathOf,
  removeNode,
  setCombinator,
  toggleNegate,
  ungroup,
  updateNode,
  wrapInGroup,
  type EditResult,
} from './edits.ts';

const cond = (id: string, value = id): SegmentNode => ({
  id,
  kind: 'attribute',
  negate: false,
  field: 'customer.city',
  test: { operator: 'equals', value },
});
const grp = (id: string, children: SegmentNode[], combinator: 'and' | 'or' = 'and'): Group => ({
  id,
  kind: 'group',
  negate: false,
  combinator,
  children,
});

/** root[a g1|[b c g2[d]] e]: `|` marks an OR group, `!` a negated node. */
const tree = (): SegmentDefinition => ({
  version: 1,
  root: grp('root', [
    cond('a'),
    grp('g1', [cond('b'), cond('c'), grp('g2', [cond('d')])], 'or'),
    cond('e'),
  ]),
});
const original = 'root[a g1|[b c g2[d]] e]';

function shape(node: SegmentNode): string {
  const mark = node.negate ? '!' : '';
  if (node.kind !== 'group') return mark + node.id;
  const or = node.combinator === 'or' ? '|' : '';
  return `${mark}${node.id}${or}[${node.children.map(shape).join(' ')}]`;
}
const after = (result: EditResult): string =>
  result.ok ? shape(result.definition.root) : `refused: ${result.reason}`;
/** Hands out n1, n2, … */
function counter(prefix = 'n'): () => string {
  let n = 0;
  return () => `${prefix}${(n += 1)}`;
}
const fixed =
  (...ids: string[]) =>
  () =>
    ids.shift() ?? 'exhausted';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

test('an empty definition is a top AND group with no children and a fresh id', () => {
  expect(emptyDefinition(fixed('top'))).toEqual({
    version: 1,
    root: { id: 'top', kind: 'group', negate: false, combinator: 'and', children: [] },
  });
});

test.each([
  ['root', ['root'], undefined],
  ['a', ['root', 'children', 0], 'root'],
  ['g1', ['root', 'children', 1], 'root'],
  ['c', ['root', 'children', 1, 'children', 1], 'g1'],
  ['d', ['root', 'children', 1, 'children', 2, 'children', 0], 'g2'],
  ['e', ['root', 'children', 2], 'root'],
  ['nope', undefined, undefined],
  ['__proto__', undefined, undefined],
])('%s sits at %j in group %s', (id, path, parent) => {
  const def = tree();
  expect(pathOf(def, id)).toEqual(path);
  expect(parentOf(def, id)?.id).toBe(parent);
  expect(findNode(def, id)?.id).toBe(path ? id : undefined);
});

test.each<[string, string, SegmentNode, number | undefined, string]>([
  ['appends to the top group', 'root', cond('x'), undefined, 'root[a g1|[b c g2[d]] e x]'],
  ['inserts first', 'root', cond('x'), 0, 'root[x a g1|[b c g2[d]] e]'],
  ['inserts in the middle of a nested group', 'g1', cond('x'), 1, 'root[a g1|[b x c g2[d]] e]'],
  [
    'appends at the last position given explicitly',
    'g2',
    cond('x'),
    1,
    'root[a g1|[b c g2[d x]] e]',
  ],
  [
    'adds a whole group',
    'root',
    grp('h', [cond('x'), cond('y')]),
    1,
    'root[a h[x y] g1|[b c g2[d]] e]',
  ],
  [
    'refuses an unknown group',
    'nope',
    cond('x'),
    undefined,
    "refused: No group has the id 'nope'.",
  ],
  [
    'refuses a condition as the parent',
    'a',
    cond('x'),
    undefined,
    "refused: 'a' is a condition, not a group.",
  ],
  [
    'refuses a position before the first',
    'root',
    cond('x'),
    -1,
    'refused: Position -1 is outside the group (0 to 3).',
  ],
  [
    'refuses a position past the end',
    'g2',
    cond('x'),
    2,
    'refused: Position 2 is outside the group (0 to 1).',
  ],
  [
    'refuses a fractional position',
    'root',
    cond('x'),
    1.5,
    'refused: Position 1.5 is outside the group (0 to 3).',
  ],
  [
    'refuses an id already used',
    'root',
    cond('d'),
    undefined,
    "refused: The id 'd' is already used.",
  ],
  [
    'refuses an id used twice inside the new group',
    'root',
    grp('h', [cond('x'), cond('x')]),
    undefined,
    "refused: The id 'x' is already used.",
  ],
  [
    'refuses a malformed id',
    'root',
    cond('has space'),
    undefined,
    "refused: 'has space' is not a valid id.",
  ],
])('addNode %s', (_, parent, node, index, expected) => {
  expect(after(addNode(tree(), parent, node, index))).toBe(expected);
});

test.each([
  ['a', 'root[g1|[b c g2[d]] e]'],
  ['g1', 'root[a e]'],
  ['d', 'root[a g1|[b c g2[]] e]'],
  ['e', 'root[a g1|[b c g2[d]]]'],
  ['root', 'refused: The top group cannot be removed.'],
  ['nope', "refused: No condition or group has the id 'nope'."],
])('removeNode %s gives %s', (id, expected) => {
  expect(after(removeNode(tree(), id))).toBe(expected);
});

test('updateNode applies a patch of fields and keeps the rest', () => {
  const result = updateNode(tree(), 'b', { test: { operator: 'in', values: ['Lyon'] } });
  expect(result.ok && findNode(result.definition, 'b')).toEqual({
    ...cond('b'),
    test: { operator: 'in', values: ['Lyon'] },
  });
});

test('updateNode applies an updater to the current node', () => {
  const result = updateNode(tree(), 'd', (node) => ({ ...node, negate: true }));
  expect(after(result)).toBe('root[a g1|[b c g2[!d]] e]');
});

test('updateNode may change a condition into another kind when the patch makes it whole', () => {
  const result = updateNode(tree(), 'a', {
    kind: 'segment',
    segment_id: 'vip',
  });
  expect(result.ok && findNode(result.definition, 'a')).toEqual({
    id: 'a',
    kind: 'segment',
    negate: false,
    segment_id: 'vip',
  });
});

test.each<[string, string, Parameters<typeof updateNode>[2], string]>([
  ['a patch that changes the id', 'a', { id: 'z' }, 'refused: A condition or group keeps its id.'],
  [
    'an updater that changes the id',
    'a',
    (n) => ({ ...n, id: 'z' }),
    'refused: A condition or group keeps its id.',
  ],
  [
    'a patch that breaks the shape',
    'a',
    { field: '' },
    'refused: Too small: expected string to have >=1 characters',
  ],
  [
    'a patch that leaves a group without its combinator',
    'a',
    { kind: 'group' },
    'refused: Invalid option: expected one of "and"|"or"',
  ],
  [
    'turning the top group into a condition',
    'root',
    () => cond('root'),
    'refused: The top of a segment is always a group.',
  ],
  [
    'a group given a child whose id is taken',
    'g2',
    (n) => (n.kind === 'group' ? { ...n, children: [cond('a')] } : n),
    "refused: The id 'a' is already used.",
  ],
  [
    'an unknown node',
    'nope',
    { negate: true },
    "refused: No condition or group has the id 'nope'.",
  ],
])('updateNode refuses %s', (_, id, change, expected) => {
  expect(after(updateNode(tree(), id, change)).slice(0, expected.length)).toBe(expected);
});

test.each<[string, Parameters<typeof updateNode>[2], string]>([
  ['a patch on the top group', { combinator: 'or' }, 'root|[a g1|[b c g2[d]] e]'],
  [
    'an updater that keeps a child and adds one',
    (n) => (n.kind === 'group' ? { ...n, children: [...n.children, cond('x')] } : n),
    'root[a g1|[b c g2[d]] e x]',
  ],
])('updateNode accepts %s', (_, change, expected) => {
  expect(after(updateNode(tree(), 'root', change))).toBe(expected);
});

test.each<[string, string, number, string]>([
  ['a', 'root', 2, 'root[g1|[b c g2[d]] e a]'],
  ['a', 'root', 1, 'root[g1|[b c g2[d]] a e]'],
  ['e', 'root', 0, 'root[e a g1|[b c g2[d]]]'],
  ['g1', 'root', 2, 'root[a e g1|[b c g2[d]]]'],
  ['b', 'g1', 2, 'root[a g1|[c g2[d] b] e]'],
  ['g2', 'g1', 0, 'root[a g1|[g2[d] b c] e]'],
  ['a', 'g1', 0, 'root[g1|[a b c g2[d]] e]'],
  ['a', 'g2', 1, 'root[g1|[b c g2[d a]] e]'],
  ['d', 'root', 3, 'root[a g1|[b c g2[]] e d]'],
  ['b', 'root', 0, 'root[b a g1|[c g2[d]] e]'],
  ['g2', 'root', 3, 'root[a g1|[b c] e g2[d]]'],
  ['e', 'g2', 0, 'root[a g1|[b c g2[e d]]]'],
  ['g1', 'g1', 0, 'refused: A group cannot move into itself or into one of its own groups.'],
  ['g1', 'g2', 0, 'refused: A group cannot move into itself or into one of its own groups.'],
  ['root', 'g1', 0, 'refused: The top group cannot be moved.'],
  ['nope', 'root', 0, "refused: No condition or group has the id 'nope'."],
  ['a', 'nope', 0, "refused: No group has the id 'nope'."],
  ['a', 'e', 0, "refused: 'e' is a condition, not a group."],
  ['a', 'root', 3, 'refused: Position 3 is outside the group (0 to 2).'],
  ['a', 'g1', 4, 'refused: Position 4 is outside the group (0 to 3).'],
  ['a', 'g1', -1, 'refused: Position -1 is outside the group (0 to 3).'],
])('moveNode %s into %s at %i gives %s', (id, target, index, expected) => {
  expect(after(moveNode(tree(), id, target, index))).toBe(expected);
});

test('moving a node to where it already is hands back the same definition', () => {
  const def = tree();
  const result = moveNode(def, 'c', 'g1', 1);
  expect(result.ok && result.definition).toBe(def);
});

test.each<[string, string[], 'and' | 'or', () => string, string]>([
  [
    'two conditions apart, in reading order',
    ['a', 'e'],
    'and',
    fixed('n'),
    'root[n[a e] g1|[b c g2[d]]]',
  ],
  ['ids given out of order', ['e', 'a'], 'or', fixed('n'), 'root[n|[a e] g1|[b c g2[d]]]'],
  [
    'two conditions in a nested group',
    ['c', 'b'],
    'and',
    fixed('n'),
    'root[a g1|[n[b c] g2[d]] e]',
  ],
  ['a single group', ['g1'], 'and', fixed('n'), 'root[a n[g1|[b c g2[d]]] e]'],
  [
    'every child of the top group',
    ['a', 'g1', 'e'],
    'or',
    fixed('n'),
    'root[n|[a g1|[b c g2[d]] e]]',
  ],
  ['nothing', [], 'and', fixed('n'), 'refused: Pick at least one condition to group.'],
  [
    'nodes of different groups',
    ['a', 'b'],
    'and',
    fixed('n'),
    'refused: Only conditions side by side in one group can be grouped together.',
  ],
  [
    'the top group',
    ['root'],
    'and',
    fixed('n'),
    'refused: The top group cannot be put in a group.',
  ],
  [
    'an unknown node',
    ['a', 'nope'],
    'and',
    fixed('n'),
    "refused: No condition or group has the id 'nope'.",
  ],
  ['a node picked twice', ['a', 'a'], 'and', fixed('n'), 'refused: A condition is picked twice.'],
  ['a new id already used', ['a', 'e'], 'and', fixed('d'), "refused: The id 'd' is already used."],
  ['a malformed new id', ['a', 'e'], 'and', fixed(''), "refused: '' is not a valid id."],
])('wrapInGroup %s', (_, ids, combinator, newId, expected) => {
  expect(after(wrapInGroup(tree(), ids, combinator, newId))).toBe(expected);
});

test.each([
  ['g1', 'root[a b c g2[d] e]'],
  ['g2', 'root[a g1|[b c d] e]'],
  ['root', 'refused: The top group cannot be ungrouped.'],
  ['a', "refused: 'a' is a condition, not a group."],
  ['nope', "refused: No group has the id 'nope'."],
])('ungroup %s gives %s', (id, expected) => {
  expect(after(ungroup(tree(), id))).toBe(expected);
});

test('ungrouping an empty group removes it', () => {
  const def = tree();
  const emptied = updateNode(def, 'g2', (n) => (n.kind === 'group' ? { ...n, children: [] } : n));
  expect(emptied.ok && after(ungroup(emptied.definition, 'g2'))).toBe('root[a g1|[b c] e]');
});

test('ungrouping a negated group is refused: its conditions would mean the opposite', () => {
  const negated = toggleNegate(tree(), 'g2');
  expect(negated.ok && after(ungroup(negated.definition, 'g2'))).toBe(
    'refused: Remove the NOT from this group first: without it, its conditions would mean the opposite.',
  );
});

test.each([
  ['a', counter(), 'root[a n1 g1|[b c g2[d]] e]'],
  ['g1', counter(), 'root[a g1|[b c g2[d]] n1|[n2 n3 n4[n5]] e]'],
  ['d', counter(), 'root[a g1|[b c g2[d n1]] e]'],
  ['root', counter(), 'refused: The top group cannot be duplicated.'],
  ['nope', counter(), "refused: No condition or group has the id 'nope'."],
  ['g2', fixed('x', 'a'), "refused: The id 'a' is already used."],
  ['g2', fixed('x', 'x'), "refused: The id 'x' is already used."],
  ['a', fixed('bad id'), "refused: 'bad id' is not a valid id."],
])('duplicateNode %s gives %s', (id, newId, expected) => {
  expect(after(duplicateNode(tree(), id, newId))).toBe(expected);
});

test('a duplicate is a deep copy of the original with only the ids changed', () => {
  const result = duplicateNode(tree(), 'g1', counter());
  const copy = result.ok ? findNode(result.definition, 'n1') : undefined;
  expect(copy).toEqual(
    grp('n1', [cond('n2', 'b'), cond('n3', 'c'), grp('n4', [cond('n5', 'd')])], 'or'),
  );
});

test.each([
  ['a', 'root[!a g1|[b c g2[d]] e]'],
  ['g1', 'root[a !g1|[b c g2[d]] e]'],
  ['root', '!root[a g1|[b c g2[d]] e]'],
  ['nope', "refused: No condition or group has the id 'nope'."],
])('toggleNegate %s gives %s', (id, expected) => {
  expect(after(toggleNegate(tree(), id))).toBe(expected);
});

test('toggling NOT twice gives back an equal definition', () => {
  const once = toggleNegate(tree(), 'g2');
  expect(once.ok && toggleNegate(once.definition, 'g2')).toEqual({ ok: true, definition: tree() });
});

test.each<[string, 'and' | 'or', string]>([
  ['root', 'or', 'root|[a g1|[b c g2[d]] e]'],
  ['g1', 'and', 'root[a g1[b c g2[d]] e]'],
  ['g1', 'or', original],
  ['a', 'or', "refused: 'a' is a condition, not a group."],
  ['nope', 'and', "refused: No group has the id 'nope'."],
])('setCombinator %s to %s gives %s', (id, combinator, expected) => {
  expect(after(setCombinator(tree(), id, combinator))).toBe(expected);
});

const everyEdit: [string, (def: SegmentDefinition) => EditResult][] = [
  ['addNode', (def) => addNode(def, 'g2', cond('x'), 0)],
  ['removeNode', (def) => removeNode(def, 'c')],
  ['updateNode', (def) => updateNode(def, 'd', { negate: true })],
  ['moveNode', (def) => moveNode(def, 'a', 'g2', 1)],
  ['wrapInGroup', (def) => wrapInGroup(def, ['b', 'c'], 'and', counter())],
  ['ungroup', (def) => ungroup(def, 'g2')],
  ['duplicateNode', (def) => duplicateNode(def, 'g2', counter())],
  ['toggleNegate', (def) => toggleNegate(def, 'b')],
  ['setCombinator', (def) => setCombinator(def, 'g2', 'or')],
];

test.each(everyEdit)('%s never mutates its input (a frozen tree stays as it was)', (_, edit) => {
  const def = deepFreeze(tree());
  const result = edit(def);
  expect(result.ok).toBe(true);
  expect(def).toEqual(tree());
  expect(result.ok && result.definition).not.toBe(def);
});

test.each(everyEdit)('%s rebuilds only the groups it changes', (_, edit) => {
  const def = tree();
  const result = edit(def);
  const next = result.ok ? result.definition.root : undefined;
  // Every edit here changes something inside g1, and none reaches `e`.
  expect(next?.children.at(-1)).toBe(def.root.children.at(-1));
  expect(next?.children.some((child) => child === def.root.children[1])).toBe(false);
});

const unknownIds: [string, (def: SegmentDefinition) => EditResult][] = [
  ['addNode', (def) => addNode(def, '__proto__', cond('x'))],
  ['removeNode', (def) => removeNode(def, 'constructor')],
  ['updateNode', (def) => updateNode(def, 'toString', { negate: true })],
  ['moveNode', (def) => moveNode(def, 'a', 'hasOwnProperty', 0)],
  ['wrapInGroup', (def) => wrapInGroup(def, ['__proto__'], 'and', counter())],
  ['ungroup', (def) => ungroup(def, '')],
  ['duplicateNode', (def) => duplicateNode(def, 'valueOf', counter())],
  ['toggleNegate', (def) => toggleNegate(def, '__proto__')],
  ['setCombinator', (def) => setCombinator(def, 'constructor', 'or')],
];

test.each(unknownIds)('%s refuses an unknown id without throwing', (_, edit) => {
  expect(edit(tree()).ok).toBe(false);
});

test('edits chain into an undo stack of definitions, each one unchanged by the next', () => {
  const ids = counter();
  const history = [emptyDefinition(() => 'root')];
  const steps: ((def: SegmentDefinition) => EditResult)[] = [
    (def) => addNode(def, 'root', cond('a')),
    (def) => addNode(def, 'root', cond('b')),
    (def) => wrapInGroup(def, ['a', 'b'], 'or', ids),
    (def) => toggleNegate(def, 'n1'),
    (def) => duplicateNode(def, 'n1', ids),
    (def) => moveNode(def, 'a', 'n2', 2),
  ];
  for (const step of steps) {
    const last = history.at(-1);
    const result = last && step(last);
    if (result?.ok) history.push(result.definition);
  }
  expect(history.map((def) => shape(def.root))).toEqual([
    'root[]',
    'root[a]',
    'root[a b]',
    'root[n1|[a b]]',
    'root[!n1|[a b]]',
    'root[!n1|[a b] !n2|[n3 n4]]',
    'root[!n1|[b] !n2|[n3 n4 a]]',
  ]);
});
