// Count plans (src/domain/segment/count-plan.ts: the segment, its reach per channel, its parts)
// over the segment tables, each counted by one statement from one walk of its definitions. Two
// shapes: members first (planQuery: the segment as a WHERE clause DuckDB filters in the scan, reach
// as filters among its members, a lone "has one / has none" part off its bitmap) when the layout
// joined nothing; else one inner column per distinct condition (countsQuery), since each count
// outside the members would join again. customer_no ranks customers by id, so the first members
// are an integer minimum.
import type { SegmentDefinition, SegmentNode } from '../../src/domain/segment/definition.ts';
import { FALSE, TRUE, all } from '../../src/domain/segment/sql-comparison.ts';
import { presence } from '../../src/domain/segment/sql-layout.ts';
import type { SqlTree } from '../../src/domain/segment/sql-tree.ts';
import {
  columnsOf,
  withUsedParams,
  type CompiledColumns,
  type SqlParam,
  type SqlStatement,
} from '../../src/domain/segment/sql.ts';
import {
  segmentTablesTree,
  type SegmentTablesContext,
  type SegmentTablesLayout,
} from './duckdb-segment-layout.ts';

/** How a count plan's definition is counted (see compilePlan). */
export type PlanCount =
  /** Among the first definition's members, those also passing `also` (null: all of them). */
  | { among: 'members'; also: string | null }
  /** Among every customer, those passing `where` (a WHERE clause). */
  | { among: 'all'; where: string }
  /** Customers with a bit set in the bitmap `bits` (or, `negate`, without). */
  | { among: 'bits'; bits: string; negate: boolean };

/** A count plan compiled members first: the first definition's members, then the rest. */
export interface CompiledPlan {
  /** As CompiledDefinition's (src/domain/segment/sql.ts). */
  with: string;
  from: string;
  /** The first definition's members, as a WHERE clause over `from`. */
  members: string;
  counts: PlanCount[];
  params: SqlParam[];
}

/** A count plan as its statement reads it: members first, or one column per condition. */
export type CompiledCountPlan =
  { shape: 'members'; plan: CompiledPlan } | { shape: 'columns'; columns: CompiledColumns };

/** The plan in the shape its statement takes, from one walk of its definitions. */
export function compileCountPlan(
  definitions: readonly SegmentDefinition[],
  ctx: SegmentTablesContext,
): CompiledCountPlan {
  const { tree, layout } = segmentTablesTree(ctx);
  const plan = membersFirst(tree, layout, definitions);
  if (!layout.joined()) return { shape: 'members', plan };
  // The walk's conditions are reused: only the columns around them are new.
  return { shape: 'columns', columns: columnsOf(tree, definitions) };
}

/** One statement for a compiled count plan (see planQuery and countsQuery). */
export function countPlanQuery(
  compiled: CompiledCountPlan,
  sample: number,
): SqlStatement & { countColumns: string[] } {
  return compiled.shape === 'members'
    ? planQuery(compiled.plan, sample)
    : countsQuery(compiled.columns, sample);
}

/**
 * Members first: the first definition as a WHERE clause (so DuckDB filters in the scan), each
 * definition that is the first AND more (reach) as a filter among its members, and any other (a
 * part of a segment with several) as its own count. For plans whose `from` joins nothing: a part
 * with joins would join again.
 */
export function compilePlan(
  definitions: readonly SegmentDefinition[],
  ctx: SegmentTablesContext,
): CompiledPlan {
  const { tree, layout } = segmentTablesTree(ctx);
  return membersFirst(tree, layout, definitions);
}

function membersFirst(
  tree: SqlTree,
  layout: SegmentTablesLayout,
  definitions: readonly SegmentDefinition[],
): CompiledPlan {
  const [first] = definitions;
  const root = first?.root;
  const members = root === undefined ? FALSE : tree.where(root, 0);
  // A lone part of a one-part segment is the segment (the plan's part for a single condition).
  const only =
    root?.kind === 'group' &&
    !root.negate &&
    root.combinator === 'and' &&
    root.children.length === 1
      ? root.children[0]
      : undefined;
  const counts = definitions.map((d): PlanCount => {
    const r = d.root;
    if (r === root) return { among: 'members', also: null };
    if (r.kind === 'group' && !r.negate && r.combinator === 'and' && r.children.length > 0) {
      const [head, ...rest] = r.children;
      if (head === root) {
        return { among: 'members', also: all(rest.map((child) => tree.node(child, 0))) };
      }
      if (only !== undefined && head === only && rest.length === 0) {
        return { among: 'members', also: null };
      }
    }
    // A part that is one "has one / has none" behaviour (under NOTs and one-child groups) is
    // counted off its bitmap: bit_count, no scan of the customers.
    const bits = bitmapCount(tree, layout, r);
    if (bits !== null) return { among: 'bits', ...bits };
    return { among: 'all', where: tree.where(r, 0) };
  });
  const texts = counts.map((c) =>
    c.among === 'all' ? c.where : c.among === 'bits' ? c.bits : (c.also ?? TRUE),
  );
  const [from = '', used] = withUsedParams(
    [tree.from(), tree.with(), members, ...texts],
    tree.sql.params,
    tree.sql.dialect,
  );
  const [usedWith = '', membersUsed = FALSE, ...countTexts] = used.texts;
  return {
    with: usedWith,
    from,
    members: membersUsed,
    counts: counts.map((c, i): PlanCount => {
      const text = countTexts[i] ?? TRUE;
      if (c.among === 'all') return { among: 'all', where: text };
      if (c.among === 'bits') return { among: 'bits', bits: text, negate: c.negate };
      return { among: 'members', also: c.also === null ? null : text };
    }),
    params: used.params,
  };
}

/**
 * When `node` holds exactly one "has one / has none" behaviour under NOTs and one-child groups,
 * and the layout answered it with a bitmap: that bitmap, and whether the node selects the
 * customers without a bit. Else null.
 */
function bitmapCount(
  tree: SqlTree,
  layout: SegmentTablesLayout,
  node: SegmentNode,
): { bits: string; negate: boolean } | null {
  let inner: { bits: string; negate: boolean } | null = null;
  if (node.kind === 'group') {
    const [only] = node.children;
    if (node.children.length === 1 && only !== undefined) inner = bitmapCount(tree, layout, only);
  } else if (node.kind === 'behaviour') {
    tree.node(node, 0);
    const bits = layout.bitmapOf(node);
    if (bits === undefined) return null;
    const some = presence(node.count) === 'some';
    return { bits, negate: !some !== node.negate };
  }
  return inner === null ? null : { bits: inner.bits, negate: inner.negate !== node.negate };
}

/**
 * One statement for a plan compiled members first: `total`, each count named by `countColumns`,
 * and (`sample` > 0) `first`, the first members' customer_no, as countsQuery answers them.
 */
export function planQuery(
  compiled: CompiledPlan,
  sample: number,
): SqlStatement & { countColumns: string[] } {
  const params = [...compiled.params];
  const inner = ['count(*)::INTEGER AS m0'];
  const outer: string[] = [];
  const named = new Map<string, string>();
  const countColumns = compiled.counts.map((c) => {
    const key =
      c.among === 'all'
        ? `all:${c.where}`
        : c.among === 'bits'
          ? `bits:${c.negate}:${c.bits}`
          : `members:${c.also ?? ''}`;
    let name = named.get(key);
    if (name !== undefined) return name;
    if (c.among === 'bits') {
      name = `a${outer.length}`;
      const set = `coalesce(bit_count(${c.bits}), 0)`;
      const n = c.negate ? `(SELECT count(*) FROM segment_customers) - ${set}` : set;
      outer.push(`(${n})::INTEGER AS ${name}`);
    } else if (c.among === 'members' && c.also === null) name = 'm0';
    else if (c.among === 'members') {
      name = `m${inner.length}`;
      inner.push(`(count(*) FILTER (WHERE ${c.also}))::INTEGER AS ${name}`);
    } else {
      name = `a${outer.length}`;
      outer.push(`(SELECT count(*)::INTEGER FROM ${compiled.from} WHERE ${c.where}) AS ${name}`);
    }
    named.set(key, name);
    return name;
  });
  const top = Math.max(0, Math.min(Math.floor(sample), 1_000));
  if (top > 0) {
    params.push({ type: 'BIGINT', value: top });
    inner.push(`min(c.customer_no, $${params.length}::BIGINT) AS first`);
  }
  return {
    sql:
      `${compiled.with}SELECT (SELECT count(*)::INTEGER FROM segment_customers) AS total` +
      `${outer.map((o) => `, ${o}`).join('')}, m.* ` +
      `FROM (SELECT ${inner.join(', ')} FROM ${compiled.from} WHERE ${compiled.members}) m`,
    params,
    countColumns,
  };
}

/**
 * One row with `total` (every customer), each column's count (named by `countColumns`, one per
 * column; equal columns share one) and, when `sample` > 0, `first`: the customer_no of the first
 * `sample` customers the first column selects. Each condition is evaluated once per customer in
 * the inner select; the counts filter on its boolean columns.
 */
export function countsQuery(
  compiled: CompiledColumns,
  sample: number,
): SqlStatement & { countColumns: string[] } {
  const params = [...compiled.params];
  // A plan's part often is the whole segment (one top-level condition): counted once.
  const named = new Map<string, string>();
  const counts: string[] = [];
  const countColumns = compiled.columns.map((where) => {
    let name = named.get(where);
    if (name === undefined) {
      name = `n${named.size}`;
      named.set(where, name);
      counts.push(`(count(*) FILTER (WHERE ${where}))::INTEGER AS ${name}`);
    }
    return name;
  });
  const top = Math.max(0, Math.min(Math.floor(sample), 1_000));
  const [first] = compiled.columns;
  if (top > 0 && first !== undefined) {
    params.push({ type: 'BIGINT', value: top });
    counts.push(`min(customer_no, $${params.length}::BIGINT) FILTER (WHERE ${first}) AS first`);
  }
  const inner = compiled.conditions.map((where, i) => `, ${where} AS k${i}`).join('');
  return {
    sql:
      `${compiled.with}SELECT count(*)::INTEGER AS total${counts.map((c) => `, ${c}`).join('')} ` +
      `FROM (SELECT c.customer_no${inner} FROM ${compiled.from})`,
    params,
    countColumns,
  };
}
