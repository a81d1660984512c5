// Count plans from their conditions' member sets. Each distinct condition of a plan (its segment,
// its reach per channel, its parts) is selected alone over the segment tables as one bit per
// customer (bitstring_agg), and each definition is then AND / OR / NOT of those sets in memory
// (member-bits.ts). The store keeps the sets (DuckDbStore.conditionBits): a marketer editing a
// segment changes one condition at a time, and the conditions left as they were — and every
// reach condition — are not selected again. At 1,000,000 customers a count whose window changed
// selects one behaviour condition (about 100 ms) instead of every condition of the plan joined
// to every customer (about 200 ms each time).
import { DuckDBBitValue, type DuckDBConnection } from '@duckdb/node-api';
import type {
  Condition,
  SegmentDefinition,
  SegmentNode,
} from '../../src/domain/segment/definition.ts';
import { compileDefinition } from '../../src/domain/segment/sql.ts';
import { selectionKey } from '../../src/domain/segment/validate.ts';
import { overSegmentTables } from './duckdb-segment-layout.ts';
import {
  runSegmentStatement,
  type SegmentCounts,
  type SegmentQueryContext,
} from './duckdb-segments.ts';
import {
  firstMembers,
  memberBitsOf,
  memberCount,
  membersOfNode,
  noMembers,
  type MemberBits,
} from './member-bits.ts';

/** A condition on its own, as a definition: not negated, its id fixed (the SQL does not read it). */
function alone(condition: Condition): SegmentDefinition {
  return {
    version: 1,
    root: {
      id: '__alone',
      kind: 'group',
      negate: false,
      combinator: 'and',
      children: [{ ...condition, id: '__condition', negate: false }],
    },
  };
}

/**
 * What a condition selects, said as a string: the same for the same condition under another id or
 * negated, different when a saved segment it reaches changes (selectionKey), or when the scores
 * it may read are there or not.
 */
export function conditionKey(condition: Condition, ctx: SegmentQueryContext): string {
  return JSON.stringify([
    selectionKey(alone(condition), ctx.segments),
    ctx.scores === undefined ? null : [...ctx.scores].sort(),
  ]);
}

/** The customers a condition selects (as if not negated), one bit per customer_no. */
export async function conditionBits(
  connection: DuckDBConnection,
  ctx: SegmentQueryContext,
  condition: Condition,
): Promise<MemberBits> {
  const customers = ctx.customers ?? 0;
  if (customers === 0) return noMembers(0);
  const compiled = compileDefinition(alone(condition), overSegmentTables(ctx));
  // DuckDB wants a constant range (a parameter is refused): our own row count, never user input.
  const [row] = await runSegmentStatement(connection, {
    sql: `${compiled.with}SELECT bitstring_agg(c.customer_no, 0, ${String(customers - 1)}) AS b
          FROM ${compiled.from} WHERE (${compiled.where})`,
    params: compiled.params,
  });
  const bits = row?.b ?? null;
  return memberBitsOf(bits instanceof DuckDBBitValue ? bits.data : null, customers);
}

function conditionsOf(node: SegmentNode, into: Condition[]): Condition[] {
  if (node.kind === 'group') for (const child of node.children) conditionsOf(child, into);
  else into.push(node);
  return into;
}

/**
 * Every definition counted from its conditions' sets, the total, and the first `sample` members
 * of the first definition (ascending customer_no) — what countPlanned gives. `setOf` gives a
 * condition's set (kept, or selected by conditionBits), once per distinct condition.
 */
export async function countByConditions(
  definitions: readonly SegmentDefinition[],
  ctx: SegmentQueryContext,
  sample: number,
  setOf: (condition: Condition, key: string) => Promise<MemberBits>,
): Promise<SegmentCounts> {
  const customers = ctx.customers ?? 0;
  const keys = new Map<Condition, string>();
  const sets = new Map<string, Promise<MemberBits>>();
  for (const d of definitions)
    for (const condition of conditionsOf(d.root, [])) {
      const key = conditionKey(condition, ctx);
      keys.set(condition, key);
      if (!sets.has(key)) sets.set(key, setOf(condition, key));
    }
  const found = new Map(
    await Promise.all(
      [...sets].map(async ([key, set]): Promise<[string, MemberBits]> => [key, await set]),
    ),
  );
  const setFor = (condition: Condition) =>
    found.get(keys.get(condition) ?? '') ?? noMembers(customers);
  const members = definitions.map((d) => membersOfNode(d.root, customers, setFor));
  const [head] = members;
  const top = Math.max(0, Math.min(Math.floor(sample), 1_000));
  return {
    counts: members.map(memberCount),
    total: customers,
    first: head === undefined || top === 0 ? [] : firstMembers(head, top),
  };
}
