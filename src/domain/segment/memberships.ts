// Which saved segment a membership condition reads, so that every engine works each one out once
// per query, however many times and at whatever depths a definition names it (a segment naming
// another ten times, which names a third ten times, is three member sets, not a hundred copies).
//
// A membership's referenced definition is evaluated one level deeper, and nothing is followed past
// MAX_MEMBERSHIP_DEPTH (a deeper membership matches no one). So a saved segment means the same at
// every depth where the chain of segments it names ends before the limit, and there it is keyed by
// its id alone; only a chain that reaches the limit (a loop, or a chain longer than the limit) is
// cut at a depth-dependent place, and there the key holds the depth too.
import type { SegmentDefinition } from './definition.ts';
import { MAX_MEMBERSHIP_DEPTH } from './facts.ts';
import { referencedSegments } from './validate.ts';

/** Longer than any chain the limit lets through: a loop's height. */
const BEYOND = MAX_MEMBERSHIP_DEPTH + 1;

export class MembershipKeys {
  /** Each known segment's height (the longest chain of known segments below it), capped. */
  private readonly heights = new Map<string, number>();

  constructor(private readonly segments: ReadonlyMap<string, SegmentDefinition>) {}

  /**
   * The member set `segmentId`'s definition evaluated at `depth` stands for: its id when its
   * chain ends before the limit from there, else the id at this depth; null when it matches no
   * one (unknown, or past the limit).
   */
  key(segmentId: string, depth: number): string | null {
    if (!this.segments.has(segmentId) || depth > MAX_MEMBERSHIP_DEPTH) return null;
    return depth + this.height(segmentId) <= MAX_MEMBERSHIP_DEPTH
      ? segmentId
      : `${segmentId}@${String(depth)}`;
  }

  /**
   * How many levels of known segments lie below `start` (0: it names none), BEYOND for a loop or
   * a chain past the limit. Depth first without recursion: a chain of thousands is fine.
   */
  height(start: string): number {
    const known = this.heights.get(start);
    if (known !== undefined) return known;
    interface Frame {
      id: string;
      refs: string[];
      next: number;
      height: number;
    }
    const frameOf = (id: string): Frame => {
      const definition = this.segments.get(id);
      const refs = definition ? [...new Set(referencedSegments(definition))] : [];
      return { id, refs, next: 0, height: 0 };
    };
    const stack: Frame[] = [frameOf(start)];
    const open = new Set([start]);
    const lift = (frame: Frame, below: number) => {
      frame.height = Math.max(frame.height, Math.min(BEYOND, below + 1));
    };
    for (let top = stack.at(-1); top !== undefined; top = stack.at(-1)) {
      const ref = top.refs[top.next];
      if (ref !== undefined) {
        top.next += 1;
        if (!this.segments.has(ref)) continue; // matches no one at any depth
        // A segment still open below us is a loop: every segment on it is unbounded.
        if (open.has(ref)) lift(top, BEYOND);
        else {
          const done = this.heights.get(ref);
          if (done !== undefined) lift(top, done);
          else {
            open.add(ref);
            stack.push(frameOf(ref));
          }
        }
        continue;
      }
      stack.pop();
      open.delete(top.id);
      this.heights.set(top.id, top.height);
      const parent = stack.at(-1);
      if (parent) lift(parent, top.height);
    }
    return this.heights.get(start) ?? BEYOND;
  }
}
