// Untrusted JSON (a request, a link, a stored row) read as a segment definition: absurd nesting
// refused before any recursion, then the schema (definition.ts), each issue with zod's code and
// figures so that it can be worded in any language.
import { safeParseCoded, type CodedIssue } from '../zod-issue.ts';
import { MAX_DEPTH, segmentDefinition, type SegmentDefinition } from './definition.ts';

/** How deep a JSON value nests, walking iteratively (safe on hostile input). */
export function jsonDepth(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const next = stack.pop();
    if (next === undefined) break;
    const [v, depth] = next;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > max) max = depth;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return max;
}

/** JSON nesting a definition of MAX_DEPTH groups needs at most (group → children → node → test → values). */
const MAX_JSON_DEPTH = MAX_DEPTH * 2 + 8;

export type ParseResult =
  { ok: true; definition: SegmentDefinition } | { ok: false; issues: CodedIssue[] };

/** Parses untrusted JSON into a definition; the nesting guard's issue is `too_deep`. */
export function parseDefinition(input: unknown): ParseResult {
  if (jsonDepth(input) > MAX_JSON_DEPTH) {
    return {
      ok: false,
      issues: [
        {
          path: ['root'],
          code: 'too_deep',
          message: `Groups nest at most ${MAX_DEPTH} deep.`,
          params: { max: MAX_DEPTH },
        },
      ],
    };
  }
  const parsed = safeParseCoded(segmentDefinition, input);
  return parsed.ok ? { ok: true, definition: parsed.data } : parsed;
}
