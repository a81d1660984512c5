// What the SQL compiler's walk (sql-tree.ts) and a store's layout share: the hook through which a
// store says where it keeps what a condition reads (SqlLayout), one statement's parameters,
// aliases and value tests that both write through (SqlCompilation), and the SQL of the order
// measures both spell (half-even rounding, whole days, shares, the promo rule). A layout says
// where a value is; what it means is written here, in sql-tree.ts and in sql-comparison.ts.
import type { CatalogueType } from '../profile/catalogue.ts';
import type {
  AggregateCondition,
  BehaviourCondition,
  Comparison,
  PropertyFilter,
  ReachabilityCondition,
  TimeWindow,
} from './definition.ts';
import { propertyName, windowRange } from './facts.ts';
import {
  TRUE,
  propertySql,
  rangeSql,
  two,
  valueSql,
  type Bind,
  type SqlType,
  type SqlWriter,
} from './sql-comparison.ts';
import { DUCKDB, type SqlDialect } from './sql-dialect.ts';

/** A bound value; a TIMESTAMP's value is epoch milliseconds (UTC). */
export interface SqlParam {
  type: SqlType;
  value: string | number | boolean;
}

/**
 * A store's own arrangement of the rows a segment reads. Each hook answers SQL over the same rows
 * that means what the loaded tables' form means, or undefined to leave that form; the walk asks
 * before writing it. A hook binds its values and names its aliases through the walk's
 * SqlCompilation, so its SQL shares the statement's parameters.
 */
export interface SqlLayout {
  /** The rows predicates read: one per customer, aliased `c`, with a customers row's columns. */
  from(): string;
  /** A customer string column's copy lower-cased by the same lower(), on `c`. */
  lowered?(column: string): string | undefined;
  /** A reach check, never NULL. */
  reach?(check: ReachabilityCondition['check']): string | undefined;
  /** The customer's scores as one JSON object (SqlContext.scores); NULL without a row. */
  scores?(): string | undefined;
  /**
   * Whether the customer has one or more rows of the behaviour (its action, window and filters),
   * never NULL. Asked only for a count test that is "has one" or "has none" (presence()).
   */
  has?(behaviour: BehaviourCondition): string | undefined;
  /** How many rows of the behaviour the customer has, never NULL. */
  count?(behaviour: BehaviourCondition): string | undefined;
  /** The aggregate condition, its test included (NULL allowed: the walk coalesces it). */
  aggregate?(condition: AggregateCondition): string | undefined;
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

/**
 * One statement's parameters and aliases, and how it writes the tests every form shares (windows,
 * value comparisons, event filters): the walk and its layout write through the same one.
 */
export class SqlCompilation implements SqlWriter {
  readonly params: SqlParam[] = [];
  readonly asOfMs: number;
  private aliases = 0;

  constructor(
    asOf: string,
    readonly dialect: SqlDialect = DUCKDB,
  ) {
    this.asOfMs = Date.parse(asOf);
    if (!Number.isFinite(this.asOfMs)) throw new RangeError(`Invalid as-of instant "${asOf}".`);
  }

  /** Binds `value` as the next parameter; answers its placeholder (`$n::TYPE` in DuckDB). */
  param(type: SqlType, value: string | number | boolean): string {
    this.params.push({ type, value });
    return this.dialect.placeholder(this.params.length, type);
  }

  readonly bind: Bind = (type, value) => this.param(type, value);

  /** A table alias no other part of the statement uses. */
  alias(prefix: string): string {
    this.aliases += 1;
    return `${prefix}${this.aliases}`;
  }

  /** `instant` (a TIMESTAMP expression) in the window. */
  window(window: TimeWindow, instant: string): string {
    if (window.type === 'ever') return TRUE;
    return rangeSql(windowRange(window, this.asOfMs), instant, this.bind);
  }

  /**
   * A test on a value of a fixed catalogue type (sql-comparison.ts); `x` is its SQL expression
   * (NULL when missing) and `lowerX`, when given, the same value already lower-cased.
   */
  value(test: Comparison, type: CatalogueType, x: string, lowerX?: string): string {
    return valueSql(test, type, x, this, this.asOfMs, lowerX);
  }

  /** An event filter on the JSON object `properties`, two-valued. */
  eventFilter(filter: PropertyFilter, properties: string): string {
    const name = propertyName(filter.field);
    if (name === null) throw new UnknownFieldError(filter.field, 'event filter');
    return two(propertySql(filter.test, properties, name, this));
  }

  /** Whole days from `instant` to the as-of instant `asOf` (epoch ms), floored as JS floors them. */
  daysSince(asOf: string, instant: string): string {
    const d = this.dialect;
    return `floor(${d.double(`(${asOf} - ${d.epochMs(instant)})`)} / 86400000)`;
  }

  /** `part` out of `whole`, a double; NULL when `whole` is 0. */
  share(part: string, whole: string): string {
    return `${this.dialect.double(part)} / nullif(${whole}, 0)`;
  }
}

/**
 * Whether a behaviour's count test asks for "one or more" rows ('some') or for none ('none'),
 * which a layout may answer with a yes/no per customer (SqlLayout.has); null for any other count.
 */
export function presence(count: BehaviourCondition['count']): 'some' | 'none' | null {
  if (count.operator === 'at_least' && count.value === 1) return 'some';
  if (count.operator !== 'at_least' && count.value === 0) return 'none';
  return null;
}

export function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/** The order (aliased `o`) used a promo code: one neither NULL nor '' (evaluate.ts's usedPromo). */
export function usedPromo(o: string): string {
  return `${o}.promo_code IS NOT NULL AND ${o}.promo_code <> ''`;
}

/**
 * `x`, a DOUBLE, rounded half to even as JS's roundHalfEven does (not DuckDB's round()). Whether
 * the floor is even is asked without `%` (PostgreSQL has none for a double).
 */
export function halfEven(x: string): string {
  const f = `floor(${x})`;
  return (
    `CASE WHEN ${x} - ${f} > 0.5 THEN ${f} + 1 WHEN ${x} - ${f} < 0.5 THEN ${f} ` +
    `WHEN floor(${f} / 2) * 2 = ${f} THEN ${f} ELSE ${f} + 1 END`
  );
}
