// The builder's pure parts: the URL encoding, the undo history and where a drag lands.
import { describe, expect, test } from 'vitest';
import type { SegmentDefinition, SegmentNode } from '../../domain/segment/definition.ts';
import { builderReducer, initialState } from './builder-state.ts';
import { decodeDefinition, encodeDefinition } from './definition-url.ts';
import { dropTarget } from './drop-target.ts';

const city = (id: string, value: string): SegmentNode => ({
  id,
  kind: 'attribute',
  negate: false,
  field: 'customer.city',
  test: { operator: 'equals', value },
});
const definition: SegmentDefinition = {
  version: 1,
  root: {
    id: 'r',
    kind: 'group',
    negate: false,
    combinator: 'and',
    children: [
      city('a', 'Lyon'),
      {
        id: 'g',
        kind: 'group',
        negate: false,
        combinator: 'or',
        children: [city('b', 'Paris'), city('c', 'Nice')],
      },
      city('d', 'Saint-Étienne “centre” 🚲'),
    ],
  },
};

describe('the definition in the URL', () => {
  test('round-trips any text, unicode included, as URL-safe characters', () => {
    const encoded = encodeDefinition(definition);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeDefinition(encoded)).toEqual({ ok: true, definition });
  });

  test.each([
    ['not base64 at all', '%%%', 'not_a_link'],
    ['base64 of text that is not JSON', btoa('not json').replaceAll('=', ''), 'cut_short'],
    [
      'JSON that is not a definition',
      btoa('{"version":1,"root":{"kind":"group"}}').replaceAll('=', ''),
      'edited',
    ],
    ['a link cut short', encodeDefinition(definition).slice(0, 40), 'cut_short'],
  ])('refuses %s saying why, never throwing', (_, encoded, kind) => {
    const decoded = decodeDefinition(encoded);
    expect(decoded).toMatchObject({ ok: false, problem: { kind } });
  });

  test('a link edited by hand names its first issue with zod’s code and figures', () => {
    const decoded = decodeDefinition(
      btoa('{"version":1,"root":{"id":"r","kind":"group","combinator":"xor","children":[]}}'),
    );
    expect(decoded).toMatchObject({
      ok: false,
      problem: {
        kind: 'edited',
        issue: {
          path: ['root', 'combinator'],
          code: 'invalid_value',
          params: { values: ['and', 'or'] },
        },
      },
    });
  });
});

describe('the undo history', () => {
  const update = (value: string, coalesce?: string) => ({
    type: 'update' as const,
    node: city('a', value),
    coalesce,
  });

  test('typing in one box is one step; another box starts a new one', () => {
    let state = initialState(definition);
    for (const value of ['L', 'Ly', 'Lyo'])
      state = builderReducer(state, update(value, 'a:test.value'));
    state = builderReducer(state, { type: 'negate', id: 'd' });
    expect(state.past).toHaveLength(2);
    state = builderReducer(state, { type: 'undo' });
    state = builderReducer(state, { type: 'undo' });
    expect(state.present).toBe(definition);
    state = builderReducer(state, { type: 'redo' });
    expect(state.present.root.children[0]).toMatchObject({ test: { value: 'Lyo' } });
  });

  test('an edit that cannot apply keeps the definition and says why', () => {
    const state = builderReducer(initialState(definition), { type: 'remove', id: 'r' });
    expect(state.present).toBe(definition);
    expect(state.refusal).toBe('The top group cannot be removed.');
    expect(state.past).toHaveLength(0);
  });

  test('a new edit after an undo drops the redo stack', () => {
    let state = builderReducer(initialState(definition), { type: 'negate', id: 'a' });
    state = builderReducer(state, { type: 'undo' });
    state = builderReducer(state, { type: 'negate', id: 'd' });
    expect(state.future).toHaveLength(0);
  });
});

describe('where a drag lands', () => {
  test.each([
    [
      'down within a group: after the row it is over',
      'a',
      'd',
      { groupId: 'r', index: 2, marker: { after: 'd' } },
    ],
    [
      'up within a group: before the row it is over',
      'd',
      'a',
      { groupId: 'r', index: 0, marker: { before: 'a' } },
    ],
    [
      'into another group: before the row it is over',
      'a',
      'c',
      { groupId: 'g', index: 1, marker: { before: 'c' } },
    ],
    [
      'on a group footer: at its end',
      'd',
      'end:g',
      { groupId: 'g', index: 2, marker: { end: 'g' } },
    ],
    ['out to the top group end', 'b', 'end:r', { groupId: 'r', index: 3, marker: { end: 'r' } }],
  ])('%s', (_, active, over, expected) => {
    expect(dropTarget(definition, active, over)).toEqual(expected);
  });

  test.each([
    ['onto itself', 'a', 'a'],
    ['a group into its own rows', 'g', 'b'],
    ['a group onto its own footer', 'g', 'end:g'],
    ['the top group', 'r', 'a'],
  ])('refuses %s', (_, active, over) => {
    expect(dropTarget(definition, active, over)).toBeNull();
  });
});
