import { describe, expect, test } from 'vitest';
import { overlapRegions, unionDefinition } from './overlap.ts';
import { parseDefinition } from './parse-definition.ts';

describe('overlapRegions', () => {
  test('three segments give seven regions, singles first, then pairs, then all three', () => {
    expect(overlapRegions(['a', 'b', 'c']).map((r) => r.inside)).toEqual([
      ['a'],
      ['b'],
      ['c'],
      ['a', 'b'],
      ['a', 'c'],
      ['b', 'c'],
      ['a', 'b', 'c'],
    ]);
  });

  test('every region is a valid definition: in its segments, not in the others', () => {
    for (const region of overlapRegions(['a', 'b', 'c'])) {
      expect(parseDefinition(region.definition).ok).toBe(true);
      const children = region.definition.root.children;
      expect(children.map((c) => (c.kind === 'segment' ? [c.segment_id, c.negate] : null))).toEqual(
        ['a', 'b', 'c'].map((id) => [id, !region.inside.includes(id)]),
      );
    }
  });
});

test('the union is an OR of memberships', () => {
  const union = unionDefinition(['a', 'b']);
  expect(parseDefinition(union).ok).toBe(true);
  expect(union.root.combinator).toBe('or');
  expect(union.root.children.map((c) => (c.kind === 'segment' ? c.segment_id : null))).toEqual([
    'a',
    'b',
  ]);
});
