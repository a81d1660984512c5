// The tree walk of the SQL compiler (sql.ts builds the statements around it): a definition's nodes
// become boolean SQL over the row `customers c` (correlated subqueries over orders, order_lines,
// products, events, consents and customer_scores), with the same meaning as the JS evaluator,
// decision for decision (see evaluate.ts's header).
//
// Safety: identifiers come only from the fields allowlist in facts.ts (the catalogue's columns);
// any other field throws UnknownFieldError. Every value of the definition — strings, numbers,
// dates, event types, channels, counts, event property names — is a bound parameter
// (`$n::TYPE` in DuckDB; each engine's spelling is sql-dialect.ts's); only our own constants are
// written into the SQL text. A property name goes in as a
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
// A store that keeps its own copies of these rows (the DuckDB store's segment tables,
// server/stores/duckdb-segment-layout.ts) passes a SqlLayout (sql-layout.ts): before writing a form over the
// loaded tables, the walk asks the layout where that value is (the customers rows, reach checks,
// lower-cased strings, scores, "has at least one / none", a behaviour's count, an aggregate). A
// layout says where a value is, on the same rows; what a condition means stays here and in
// sql-comparison.ts.
//
// Each node has two forms: inline (`node`, a predicate; `where`, the same as a WHERE clause) and
// as columns (`column`: each distinct condition one boolean column `k<i>` of an inner select, and
// the node a predicate over those). A condition is written once per walk whichever forms name it,
// so both forms of one walk share their aliases, parameters and joins. A membership reads its saved
// segment's member set, selected once per statement however often it is named (memberships.ts):
// a materialised common table expression over its own walk, which `with()` gives the statement.
import { VALID_EMAIL_RE2 } from '../profile/catalogue.ts';
import { DEVICE_KINDS } from '../profile/shared-devices.ts';
import type {
  AggregateCondition,
  BehaviourCondition,
  Condition,
  Group,
  MembershipCondition,
  ReachabilityCondition,
  SegmentDefinition,
  SegmentNode,
} from './definition.ts';
import { MembershipKeys } from './memberships.ts';
import { MIN_PHONE_DIGITS, customerFields, lineFields, orderFields } from './facts.ts';
import { FALSE, TRUE, all, any, not, propertySql, rowsSet, setSql, two } from './sql-comparison.ts';
import { emailKeySql, phoneKeySql, type SqlDialect } from './sql-dialect.ts';
import {
  SqlCompilation,
  UnknownFieldError,
  halfEven,
  presence,
  quote,
  usedPromo,
  type SqlLayout,
} from './sql-layout.ts';

export interface SqlContext {
  asOf: string;
  segments: ReadonlyMap<string, SegmentDefinition>;
  /** How the engine writes SQL (sql-dialect.ts): DUCKDB, or CLICKHOUSE. */
  dialect: SqlDialect;
  /**
   * Score ids the store exposes, each a key of the customer's JSON object in `customer_scores`
   * (customer_id, scores); any other score throws UnknownFieldError.
   */
  scores?: ReadonlySet<string>;
  /**
   * Where the store keeps what conditions read, when not only in the loaded tables. A new layout
   * per walk: it keeps what it joined. Absent: the loaded tables.
   */
  layout?: (sql: SqlCompilation) => SqlLayout;
}

/** The loaded tables, as they are. */
const loadedTables: SqlLayout = { from: () => 'customers c' };

type Form = 'inline' | 'columns';

/** A walk's compiler for the context's layout, or the loaded tables. */
export function sqlTree(context: SqlContext): SqlTree {
  const sql = new SqlCompilation(context.asOf, context.dialect);
  return new SqlTree(context, sql, context.layout?.(sql) ?? loadedTables);
}

/**
 * The saved segments a statement's walks named: each member set once (memberships.ts), as a
 * materialised common table expression that every membership naming it reads.
 */
class MemberSets {
  readonly keys: MembershipKeys;
  /** By each set's key, the membership's text: reading the set's table, or a constant. */
  readonly texts = new Map<string, string>();
  /** `name AS MATERIALIZED (…)`, a set after the sets it reads. */
  readonly tables: string[] = [];

  constructor(segments: ReadonlyMap<string, SegmentDefinition>) {
    this.keys = new MembershipKeys(segments);
  }
}

/** One walk of one or more definitions (in either form), over one layout. */
export class SqlTree {
  /** Each node's text by form and depth: a node named twice is compiled once. */
  private readonly texts: Record<Form, Map<SegmentNode, Map<number, string>>> = {
    inline: new Map(),
    columns: new Map(),
  };
  /** Each condition's two-valued text by depth, whichever form names it. */
  private readonly conditionTexts = new Map<Condition, Map<number, string>>();
  /** Condition texts that are never NULL (layouts' answers said so): not coalesced again. */
  private readonly notNull = new Set<string>();

  /** In column form, each distinct condition's text, referred to as `k<i>`. */
  readonly conditionColumns: string[] = [];

  constructor(
    private readonly context: SqlContext,
    readonly sql: SqlCompilation,
    private readonly layout: SqlLayout,
    private readonly sets = new MemberSets(context.segments),
  ) {}

  /** The FROM clause every compiled predicate reads. */
  from(): string {
    return this.layout.from();
  }

  /**
   * The WITH clause (with its trailing space) of the member sets the walk's memberships read, or
   * '': the statement around the compiled texts starts with it.
   */
  with(): string {
    return this.sets.tables.length === 0 ? '' : `WITH ${this.sets.tables.join(', ')} `;
  }

  /** The node inline: a boolean predicate over `from()`, never NULL. */
  node(node: SegmentNode, depth: number): string {
    return this.walk(node, depth, 'inline');
  }

  /** The node over the condition columns `k<i>` (conditionColumns), never NULL. */
  column(node: SegmentNode, depth: number): string {
    return this.walk(node, depth, 'columns');
  }

  /**
   * The node inline as a WHERE clause, where NULL drops the row as FALSE does: the coalesce()
   * around each condition is left off where nothing negates it (under AND and OR, NULL and FALSE
   * pick the same rows), so DuckDB can push simple comparisons into the scan.
   */
  where(node: SegmentNode, depth: number): string {
    if (node.negate) return this.node(node, depth);
    if (node.kind === 'group') {
      const children = node.children.map((child) => this.where(child, depth));
      if (children.length === 0) return FALSE;
      return node.combinator === 'and' ? all(children) : any(children);
    }
    const text = this.node(node, depth);
    const bare = /^coalesce\((.*), FALSE\)$/s.exec(text);
    return bare?.[1] ?? text;
  }

  private walk(node: SegmentNode, depth: number, form: Form): string {
    const texts = this.texts[form];
    const byDepth = texts.get(node) ?? new Map<number, string>();
    texts.set(node, byDepth);
    const known = byDepth.get(depth);
    if (known !== undefined) return known;
    const expr =
      node.kind === 'group' ? this.group(node, depth, form) : this.conditionSql(node, depth, form);
    const text = node.negate ? not(expr) : expr;
    byDepth.set(depth, text);
    return text;
  }

  private group(group: Group, depth: number, form: Form): string {
    const children = group.children.map((child) => this.walk(child, depth, form));
    if (children.length === 0) return FALSE;
    return group.combinator === 'and' ? all(children) : any(children);
  }

  /** A condition, coalesced; in column form, a reference to its inner column. */
  private conditionSql(condition: Condition, depth: number, form: Form): string {
    const byDepth = this.conditionTexts.get(condition) ?? new Map<number, string>();
    this.conditionTexts.set(condition, byDepth);
    let expr = byDepth.get(depth);
    if (expr === undefined) {
      expr =
        condition.kind === 'segment'
          ? this.membership(condition, depth + 1)
          : this.twoValued(this.condition(condition));
      byDepth.set(depth, expr);
    }
    if (form === 'inline' || expr === TRUE || expr === FALSE) return expr;
    this.conditionColumns.push(expr);
    return `k${this.conditionColumns.length - 1}`;
  }

  private twoValued(raw: string): string {
    return this.notNull.has(raw) ? raw : two(raw);
  }

  private neverNull(expr: string): string {
    this.notNull.add(expr);
    return expr;
  }

  /**
   * Whether the customer is a member of the saved segment, its definition evaluated at `depth`:
   * the member set is selected once per statement (a common table expression over its own walk
   * of the same layout), whichever conditions and depths name it.
   */
  private membership(condition: MembershipCondition, depth: number): string {
    const definition = this.context.segments.get(condition.segment_id);
    const key = this.sets.keys.key(condition.segment_id, depth);
    if (!definition || key === null) return FALSE;
    const known = this.sets.texts.get(key);
    if (known !== undefined) return known;
    const layout = this.context.layout?.(this.sql) ?? loadedTables;
    const inner = new SqlTree(this.context, this.sql, layout, this.sets);
    const where = inner.where(definition.root, depth);
    // A set that is no one or everyone (a loop cut at the limit) stays a constant.
    let text = where;
    if (where !== FALSE && where !== TRUE) {
      const name = this.sql.alias('ms');
      this.sets.tables.push(
        `${name} AS MATERIALIZED (SELECT c.customer_id FROM ${inner.from()} WHERE ${where})`,
      );
      text = two(`c.customer_id IN (SELECT customer_id FROM ${name})`);
    }
    this.sets.texts.set(key, text);
    return text;
  }

  private condition(condition: Exclude<Condition, MembershipCondition>): string {
    switch (condition.kind) {
      case 'attribute': {
        const field = customerFields.get(condition.field);
        if (!field) throw new UnknownFieldError(condition.field, 'attribute');
        const column = `c.${quote(field.column)}`;
        const lowered = field.type === 'string' ? this.layout.lowered?.(field.column) : undefined;
        return this.sql.value(condition.test, field.type, column, lowered);
      }
      case 'behaviour':
        return this.behaviour(condition);
      case 'aggregate':
        return this.layout.aggregate?.(condition) ?? this.aggregate(condition);
      case 'score':
        if (!this.context.scores?.has(condition.score))
          throw new UnknownFieldError(condition.score, 'score');
        // As an event property: typed per value, a customer without a row (or a key, or with a
        // JSON null) holds a missing value, which only `is_empty` selects.
        return two(propertySql(condition.test, this.scoresJson(), condition.score, this.sql));
      case 'reachability': {
        const reached = this.layout.reach?.(condition.check);
        if (reached !== undefined) return this.neverNull(reached);
        return this.reachability(condition.check);
      }
    }
  }

  /** The customer's scores as one JSON object, NULL without a row, looked up per customer. */
  private scoresJson(): string {
    const known = this.layout.scores?.();
    if (known !== undefined) return known;
    const s = this.sql.alias('s');
    return `(SELECT ${s}.scores FROM customer_scores ${s} WHERE ${s}.customer_id = c.customer_id)`;
  }

  private reachability(check: ReachabilityCondition['check']): string {
    switch (check.type) {
      case 'valid_email':
        return this.sql.dialect.matches('c.email', VALID_EMAIL_RE2);
      case 'valid_phone':
        return `${this.sql.dialect.digitCount('c.phone')} >= ${MIN_PHONE_DIGITS}`;
      case 'consent': {
        const k = this.sql.alias('k');
        // The latest record's status (the latest instant, then the highest id): an arg max, not
        // ORDER BY … LIMIT 1, which ClickHouse cannot run over the outer row (decision 042).
        const latest = this.sql.dialect.argMax(`${k}.status`, [`${k}."at"`, `${k}.consent_id`]);
        return (
          `(SELECT ${latest} FROM consents ${k} WHERE ${k}.customer_id = c.customer_id ` +
          `AND ${k}.channel = ${this.sql.param('VARCHAR', check.channel)}) = 'granted'`
        );
      }
      case 'consent_known': {
        const k = this.sql.alias('k');
        return (
          `EXISTS (SELECT 1 FROM consents ${k} WHERE ${k}.customer_id = c.customer_id ` +
          `AND ${k}.channel = ${this.sql.param('VARCHAR', check.channel)})`
        );
      }
      case 'usable_first_name':
        // The domain's own judgement, registered by the store as a SQL function.
        return `${this.sql.dialect.firstNameJunk('c.first_name', 'c.email')} IS NULL`;
      case 'shared_device': {
        // profile/cross-profile.ts: the same kind and value of a device on another profile.
        const [a, b] = [this.sql.alias('i'), this.sql.alias('i')];
        const kinds = [...DEVICE_KINDS].map((k) => `'${k}'`).join(', ');
        return (
          `EXISTS (SELECT 1 FROM identities ${a} JOIN identities ${b} ` +
          `ON ${b}.kind = ${a}.kind AND ${b}.value = ${a}.value ` +
          `WHERE ${a}.customer_id = c.customer_id AND ${a}.kind IN (${kinds}) ` +
          `AND ${b}.customer_id <> c.customer_id)`
        );
      }
      case 'duplicate_email':
        return this.sharedKey((column) => emailKeySql(this.sql.dialect, column), 'email');
      case 'duplicate_phone':
        return this.sharedKey((column) => phoneKeySql(this.sql.dialect, column), 'phone');
    }
  }

  /** Whether another customer's `column` has the same key as this customer's (never NULL). */
  private sharedKey(key: (column: string) => string, column: 'email' | 'phone'): string {
    const o = this.sql.alias('o');
    return (
      `(${key(`c.${column}`)} IS NOT NULL AND EXISTS (SELECT 1 FROM customers ${o} ` +
      `WHERE ${o}.customer_id <> c.customer_id AND ${key(`${o}.${column}`)} = ${key(`c.${column}`)}))`
    );
  }

  // ---------------------------------------------------------------- behaviour

  /** `count`, a number never NULL, tested by the behaviour's count. */
  private countSql(condition: BehaviourCondition, count: string): string {
    const op = { at_least: '>=', at_most: '<=', exactly: '=' }[condition.count.operator];
    return `${count} ${op} ${this.sql.param('BIGINT', condition.count.value)}`;
  }

  /** The rows `select` counts; 0, not NULL, when there are none (ClickHouse answers NULL). */
  private counted(select: string): string {
    return `coalesce((${select}), 0)`;
  }

  private behaviour(condition: BehaviourCondition): string {
    const wanted = presence(condition.count);
    if (wanted !== null) {
      const has = this.layout.has?.(condition);
      if (has !== undefined) return this.neverNull(wanted === 'some' ? has : not(has));
    }
    const count = this.layout.count?.(condition);
    if (count !== undefined) return this.countSql(condition, `(${count})`);
    if (condition.action.type === 'event') {
      const e = this.sql.alias('e');
      const where = [
        `${e}.customer_id = c.customer_id`,
        `${e}.type = ${this.sql.param('VARCHAR', condition.action.event_type)}`,
        this.sql.window(condition.window, `${e}."at"`),
        ...condition.filters.map((f) => this.sql.eventFilter(f, `${e}.properties`)),
      ];
      return this.countSql(
        condition,
        this.counted(`SELECT count(*) FROM events ${e} WHERE ${all(where)}`),
      );
    }
    const o = this.sql.alias('o');
    const l = this.sql.alias('l');
    const p = this.sql.alias('p');
    const orderWhere = [
      `${o}.customer_id = c.customer_id`,
      `${o}.status = 'completed'`,
      this.sql.window(condition.window, `${o}.placed_at`),
    ];
    const lineWhere: string[] = [];
    for (const filter of condition.filters) {
      const onOrder = orderFields.get(filter.field);
      const onLine = lineFields.get(filter.field);
      if (onOrder) {
        orderWhere.push(
          two(this.sql.value(filter.test, onOrder.type, `${o}.${quote(onOrder.column)}`)),
        );
      } else if (onLine) {
        const table = onLine.table === 'products' ? p : l;
        lineWhere.push(
          two(this.sql.value(filter.test, onLine.type, `${table}.${quote(onLine.column)}`)),
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
    return this.countSql(
      condition,
      this.counted(`SELECT count(*) FROM orders ${o} WHERE ${all(orderWhere)}`),
    );
  }

  // ---------------------------------------------------------------- aggregates

  private aggregate(condition: AggregateCondition): string {
    const o = this.sql.alias('o');
    const completed = all([
      `${o}.customer_id = c.customer_id`,
      `${o}.status = 'completed'`,
      this.sql.window(condition.window, `${o}.placed_at`),
    ]);
    const from = `FROM orders ${o} WHERE ${completed}`;
    const { test } = condition;
    switch (condition.measure) {
      case 'total_spend_cents':
        return this.sql.value(
          test,
          'number',
          // 0 outside the subquery: over no rows ClickHouse answers NULL, whatever is inside.
          `coalesce((SELECT sum(${o}.total_cents) ${from}), 0)`,
        );
      case 'order_count':
        return this.sql.value(test, 'number', this.counted(`SELECT count(*) ${from}`));
      case 'average_order_cents': {
        const x = `(${this.sql.dialect.double(`sum(${o}.total_cents)`)} / count(*))`;
        return this.sql.value(test, 'number', `(SELECT ${halfEven(x)} ${from})`);
      }
      case 'days_since_last_order': {
        const asOf = this.sql.param('BIGINT', this.sql.asOfMs);
        const days = this.sql.daysSince(asOf, `max(${o}.placed_at)`);
        return this.sql.value(test, 'number', `(SELECT ${days} ${from})`);
      }
      case 'promo_share': {
        const promos = `(count(*) FILTER (WHERE ${usedPromo(o)}))`;
        return this.sql.value(
          test,
          'number',
          `(SELECT ${this.sql.share(promos, 'count(*)')} ${from})`,
        );
      }
      case 'favourite_category': {
        const l = this.sql.alias('l');
        const p = this.sql.alias('p');
        const g = this.sql.alias('g');
        // The most bought category, the first by name on a tie: an arg min over (−quantity,
        // category) of the categories' totals (decision 042).
        const top = this.sql.dialect.argMin(`${g}.category`, [`-${g}.qty`, `${g}.category`]);
        return this.sql.value(
          test,
          'enum',
          `(SELECT ${top} FROM (SELECT ${p}.category AS category, sum(${l}.qty) AS qty ` +
            `FROM orders ${o} JOIN order_lines ${l} ON ${l}.order_id = ${o}.order_id ` +
            `JOIN products ${p} ON ${p}.sku = ${l}.sku WHERE ${completed} ` +
            `GROUP BY ${p}.category) ${g})`,
        );
      }
      case 'channels_used':
        return setSql(test, rowsSet(`${o}.channel`, from, this.sql));
      case 'payment_methods_used':
        return setSql(test, rowsSet(`${o}.payment_method`, from, this.sql));
    }
  }
}
