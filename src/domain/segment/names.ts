// Segment names as a team finds segments by them: two segments should not share a name (the
// same letters, case and accents aside), and a name has a stated length.
import { foldText } from '../profile/search.ts';

/** The longest name a segment may have (the API refuses longer). */
export const MAX_SEGMENT_NAME = 120;

export interface NamedSegment {
  segment_id: string;
  name: string;
}

const key = (name: string) => foldText(name.trim()).replace(/\s+/g, ' ');

/** Another segment already named `name` (case, accents and spacing aside), or null. */
export function namesake(
  name: string,
  others: readonly NamedSegment[],
  selfId: string | null,
): NamedSegment | null {
  const wanted = key(name);
  if (wanted === '') return null;
  return others.find((o) => o.segment_id !== selfId && key(o.name) === wanted) ?? null;
}

/** `name (2)`, or the first `(n)` no other segment holds; within the length limit. */
export function freeName(
  name: string,
  others: readonly NamedSegment[],
  selfId: string | null,
): string {
  const base = name.trim().replace(/\s*\(\d+\)$/, '');
  for (let n = 2; ; n += 1) {
    const suffix = ` (${n})`;
    const candidate = `${base.slice(0, MAX_SEGMENT_NAME - suffix.length).trimEnd()}${suffix}`;
    if (namesake(candidate, others, selfId) === null) return candidate;
  }
}
