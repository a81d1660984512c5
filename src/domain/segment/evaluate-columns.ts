// The memory store's fast path: definitions evaluated a column at a time over every customer at
// once, with the meaning of evaluate.ts (its tests, filters and measures are reused, not rewritten).
// Why: going customer by customer through CustomerFacts costs a few cache misses per customer and
// condition; at 50,000 customers a count plan took 80–280 ms. Here each condition fills one byte per
// customer from columns built once per data load:
// - a customer field is dictionary-coded, so a test runs once per distinct value (a hundred cities),
//   not once per customer;
// - valid email / phone and the latest consent per channel are one byte per customer;
// - completed orders, and events of each type, sit in arrays sorted by instant: a window is a binary
//   search, and only the orders or events inside it are read (undated ones join ever windows only,
//   as `when()` does in evaluate.ts);
// - ever-window order measures are computed once per measure with evaluate.ts's own orderMeasure,
//   windowed ones with its OrderTally over the window's orders.
// What has no column form (scores, favourite category, channel sets) runs evaluate.ts's predicate
// customer by customer. A node named by several definitions of a plan is evaluated once.
import { isValidEmail } from '../profile/catalogue.ts';
import { latestConsents } from '../profile/figures.ts';
import type { CustomerEvent } from '../profile/schema.ts';
import type {
  AggregateCondition,
  BehaviourCondition,
  Condition,
  SegmentDefinition,
  SegmentNode,
} from './definition.ts';
import {
  conditionPredicate,
  countTest,
  emptyTally,
  eventFilter,
  orderFilter,
  orderMeasure,
  tallyMeasure,
  tallyOrder,
  type NumericMeasure,
  type OrderTally,
} from './evaluate.ts';
import { firstNameJunk } from '../template/salutation.ts';
import { valueTest } from './value-tests.ts';
import { MembershipKeys } from './memberships.ts';
import {
  customerFields,
  isUnbounded,
  lineFields,
  orderFields,
  isValidPhone,
  windowRange,
  type CustomerFacts,
  type EvaluationContext,
  type LineFacts,
  type OrderFacts,
  type Scalar,
  type TimeRange,
} from './facts.ts';

/** One byte per customer, 1 when the customer is selected. */
export type Selection = Uint8Array;

/** A column of rows as codes into its distinct values (a test then runs once per value). */
interface Coded {
  codes: Int32Array;
  values: Scalar[];
}

function coded<Row>(rows: readonly Row[], read: (row: Row) => Scalar): Coded {
  const codeOf = new Map<Scalar, number>();
  const values: Scalar[] = [];
  const codes = new Int32Array(rows.length);
  rows.forEach((row, i) => {
    const v = read(row);
    let code = codeOf.get(v);
    if (code === undefined) {
      code = values.length;
      values.push(v);
      codeOf.set(v, code);
    }
    codes[i] = code;
  });
  return { codes, values };
}

/** Which of a coded column's values pass a test, by code. */
function passing(column: Coded, test: (v: Scalar) => boolean): Uint8Array {
  return Uint8Array.from(column.values, (v) => (test(v) ? 1 : 0));
}

/** Rows sorted by instant, each with its customer's index; `undated` rows have no valid instant. */
interface Timed<Row> {
  rows: Row[];
  customer: Int32Array;
  ms: Float64Array;
  undated: { row: Row; customer: number }[];
}

function timed<Row>(items: { row: Row; customer: number; ms: number }[]): Timed<Row> {
  const dated = items.filter((x) => !Number.isNaN(x.ms));
  // Stable: rows at the same instant keep each customer's own order (the evaluator's order).
  dated.sort((a, b) => a.ms - b.ms);
  return {
    rows: dated.map((x) => x.row),
    customer: Int32Array.from(dated, (x) => x.customer),
    ms: Float64Array.from(dated, (x) => x.ms),
    undated: items.filter((x) => Number.isNaN(x.ms)),
  };
}

/** The first index whose instant is ≥ x (0 for -Infinity, the length for Infinity). */
function lowerBound(ms: Float64Array, x: number): number {
  let lo = 0;
  let hi = ms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ms[mid] ?? Infinity) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Calls `visit(row, customer)` for every row a window covers, as evaluate.ts's `when()` does. */
function forEachIn<Row>(
  t: Timed<Row>,
  r: TimeRange | null,
  visit: (row: Row, customer: number) => void,
): void {
  if (r === null) return;
  const start = lowerBound(t.ms, r.from);
  const end = lowerBound(t.ms, r.until);
  for (let i = start; i < end; i += 1) {
    const row = t.rows[i];
    if (row !== undefined) visit(row, t.customer[i] ?? 0);
  }
  if (isUnbounded(r)) for (const u of t.undated) visit(u.row, u.customer);
}

/** Columns over customers in a fixed order (the memory store's: by id), built as first needed. */
export class CustomerColumns {
  readonly size: number;
  private readonly fields = new Map<string, { codes: Int32Array; values: Scalar[] }>();
  private readonly flags = new Map<string, Selection>();
  private readonly measures = new Map<NumericMeasure, (number | null)[]>();
  private ordersByTime: Timed<OrderFacts> | null = null;
  /** The dated completed orders' lines, flat: order i's are lineStart[i] … lineStart[i + 1] - 1. */
  private orderLines: { lines: LineFacts[]; lineStart: Int32Array } | null = null;
  private readonly orderFieldCodes = new Map<string, Coded>();
  private readonly lineFieldCodes = new Map<string, Coded>();
  private eventsByType: Map<string, Timed<CustomerEvent>> | null = null;

  constructor(
    readonly facts: readonly CustomerFacts[],
    readonly asOf: string,
  ) {
    this.size = facts.length;
  }

  /** A customer field's values, each distinct value once, and each customer's code. */
  field(id: string, read: (f: CustomerFacts) => Scalar): Coded {
    return cached(this.fields, id, () => coded(this.facts, read));
  }

  /** An order field over the dated completed orders (completedOrders().rows), coded. */
  orderField(id: string, read: (o: OrderFacts) => Scalar): Coded {
    return cached(this.orderFieldCodes, id, () => coded(this.completedOrders().rows, read));
  }

  /** A line field over the dated completed orders' lines (lines().lines), coded. */
  lineField(id: string, read: (l: LineFacts) => Scalar): Coded {
    return cached(this.lineFieldCodes, id, () => coded(this.lines().lines, read));
  }

  lines(): { lines: LineFacts[]; lineStart: Int32Array } {
    this.orderLines ??= flatLines(this.completedOrders().rows);
    return this.orderLines;
  }

  /** A per-customer yes/no computed once per data load. */
  flag(key: string, test: (f: CustomerFacts) => boolean): Selection {
    return cached(this.flags, key, () => Uint8Array.from(this.facts, (f) => (test(f) ? 1 : 0)));
  }

  /** An ever-window order measure per customer, by evaluate.ts's orderMeasure. */
  everMeasure(measure: NumericMeasure): readonly (number | null)[] {
    return cached(this.measures, measure, () => {
      const completed = (o: OrderFacts): boolean => o.order.status === 'completed';
      return this.facts.map((f) => orderMeasure(measure, f.orders, completed, this.asOf));
    });
  }

  completedOrders(): Timed<OrderFacts> {
    this.ordersByTime ??= timed(
      this.facts.flatMap((f, customer) =>
        f.orders
          .filter((o) => o.order.status === 'completed')
          .map((o) => ({ row: o, customer, ms: o.placedMs })),
      ),
    );
    return this.ordersByTime;
  }

  events(type: string): Timed<CustomerEvent> | null {
    this.eventsByType ??= eventsByType(this.facts);
    return this.eventsByType.get(type) ?? null;
  }
}

/** `map`'s value for `key`, built and kept the first time it is asked for. */
function cached<K, V>(map: Map<K, V>, key: K, build: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = build();
    map.set(key, value);
  }
  return value;
}

/** The orders' lines in one array, order i's from lineStart[i] to lineStart[i + 1] - 1. */
function flatLines(orders: readonly OrderFacts[]): { lines: LineFacts[]; lineStart: Int32Array } {
  const lineStart = new Int32Array(orders.length + 1);
  const lines: LineFacts[] = [];
  orders.forEach((o, i) => {
    lineStart[i] = lines.length;
    lines.push(...o.lines);
  });
  lineStart[orders.length] = lines.length;
  return { lines, lineStart };
}

/** Every customer's events by type, each type's sorted by instant. */
function eventsByType(facts: readonly CustomerFacts[]): Map<string, Timed<CustomerEvent>> {
  const byType = new Map<string, { row: CustomerEvent; customer: number; ms: number }[]>();
  facts.forEach((f, customer) => {
    f.events.forEach((e, i) => {
      const item = { row: e, customer, ms: f.eventMs[i] ?? NaN };
      const list = byType.get(e.type);
      if (list) list.push(item);
      else byType.set(e.type, [item]);
    });
  });
  return new Map([...byType].map(([type, items]) => [type, timed(items)]));
}

/**
 * The customers each definition selects, one Selection per definition (indexes as in `columns`).
 * Evaluating the same node object twice (a plan's root in each reach definition) reads it once.
 */
export function selectAll(
  columns: CustomerColumns,
  definitions: readonly SegmentDefinition[],
  context: EvaluationContext,
): Selection[] {
  const evaluator = new ColumnEvaluator(columns, context);
  return definitions.map((d) => evaluator.node(d.root, 0));
}

/** How many customers a selection holds. */
export function countSelected(selection: Selection): number {
  let n = 0;
  for (let i = 0; i < selection.length; i += 1) n += selection[i] ?? 0;
  return n;
}

class ColumnEvaluator {
  private readonly asOfMs: number;
  private readonly done = new Map<SegmentNode, Map<number, Selection>>();
  private readonly keys: MembershipKeys;
  private readonly memberSets = new Map<string, Selection>();

  constructor(
    private readonly columns: CustomerColumns,
    private readonly context: EvaluationContext,
  ) {
    this.asOfMs = Date.parse(context.asOf);
    this.keys = new MembershipKeys(context.segments);
  }

  private none(): Selection {
    return new Uint8Array(this.columns.size);
  }

  node(node: SegmentNode, depth: number): Selection {
    const byDepth = this.done.get(node) ?? new Map<number, Selection>();
    this.done.set(node, byDepth);
    const known = byDepth.get(depth);
    if (known) return known;
    let out: Selection;
    if (node.kind === 'group') {
      const children = node.children.map((child) => this.node(child, depth));
      out = this.none();
      if (children.length > 0) {
        const and = node.combinator === 'and';
        out.fill(and ? 1 : 0);
        for (const child of children) {
          for (let i = 0; i < out.length; i += 1) {
            out[i] = and ? (out[i] ?? 0) & (child[i] ?? 0) : (out[i] ?? 0) | (child[i] ?? 0);
          }
        }
      }
    } else {
      out = this.condition(node, depth);
    }
    if (node.negate) {
      const flipped = this.none();
      for (let i = 0; i < out.length; i += 1) flipped[i] = 1 - (out[i] ?? 0);
      out = flipped;
    }
    byDepth.set(depth, out);
    return out;
  }

  /** Fills a selection from `test(i)` for every customer. */
  private each(test: (i: number) => boolean): Selection {
    const out = this.none();
    for (let i = 0; i < out.length; i += 1) out[i] = test(i) ? 1 : 0;
    return out;
  }

  /** evaluate.ts's predicate, customer by customer. */
  private perCustomer(condition: Condition): Selection {
    const p = conditionPredicate(condition, this.context);
    const facts = this.columns.facts;
    return this.each((i) => {
      const f = facts[i];
      return f !== undefined && p(f);
    });
  }

  private condition(condition: Condition, depth: number): Selection {
    switch (condition.kind) {
      case 'attribute': {
        const field = customerFields.get(condition.field);
        if (!field) return this.none(); // unknown: validation refuses it
        const column = this.columns.field(condition.field, (f) => field.read(f.customer));
        const holds = passing(column, valueTest(condition.test, field.type, this.asOfMs));
        const { codes } = column;
        return this.each((i) => holds[codes[i] ?? 0] === 1);
      }
      case 'reachability': {
        const check = condition.check;
        if (check.type === 'valid_email')
          return this.columns.flag('valid_email', (f) => isValidEmail(f.customer.email));
        if (check.type === 'valid_phone')
          return this.columns.flag('valid_phone', (f) => isValidPhone(f.customer.phone));
        if (check.type === 'usable_first_name')
          return this.columns.flag(
            'usable_first_name',
            (f) => firstNameJunk(f.customer.first_name, f.customer.email) === null,
          );
        if (
          check.type === 'shared_device' ||
          check.type === 'duplicate_email' ||
          check.type === 'duplicate_phone'
        ) {
          const fact = check.type;
          return this.columns.flag(fact, (f) => f.crossProfile[fact]);
        }
        if (check.type === 'consent_known')
          return this.columns.flag(`consent_known:${check.channel}`, (f) =>
            f.consents.some((k) => k.channel === check.channel),
          );
        return this.columns.flag(`consent:${check.channel}`, (f) =>
          latestConsents(f.consents).some(
            (k) => k.channel === check.channel && k.status === 'granted',
          ),
        );
      }
      case 'behaviour':
        return this.behaviour(condition);
      case 'aggregate':
        return this.aggregate(condition);
      case 'segment': {
        // Each member set once (memberships.ts), whichever depths name it.
        const definition = this.context.segments.get(condition.segment_id);
        const key = this.keys.key(condition.segment_id, depth + 1);
        if (!definition || key === null) return this.none();
        let members = this.memberSets.get(key);
        if (!members) {
          members = this.node(definition.root, depth + 1);
          this.memberSets.set(key, members);
        }
        return members;
      }
      case 'score':
        return this.perCustomer(condition);
    }
  }

  private behaviour(condition: BehaviourCondition): Selection {
    const counts = new Int32Array(this.columns.size);
    const r = windowRange(condition.window, this.asOfMs);
    if (condition.action.type === 'event') {
      const events = this.columns.events(condition.action.event_type);
      const passes = eventFilter(condition);
      if (events) {
        forEachIn(events, r, (e, customer) => {
          if (passes(e)) counts[customer] = (counts[customer] ?? 0) + 1;
        });
      }
    } else {
      this.countOrders(condition, r, counts);
    }
    const accept = countTest(condition);
    return this.each((i) => accept(counts[i] ?? 0));
  }

  /**
   * Completed orders in the window passing the behaviour's filters, per customer. Dated orders are
   * read from coded columns (each filter tested once per distinct value); undated ones (in an ever
   * window only) through evaluate.ts's orderFilter.
   */
  private countOrders(
    condition: BehaviourCondition,
    r: TimeRange | null,
    counts: Int32Array,
  ): void {
    if (r === null) return;
    const orders = this.columns.completedOrders();
    const onOrders: { codes: Int32Array; holds: Uint8Array }[] = [];
    const onLines: { codes: Int32Array; holds: Uint8Array }[] = [];
    for (const filter of condition.filters) {
      const onOrder = orderFields.get(filter.field);
      const onLine = lineFields.get(filter.field);
      if (onOrder) {
        const column = this.columns.orderField(onOrder.id, (o) => onOrder.read(o.order));
        const test = valueTest(filter.test, onOrder.type, this.asOfMs);
        onOrders.push({ codes: column.codes, holds: passing(column, test) });
      } else if (onLine) {
        const column = this.columns.lineField(onLine.id, (l) => onLine.read(l));
        const test = valueTest(filter.test, onLine.type, this.asOfMs);
        onLines.push({ codes: column.codes, holds: passing(column, test) });
      } else {
        return; // unknown: validation refuses it (evaluate.ts: no order passes)
      }
    }
    const { lineStart } = onLines.length > 0 ? this.columns.lines() : { lineStart: null };
    const start = lowerBound(orders.ms, r.from);
    const end = lowerBound(orders.ms, r.until);
    for (let i = start; i < end; i += 1) {
      if (!onOrders.every((t) => t.holds[t.codes[i] ?? 0] === 1)) continue;
      if (lineStart !== null) {
        let found = false;
        const last = lineStart[i + 1] ?? 0;
        for (let j = lineStart[i] ?? 0; j < last && !found; j += 1) {
          found = onLines.every((t) => t.holds[t.codes[j] ?? 0] === 1);
        }
        if (!found) continue;
      }
      const c = orders.customer[i] ?? 0;
      counts[c] = (counts[c] ?? 0) + 1;
    }
    if (isUnbounded(r)) {
      const passes = orderFilter(condition, this.asOfMs);
      for (const u of orders.undated) {
        if (passes(u.row)) counts[u.customer] = (counts[u.customer] ?? 0) + 1;
      }
    }
  }

  private aggregate(condition: AggregateCondition): Selection {
    const { measure, window } = condition;
    if (
      measure === 'favourite_category' ||
      measure === 'channels_used' ||
      measure === 'payment_methods_used'
    ) {
      return this.perCustomer(condition);
    }
    const test = valueTest(condition.test, 'number', this.asOfMs);
    if (window.type === 'ever') {
      const values = this.columns.everMeasure(measure);
      return this.each((i) => test(values[i] ?? null));
    }
    // orderMeasure's tally, over the window's orders in time order: the sums are of integers
    // (exact in any order) and the latest order is the first of the latest instant, as the
    // tally's strict `>` keeps it.
    const tallies: (OrderTally | undefined)[] = new Array<OrderTally | undefined>(
      this.columns.size,
    );
    forEachIn(this.columns.completedOrders(), windowRange(window, this.asOfMs), (o, c) => {
      let tally = tallies[c];
      if (tally === undefined) tallies[c] = tally = emptyTally();
      tallyOrder(tally, o);
    });
    const none = emptyTally();
    const asOf = this.context.asOf;
    return this.each((i) => test(tallyMeasure(measure, tallies[i] ?? none, asOf)));
  }
}
