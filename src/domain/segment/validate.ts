// Checks a definition against the field catalogue and the saved segments, with one message per
// problem that a marketer can act on. A definition with any issue is never evaluated.
import { compareText } from '../compare.ts';
import {
  MAX_DEPTH,
  MAX_EXPANDED_NODES,
  MAX_NODES,
  type BehaviourCondition,
  type Condition,
  type SegmentDefinition,
  type SegmentNode,
  type TimeWindow,
} from './definition.ts';
import {
  aggregateField,
  attributeField,
  behaviourFilterField,
  catalogueField,
  eventTypeOf,
  scoreField,
  type FieldCatalogue,
} from './catalogue-view.ts';
import {
  checkTest,
  daysIssues,
  isCalendarDate,
  type Path,
  type PathIssue,
} from './validate-comparison.ts';

export { issueCodes, type IssueCode, type PathIssue } from './validate-comparison.ts';
export type { IssueParams } from '../zod-issue.ts';
export { isCalendarDate } from './validate-comparison.ts';

export interface ValidationIssue extends PathIssue {
  /** The condition or group the issue is about; null for the definition as a whole. */
  nodeId: string | null;
}
export interface ValidationResult {
  valid: boolean;
  issues: ValidationIssue[];
}
export interface ValidationContext {
  catalogue: FieldCatalogue;
  /** Every saved segment id, with its definition when known (to find cycles). */
  segments: ReadonlyMap<string, SegmentDefinition | null>;
  /** The id of the segment being edited, when it is saved already. */
  selfId?: string;
}

export function validateDefinition(
  definition: SegmentDefinition,
  context: ValidationContext,
): ValidationResult {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  let nodes = 0;
  const cycles = new Map<string, string[] | null>();
  // Iterative, so that a hostile depth never overflows the stack; children are pushed in reverse to
  // report issues in reading order.
  const stack: { node: SegmentNode; path: Path; depth: number }[] = [
    { node: definition.root, path: ['root'], depth: 1 },
  ];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { node, path, depth } = next;
    nodes += 1;
    const at = (issue: PathIssue) => issues.push({ nodeId: node.id, ...issue });
    if (seen.has(node.id)) {
      at({
        path: [...path, 'id'],
        code: 'duplicate_id',
        message: `Another condition already has the id '${node.id}'.`,
        params: { id: node.id },
      });
    }
    seen.add(node.id);
    if (node.kind !== 'group') {
      conditionIssues(node, path, context, cycles).forEach(at);
      continue;
    }
    if (depth > MAX_DEPTH) {
      const message = `Groups nest at most ${MAX_DEPTH} deep.`;
      at({ path, code: 'too_deep', message, params: { max: MAX_DEPTH } });
      continue;
    }
    if (node.children.length === 0) {
      at({
        path: [...path, 'children'],
        code: 'empty_group',
        message: 'This group has no condition.',
        params: {},
      });
    }
    for (let i = node.children.length - 1; i >= 0; i -= 1) {
      const child = node.children[i];
      if (child) stack.push({ node: child, path: [...path, 'children', i], depth: depth + 1 });
    }
  }
  if (nodes > MAX_NODES) {
    issues.push({
      nodeId: null,
      path: [],
      code: 'too_many_nodes',
      message: `A segment holds at most ${MAX_NODES} conditions and groups (this one has ${nodes}).`,
      params: { max: MAX_NODES, count: nodes },
    });
  }
  // Only a definition whose references end (no loop, none unknown) has an expanded size.
  if (issues.length === 0) {
    const expansion = expandedSize(definition, context.segments);
    if (expansion.size > MAX_EXPANDED_NODES) {
      const chain = expansion.chain.join(' → ');
      issues.push({
        nodeId: expansion.nodeId,
        path: expansion.path,
        code: 'too_large_expanded',
        message:
          `With the segments it names written out, this segment holds ${expansion.size} ` +
          `conditions and groups (at most ${MAX_EXPANDED_NODES}); the heaviest chain: ${chain}.`,
        params: { max: MAX_EXPANDED_NODES, count: expansion.size, chain: expansion.chain },
      });
    }
  }
  return { valid: issues.length === 0, issues };
}

/** Conditions and groups of `definition` alone, and each segment it names, with repeats. */
function ownShape(definition: SegmentDefinition): {
  nodes: number;
  refs: { segmentId: string; nodeId: string; path: Path }[];
} {
  let nodes = 0;
  const refs: { segmentId: string; nodeId: string; path: Path }[] = [];
  const stack: { node: SegmentNode; path: Path }[] = [{ node: definition.root, path: ['root'] }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { node, path } = next;
    if (node.kind === 'segment') {
      refs.push({ segmentId: node.segment_id, nodeId: node.id, path: [...path, 'segment_id'] });
      continue;
    }
    nodes += 1;
    if (node.kind === 'group')
      for (let i = node.children.length - 1; i >= 0; i -= 1) {
        const child = node.children[i];
        if (child) stack.push({ node: child, path: [...path, 'children', i] });
      }
  }
  return { nodes, refs };
}

/**
 * The size of `definition` with each membership condition replaced by the definition it names,
 * recursively; each saved segment's size is worked out once (memoised), so this costs the sum of
 * the definitions' sizes, not the expansion's. Also the heaviest chain of references, and the
 * condition of `definition` it starts at. References must end (no loop: checked before).
 */
export function expandedSize(
  definition: SegmentDefinition,
  segments: ReadonlyMap<string, SegmentDefinition | null>,
): { size: number; chain: string[]; nodeId: string | null; path: Path } {
  const sizes = new Map<string, { size: number; heaviest: string | null }>();
  interface Frame {
    id: string;
    refs: string[];
    next: number;
    size: number;
    most: number;
    heaviest: string | null;
  }
  const frameOf = (id: string): Frame | null => {
    const def = segments.get(id);
    if (!def) return null;
    const shape = ownShape(def);
    const refs = shape.refs.map((r) => r.segmentId);
    return { id, refs, next: 0, size: shape.nodes, most: -1, heaviest: null };
  };
  const add = (frame: Frame, ref: string, size: number) => {
    frame.size += size;
    if (size > frame.most) [frame.most, frame.heaviest] = [size, ref];
  };
  // Depth first without recursion (a chain of thousands of segments is fine); an unknown segment,
  // or one already being expanded (a loop, reported apart), counts as one condition.
  const sizeOf = (start: string): number => {
    const known = sizes.get(start);
    if (known) return known.size;
    const first = frameOf(start);
    if (first === null) return 1;
    const stack: Frame[] = [first];
    const active = new Set([start]);
    let result = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top === undefined) break;
      const ref = top.refs[top.next];
      if (ref !== undefined) {
        const done = sizes.get(ref);
        const frame = done || active.has(ref) ? null : frameOf(ref);
        if (frame === null) {
          add(top, ref, done?.size ?? 1);
          top.next += 1;
        } else {
          active.add(ref);
          stack.push(frame);
        }
        continue;
      }
      stack.pop();
      active.delete(top.id);
      sizes.set(top.id, { size: top.size, heaviest: top.heaviest });
      const parent = stack[stack.length - 1];
      if (parent === undefined) result = top.size;
      else {
        add(parent, top.id, top.size);
        parent.next += 1;
      }
    }
    return result;
  };
  const shape = ownShape(definition);
  let size = shape.nodes;
  let start: (typeof shape.refs)[number] | null = null;
  let most = -1;
  for (const ref of shape.refs) {
    const s = sizeOf(ref.segmentId);
    size += s;
    if (s > most) [most, start] = [s, ref];
  }
  const chain: string[] = [];
  for (let id = start?.segmentId ?? null; id !== null && !chain.includes(id);) {
    chain.push(id);
    id = sizes.get(id)?.heaviest ?? null;
  }
  return { size, chain, nodeId: start?.nodeId ?? null, path: start?.path ?? [] };
}

function conditionIssues(
  node: Condition,
  path: Path,
  context: ValidationContext,
  cycles: Map<string, string[] | null>,
): PathIssue[] {
  const { catalogue } = context;
  switch (node.kind) {
    case 'attribute': {
      const field = attributeField(catalogue, node.field);
      if (field) return checkTest(field, node.test, [...path, 'test']);
      const other = catalogueField(catalogue, node.field);
      // A field of another kind (an aggregate, a score) is known: its label says which it is.
      const [message, params] = other
        ? [
            `'${other.label}' is not a customer attribute: pick it in its own kind of condition.`,
            { field: node.field, label: other.label },
          ]
        : [`Unknown field '${node.field}': pick a field from the list.`, { field: node.field }];
      return [{ path: [...path, 'field'], code: 'unknown_field', message, params }];
    }
    case 'score': {
      const field = scoreField(catalogue, node.score);
      if (field) return checkTest(field, node.test, [...path, 'test']);
      const message = `Unknown score '${node.score}': pick a score from the list.`;
      const params = { score: node.score };
      return [{ path: [...path, 'score'], code: 'unknown_score', message, params }];
    }
    case 'aggregate':
      return [
        ...windowIssues(node.window, [...path, 'window']),
        ...checkTest(aggregateField(catalogue, node.measure), node.test, [...path, 'test']),
      ];
    case 'behaviour':
      return [
        ...behaviourIssues(node, path, catalogue),
        ...windowIssues(node.window, [...path, 'window']),
      ];
    case 'reachability':
      return [];
    case 'segment': {
      if (!context.segments.has(node.segment_id) && node.segment_id !== context.selfId) {
        const message = `Unknown segment '${node.segment_id}': it may have been deleted.`;
        const params = { segment_id: node.segment_id };
        return [{ path: [...path, 'segment_id'], code: 'unknown_segment', message, params }];
      }
      let chain = cycles.get(node.segment_id);
      if (chain === undefined) {
        chain = findCycle(node.segment_id, context);
        cycles.set(node.segment_id, chain);
      }
      if (chain === null) return [];
      const self = chain[0] === context.selfId;
      const message = self
        ? `This segment would include itself: ${chain.join(' → ')}.`
        : `Segment '${node.segment_id}' leads to a loop: ${chain.join(' → ')}.`;
      const params = { segment_id: node.segment_id, chain, loop: self ? 'self' : 'others' };
      return [{ path: [...path, 'segment_id'], code: 'segment_cycle', message, params }];
    }
  }
}

function behaviourIssues(
  node: BehaviourCondition,
  path: Path,
  catalogue: FieldCatalogue,
): PathIssue[] {
  const { action } = node;
  let eventLabel = 'An order';
  // What the filter is on: an order, or an event by its type and label.
  let on: { on: 'order' } | { on: 'event'; event_type: string; event_label: string } = {
    on: 'order',
  };
  if (action.type === 'event') {
    const event = eventTypeOf(catalogue, action.event_type);
    if (!event) {
      const message = `Unknown event type '${action.event_type}': pick an event from the list.`;
      const params = { event_type: action.event_type };
      const at: Path = [...path, 'action', 'event_type'];
      return [{ path: at, code: 'unknown_event_type', message, params }];
    }
    eventLabel = `'${event.label}'`;
    on = { on: 'event', event_type: action.event_type, event_label: event.label };
  }
  return node.filters.flatMap((filter, i) => {
    const field = behaviourFilterField(catalogue, action, filter.field);
    const at: Path = [...path, 'filters', i];
    if (field) return checkTest(field, filter.test, [...at, 'test']);
    const message = `${eventLabel} cannot be filtered on '${filter.field}': pick a filter from the list.`;
    const params = { ...on, field: filter.field };
    return [{ path: [...at, 'field'], code: 'unknown_filter', message, params }];
  });
}

function windowIssues(window: TimeWindow, path: Path): PathIssue[] {
  const badDate = (key: string): PathIssue => ({
    path: [...path, key],
    code: 'invalid_date',
    message: 'Pick a calendar date.',
    params: { of: 'window' },
  });
  switch (window.type) {
    case 'ever':
      return [];
    case 'last_days':
      return daysIssues(window.days, [...path, 'days']);
    case 'before':
    case 'after':
      return isCalendarDate(window.date) ? [] : [badDate('date')];
    case 'between': {
      const bad = [
        ...(isCalendarDate(window.from) ? [] : [badDate('from')]),
        ...(isCalendarDate(window.to) ? [] : [badDate('to')]),
      ];
      if (bad.length > 0 || window.from <= window.to) return bad;
      const message = 'The period starts after it ends: swap the two dates.';
      return [{ path, code: 'min_above_max', message, params: { of: 'period' } }];
    }
  }
}

/** The segments a definition refers to, in reading order. */
export function referencedSegments(definition: SegmentDefinition): string[] {
  const ids: string[] = [];
  const stack: SegmentNode[] = [definition.root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.kind === 'segment') ids.push(node.segment_id);
    if (node.kind === 'group')
      for (let i = node.children.length - 1; i >= 0; i -= 1) {
        const child = node.children[i];
        if (child) stack.push(child);
      }
  }
  return ids;
}

/**
 * What a definition selects, said as a string: the definition and, in id order, every saved
 * segment it refers to (and those they refer to) with its definition, or null for one gone. Two
 * equal keys select the same customers over the same data, whatever else is saved; saving a
 * segment changes the key of the definitions that reach it, and of no other.
 */
export function selectionKey(
  definition: SegmentDefinition,
  segments: ReadonlyMap<string, SegmentDefinition | null>,
): string {
  const reached = new Map<string, SegmentDefinition | null>();
  const pending = [...referencedSegments(definition)];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (reached.has(id)) continue;
    const found = segments.get(id) ?? null;
    reached.set(id, found);
    if (found !== null) pending.push(...referencedSegments(found));
  }
  const named = [...reached].sort(([a], [b]) => compareText(a, b));
  return JSON.stringify([definition, named]);
}

/**
 * Follows references from `start` (which the edited segment refers to): the chain of ids that leads
 * back to the edited segment or round a loop among the others, or null when references end.
 */
function findCycle(start: string, context: ValidationContext): string[] | null {
  const self = context.selfId;
  if (start === self) return [start, start];
  const refsOf = (id: string): string[] => {
    const def = context.segments.get(id);
    return def ? [...new Set(referencedSegments(def))] : [];
  };
  const done = new Set<string>();
  const path: string[] = [start];
  const frames: { refs: string[]; next: number }[] = [{ refs: refsOf(start), next: 0 }];
  while (frames.length > 0) {
    const frame = frames[frames.length - 1];
    const id = path[path.length - 1];
    if (frame === undefined || id === undefined) break;
    const ref = frame.refs[frame.next];
    frame.next += 1;
    if (ref === undefined) {
      done.add(id);
      frames.pop();
      path.pop();
      continue;
    }
    if (ref === self) return [ref, ...path, ref];
    const onPath = path.indexOf(ref);
    if (onPath >= 0) return [...path.slice(onPath), ref];
    if (done.has(ref)) continue;
    path.push(ref);
    frames.push({ refs: refsOf(ref), next: 0 });
  }
  return null;
}
