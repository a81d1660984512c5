import { expect, test } from 'vitest';
import { testCatalogue } from './catalogue-view.fixture.ts';
import type { Comparison, Group, SegmentDefinition, SegmentNode } from './definition.ts';
import { diffDefinitions, diffSegments, type NodeChange } from './diff.ts';

const city = (value: string, id = 'c1', negate = false): SegmentNode => ({
  id,
  kind: 'attribute',
  negate,
  field: 'customer.city',
  test: { operator: 'equals', value },
});
const tier = (test: Comparison, id = 't1'): SegmentNode => ({
  id,
  kind: 'attribute',
  negate: false,
  field: 'customer.loyalty_tier',
  test,
});
const member = (segment_id: string, id = 'm1'): SegmentNode => ({
  id,
  kind: 'segment',
  negate: false,
  segment_id,
});
const group = (
  id: string,
  children: SegmentNode[],
  combinator: 'and' | 'or' = 'and',
  negate = false,
): Group => ({ id, kind: 'group', negate, combinator, children });
const def = (...children: SegmentNode[]): SegmentDefinition => ({
  version: 1,
  root: group('root', children),
});
const names = new Map([['vip', 'Big spenders']]);
const diff = (a: SegmentDefinition, b: SegmentDefinition) =>
  diffDefinitions(a, b, testCatalogue, names);
const change = (
  nodeId: string,
  kind: NodeChange['change'],
  before: string | null,
  after: string | null,
  moved = kind === 'moved',
): NodeChange => ({ nodeId, change: kind, before, after, moved });

test('two identical versions differ in nothing', () => {
  const d = def(city('Paris'), group('g', [tier({ operator: 'in', values: ['gold'] })], 'or'));
  expect(diff(d, JSON.parse(JSON.stringify(d)))).toEqual([]);
});

test.each<[string, SegmentDefinition, SegmentDefinition, NodeChange[]]>([
  [
    'names the condition whose value changed, before and after',
    def(city('Paris')),
    def(city('Lyon')),
    [change('c1', 'changed', 'City is “Paris”', 'City is “Lyon”')],
  ],
  [
    'a NOT put on a condition is a change',
    def(city('Paris')),
    def(city('Paris', 'c1', true)),
    [change('c1', 'changed', 'City is “Paris”', 'Not (city is “Paris”)')],
  ],
  [
    'an added condition is listed with its summary; its group is not "changed"',
    def(city('Paris')),
    def(city('Paris'), member('vip')),
    [change('m1', 'added', null, 'In segment “Big spenders”')],
  ],
  [
    'a removed group lists itself and every node inside it',
    def(city('Paris'), group('g', [city('Lyon', 'c2'), city('Nice', 'c3')], 'or')),
    def(city('Paris')),
    [
      change('g', 'removed', 'Any of 2 conditions', null),
      change('c2', 'removed', 'City is “Lyon”', null),
      change('c3', 'removed', 'City is “Nice”', null),
    ],
  ],
  [
    'AND turned into OR changes the group only',
    def(city('Paris'), city('Lyon', 'c2')),
    { version: 1, root: group('root', [city('Paris'), city('Lyon', 'c2')], 'or') },
    [change('root', 'changed', 'All of 2 conditions', 'Any of 2 conditions')],
  ],
  [
    'a condition moved into another group is a move, not a removal and an addition',
    def(city('Paris'), group('g', [city('Lyon', 'c2')], 'or')),
    def(group('g', [city('Lyon', 'c2'), city('Paris')], 'or')),
    [change('c1', 'moved', 'City is “Paris”', 'City is “Paris”')],
  ],
  [
    'two swapped siblings both moved',
    def(city('Paris'), city('Lyon', 'c2')),
    def(city('Lyon', 'c2'), city('Paris')),
    [
      change('c2', 'moved', 'City is “Lyon”', 'City is “Lyon”'),
      change('c1', 'moved', 'City is “Paris”', 'City is “Paris”'),
    ],
  ],
  [
    'an insertion before a condition does not move it',
    def(city('Paris')),
    def(city('Lyon', 'c0'), city('Paris')),
    [change('c0', 'added', null, 'City is “Lyon”')],
  ],
  [
    'changed and moved at once is a change that says it moved',
    def(city('Paris'), group('g', [city('Lyon', 'c2')])),
    def(group('g', [city('Lyon', 'c2'), city('Nice')])),
    [change('c1', 'changed', 'City is “Paris”', 'City is “Nice”', true)],
  ],
  [
    'an id reused for another kind of condition is a change',
    def(city('Paris', 'x')),
    def(member('vip', 'x')),
    [change('x', 'changed', 'City is “Paris”', 'In segment “Big spenders”')],
  ],
])('%s', (_label, before, after, expected) => {
  expect(diff(before, after)).toEqual(expected);
});

test('key order does not make a change', () => {
  const a = def(tier({ operator: 'in', values: ['gold', 'silver'] }));
  const b: SegmentDefinition = {
    version: 1,
    root: {
      children: [
        {
          test: { values: ['gold', 'silver'], operator: 'in' },
          field: 'customer.loyalty_tier',
          negate: false,
          kind: 'attribute',
          id: 't1',
        },
      ],
      combinator: 'and',
      negate: false,
      kind: 'group',
      id: 'root',
    },
  };
  expect(diff(a, b)).toEqual([]);
});

test('a list whose order changed is a change (the values are compared as written)', () => {
  const a = def(tier({ operator: 'in', values: ['gold', 'silver'] }));
  const b = def(tier({ operator: 'in', values: ['silver', 'gold'] }));
  expect(diff(a, b).map((c) => c.change)).toEqual(['changed']);
});

test('a segment diff reports the name and description only when they changed', () => {
  const d = def(city('Paris'));
  expect(
    diffSegments(
      { name: 'Paris', description: '', definition: d },
      { name: 'Parisiens', description: '', definition: d },
      testCatalogue,
    ),
  ).toEqual({ name: { before: 'Paris', after: 'Parisiens' }, description: null, nodes: [] });
  expect(
    diffSegments(
      { name: 'A', description: 'old', definition: d },
      { name: 'A', description: 'new', definition: def(city('Lyon')) },
      testCatalogue,
    ),
  ).toMatchObject({
    name: null,
    description: { before: 'old', after: 'new' },
    nodes: [{ nodeId: 'c1', change: 'changed' }],
  });
});

test('a definition 20 groups deep is walked without recursion trouble', () => {
  let older: Group = group('g0', [city('Paris')]);
  let newer: Group = group('g0', [city('Lyon')]);
  for (let i = 1; i < 20; i += 1) {
    older = group(`g${i}`, [older]);
    newer = group(`g${i}`, [newer]);
  }
  expect(
    diff({ version: 1, root: older }, { version: 1, root: newer }).map((c) => c.nodeId),
  ).toEqual(['c1']);
});

test('names the changed condition in French when asked', () => {
  const lines = diffDefinitions(def(city('Paris')), def(city('Lyon')), testCatalogue, names, 'fr');
  expect(lines.map((c) => [c.before, c.after])).toEqual([
    ['La ville est «\u00a0Paris\u00a0»', 'La ville est «\u00a0Lyon\u00a0»'],
  ]);
});
