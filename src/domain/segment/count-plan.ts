// What a count request counts besides the segment itself: its members reachable on each channel
// and each top-level part of the definition alone. Every entry is a definition, so every store
// counts them with the one evaluator or compiler it already has.
import type { Condition, SegmentDefinition, SegmentNode } from './definition.ts';

export const REACH_CHANNELS = ['email', 'sms', 'push'] as const;
export type ReachChannel = (typeof REACH_CHANNELS)[number];

/** Reachable = consent granted on the channel and, where one is needed, a valid address. */
export function reachConditions(channel: ReachChannel): Condition[] {
  const consent: Condition = {
    id: `__reach_${channel}`,
    kind: 'reachability',
    negate: false,
    check: { type: 'consent', channel },
  };
  if (channel === 'email') {
    return [
      consent,
      {
        id: '__reach_address',
        kind: 'reachability',
        negate: false,
        check: { type: 'valid_email' },
      },
    ];
  }
  if (channel === 'sms') {
    return [
      consent,
      {
        id: '__reach_address',
        kind: 'reachability',
        negate: false,
        check: { type: 'valid_phone' },
      },
    ];
  }
  return [consent];
}

function allOf(children: SegmentNode[]): SegmentDefinition {
  return {
    version: 1,
    root: { id: '__all', kind: 'group', negate: false, combinator: 'and', children },
  };
}

export interface CountPlan {
  /** The segment, then one per reach channel, then one per top-level child. */
  definitions: SegmentDefinition[];
  reach: readonly ReachChannel[];
  groupIds: string[];
}

export function countPlan(definition: SegmentDefinition): CountPlan {
  const reach = REACH_CHANNELS.map((channel) =>
    allOf([definition.root, ...reachConditions(channel)]),
  );
  const parts = definition.root.children.map((child) => allOf([child]));
  return {
    definitions: [definition, ...reach, ...parts],
    reach: REACH_CHANNELS,
    groupIds: definition.root.children.map((child) => child.id),
  };
}

export interface PlanCounts {
  segment: number;
  reachable: Record<ReachChannel, number>;
  /** Each top-level part alone, in the definition's order. */
  groups: { node_id: string; count: number }[];
}

/** The counts of a plan's definitions (in its order) by what each one counts. */
export function planCounts(plan: CountPlan, counts: readonly number[]): PlanCounts {
  if (counts.length !== plan.definitions.length) {
    throw new Error(`A count plan of ${plan.definitions.length} got ${counts.length} counts.`);
  }
  const at = (i: number) => counts[i] ?? 0;
  const reachStart = 1;
  const partsStart = reachStart + plan.reach.length;
  const reachable: Record<ReachChannel, number> = { email: 0, sms: 0, push: 0 };
  plan.reach.forEach((channel, i) => {
    reachable[channel] = at(reachStart + i);
  });
  return {
    segment: at(0),
    reachable,
    groups: plan.groupIds.map((node_id, i) => ({ node_id, count: at(partsStart + i) })),
  };
}
