// The diff of two versions of a document, value by value. (A .tsx file: the dom project is the one
// that runs the features' tests.)
import { expect, test } from 'vitest';
import { jsonDiff } from './json-diff.ts';

const lyonnais = {
  name: 'Lyonnais',
  description: '',
  definition: {
    root: {
      kind: 'group',
      children: [{ kind: 'attribute', test: { op: 'in', value: ['Lyon'] } }],
    },
  },
};

test.each([
  [
    'a changed value',
    { name: 'A', size: 3 },
    { name: 'B', size: 3 },
    [['changed', 'name', 'A', 'B']],
  ],
  [
    'an added member',
    { name: 'A' },
    { name: 'A', note: 'new' },
    [['added', 'note', undefined, 'new']],
  ],
  [
    'a removed member',
    { name: 'A', note: 'old' },
    { name: 'A' },
    [['removed', 'note', 'old', undefined]],
  ],
  [
    'a nested value, by its dotted path',
    { offer: { price: { kind: 'percent', percent: 10 } } },
    { offer: { price: { kind: 'percent', percent: 15 } } },
    [['changed', 'offer.price.percent', 10, 15]],
  ],
  [
    'arrays index by index: a changed item and one more',
    { tags: ['a', 'b'] },
    { tags: ['a', 'c', 'd'] },
    [
      ['changed', 'tags.1', 'b', 'c'],
      ['added', 'tags.2', undefined, 'd'],
    ],
  ],
  [
    'an array one item shorter',
    { tags: ['a', 'b'] },
    { tags: ['a'] },
    [['removed', 'tags.1', 'b', undefined]],
  ],
  [
    'an added object, leaf by leaf',
    { name: 'A' },
    { name: 'A', offer: { title: 'Gift', price: { kind: 'percent', percent: 10 } } },
    [
      ['added', 'offer.title', undefined, 'Gift'],
      ['added', 'offer.price.kind', undefined, 'percent'],
      ['added', 'offer.price.percent', undefined, 10],
    ],
  ],
  ['an empty object added is a value', { a: 1 }, { a: 1, b: {} }, [['added', 'b', undefined, {}]]],
  [
    'an empty array removed is a value',
    { a: 1, b: [] },
    { a: 1 },
    [['removed', 'b', [], undefined]],
  ],
  [
    'null is a value inside a document',
    { valid_to: null },
    { valid_to: '2026-03-31' },
    [['changed', 'valid_to', null, '2026-03-31']],
  ],
  [
    'a value becoming an object is changed whole',
    { price: 10 },
    { price: { amount: 10 } },
    [['changed', 'price', 10, { amount: 10 }]],
  ],
  [
    'an object becoming an array is changed whole',
    { x: {} },
    { x: [] },
    [['changed', 'x', {}, []]],
  ],
  ['a member set to undefined is absent', { a: 1, b: undefined }, { a: 1 }, []],
])('%s', (_case, before, after, expected) => {
  expect(
    jsonDiff(before, after).map((change) => [
      change.kind,
      change.path,
      change.kind === 'added' ? undefined : change.before,
      change.kind === 'removed' ? undefined : change.after,
    ]),
  ).toEqual(expected);
});

test('nothing changed: no change, however deep', () => {
  expect(jsonDiff(lyonnais, structuredClone(lyonnais))).toEqual([]);
  expect(jsonDiff({}, {})).toEqual([]);
  expect(jsonDiff([], [])).toEqual([]);
  expect(jsonDiff(null, null)).toEqual([]);
});

test('a segment renamed and widened: the name and the city list, nothing else', () => {
  const after = structuredClone(lyonnais);
  after.name = 'Lyonnais et Grenoblois';
  after.definition.root.children[0]?.test.value.push('Grenoble');
  expect(jsonDiff(lyonnais, after)).toEqual([
    { kind: 'changed', path: 'name', before: 'Lyonnais', after: 'Lyonnais et Grenoblois' },
    {
      kind: 'added',
      path: 'definition.root.children.0.test.value.1',
      after: 'Grenoble',
    },
  ]);
});

test('no document before: the change created it, every value added', () => {
  expect(jsonDiff(null, lyonnais)).toEqual([
    { kind: 'added', path: 'name', after: 'Lyonnais' },
    { kind: 'added', path: 'description', after: '' },
    { kind: 'added', path: 'definition.root.kind', after: 'group' },
    { kind: 'added', path: 'definition.root.children.0.kind', after: 'attribute' },
    { kind: 'added', path: 'definition.root.children.0.test.op', after: 'in' },
    { kind: 'added', path: 'definition.root.children.0.test.value.0', after: 'Lyon' },
  ]);
  expect(jsonDiff(undefined, { a: 1 })).toEqual([{ kind: 'added', path: 'a', after: 1 }]);
});

test('no document after: the change deleted it, every value removed', () => {
  expect(jsonDiff({ name: 'Lyonnais', tags: [] }, null)).toEqual([
    { kind: 'removed', path: 'name', before: 'Lyonnais' },
    { kind: 'removed', path: 'tags', before: [] },
  ]);
});

test('documents that are plain values are compared at the root', () => {
  expect(jsonDiff('a', 'b')).toEqual([{ kind: 'changed', path: '', before: 'a', after: 'b' }]);
  expect(jsonDiff(null, 'a')).toEqual([{ kind: 'added', path: '', after: 'a' }]);
  expect(jsonDiff(3, 3)).toEqual([]);
});

test('changes follow the document after the change, then what it no longer has', () => {
  expect(
    jsonDiff({ a: 1, gone: true, b: 2 }, { b: 3, a: 1, fresh: 'x' }).map((c) => c.path),
  ).toEqual(['b', 'fresh', 'gone']);
});
