// The SQL compiler's statements: a definition compiled by the tree walk (sql-tree.ts, which says
// how a definition becomes SQL and keeps its meaning) becomes a predicate over its rows, several
// definitions become columns over shared conditions, and those become the count and members
// queries the stores run, every value a bound parameter.
import type { SegmentDefinition } from './definition.ts';
import { FALSE } from './sql-comparison.ts';
import type { SqlDialect } from './sql-dialect.ts';
import type { SqlParam } from './sql-layout.ts';
import { sqlTree, type SqlContext, type SqlTree } from './sql-tree.ts';

export type { SqlType } from './sql-comparison.ts';
export { CLICKHOUSE, DUCKDB, POSTGRES, type SqlDialect } from './sql-dialect.ts';
export { propertyPointer } from './sql-comparison.ts';
export { UnknownFieldError, type SqlParam } from './sql-layout.ts';
export type { SqlContext } from './sql-tree.ts';

export interface CompiledDefinition {
  /**
   * '' or the WITH clause (trailing space included) of the saved segments' member sets that the
   * predicate reads: a statement using `from` and `where` starts with it.
   */
  with: string;
  /** The rows the predicate reads: `customers c`, or what the context's layout reads. */
  from: string;
  /** A boolean predicate over `from`, never NULL. */
  where: string;
  /** $1, $2 … in order. */
  params: SqlParam[];
  /** The engine the SQL is written for. */
  dialect: SqlDialect;
}

/** Several definitions over the same rows, sharing conditions, joins and parameters. */
export interface CompiledColumns {
  /** As CompiledDefinition's. */
  with: string;
  from: string;
  /** Each distinct condition once: the inner select's boolean column `k<i>` (never NULL). */
  conditions: string[];
  /** One predicate per definition over the `k<i>` columns (never NULL). */
  columns: string[];
  params: SqlParam[];
  dialect: SqlDialect;
}

export interface SqlStatement {
  sql: string;
  params: SqlParam[];
}

export function compileDefinition(
  definition: SegmentDefinition,
  context: SqlContext,
): CompiledDefinition {
  const tree = sqlTree(context);
  const where = tree.node(definition.root, 0);
  const dialect = tree.sql.dialect;
  const [from = '', used] = withUsedParams(
    [tree.from(), where, tree.with()],
    tree.sql.params,
    dialect,
  );
  const [usedWhere = FALSE, usedWith = ''] = used.texts;
  return { with: usedWith, from, where: usedWhere, params: used.params, dialect };
}

/**
 * Several definitions over the same rows (a count plan): each distinct condition becomes one
 * column of an inner select, evaluated once per customer, and each definition a predicate over
 * those columns. A node object several definitions name (the plan repeats the segment's root in
 * each reach definition) is compiled once, and its subqueries joined once.
 */
export function compileColumns(
  definitions: readonly SegmentDefinition[],
  context: SqlContext,
): CompiledColumns {
  return columnsOf(sqlTree(context), definitions);
}

/**
 * compileColumns on a walk that may have compiled the same definitions inline already: what it
 * compiled is reused, aliases and parameters included.
 */
export function columnsOf(
  tree: SqlTree,
  definitions: readonly SegmentDefinition[],
): CompiledColumns {
  const columns = definitions.map((d) => tree.column(d.root, 0));
  const conditions = tree.conditionColumns;
  const dialect = tree.sql.dialect;
  const [from = '', used] = withUsedParams(
    [tree.from(), tree.with(), ...conditions, ...columns],
    tree.sql.params,
    dialect,
  );
  const [usedWith = '', ...texts] = used.texts;
  return {
    with: usedWith,
    from,
    conditions: texts.slice(0, conditions.length),
    columns: texts.slice(conditions.length),
    params: used.params,
    dialect,
  };
}

/**
 * Drops the parameters a constant branch left unreferenced (a value test that is FALSE whatever
 * the value drops the subquery that held the window's bounds) and renumbers the rest: DuckDB
 * refuses values for parameters a statement does not have. Safe to do on the text because values
 * never appear in it, and no literal of ours contains `$<digits>::`. Answers the first text apart.
 */
export function withUsedParams(
  texts: readonly string[],
  params: readonly SqlParam[],
  dialect: SqlDialect,
): [string | undefined, { texts: string[]; params: SqlParam[] }] {
  const used = new Map<number, number>();
  const kept: SqlParam[] = [];
  for (const text of texts) {
    for (const n of dialect.placeholders(text)) {
      const param = params[n - 1];
      if (param === undefined || used.has(n)) continue;
      kept.push(param);
      used.set(n, kept.length);
    }
  }
  const renumbered = texts.map((text) => dialect.renumber(text, (n) => used.get(n) ?? n));
  return [renumbered[0], { texts: renumbered.slice(1), params: kept }];
}

export function countQuery(compiled: CompiledDefinition): SqlStatement {
  return {
    sql: `${compiled.with}SELECT ${compiled.dialect.integer('count(*)')} AS n FROM ${compiled.from} WHERE (${compiled.where})`,
    params: [...compiled.params],
  };
}

/** At most `limit` member ids after `afterId` (exclusive), in id order. */
export function membersQuery(
  compiled: CompiledDefinition,
  limit: number,
  afterId?: string,
): SqlStatement {
  const params = [...compiled.params];
  const add = (p: SqlParam): string => {
    params.push(p);
    return compiled.dialect.placeholder(params.length, p.type);
  };
  const after =
    afterId === undefined ? '' : ` AND c.customer_id > ${add({ type: 'VARCHAR', value: afterId })}`;
  const top = Number.isNaN(limit)
    ? 0
    : Math.max(0, Math.min(Math.floor(limit), Number.MAX_SAFE_INTEGER));
  return {
    sql:
      `${compiled.with}SELECT c.customer_id FROM ${compiled.from} WHERE (${compiled.where})${after} ` +
      `ORDER BY c.customer_id LIMIT ${add({ type: 'BIGINT', value: top })}`,
    params,
  };
}
