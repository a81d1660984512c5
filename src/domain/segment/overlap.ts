// The regions of a diagram of two or three saved segments: for every non-empty subset of them,
// the customers in each segment of the subset and in none of the others. Each region is an
// ordinary definition of membership conditions, so every store counts it with what it has, and
// the regions partition the union exactly (no customer is in two regions).
import type { Condition, SegmentDefinition } from './definition.ts';

export interface OverlapRegion {
  /** The segments a customer of this region is in, in the order they were given. */
  inside: string[];
  definition: SegmentDefinition;
}

function member(segmentId: string, index: number, negate: boolean): Condition {
  return { id: `__overlap_${index}`, kind: 'segment', negate, segment_id: segmentId };
}

/** Regions ordered by how many segments they lie in, then by the order of the ids. */
export function overlapRegions(segmentIds: readonly string[]): OverlapRegion[] {
  const n = segmentIds.length;
  const masks = Array.from({ length: 2 ** n - 1 }, (_, i) => i + 1);
  const size = (mask: number) => segmentIds.filter((_, i) => (mask >> i) & 1).length;
  // Lower bits first within a size: A, B, C, then A∩B, A∩C, B∩C, then all three.
  const order = (mask: number) =>
    segmentIds.reduce((key, _, i) => key + (((mask >> i) & 1) === 1 ? 0 : 2 ** (n - 1 - i)), 0);
  masks.sort((a, b) => size(a) - size(b) || order(a) - order(b));
  return masks.map((mask) => ({
    inside: segmentIds.filter((_, i) => (mask >> i) & 1),
    definition: {
      version: 1,
      root: {
        id: '__overlap',
        kind: 'group',
        negate: false,
        combinator: 'and',
        children: segmentIds.map((id, i) => member(id, i, ((mask >> i) & 1) === 0)),
      },
    },
  }));
}

/** The union of the segments: customers in at least one. */
export function unionDefinition(segmentIds: readonly string[]): SegmentDefinition {
  return {
    version: 1,
    root: {
      id: '__overlap',
      kind: 'group',
      negate: false,
      combinator: 'or',
      children: segmentIds.map((id, i) => member(id, i, false)),
    },
  };
}
