// The SQL compiler of segment definitions: a definition becomes one boolean predicate over the row
// `customers c` (correlated subqueries over orders, order_lines, products, events and consents),
// with the same meaning as the JS evaluator, decision for decision (see evaluate.ts's header).
//
// Safety: identifiers come only from the fields allowlist in facts.ts (the catalogue's columns);
// any other field throws UnknownFieldError. Every value of the definition — strings, numbers,
// dates, event types, channels, counts, event property names — is a bound parameter
// (`$n::TYPE`); only our own constants are written into the SQL text. A property name goes in as a
// JSON pointer (`/name`, with `~` and `/` escaped as `~0` and `~1`), so any name is safe.
//
// How the same meaning is kept:
// - Comparisons come from operators.ts's table, written in SQL once by sql-comparison.ts (as the
//   JS evaluators read it through value-tests.ts); this file only says where each value is.
// - Every condition and filter is wrapped in `coalesce(…, FALSE)`, so NULL never reaches NOT.
// - Strings compare with `lower()` on both sides, `contains` / `starts_with` (never LIKE). DuckDB's
//   lower() and JS's toLowerCase() differ on 57 code points (İ, U+FEFF, 55 letters added in
//   Unicode 16, all compared one by one) and on Σ, which JS lower-cases to ς at the end of a word:
//   text with those can match in one engine and not the other. The property tests keep them out.
// - Instants are compared as TIMESTAMPs against bounds the shared TimeRange computes in JS (epoch
//   ms, bound as TIMESTAMP), so both sides use the very same numbers; dates are cast to TIMESTAMP.
// - Half-even rounding and whole days are computed on DOUBLEs exactly as JS does them (IEEE
//   division, floor), not with DuckDB's round() (half away from zero).
// - Event properties are typed per value with json_type(); a number is read as DOUBLE.
// - Ids order byte-wise (UTF-8) in DuckDB and by UTF-16 code unit in JS: the same order unless
//   ids mix characters beyond U+FFFF with characters from U+E000 to U+FFFF.
//
// Two modes. 'base' reads only the loaded tables: a predicate over `customers c` with correlated
// subqueries. 'derived' (the DuckDB store) reads the tables of sql-tables.ts: `segment_customers c`
// answers reach checks, ever-window order aggregates and lower-cased strings from its columns;
// "has at least one / has none" is a bitmap of customer_no (one uncorrelated subquery over a
// time-sorted table, read with get_bit); other behaviours and windowed aggregates become one
// grouped subquery LEFT JOINed on customer_no (once however often it is named). A count is then
// one scan of the customers plus one pass per distinct subquery, instead of a correlated lookup
// per customer. Each derived form is the base form's meaning on the same rows (a missing row
// counts as no orders, no events); what has no derived form (consent on 'phone') stays a
// subquery. Count plans compile in one of two shapes: compilePlan (members first) when nothing is
// joined, compileColumns (a column per condition) otherwise.
import { VALID_EMAIL_RE2, type CatalogueType } from '../profile/catalogue.ts';
import type {
  AggregateCondition,
  BehaviourCondition,
  Comparison,
  Condition,
  Group,
  PropertyFilter,
  SegmentDefinition,
  SegmentNode,
  TimeWindow,
} from './definition.ts';
import { CONSENT_COLUMNS, loweredColumn } from './sql-tables.ts';
import {
  MAX_MEMBERSHIP_DEPTH,
  MIN_PHONE_DIGITS,
  customerFields,
  lineFields,
  orderFields,
  propertyName,
  windowRange,
} from './facts.ts';
import {
  FALSE,
  TRUE,
  all,
  any,
  not,
  listedSet,
  propertySql,
  rangeSql,
  rowsSet,
  setSql,
  two,
  valueSql,
  type Bind,
  type SqlType,
} from './sql-comparison.ts';

export type { SqlType } from './sql-comparison.ts';
export { propertyPointer } from './sql-comparison.ts';

/** A bound value; a TIMESTAMP's value is epoch milliseconds (UTC). */
export interface SqlParam {
  type: SqlType;
  value: string | number | boolean;
}

export interface CompiledDefinition {
  /** The rows the predicate reads: `customers c`, or `segment_customers c` with its joins. */
  from: string;
  /** A boolean predicate over `from`, never NULL. */
  where: string;
  /** $1, $2 … in order. */
  params: SqlParam[];
}

/** Several definitions over the same rows, sharing conditions, joins and parameters. */
export interface CompiledColumns {
  from: string;
  /** Each distinct condition once: the inner select's boolean column `k<i>` (never NULL). */
  conditions: string[];
  /** One predicate per definition over the `k<i>` columns (never NULL). */
  columns: string[];
  params: SqlParam[];
}

export interface SqlStatement {
  sql: string;
  params: SqlParam[];
}

export interface SqlContext {
  asOf: string;
  segments: ReadonlyMap<string, SegmentDefinition>;
  dialect: 'duckdb';
  /**
   * Score ids the store exposes, each a key of the customer's JSON object in `customer_scores`
   * (customer_id, scores); any other score throws UnknownFieldError.
   */
  scores?: ReadonlySet<string>;
  /** 'base' (default): the loaded tables only; 'derived': also those of sql-tables.ts. */
  tables?: 'base' | 'derived';
  /**
   * Derived mode: how many rows segment_customers holds (customer_no is 0 … customers - 1). Given,
   * "has at least one" / "has none" is a bitmap of customer_no, cheaper than a join.
   */
  customers?: number;
}

/** A field the allowlist does not know (validation should have refused the definition). */
export class UnknownFieldError extends Error {
  override readonly name = 'UnknownFieldError';
  constructor(
    readonly field: string,
    readonly kind: 'attribute' | 'order filter' | 'event filter' | 'score',
  ) {
    super(`Unknown ${kind} field "${field}".`);
  }
}

const DAY_MS_SQL = '86400000';

function compilerFor(context: SqlContext, asColumns: boolean): SqlCompiler {
  const asOfMs = Date.parse(context.asOf);
  if (!Number.isFinite(asOfMs)) throw new RangeError(`Invalid as-of instant "${context.asOf}".`);
  return new SqlCompiler(context, asOfMs, asColumns);
}

export function compileDefinition(
  definition: SegmentDefinition,
  context: SqlContext,
): CompiledDefinition {
  const compiler = compilerFor(context, false);
  const where = compiler.node(definition.root, 0);
  const [from = '', used] = withUsedParams([compiler.from(), where], compiler.params);
  return { from, where: used.texts[0] ?? FALSE, params: used.params };
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
  const compiler = compilerFor(context, true);
  const columns = definitions.map((d) => compiler.node(d.root, 0));
  const conditions = compiler.conditionColumns;
  const [from = '', used] = withUsedParams(
    [compiler.from(), ...conditions, ...columns],
    compiler.params,
  );
  return {
    from,
    conditions: used.texts.slice(0, conditions.length),
    columns: used.texts.slice(conditions.length),
    params: used.params,
  };
}

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
  from: string;
  /** The first definition's members, as a WHERE clause over `from`. */
  members: string;
  counts: PlanCount[];
  params: SqlParam[];
}

/**
 * Inline mode, derived tables: the first definition as a WHERE clause (so DuckDB filters in the
 * scan), each definition that is the first AND more (reach) as a filter among its members, and any
 * other (a part of a segment with several) as its own count. For plans whose `from` joins nothing:
 * a part with joins would join again.
 */
export function compilePlan(
  definitions: readonly SegmentDefinition[],
  context: SqlContext,
): CompiledPlan {
  const compiler = compilerFor({ ...context, tables: 'derived' }, false);
  const [first] = definitions;
  const root = first?.root;
  const members = root === undefined ? FALSE : compiler.whereNode(root, 0);
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
        return { among: 'members', also: all(rest.map((child) => compiler.node(child, 0))) };
      }
      if (only !== undefined && head === only && rest.length === 0) {
        return { among: 'members', also: null };
      }
    }
    // A part that is one "has one / has none" behaviour (under NOTs and one-child groups) is
    // counted off its bitmap: bit_count, no scan of the customers.
    const bits = compiler.bitmapCount(r);
    if (bits !== null) return { among: 'bits', ...bits };
    return { among: 'all', where: compiler.whereNode(r, 0) };
  });
  const texts = counts.map((c) =>
    c.among === 'all' ? c.where : c.among === 'bits' ? c.bits : (c.also ?? TRUE),
  );
  const [from = '', used] = withUsedParams([compiler.from(), members, ...texts], compiler.params);
  const [membersUsed = FALSE, ...countTexts] = used.texts;
  return {
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
      `SELECT (SELECT count(*)::INTEGER FROM segment_customers) AS total` +
      `${outer.map((o) => `, ${o}`).join('')}, m.* ` +
      `FROM (SELECT ${inner.join(', ')} FROM ${compiled.from} WHERE ${compiled.members}) m`,
    params,
    countColumns,
  };
}

/**
 * Drops the parameters a constant branch left unreferenced (a value test that is FALSE whatever
 * the value drops the subquery that held the window's bounds) and renumbers the rest: DuckDB
 * refuses values for parameters a statement does not have. Safe to do on the text because values
 * never appear in it, and no literal of ours contains `$<digits>::`.
 */
function withUsedParams(
  texts: readonly string[],
  params: readonly SqlParam[],
): [string | undefined, { texts: string[]; params: SqlParam[] }] {
  const used = new Map<number, number>();
  const kept: SqlParam[] = [];
  for (const text of texts) {
    for (const match of text.matchAll(/\$(\d+)::/g)) {
      const n = Number(match[1]);
      const param = params[n - 1];
      if (param === undefined || used.has(n)) continue;
      kept.push(param);
      used.set(n, kept.length);
    }
  }
  const renumbered = texts.map((text) =>
    text.replace(/\$(\d+)::/g, (_, n: string) => `$${used.get(Number(n)) ?? n}::`),
  );
  return [renumbered[0], { texts: renumbered.slice(1), params: kept }];
}

export function countQuery(compiled: CompiledDefinition): SqlStatement {
  return {
    sql: `SELECT count(*)::INTEGER AS n FROM ${compiled.from} WHERE (${compiled.where})`,
    params: [...compiled.params],
  };
}

/**
 * Derived mode: one row with `total` (every customer), each column's count (named by
 * `countColumns`, one per column; equal columns share one) and, when `sample` > 0, `first`: the customer_no of the first `sample` customers the
 * first column selects (customer_no ranks customers by id). Each condition is evaluated once per
 * customer in the inner select; the counts filter on its boolean columns.
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
      `SELECT count(*)::INTEGER AS total${counts.map((c) => `, ${c}`).join('')} ` +
      `FROM (SELECT c.customer_no${inner} FROM ${compiled.from})`,
    params,
    countColumns,
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
    return `$${params.length}::${p.type}`;
  };
  const after =
    afterId === undefined ? '' : ` AND c.customer_id > ${add({ type: 'VARCHAR', value: afterId })}`;
  const top = Number.isNaN(limit)
    ? 0
    : Math.max(0, Math.min(Math.floor(limit), Number.MAX_SAFE_INTEGER));
  return {
    sql:
      `SELECT c.customer_id FROM ${compiled.from} WHERE (${compiled.where})${after} ` +
      `ORDER BY c.customer_id LIMIT ${add({ type: 'BIGINT', value: top })}`,
    params,
  };
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/**
 * The order (aliased `o`) used a promo code: one neither NULL nor '' (evaluate.ts's usedPromo;
 * sql-tables.ts counts segment_customers.promo_orders the same way).
 */
function usedPromo(o: string): string {
  return `${o}.promo_code IS NOT NULL AND ${o}.promo_code <> ''`;
}

/** Per-customer aggregates of completed orders, as SQL expressions (never NULL but `last`). */
interface OrderTotals {
  n: string;
  spend: string;
  last: string;
  promos: string;
}

class SqlCompiler {
  readonly params: SqlParam[] = [];
  private aliases = 0;
  private readonly derived: boolean;
  /** Derived mode: `LEFT JOIN (…) jN ON …` by what the subquery computes. */
  private readonly joins = new Map<string, { alias: string; sql: string }>();
  /** Each node's text by depth: a node named twice is compiled once. */
  private readonly compiled = new Map<SegmentNode, Map<number, string>>();

  /** In column mode, each distinct condition's text, referred to as `k<i>`. */
  readonly conditionColumns: string[] = [];

  constructor(
    private readonly context: SqlContext,
    private readonly asOfMs: number,
    private readonly asColumns: boolean,
  ) {
    this.derived = context.tables === 'derived';
  }

  /** The FROM clause every compiled predicate reads. */
  from(): string {
    if (!this.derived) return 'customers c';
    return ['segment_customers c', ...[...this.joins.values()].map((j) => j.sql)].join(' ');
  }

  /**
   * A grouped subquery `SELECT <alias>.customer_no, <values> FROM … GROUP BY 1`, joined once per
   * `key`; `body` receives the join's alias (for its own inner aliases) only to build its text.
   * Answers the join's alias: its columns are NULL for a customer without rows.
   */
  private join(key: string, body: () => string): string {
    const known = this.joins.get(key);
    if (known) return known.alias;
    const alias = this.alias('j');
    const sql = `LEFT JOIN (${body()}) ${alias} ON ${alias}.customer_no = c.customer_no`;
    this.joins.set(key, { alias, sql });
    return alias;
  }

  /** Behaviour nodes compiled to a bitmap: the bitmap, and whether "has one" (else "has none"). */
  private readonly existence = new Map<SegmentNode, { bits: string; some: boolean }>();

  /**
   * When `node` holds exactly one "has one / has none" behaviour under NOTs and one-child groups:
   * its bitmap, and whether the node selects the customers without a bit. Else null.
   */
  bitmapCount(node: SegmentNode): { bits: string; negate: boolean } | null {
    let inner: { bits: string; negate: boolean } | null = null;
    if (node.kind === 'group') {
      const [only] = node.children;
      if (node.children.length === 1 && only !== undefined) inner = this.bitmapCount(only);
    } else if (node.kind === 'behaviour') {
      this.node(node, 0);
      const known = this.existence.get(node);
      if (known) inner = { bits: known.bits, negate: !known.some !== node.negate };
      return inner;
    }
    return inner === null ? null : { bits: inner.bits, negate: inner.negate !== node.negate };
  }

  /** Condition texts that are never NULL (NOT NULL columns, coalesced bitmaps): not coalesced again. */
  private readonly notNull = new Set<string>();

  private neverNull(expr: string): string {
    this.notNull.add(expr);
    return expr;
  }

  /** Bitmap subqueries by what they select (see bitmap()). */
  private readonly bitmaps = new Map<string, string>();

  /**
   * `(SELECT bitstring_agg(<x>.customer_no, 0, last) FROM …)`, one bit per customer set when the
   * customer has a row (`body(x)` gives the FROM … WHERE …); NULL when no customer has one. An
   * uncorrelated scalar subquery: DuckDB runs it once, and `get_bit` reads it per customer, which
   * is cheaper than joining a grouped subquery to a million customers. The text is reused per
   * `key`, parameters included, so DuckDB sees one subquery.
   */
  private bitmap(key: string, last: number, body: (alias: string) => string): string {
    const known = this.bitmaps.get(key);
    if (known !== undefined) return known;
    const x = this.alias('x');
    // DuckDB wants a constant range here (a parameter is refused): `last` is our own row count,
    // a safe integer, never a value of the definition.
    const sql = `(SELECT bitstring_agg(${x}.customer_no, 0, ${last}) ${body(x)})`;
    this.bitmaps.set(key, sql);
    return sql;
  }

  private param(type: SqlType, value: string | number | boolean): string {
    this.params.push({ type, value });
    return `$${this.params.length}::${type}`;
  }

  private readonly bind: Bind = (type, value) => this.param(type, value);

  private alias(prefix: string): string {
    this.aliases += 1;
    return `${prefix}${this.aliases}`;
  }

  // ---------------------------------------------------------------- tree

  node(node: SegmentNode, depth: number): string {
    const byDepth = this.compiled.get(node) ?? new Map<number, string>();
    this.compiled.set(node, byDepth);
    const known = byDepth.get(depth);
    if (known !== undefined) return known;
    const expr = node.kind === 'group' ? this.group(node, depth) : this.conditionSql(node, depth);
    const text = node.negate ? not(expr) : expr;
    byDepth.set(depth, text);
    return text;
  }

  /**
   * The node as a WHERE clause, where NULL drops the row as FALSE does: the coalesce() around each
   * condition is left off where nothing negates it (under AND and OR, NULL and FALSE pick the same
   * rows), so DuckDB can push simple comparisons into the scan. Inline mode only.
   */
  whereNode(node: SegmentNode, depth: number): string {
    if (node.negate || this.asColumns) return this.node(node, depth);
    if (node.kind === 'group') {
      const children = node.children.map((child) => this.whereNode(child, depth));
      if (children.length === 0) return FALSE;
      return node.combinator === 'and' ? all(children) : any(children);
    }
    if (node.kind === 'segment') {
      const definition = this.context.segments.get(node.segment_id);
      if (!definition || depth + 1 > MAX_MEMBERSHIP_DEPTH) return FALSE;
      return this.whereNode(definition.root, depth + 1);
    }
    const text = this.node(node, depth);
    const bare = /^coalesce\((.*), FALSE\)$/s.exec(text);
    return bare?.[1] ?? text;
  }

  /**
   * A condition, coalesced; in column mode, a reference to its inner column. A membership is the
   * referenced definition's own tree, already over columns there.
   */
  private conditionSql(condition: Condition, depth: number): string {
    if (this.asColumns && condition.kind === 'segment') return this.condition(condition, depth);
    const raw = this.condition(condition, depth);
    const expr = this.notNull.has(raw) ? raw : two(raw);
    if (!this.asColumns || expr === TRUE || expr === FALSE) return expr;
    this.conditionColumns.push(expr);
    return `k${this.conditionColumns.length - 1}`;
  }

  private group(group: Group, depth: number): string {
    const children = group.children.map((child) => this.node(child, depth));
    if (children.length === 0) return FALSE;
    return group.combinator === 'and' ? all(children) : any(children);
  }

  private condition(condition: Condition, depth: number): string {
    switch (condition.kind) {
      case 'attribute': {
        const field = customerFields.get(condition.field);
        if (!field) throw new UnknownFieldError(condition.field, 'attribute');
        const column = `c.${quote(field.column)}`;
        return this.valueSql(condition.test, field.type, column, this.lowered('c', field));
      }
      case 'behaviour':
        return this.behaviour(condition);
      case 'aggregate':
        return this.aggregate(condition);
      case 'score':
        if (!this.context.scores?.has(condition.score))
          throw new UnknownFieldError(condition.score, 'score');
        // As an event property: typed per value, a customer without a row (or a key, or with a
        // JSON null) holds a missing value, which only `is_empty` selects.
        return two(propertySql(condition.test, this.scoresJson(), condition.score, this.bind));
      case 'reachability':
        return this.reachability(condition.check);
      case 'segment':
        return this.membership(condition.segment_id, depth + 1);
    }
  }

  /**
   * The customer's scores as one JSON object, NULL without a row. Derived mode joins them once on
   * customer_no; base mode looks them up per customer (the reference, not the fast path).
   */
  private scoresJson(): string {
    if (this.derived) {
      const j = this.join('scores', () => {
        const s = this.alias('s');
        const n = this.alias('n');
        return (
          `SELECT ${n}.customer_no, ${s}.scores AS v FROM customer_scores ${s} ` +
          `JOIN segment_customers ${n} ON ${n}.customer_id = ${s}.customer_id`
        );
      });
      return `${j}.v`;
    }
    const s = this.alias('s');
    return `(SELECT ${s}.scores FROM customer_scores ${s} WHERE ${s}.customer_id = c.customer_id)`;
  }

  private membership(segmentId: string, depth: number): string {
    const definition = this.context.segments.get(segmentId);
    if (!definition || depth > MAX_MEMBERSHIP_DEPTH) return FALSE;
    return this.node(definition.root, depth);
  }

  private reachability(check: Extract<Condition, { kind: 'reachability' }>['check']): string {
    switch (check.type) {
      case 'valid_email':
        if (this.derived) return this.neverNull('c.valid_email');
        return `regexp_matches(c.email, '${VALID_EMAIL_RE2}')`;
      case 'valid_phone':
        if (this.derived) return this.neverNull('c.valid_phone');
        return `length(regexp_replace(c.phone, '[^0-9]', '', 'g')) >= ${MIN_PHONE_DIGITS}`;
      case 'consent': {
        const column = this.derived ? CONSENT_COLUMNS.get(check.channel) : undefined;
        if (column !== undefined) return this.neverNull(`c.${column}`);
        const k = this.alias('k');
        return (
          `(SELECT ${k}.status FROM consents ${k} WHERE ${k}.customer_id = c.customer_id ` +
          `AND ${k}.channel = ${this.param('VARCHAR', check.channel)} ` +
          `ORDER BY ${k}."at" DESC, ${k}.consent_id DESC LIMIT 1) = 'granted'`
        );
      }
    }
  }

  // ---------------------------------------------------------------- time

  private windowSql(window: TimeWindow, instant: string): string {
    if (window.type === 'ever') return TRUE;
    return rangeSql(windowRange(window, this.asOfMs), instant, this.bind);
  }

  // ---------------------------------------------------------------- values

  /** Derived mode: a string field's lower-cased copy in the segment tables (sql-tables.ts). */
  private lowered(
    alias: string,
    field: { type: CatalogueType; column: string },
  ): string | undefined {
    if (!this.derived || field.type !== 'string') return undefined;
    return `${alias}.${quote(loweredColumn(field.column))}`;
  }

  /**
   * A test on a value of a fixed catalogue type (sql-comparison.ts); `x` is its SQL expression
   * (NULL when missing) and `lowerX`, when given, the same value already lower-cased.
   */
  private valueSql(test: Comparison, type: CatalogueType, x: string, lowerX?: string): string {
    return valueSql(test, type, x, this.bind, this.asOfMs, lowerX);
  }

  // ---------------------------------------------------------------- behaviour

  private countSql(condition: BehaviourCondition, subquery: string): string {
    const op = { at_least: '>=', at_most: '<=', exactly: '=' }[condition.count.operator];
    return `(${subquery}) ${op} ${this.param('BIGINT', condition.count.value)}`;
  }

  private behaviour(condition: BehaviourCondition): string {
    if (this.derived) {
      const { operator, value } = condition.count;
      const customers = this.context.customers;
      if (customers !== undefined && Number.isSafeInteger(customers) && customers > 0) {
        const some = operator === 'at_least' && value === 1;
        const none = operator !== 'at_least' && value === 0;
        if (some || none) {
          const { action, window, filters } = condition;
          const key = JSON.stringify(['exists', action, window, filters]);
          const bits = this.bitmap(key, customers - 1, (x) => this.behaviourRows(condition, x));
          const has = `coalesce(get_bit(${bits}, c.customer_no) = 1, FALSE)`;
          this.existence.set(condition, { bits, some });
          return this.neverNull(some ? has : not(has));
        }
      }
      // The count operator is not part of the key: "at least 1" and "exactly 2" share the join.
      const { action, window, filters } = condition;
      const key = JSON.stringify(['behaviour', action, window, filters]);
      const j = this.join(key, () => this.behaviourRows(condition));
      return this.countSql(condition, `coalesce(${j}.v, 0)`);
    }
    if (condition.action.type === 'event') {
      const e = this.alias('e');
      const where = [
        `${e}.customer_id = c.customer_id`,
        `${e}.type = ${this.param('VARCHAR', condition.action.event_type)}`,
        this.windowSql(condition.window, `${e}."at"`),
        ...condition.filters.map((f) => this.eventFilter(f, `${e}.properties`)),
      ];
      return this.countSql(condition, `SELECT count(*) FROM events ${e} WHERE ${all(where)}`);
    }
    const o = this.alias('o');
    const l = this.alias('l');
    const p = this.alias('p');
    const orderWhere = [
      `${o}.customer_id = c.customer_id`,
      `${o}.status = 'completed'`,
      this.windowSql(condition.window, `${o}.placed_at`),
    ];
    const lineWhere: string[] = [];
    for (const filter of condition.filters) {
      const onOrder = orderFields.get(filter.field);
      const onLine = lineFields.get(filter.field);
      if (onOrder) {
        orderWhere.push(
          two(this.valueSql(filter.test, onOrder.type, `${o}.${quote(onOrder.column)}`)),
        );
      } else if (onLine) {
        const table = onLine.table === 'products' ? p : l;
        lineWhere.push(
          two(this.valueSql(filter.test, onLine.type, `${table}.${quote(onLine.column)}`)),
        );
      } else {
        throw new UnknownFieldError(filter.field, 'order filter');
      }
    }
    if (lineWhere.length > 0) {
      orderWhere.push(
        `EXISTS (SELECT 1 FROM order_lines ${l} LEFT JOIN products ${p} ON ${p}.sku = ${l}.sku ` +
          `WHERE ${all([`${l}.order_id = ${o}.order_id`, ...lineWhere])})`,
      );
    }
    return this.countSql(condition, `SELECT count(*) FROM orders ${o} WHERE ${all(orderWhere)}`);
  }

  /**
   * Derived mode: how many events or orders of the behaviour each customer has (`v`); given
   * `existsAs`, only the rows' FROM … WHERE …, aliased so (a customer with a row has one or more).
   */
  private behaviourRows(condition: BehaviourCondition, existsAs?: string): string {
    if (condition.action.type === 'event') {
      const e = existsAs ?? this.alias('e');
      const where = [
        `${e}.type = ${this.param('VARCHAR', condition.action.event_type)}`,
        this.windowSql(condition.window, `${e}."at"`),
        ...condition.filters.map((f) => this.eventFilter(f, `${e}.properties`)),
      ];
      const rows = `FROM segment_events ${e} WHERE ${all(where)}`;
      if (existsAs !== undefined) return rows;
      return `SELECT ${e}.customer_no, count(*) AS v ${rows} GROUP BY ${e}.customer_no`;
    }
    // segment_lines holds each line beside its order's fields: "one same line passes every line
    // filter" is one row passing them, and an order counts once however many of its lines pass.
    const o = existsAs ?? this.alias('o');
    const byLine = condition.filters.some((f) => lineFields.has(f.field));
    const where = [this.windowSql(condition.window, `${o}.placed_at`)];
    for (const filter of condition.filters) {
      const field = orderFields.get(filter.field) ?? lineFields.get(filter.field);
      if (!field) throw new UnknownFieldError(filter.field, 'order filter');
      const column = `${o}.${quote(field.column)}`;
      where.push(two(this.valueSql(filter.test, field.type, column, this.lowered(o, field))));
    }
    const rows = `FROM ${byLine ? 'segment_lines' : 'segment_orders'} ${o} WHERE ${all(where)}`;
    if (existsAs !== undefined) return rows;
    const n = byLine ? `count(DISTINCT ${o}.order_no)` : 'count(*)';
    return `SELECT ${o}.customer_no, ${n} AS v ${rows} GROUP BY ${o}.customer_no`;
  }

  private eventFilter(filter: PropertyFilter, properties: string): string {
    const name = propertyName(filter.field);
    if (name === null) throw new UnknownFieldError(filter.field, 'event filter');
    return two(propertySql(filter.test, properties, name, this.bind));
  }

  // ---------------------------------------------------------------- aggregates

  /** Derived mode: completed orders in the window per customer, from segment_customers or a join. */
  private orderTotals(window: AggregateCondition['window']): OrderTotals {
    if (window.type === 'ever') {
      return {
        n: 'c.completed_orders',
        spend: 'c.completed_spend_cents',
        last: 'c.last_completed_at',
        promos: 'c.promo_orders',
      };
    }
    const j = this.join(JSON.stringify(['totals', window]), () => {
      const o = this.alias('o');
      return (
        `SELECT ${o}.customer_no, count(*) AS n, sum(${o}.total_cents) AS spend, ` +
        `max(${o}.placed_at) AS last, count(*) FILTER (WHERE ${usedPromo(o)}) AS promos ` +
        `FROM segment_orders ${o} ` +
        `WHERE ${this.windowSql(window, `${o}.placed_at`)} GROUP BY ${o}.customer_no`
      );
    });
    return {
      n: `coalesce(${j}.n, 0)`,
      spend: `coalesce(${j}.spend, 0)`,
      last: `${j}.last`,
      promos: `coalesce(${j}.promos, 0)`,
    };
  }

  /** Derived mode: the same measures as the base form below, on the same doubles. */
  private derivedAggregate(condition: AggregateCondition): string {
    const { window, test } = condition;
    switch (condition.measure) {
      case 'total_spend_cents':
        return this.valueSql(test, 'number', this.orderTotals(window).spend);
      case 'order_count':
        return this.valueSql(test, 'number', this.orderTotals(window).n);
      case 'average_order_cents': {
        const { n, spend } = this.orderTotals(window);
        const x = `(${spend}::DOUBLE / ${n})`;
        const f = `floor(${x})`;
        const halfEven =
          `CASE WHEN ${x} - ${f} > 0.5 THEN ${f} + 1 WHEN ${x} - ${f} < 0.5 THEN ${f} ` +
          `WHEN ${f} % 2 = 0 THEN ${f} ELSE ${f} + 1 END`;
        return this.valueSql(test, 'number', `(CASE WHEN ${n} > 0 THEN ${halfEven} END)`);
      }
      case 'days_since_last_order': {
        const { last } = this.orderTotals(window);
        const asOf = this.param('BIGINT', this.asOfMs);
        return this.valueSql(
          test,
          'number',
          `floor((${asOf} - epoch_ms(${last}))::DOUBLE / ${DAY_MS_SQL})`,
        );
      }
      case 'promo_share': {
        const { n, promos } = this.orderTotals(window);
        return this.valueSql(test, 'number', `(${promos}::DOUBLE / nullif(${n}, 0))`);
      }
      case 'favourite_category': {
        const j = this.join(JSON.stringify(['favourite', window]), () => {
          const l = this.alias('l');
          const x = this.alias('x');
          return (
            `SELECT ${x}.customer_no, first(${x}.category ORDER BY ${x}.q DESC, ${x}.category) AS v ` +
            `FROM (SELECT ${l}.customer_no, ${l}.category, sum(${l}.qty) AS q FROM segment_lines ${l} ` +
            `WHERE ${all([this.windowSql(window, `${l}.placed_at`), `${l}.category IS NOT NULL`])} ` +
            `GROUP BY ${l}.customer_no, ${l}.category) ${x} GROUP BY ${x}.customer_no`
          );
        });
        return this.valueSql(test, 'enum', `${j}.v`);
      }
      case 'channels_used':
      case 'payment_methods_used': {
        const column = condition.measure === 'channels_used' ? 'channel' : 'payment_method';
        const j = this.join(JSON.stringify(['set', column, window]), () => {
          const o = this.alias('o');
          return (
            `SELECT ${o}.customer_no, list(DISTINCT ${o}.${column}) AS v FROM segment_orders ${o} ` +
            `WHERE ${this.windowSql(window, `${o}.placed_at`)} GROUP BY ${o}.customer_no`
          );
        });
        return setSql(test, listedSet(`${j}.v`, this.bind));
      }
    }
  }

  private aggregate(condition: AggregateCondition): string {
    if (this.derived) return this.derivedAggregate(condition);
    const o = this.alias('o');
    const completed = all([
      `${o}.customer_id = c.customer_id`,
      `${o}.status = 'completed'`,
      this.windowSql(condition.window, `${o}.placed_at`),
    ]);
    const from = `FROM orders ${o} WHERE ${completed}`;
    switch (condition.measure) {
      case 'total_spend_cents':
        return this.valueSql(
          condition.test,
          'number',
          `(SELECT coalesce(sum(${o}.total_cents), 0) ${from})`,
        );
      case 'order_count':
        return this.valueSql(condition.test, 'number', `(SELECT count(*) ${from})`);
      case 'average_order_cents': {
        const x = `(sum(${o}.total_cents)::DOUBLE / count(*))`;
        const f = `floor(${x})`;
        const halfEven =
          `CASE WHEN ${x} - ${f} > 0.5 THEN ${f} + 1 WHEN ${x} - ${f} < 0.5 THEN ${f} ` +
          `WHEN ${f} % 2 = 0 THEN ${f} ELSE ${f} + 1 END`;
        return this.valueSql(condition.test, 'number', `(SELECT ${halfEven} ${from})`);
      }
      case 'days_since_last_order': {
        const asOf = this.param('BIGINT', this.asOfMs);
        return this.valueSql(
          condition.test,
          'number',
          `(SELECT floor((${asOf} - epoch_ms(max(${o}.placed_at)))::DOUBLE / ${DAY_MS_SQL}) ${from})`,
        );
      }
      case 'promo_share':
        return this.valueSql(
          condition.test,
          'number',
          `(SELECT (count(*) FILTER (WHERE ${usedPromo(o)}))` +
            `::DOUBLE / nullif(count(*), 0) ${from})`,
        );
      case 'favourite_category': {
        const l = this.alias('l');
        const p = this.alias('p');
        return this.valueSql(
          condition.test,
          'enum',
          `(SELECT ${p}.category FROM orders ${o} JOIN order_lines ${l} ON ${l}.order_id = ${o}.order_id ` +
            `JOIN products ${p} ON ${p}.sku = ${l}.sku WHERE ${completed} ` +
            `GROUP BY ${p}.category ORDER BY sum(${l}.qty) DESC, ${p}.category LIMIT 1)`,
        );
      }
      case 'channels_used':
        return setSql(condition.test, rowsSet(`${o}.channel`, from, this.bind));
      case 'payment_methods_used':
        return setSql(condition.test, rowsSet(`${o}.payment_method`, from, this.bind));
    }
  }
}
