// The DuckDB store's segment layout (a SqlLayout, src/domain/segment/sql-layout.ts): where the
// segment compiler's walk finds a condition's values in the segment tables
// (duckdb-segment-tables.ts).
// `segment_customers c` answers reach checks, ever-window order aggregates and lower-cased strings
// from its columns; "has at least one / has none" is a bitmap of customer_no (one uncorrelated
// subquery over a time-sorted table, read with get_bit); other behaviours and windowed aggregates
// become one grouped subquery LEFT JOINed on customer_no (once however often it is named). A count
// is then one scan of the customers plus one pass per distinct subquery, instead of a correlated
// lookup per customer. Each answer is the loaded tables' form's meaning on the same rows (a
// missing row counts as no orders, no events); what has no answer here (consent on 'phone') stays
// the walk's subquery over the loaded tables.
import { DUCKDB } from '../../src/domain/segment/sql-dialect.ts';
import type {
  AggregateCondition,
  BehaviourCondition,
  ReachabilityCondition,
  SegmentDefinition,
} from '../../src/domain/segment/definition.ts';
import { lineFields, orderFields } from '../../src/domain/segment/facts.ts';
import { all, listedSet, setSql, two } from '../../src/domain/segment/sql-comparison.ts';
import {
  SqlCompilation,
  UnknownFieldError,
  halfEven,
  quote,
  usedPromo,
  type SqlLayout,
} from '../../src/domain/segment/sql-layout.ts';
import { SqlTree, type SqlContext } from '../../src/domain/segment/sql-tree.ts';
import { CONSENT_COLUMNS, knownColumn, loweredColumn } from './duckdb-segment-tables.ts';

/** What compiling over the segment tables needs. */
export interface SegmentTablesContext {
  asOf: string;
  segments: ReadonlyMap<string, SegmentDefinition>;
  /** Score ids the store exposes (see SqlContext.scores). */
  scores?: ReadonlySet<string>;
  /**
   * How many rows segment_customers holds (customer_no is 0 … customers - 1). Given, "has at least
   * one" / "has none" is a bitmap of customer_no, cheaper than a join.
   */
  customers?: number;
}

/** The compiler's context over the segment tables. */
export function overSegmentTables(ctx: SegmentTablesContext): SqlContext {
  return {
    asOf: ctx.asOf,
    segments: ctx.segments,
    scores: ctx.scores,
    dialect: DUCKDB,
    layout: (sql) => new SegmentTablesLayout(sql, ctx.customers),
  };
}

/** A walk over the segment tables, with its layout (a count plan asks it for its bitmaps). */
export function segmentTablesTree(ctx: SegmentTablesContext): {
  tree: SqlTree;
  layout: SegmentTablesLayout;
} {
  const sql = new SqlCompilation(ctx.asOf);
  const layout = new SegmentTablesLayout(sql, ctx.customers);
  const context: SqlContext = {
    asOf: ctx.asOf,
    segments: ctx.segments,
    scores: ctx.scores,
    dialect: DUCKDB,
    // The member sets' own walks (sql-tree.ts) read the same tables.
    layout: (compilation) => new SegmentTablesLayout(compilation, ctx.customers),
  };
  return { tree: new SqlTree(context, sql, layout), layout };
}

/** A string column's lower-cased copy on the row `alias` (kept beside it in every table). */
function loweredOn(alias: string, column: string): string {
  return `${alias}.${quote(loweredColumn(column))}`;
}

/** Per-customer aggregates of completed orders, as SQL expressions (never NULL but `last`). */
interface OrderTotals {
  n: string;
  spend: string;
  last: string;
  promos: string;
}

export class SegmentTablesLayout implements SqlLayout {
  /** `LEFT JOIN (…) jN ON …` by what the subquery computes. */
  private readonly joins = new Map<string, { alias: string; sql: string }>();
  /** Bitmap subqueries by what they select (see bitmap()). */
  private readonly bitmaps = new Map<string, string>();
  /** The bitmap each behaviour node answered `has` with. */
  private readonly existence = new Map<BehaviourCondition, string>();

  constructor(
    private readonly sql: SqlCompilation,
    private readonly customers?: number,
  ) {}

  from(): string {
    return ['segment_customers c', ...[...this.joins.values()].map((j) => j.sql)].join(' ');
  }

  /** Whether a hook joined a subquery to segment_customers. */
  joined(): boolean {
    return this.joins.size > 0;
  }

  lowered(column: string): string {
    return loweredOn('c', column);
  }

  reach(check: ReachabilityCondition['check']): string | undefined {
    switch (check.type) {
      case 'valid_email':
        return 'c.valid_email';
      case 'valid_phone':
        return 'c.valid_phone';
      case 'consent': {
        const column = CONSENT_COLUMNS.get(check.channel);
        return column === undefined ? undefined : `c.${column}`;
      }
      case 'consent_known':
        return CONSENT_COLUMNS.has(check.channel) ? `c.${knownColumn(check.channel)}` : undefined;
      case 'usable_first_name':
        return 'c.usable_first_name';
      case 'shared_device':
      case 'duplicate_email':
      case 'duplicate_phone':
        return `c.${check.type}`;
    }
  }

  /** The scores joined once on customer_no. */
  scores(): string {
    const j = this.join('scores', () => {
      const s = this.sql.alias('s');
      const n = this.sql.alias('n');
      return (
        `SELECT ${n}.customer_no, ${s}.scores AS v FROM customer_scores ${s} ` +
        `JOIN segment_customers ${n} ON ${n}.customer_id = ${s}.customer_id`
      );
    });
    return `${j}.v`;
  }

  has(behaviour: BehaviourCondition): string | undefined {
    const customers = this.customers;
    if (customers === undefined || !Number.isSafeInteger(customers) || customers <= 0) {
      return undefined;
    }
    const { action, window, filters } = behaviour;
    const key = JSON.stringify(['exists', action, window, filters]);
    const bits = this.bitmap(key, customers - 1, (x) => this.behaviourRows(behaviour, x));
    this.existence.set(behaviour, bits);
    return `coalesce(get_bit(${bits}, c.customer_no) = 1, FALSE)`;
  }

  /** The bitmap `has` answered for this behaviour node, if it did. */
  bitmapOf(behaviour: BehaviourCondition): string | undefined {
    return this.existence.get(behaviour);
  }

  count(behaviour: BehaviourCondition): string {
    // The count operator is not part of the key: "at least 1" and "exactly 2" share the join.
    const { action, window, filters } = behaviour;
    const key = JSON.stringify(['behaviour', action, window, filters]);
    const j = this.join(key, () => this.behaviourRows(behaviour));
    return `coalesce(${j}.v, 0)`;
  }

  /** The same measures as the loaded tables' form, on the same doubles. */
  aggregate(condition: AggregateCondition): string {
    const { window, test } = condition;
    switch (condition.measure) {
      case 'total_spend_cents':
        return this.sql.value(test, 'number', this.orderTotals(window).spend);
      case 'order_count':
        return this.sql.value(test, 'number', this.orderTotals(window).n);
      case 'average_order_cents': {
        const { n, spend } = this.orderTotals(window);
        const average = halfEven(`(${spend}::DOUBLE / ${n})`);
        return this.sql.value(test, 'number', `(CASE WHEN ${n} > 0 THEN ${average} END)`);
      }
      case 'days_since_last_order': {
        const { last } = this.orderTotals(window);
        const asOf = this.sql.param('BIGINT', this.sql.asOfMs);
        return this.sql.value(test, 'number', this.sql.daysSince(asOf, last));
      }
      case 'promo_share': {
        const { n, promos } = this.orderTotals(window);
        return this.sql.value(test, 'number', `(${this.sql.share(promos, n)})`);
      }
      case 'favourite_category': {
        const j = this.join(JSON.stringify(['favourite', window]), () => {
          const l = this.sql.alias('l');
          const x = this.sql.alias('x');
          return (
            `SELECT ${x}.customer_no, first(${x}.category ORDER BY ${x}.q DESC, ${x}.category) AS v ` +
            `FROM (SELECT ${l}.customer_no, ${l}.category, sum(${l}.qty) AS q FROM segment_lines ${l} ` +
            `WHERE ${all([this.sql.window(window, `${l}.placed_at`), `${l}.category IS NOT NULL`])} ` +
            `GROUP BY ${l}.customer_no, ${l}.category) ${x} GROUP BY ${x}.customer_no`
          );
        });
        return this.sql.value(test, 'enum', `${j}.v`);
      }
      case 'channels_used':
      case 'payment_methods_used': {
        const column = condition.measure === 'channels_used' ? 'channel' : 'payment_method';
        const j = this.join(JSON.stringify(['set', column, window]), () => {
          const o = this.sql.alias('o');
          return (
            `SELECT ${o}.customer_no, list(DISTINCT ${o}.${column}) AS v FROM segment_orders ${o} ` +
            `WHERE ${this.sql.window(window, `${o}.placed_at`)} GROUP BY ${o}.customer_no`
          );
        });
        return setSql(test, listedSet(`${j}.v`, this.sql));
      }
    }
  }

  /**
   * A grouped subquery `SELECT <alias>.customer_no, <values> FROM … GROUP BY 1`, joined once per
   * `key`; `body` names its own inner aliases after the join's. Answers the join's alias: its
   * columns are NULL for a customer without rows.
   */
  private join(key: string, body: () => string): string {
    const known = this.joins.get(key);
    if (known) return known.alias;
    const alias = this.sql.alias('j');
    const sql = `LEFT JOIN (${body()}) ${alias} ON ${alias}.customer_no = c.customer_no`;
    this.joins.set(key, { alias, sql });
    return alias;
  }

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
    const x = this.sql.alias('x');
    // DuckDB wants a constant range here (a parameter is refused): `last` is our own row count,
    // a safe integer, never a value of the definition.
    const sql = `(SELECT bitstring_agg(${x}.customer_no, 0, ${last}) ${body(x)})`;
    this.bitmaps.set(key, sql);
    return sql;
  }

  /**
   * How many events or orders of the behaviour each customer has (`v`); given `existsAs`, only the
   * rows' FROM … WHERE …, aliased so (a customer with a row has one or more).
   */
  private behaviourRows(condition: BehaviourCondition, existsAs?: string): string {
    if (condition.action.type === 'event') {
      const e = existsAs ?? this.sql.alias('e');
      const where = [
        `${e}.type = ${this.sql.param('VARCHAR', condition.action.event_type)}`,
        this.sql.window(condition.window, `${e}."at"`),
        ...condition.filters.map((f) => this.sql.eventFilter(f, `${e}.properties`)),
      ];
      const rows = `FROM segment_events ${e} WHERE ${all(where)}`;
      if (existsAs !== undefined) return rows;
      return `SELECT ${e}.customer_no, count(*) AS v ${rows} GROUP BY ${e}.customer_no`;
    }
    // segment_lines holds each line beside its order's fields: "one same line passes every line
    // filter" is one row passing them, and an order counts once however many of its lines pass.
    const o = existsAs ?? this.sql.alias('o');
    const byLine = condition.filters.some((f) => lineFields.has(f.field));
    const where = [this.sql.window(condition.window, `${o}.placed_at`)];
    for (const filter of condition.filters) {
      const field = orderFields.get(filter.field) ?? lineFields.get(filter.field);
      if (!field) throw new UnknownFieldError(filter.field, 'order filter');
      const column = `${o}.${quote(field.column)}`;
      const lowered = field.type === 'string' ? loweredOn(o, field.column) : undefined;
      where.push(two(this.sql.value(filter.test, field.type, column, lowered)));
    }
    const rows = `FROM ${byLine ? 'segment_lines' : 'segment_orders'} ${o} WHERE ${all(where)}`;
    if (existsAs !== undefined) return rows;
    const n = byLine ? `count(DISTINCT ${o}.order_no)` : 'count(*)';
    return `SELECT ${o}.customer_no, ${n} AS v ${rows} GROUP BY ${o}.customer_no`;
  }

  /** Completed orders in the window per customer, from segment_customers or a join. */
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
      const o = this.sql.alias('o');
      return (
        `SELECT ${o}.customer_no, count(*) AS n, sum(${o}.total_cents) AS spend, ` +
        `max(${o}.placed_at) AS last, count(*) FILTER (WHERE ${usedPromo(o)}) AS promos ` +
        `FROM segment_orders ${o} ` +
        `WHERE ${this.sql.window(window, `${o}.placed_at`)} GROUP BY ${o}.customer_no`
      );
    });
    return {
      n: `coalesce(${j}.n, 0)`,
      spend: `coalesce(${j}.spend, 0)`,
      last: `${j}.last`,
      promos: `coalesce(${j}.promos, 0)`,
    };
  }
}
