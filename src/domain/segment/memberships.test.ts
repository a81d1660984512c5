import { describe, expect, test } from 'vitest';
import type { Condition, SegmentDefinition } from './definition.ts';
import { MAX_MEMBERSHIP_DEPTH } from './facts.ts';
import { MembershipKeys } from './memberships.ts';

const member = (segment_id: string): Condition => ({
  id: `m-${segment_id}`,
  kind: 'segment',
  negate: false,
  segment_id,
});
const naming = (...ids: string[]): SegmentDefinition => ({
  version: 1,
  root: { id: 'root', kind: 'group', negate: false, combinator: 'or', children: ids.map(member) },
});
/** s0 names nothing, s<i> names s<i-1>: a chain of `length` segments. */
const chain = (length: number): Map<string, SegmentDefinition> =>
  new Map(Array.from({ length }, (_, i) => [`s${i}`, i === 0 ? naming() : naming(`s${i - 1}`)]));

describe('MembershipKeys', () => {
  test('a height is the longest chain of known segments below, repeats and unknowns aside', () => {
    const keys = new MembershipKeys(
      new Map([
        ['base', naming()],
        ['mid', naming('base', 'base', 'gone')],
        ['top', naming('mid', 'base', 'mid')],
      ]),
    );
    expect(keys.height('base')).toBe(0);
    expect(keys.height('mid')).toBe(1);
    expect(keys.height('top')).toBe(2);
  });

  test('a segment on a loop, or naming one, is past the limit', () => {
    const keys = new MembershipKeys(
      new Map([
        ['a', naming('b')],
        ['b', naming('a')],
        ['c', naming('a')],
        ['self', naming('self')],
        ['free', naming()],
      ]),
    );
    for (const id of ['a', 'b', 'c', 'self'])
      expect(keys.height(id)).toBe(MAX_MEMBERSHIP_DEPTH + 1);
    expect(keys.height('free')).toBe(0);
  });

  test('one key at every depth while the chain ends before the limit, else a key per depth', () => {
    const keys = new MembershipKeys(chain(4));
    expect(keys.key('s3', 1)).toBe('s3');
    expect(keys.key('s3', MAX_MEMBERSHIP_DEPTH - 3)).toBe('s3');
    expect(keys.key('s3', MAX_MEMBERSHIP_DEPTH - 2)).toBe(`s3@${MAX_MEMBERSHIP_DEPTH - 2}`);
    expect(keys.key('s0', MAX_MEMBERSHIP_DEPTH)).toBe('s0');
    expect(keys.key('s0', MAX_MEMBERSHIP_DEPTH + 1)).toBeNull();
    expect(keys.key('gone', 1)).toBeNull();
    const loop = new MembershipKeys(new Map([['self', naming('self')]]));
    expect(loop.key('self', 1)).toBe('self@1');
    expect(loop.key('self', 2)).toBe('self@2');
  });

  test('a chain of thousands is measured without recursion, its lower part reused', () => {
    const keys = new MembershipKeys(chain(20_000));
    expect(keys.height('s19999')).toBe(MAX_MEMBERSHIP_DEPTH + 1);
    expect(keys.height('s5')).toBe(5);
    expect(keys.height(`s${MAX_MEMBERSHIP_DEPTH}`)).toBe(MAX_MEMBERSHIP_DEPTH);
  });
});
