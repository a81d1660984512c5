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
import {
  MAX_MEMBERSHIP_DEPTH,
  MIN_PHONE_DIGITS,
  comparisonRange,
  customerFields,
  dayRange,
  lineFields,
  orderFields,
  propertyName,
  windowRange,
  type TimeRange,
} from './facts.ts';

export type SqlType = 'VARCHAR' | 'DOUBLE' | 'BIGINT' | 'BOOLEAN' | 'TIMESTAMP';

/** A bound value; a TIMESTAMP's value is epoch milliseconds (UTC). */
export interface SqlParam {
  type: SqlType;
  value: string | number | boolean;
}

export interface CompiledDefinition {
  /** A boolean predicate over `customers c`, never NULL. */
  where: string;
  /** $1, $2 … in order. */
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
   * Score ids the store exposes. No table holds scores yet, so a known score compiles as a missing
   * value (as an absent key of CustomerFacts.scores); any other score throws UnknownFieldError.
   */
  scores?: ReadonlySet<string>;
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

export function compileDefinition(
  definition: SegmentDefinition,
  context: SqlContext,
): CompiledDefinition {
  const asOfMs = Date.parse(context.asOf);
  if (!Number.isFinite(asOfMs)) throw new RangeError(`Invalid as-of instant "${context.asOf}".`);
  const compiler = new SqlCompiler(context, asOfMs);
  return withUsedParams(compiler.node(definition.root, 0), compiler.params);
}

/**
 * Drops the parameters a constant branch left unreferenced (a value test that is FALSE whatever
 * the value drops the subquery that held the window's bounds) and renumbers the rest: DuckDB
 * refuses values for parameters a statement does not have. Safe to do on the text because values
 * never appear in it, and no literal of ours contains `$<digits>::`.
 */
function withUsedParams(where: string, params: readonly SqlParam[]): CompiledDefinition {
  const used = new Map<number, number>();
  const kept: SqlParam[] = [];
  for (const match of where.matchAll(/\$(\d+)::/g)) {
    const n = Number(match[1]);
    const param = params[n - 1];
    if (param === undefined || used.has(n)) continue;
    kept.push(param);
    used.set(n, kept.length);
  }
  return {
    where: where.replace(/\$(\d+)::/g, (_, n: string) => `$${used.get(Number(n)) ?? n}::`),
    params: kept,
  };
}

export function countQuery(compiled: CompiledDefinition): SqlStatement {
  return {
    sql: `SELECT count(*)::INTEGER AS n FROM customers c WHERE (${compiled.where})`,
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
    return `$${params.length}::${p.type}`;
  };
  const after =
    afterId === undefined ? '' : ` AND c.customer_id > ${add({ type: 'VARCHAR', value: afterId })}`;
  const top = Number.isNaN(limit)
    ? 0
    : Math.max(0, Math.min(Math.floor(limit), Number.MAX_SAFE_INTEGER));
  return {
    sql:
      `SELECT c.customer_id FROM customers c WHERE (${compiled.where})${after} ` +
      `ORDER BY c.customer_id LIMIT ${add({ type: 'BIGINT', value: top })}`,
    params,
  };
}

/** A JSON pointer to a top-level key: any name, even empty or with `/`, `~`, quotes or dots. */
export function propertyPointer(name: string): string {
  return `/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

const isString = (x: unknown): x is string => typeof x === 'string';
const isNumber = (x: unknown): x is number => typeof x === 'number';
const isBoolean = (x: unknown): x is boolean => typeof x === 'boolean';

const FALSE = 'FALSE';
const TRUE = 'TRUE';

function two(expr: string): string {
  return expr === FALSE || expr === TRUE ? expr : `coalesce(${expr}, FALSE)`;
}

function any(parts: readonly string[]): string {
  const live = parts.filter((p) => p !== FALSE);
  return live.length === 0
    ? FALSE
    : live.length === 1
      ? (live[0] ?? FALSE)
      : `(${live.join(' OR ')})`;
}

/** Keeps FALSE parts: another part may hold parameters, and every parameter must appear. */
function all(parts: readonly string[]): string {
  const live = parts.filter((p) => p !== TRUE);
  return live.length === 0
    ? TRUE
    : live.length === 1
      ? (live[0] ?? TRUE)
      : `(${live.join(' AND ')})`;
}

function not(expr: string): string {
  return expr === FALSE ? TRUE : expr === TRUE ? FALSE : `(NOT ${expr})`;
}

class SqlCompiler {
  readonly params: SqlParam[] = [];
  private aliases = 0;

  constructor(
    private readonly context: SqlContext,
    private readonly asOfMs: number,
  ) {}

  private param(type: SqlType, value: string | number | boolean): string {
    this.params.push({ type, value });
    return `$${this.params.length}::${type}`;
  }

  private alias(prefix: string): string {
    this.aliases += 1;
    return `${prefix}${this.aliases}`;
  }

  // ---------------------------------------------------------------- tree

  node(node: SegmentNode, depth: number): string {
    const expr = node.kind === 'group' ? this.group(node, depth) : two(this.condition(node, depth));
    return node.negate ? not(expr) : expr;
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
        return this.valueSql(condition.test, field.type, column);
      }
      case 'behaviour':
        return this.behaviour(condition);
      case 'aggregate':
        return this.aggregate(condition);
      case 'score':
        if (!this.context.scores?.has(condition.score))
          throw new UnknownFieldError(condition.score, 'score');
        return condition.test.operator === 'is_empty' ? TRUE : FALSE;
      case 'reachability':
        return this.reachability(condition.check);
      case 'segment':
        return this.membership(condition.segment_id, depth + 1);
    }
  }

  private membership(segmentId: string, depth: number): string {
    const definition = this.context.segments.get(segmentId);
    if (!definition || depth > MAX_MEMBERSHIP_DEPTH) return FALSE;
    return this.node(definition.root, depth);
  }

  private reachability(check: Extract<Condition, { kind: 'reachability' }>['check']): string {
    switch (check.type) {
      case 'valid_email':
        return `regexp_matches(c.email, '${VALID_EMAIL_RE2}')`;
      case 'valid_phone':
        return `length(regexp_replace(c.phone, '[^0-9]', '', 'g')) >= ${MIN_PHONE_DIGITS}`;
      case 'consent': {
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

  private rangeSql(r: TimeRange | null, instant: string): string {
    if (r === null || !(r.from < r.until)) return FALSE;
    const parts: string[] = [];
    if (r.from !== -Infinity) parts.push(`${instant} >= ${this.param('TIMESTAMP', r.from)}`);
    if (r.until !== Infinity) parts.push(`${instant} < ${this.param('TIMESTAMP', r.until)}`);
    return parts.length === 0 ? `${instant} IS NOT NULL` : all(parts);
  }

  private windowSql(window: TimeWindow, instant: string): string {
    if (window.type === 'ever') return TRUE;
    return this.rangeSql(windowRange(window, this.asOfMs), instant);
  }

  // ---------------------------------------------------------------- values

  /** A test on a value of a fixed catalogue type; `x` is its SQL expression (NULL when missing). */
  private valueSql(test: Comparison, type: CatalogueType, x: string): string {
    switch (type) {
      case 'string':
        return this.textSql(test, x, (e) => `lower(${e})`);
      case 'enum':
        return this.textSql(test, x, (e) => e);
      case 'number':
        return this.numberSql(test, x);
      case 'boolean':
        return this.booleanSql(test, x);
      case 'date':
        return this.dateSql(test, `CAST(${x} AS TIMESTAMP)`);
    }
  }

  /** equals / not_equals / in / not_in / all_of from a test of one accepted value. */
  private listSql(
    test: Comparison,
    x: string,
    accepts: (v: unknown) => boolean,
    equals: (v: string | number | boolean) => string,
    inList?: (vs: readonly (string | number | boolean)[]) => string,
  ): string | null {
    const present = `${x} IS NOT NULL`;
    const anyOf = (values: readonly (string | number | boolean)[]): string => {
      const accepted = values.filter(accepts);
      if (accepted.length === 0) return FALSE;
      return inList && accepted.length > 1 ? inList(accepted) : any(accepted.map(equals));
    };
    switch (test.operator) {
      case 'equals':
        return anyOf([test.value]);
      case 'not_equals':
        return all([present, not(two(anyOf([test.value])))]);
      case 'in':
        return anyOf(test.values);
      case 'not_in':
        return all([present, not(two(anyOf(test.values)))]);
      case 'all_of':
        if (!test.values.every(accepts)) return FALSE;
        return all([present, ...test.values.map(equals)]);
      default:
        return null;
    }
  }

  private textSql(test: Comparison, x: string, fold: (e: string) => string): string {
    const listed = this.listSql(
      test,
      x,
      isString,
      (v) => `${fold(x)} = ${fold(this.param('VARCHAR', String(v)))}`,
      (vs) => `${fold(x)} IN (${vs.map((v) => fold(this.param('VARCHAR', String(v)))).join(', ')})`,
    );
    if (listed !== null) return listed;
    switch (test.operator) {
      case 'contains':
        return `contains(${fold(x)}, ${fold(this.param('VARCHAR', test.value))})`;
      case 'starts_with':
        return `starts_with(${fold(x)}, ${fold(this.param('VARCHAR', test.value))})`;
      case 'is_empty':
        return `(${x} IS NULL OR ${x} = '')`;
      case 'is_set':
        return `(${x} IS NOT NULL AND ${x} <> '')`;
      default:
        return FALSE;
    }
  }

  private numberSql(test: Comparison, x: string): string {
    const listed = this.listSql(
      test,
      x,
      isNumber,
      (v) => `${x} = ${this.param('DOUBLE', v)}`,
      (vs) => `${x} IN (${vs.map((v) => this.param('DOUBLE', v)).join(', ')})`,
    );
    if (listed !== null) return listed;
    switch (test.operator) {
      case 'gt':
        return `${x} > ${this.param('DOUBLE', test.value)}`;
      case 'gte':
        return `${x} >= ${this.param('DOUBLE', test.value)}`;
      case 'lt':
        return `${x} < ${this.param('DOUBLE', test.value)}`;
      case 'lte':
        return `${x} <= ${this.param('DOUBLE', test.value)}`;
      case 'between':
        if (typeof test.min !== 'number' || typeof test.max !== 'number') return FALSE;
        return `${x} BETWEEN ${this.param('DOUBLE', test.min)} AND ${this.param('DOUBLE', test.max)}`;
      case 'is_empty':
        return `${x} IS NULL`;
      case 'is_set':
        return `${x} IS NOT NULL`;
      default:
        return FALSE;
    }
  }

  private booleanSql(test: Comparison, x: string): string {
    const listed = this.listSql(test, x, isBoolean, (v) => `${x} = ${this.param('BOOLEAN', v)}`);
    if (listed !== null) return listed;
    switch (test.operator) {
      case 'is_true':
        return `${x} IS TRUE`;
      case 'is_false':
        return `${x} IS FALSE`;
      case 'is_empty':
        return `${x} IS NULL`;
      case 'is_set':
        return `${x} IS NOT NULL`;
      default:
        return FALSE;
    }
  }

  /** `x` is a TIMESTAMP expression. */
  private dateSql(test: Comparison, x: string): string {
    const listed = this.listSql(test, x, isString, (v) =>
      typeof v === 'string' ? this.rangeSql(dayRange(v), x) : FALSE,
    );
    if (listed !== null) return listed;
    switch (test.operator) {
      case 'before':
      case 'after':
      case 'between':
      case 'in_last_days':
        return this.rangeSql(comparisonRange(test, this.asOfMs), x);
      case 'not_in_last_days':
        return all([
          `${x} IS NOT NULL`,
          not(two(this.rangeSql(comparisonRange(test, this.asOfMs), x))),
        ]);
      case 'is_empty':
        return `${x} IS NULL`;
      case 'is_set':
        return `${x} IS NOT NULL`;
      default:
        return FALSE;
    }
  }

  /** A test on a value typed by its own JSON type (as evaluate.ts's dynamicTest). */
  private propertySql(test: Comparison, properties: string, name: string): string {
    const pointer = this.param('VARCHAR', propertyPointer(name));
    const json = `json_extract(${properties}, ${pointer})`;
    const type = `json_type(${json})`;
    const isNum = `${type} IN ('BIGINT', 'UBIGINT', 'DOUBLE')`;
    const isBool = `${type} = 'BOOLEAN'`;
    const asText = this.textSql(
      test,
      `(CASE WHEN ${type} = 'VARCHAR' THEN json_extract_string(${properties}, ${pointer}) END)`,
      (e) => `lower(${e})`,
    );
    const asNumber = this.numberSql(test, `TRY_CAST(${json} AS DOUBLE)`);
    const asBoolean = this.booleanSql(test, `TRY_CAST(${json} AS BOOLEAN)`);
    return (
      `(CASE WHEN ${isNum} THEN ${two(asNumber)} WHEN ${isBool} THEN ${two(asBoolean)} ` +
      `ELSE ${two(asText)} END)`
    );
  }

  // ---------------------------------------------------------------- behaviour

  private countSql(condition: BehaviourCondition, subquery: string): string {
    const op = { at_least: '>=', at_most: '<=', exactly: '=' }[condition.count.operator];
    return `(${subquery}) ${op} ${this.param('BIGINT', condition.count.value)}`;
  }

  private behaviour(condition: BehaviourCondition): string {
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

  private eventFilter(filter: PropertyFilter, properties: string): string {
    const name = propertyName(filter.field);
    if (name === null) throw new UnknownFieldError(filter.field, 'event filter');
    return two(this.propertySql(filter.test, properties, name));
  }

  // ---------------------------------------------------------------- aggregates

  private aggregate(condition: AggregateCondition): string {
    const o = this.alias('o');
    const completed = all([
      `${o}.customer_id = c.customer_id`,
      `${o}.status = 'completed'`,
      this.windowSql(condition.window, `${o}.placed_at`),
    ]);
    const from = `FROM orders ${o} WHERE ${completed}`;
    switch (condition.measure) {
      case 'total_spend_cents':
        return this.numberSql(
          condition.test,
          `(SELECT coalesce(sum(${o}.total_cents), 0) ${from})`,
        );
      case 'order_count':
        return this.numberSql(condition.test, `(SELECT count(*) ${from})`);
      case 'average_order_cents': {
        const x = `(sum(${o}.total_cents)::DOUBLE / count(*))`;
        const f = `floor(${x})`;
        const halfEven =
          `CASE WHEN ${x} - ${f} > 0.5 THEN ${f} + 1 WHEN ${x} - ${f} < 0.5 THEN ${f} ` +
          `WHEN ${f} % 2 = 0 THEN ${f} ELSE ${f} + 1 END`;
        return this.numberSql(condition.test, `(SELECT ${halfEven} ${from})`);
      }
      case 'days_since_last_order': {
        const asOf = this.param('BIGINT', this.asOfMs);
        return this.numberSql(
          condition.test,
          `(SELECT floor((${asOf} - epoch_ms(max(${o}.placed_at)))::DOUBLE / ${DAY_MS_SQL}) ${from})`,
        );
      }
      case 'promo_share':
        return this.numberSql(
          condition.test,
          `(SELECT (count(*) FILTER (WHERE ${o}.promo_code IS NOT NULL AND ${o}.promo_code <> ''))` +
            `::DOUBLE / nullif(count(*), 0) ${from})`,
        );
      case 'favourite_category': {
        const l = this.alias('l');
        const p = this.alias('p');
        return this.textSql(
          condition.test,
          `(SELECT ${p}.category FROM orders ${o} JOIN order_lines ${l} ON ${l}.order_id = ${o}.order_id ` +
            `JOIN products ${p} ON ${p}.sku = ${l}.sku WHERE ${completed} ` +
            `GROUP BY ${p}.category ORDER BY sum(${l}.qty) DESC, ${p}.category LIMIT 1)`,
          (e) => e,
        );
      }
      case 'channels_used':
        return this.setSql(condition.test, `${o}.channel`, from);
      case 'payment_methods_used':
        return this.setSql(condition.test, `${o}.payment_method`, from);
    }
  }

  /** A set of enum values over the window's completed orders; an empty set is missing. */
  private setSql(test: Comparison, column: string, from: string): string {
    const hasOrder = `EXISTS (SELECT 1 ${from})`;
    const holdsAny = (values: readonly unknown[]): string => {
      const xs = values.filter(isString);
      if (xs.length === 0) return FALSE;
      return `EXISTS (SELECT 1 ${from} AND ${column} IN (${xs.map((x) => this.param('VARCHAR', x)).join(', ')}))`;
    };
    switch (test.operator) {
      case 'equals':
        return holdsAny([test.value]);
      case 'in':
        return holdsAny(test.values);
      case 'not_equals':
        return all([hasOrder, not(holdsAny([test.value]))]);
      case 'not_in':
        return all([hasOrder, not(holdsAny(test.values))]);
      case 'all_of': {
        if (!test.values.every(isString)) return FALSE;
        const xs = [...new Set(test.values.filter(isString))];
        if (xs.length === 0) return hasOrder;
        const listed = xs.map((x) => this.param('VARCHAR', x)).join(', ');
        return (
          `(SELECT count(DISTINCT ${column}) ${from} AND ${column} IN (${listed})) = ` +
          this.param('BIGINT', xs.length)
        );
      }
      case 'is_empty':
        return not(hasOrder);
      case 'is_set':
        return hasOrder;
      default:
        return FALSE;
    }
  }
}
