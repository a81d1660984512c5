// Why a customer is (or is not) in a segment: for each node of the definition, whether they meet
// it and on what value (the field's value, the count of matching events or orders, the measure).
// The preview shows it beside the message. The JS evaluator (evaluate.ts) is the meaning; the
// trace reports what it decided, node by node, and the root's `held` is its answer: every `held`
// comes from the evaluator's own predicates, and `observed` is read with the evaluator's own
// pieces (windows, filters, measures), so the value shown is the value that was tested.
// - A group observes nothing (null); an empty group does not hold, its `negate` applied.
// - `observed` is before `negate`: NOT(city = Paris) on a Parisian shows 'Paris' and does not hold.
// - A missing value (no such field, no score, no order for an average) is null; a set measure
//   (channels_used, payment_methods_used) is its sorted values, null when empty as it is missing
//   to the evaluator. JSON has no NaN: the days since an undated order (only odd data has one)
//   is null too.
// - A behaviour counts every matching event or completed order in the window (the evaluator stops
//   once its answer is known; the trace does not).
// - Reachability: consent and consent_known show the latest status on the channel ('granted' /
//   'withdrawn', null without any), valid_email / valid_phone the address or number as stored,
//   usable_first_name the first name as stored, duplicate_email / duplicate_phone the address or
//   number another profile has too, shared_device whether one of theirs is another's too.
// - A membership shows whether the customer is in the referenced segment; it is not traced inside.
import { z } from 'zod';
import { compareText } from '../compare.ts';
import { latestConsents } from '../profile/figures.ts';
import type {
  AggregateCondition,
  BehaviourCondition,
  Condition,
  ReachabilityCondition,
  SegmentDefinition,
  SegmentNode,
} from './definition.ts';
import {
  completedInWindow,
  conditionPredicate,
  eventFilter,
  favouriteCategory,
  nodePredicate,
  orderFilter,
  orderMeasure,
  usedValues,
  windowTest,
} from './evaluate.ts';
import { customerFields, type CustomerFacts, type EvaluationContext } from './facts.ts';

const observed = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]);
export type Observed = z.infer<typeof observed>;

/** One node, in the definition's order (depth-first); a group precedes its children. */
export const traceStep = z.strictObject({
  /** The node's id in the definition. */
  node_id: z.string(),
  depth: z.number().int().nonnegative(),
  kind: z.enum(['group', 'condition']),
  /** Whether this customer meets the node, its `negate` applied. */
  held: z.boolean(),
  /**
   * What the condition was tested on: the field's value, the number of matching events or
   * completed orders, the measure, the latest consent status; null for a group or a missing value.
   */
  observed,
});
export type TraceStep = z.infer<typeof traceStep>;

/** Every node of the definition with whether this customer meets it and on what; the root first. */
export function traceDefinition(
  definition: SegmentDefinition,
  facts: CustomerFacts,
  context: EvaluationContext,
): TraceStep[] {
  const asOfMs = Date.parse(context.asOf);
  const steps: TraceStep[] = [];
  const visit = (node: SegmentNode, depth: number): void => {
    if (node.kind === 'group') {
      const held = nodePredicate(node, context)(facts);
      steps.push({ node_id: node.id, depth, kind: 'group', held, observed: null });
      for (const child of node.children) visit(child, depth + 1);
      return;
    }
    const met = conditionPredicate(node, context)(facts);
    steps.push({
      node_id: node.id,
      depth,
      kind: 'condition',
      held: met !== node.negate,
      observed: node.kind === 'segment' ? met : observedValue(node, facts, context.asOf, asOfMs),
    });
  };
  visit(definition.root, 0);
  return steps;
}

function observedValue(
  condition: Exclude<Condition, { kind: 'segment' }>,
  facts: CustomerFacts,
  asOf: string,
  asOfMs: number,
): Observed {
  switch (condition.kind) {
    case 'attribute':
      return customerFields.get(condition.field)?.read(facts.customer) ?? null;
    case 'behaviour':
      return matchingCount(condition, facts, asOfMs);
    case 'aggregate':
      return measureValue(condition, facts, asOf, asOfMs);
    case 'score':
      return facts.scores.get(condition.score) ?? null;
    case 'reachability':
      return reachValue(condition.check, facts);
  }
}

/** The events of the type, or the completed orders, in the window that pass every filter. */
function matchingCount(
  condition: BehaviourCondition,
  facts: CustomerFacts,
  asOfMs: number,
): number {
  let n = 0;
  if (condition.action.type === 'event') {
    const within = windowTest(condition.window, asOfMs);
    const passes = eventFilter(condition);
    for (const i of facts.eventsByType.get(condition.action.event_type) ?? []) {
      const e = facts.events[i];
      if (e !== undefined && within(facts.eventMs[i] ?? NaN) && passes(e)) n += 1;
    }
    return n;
  }
  const counted = completedInWindow(condition.window, asOfMs);
  const passes = orderFilter(condition, asOfMs);
  for (const o of facts.orders) if (counted(o) && passes(o)) n += 1;
  return n;
}

function measureValue(
  condition: AggregateCondition,
  facts: CustomerFacts,
  asOf: string,
  asOfMs: number,
): Observed {
  const counted = completedInWindow(condition.window, asOfMs);
  switch (condition.measure) {
    case 'channels_used':
    case 'payment_methods_used': {
      const used = usedValues(condition.measure, facts.orders, counted);
      return used.size === 0 ? null : [...used].sort(compareText);
    }
    case 'favourite_category':
      return favouriteCategory(facts.orders, counted);
    default: {
      const value = orderMeasure(condition.measure, facts.orders, counted, asOf);
      return value !== null && Number.isFinite(value) ? value : null;
    }
  }
}

function reachValue(check: ReachabilityCondition['check'], facts: CustomerFacts): Observed {
  switch (check.type) {
    case 'valid_email':
    case 'duplicate_email':
      return facts.customer.email;
    case 'valid_phone':
    case 'duplicate_phone':
      return facts.customer.phone;
    case 'usable_first_name':
      return facts.customer.first_name;
    case 'shared_device':
      return facts.crossProfile.shared_device;
    case 'consent':
    case 'consent_known': {
      const latest = latestConsents(facts.consents).find((k) => k.channel === check.channel);
      return latest === undefined || latest.status === 'unknown' ? null : latest.status;
    }
  }
}
