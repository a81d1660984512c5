// The JavaScript evaluator of segment definitions (the memory store's engine and the reference the
// SQL compiler is held to). A definition is compiled once into a predicate over CustomerFacts.
//
// It assumes a VALID definition (validate.ts) and never throws on odd data. The semantics are those
// of definition.ts's header; where that header leaves a choice, this is the decision (sql-tree.ts
// makes the same, and docs/decisions/005-segment-semantics.md says why):
// - Comparisons: what each operator does with a missing value (null, an absent event property,
//   JSON null, a non-scalar property), an empty string, case, a value of another JSON type and a
//   date is operators.ts's table, which value-tests.ts reads for JS and sql-comparison.ts for SQL.
//   In short: every operator but `is_empty` is false on a missing value; `not_equals` / `not_in`
//   need a present value (NOT is what `negate` is for); a value only equals a value of its own JSON
//   type; strings compare lower-cased, enums exactly; dates as UTC instants (`equals d`: on the UTC
//   day).
// - Windows, with asOf in epoch ms and t an instant: `last_days N` ⇔ asOf − N×86,400,000 ≤ t ≤ asOf;
//   `between from,to` ⇔ from 00:00Z ≤ t < (to + 1 day) 00:00Z; `before d` ⇔ t < d 00:00Z;
//   `after d` ⇔ t ≥ (d + 1 day) 00:00Z; `ever` is every instant, the future included.
// - Orders count when completed. An order behaviour counts the completed orders in the window that
//   pass every `order.*` filter and, when there are `line.*` filters, have one line passing them
//   all (a line whose product is unknown has missing product fields). An event behaviour counts the
//   events of its type in the window passing every `property.*` filter; a property is typed by its
//   JSON value (string, number or boolean), per event.
// - Aggregates over completed orders in the window: total_spend_cents and order_count are 0 without
//   orders; average_order_cents = roundHalfEven(sum / count), days_since_last_order =
//   daysBetween(latest placed_at, asOf) (negative for a future order), promo_share = orders with a
//   promo code that is neither null nor '' / orders, favourite_category = the category with the
//   largest Σ qty over lines with a known product, ties to the alphabetically first: all missing
//   without orders (or lines). channels_used / payment_methods_used are sets, missing when empty:
//   `equals` / `in` = holds any, `not_equals` / `not_in` = has orders and holds none, `all_of` = has
//   orders and holds all, `is_empty` = no order.
// - Reachability: consent = the latest consent event on the channel (latestConsents) is granted;
//   consent_known = the channel has a consent event (granted or withdrawn); valid_email =
//   isValidEmail; valid_phone = at least MIN_PHONE_DIGITS ASCII digits; usable_first_name =
//   firstNameJunk finds nothing wrong with the first name as written; shared_device,
//   duplicate_email and duplicate_phone are CustomerFacts.crossProfile's (profile/cross-profile.ts).
// - Scores come from CustomerFacts.scores, typed by their value (number or string); absent = missing.
// - Membership evaluates the referenced definition; an unknown segment, or nesting deeper than
//   MAX_MEMBERSHIP_DEPTH (a cycle, or a chain longer than that), matches no one. Each saved segment is worked
//   out once per customer however often it is named (memberships.ts).
// - A group without children is false (then `negate` flips it), so NOT stays a complement.
import { daysBetween, isValidEmail } from '../profile/catalogue.ts';
import { latestConsents, roundHalfEven } from '../profile/figures.ts';
import type { CustomerEvent, Order } from '../profile/schema.ts';
import type {
  AggregateCondition,
  BehaviourCondition,
  Condition,
  Group,
  PropertyFilter,
  SegmentDefinition,
  SegmentNode,
  TimeWindow,
} from './definition.ts';
import {
  customerFields,
  isUnbounded,
  isValidPhone,
  lineFields,
  orderFields,
  propertyName,
  propertyValue,
  windowRange,
  type CustomerFacts,
  type EvaluationContext,
  type LineFacts,
  type OrderFacts,
} from './facts.ts';
import { firstNameJunk } from '../template/salutation.ts';
import { MembershipKeys } from './memberships.ts';
import { dynamicTest, setTest, valueTest } from './value-tests.ts';
import { compareText } from '../compare.ts';

export type Predicate = (facts: CustomerFacts) => boolean;

const never = (): boolean => false;
const noIndices: readonly number[] = [];

/** Compiles a definition once into a predicate over one customer's facts. */
export function compileEvaluator(
  definition: SegmentDefinition,
  context: EvaluationContext,
): Predicate {
  return new EvaluatorCompiler(context).node(definition.root, 0);
}

export function evaluateDefinition(
  definition: SegmentDefinition,
  facts: CustomerFacts,
  context: EvaluationContext,
): boolean {
  return compileEvaluator(definition, context)(facts);
}

/** The ids of the customers the definition selects, in id order. */
export function selectMembers(
  definition: SegmentDefinition,
  allFacts: readonly CustomerFacts[],
  context: EvaluationContext,
): string[] {
  const matches = compileEvaluator(definition, context);
  const ids: string[] = [];
  for (const facts of allFacts) if (matches(facts)) ids.push(facts.customer.customer_id);
  return ids.sort(compareText);
}

// ---------------------------------------------------------------- the compiler

/** Each customer's latest consent status per channel, computed once per facts object. */
const latestByFacts = new WeakMap<CustomerFacts, ReadonlyMap<string, string>>();

function latestOf(f: CustomerFacts): ReadonlyMap<string, string> {
  let latest = latestByFacts.get(f);
  if (!latest) {
    latest = new Map(latestConsents(f.consents).map((k) => [k.channel, k.status]));
    latestByFacts.set(f, latest);
  }
  return latest;
}

class EvaluatorCompiler {
  private readonly asOfMs: number;
  private readonly memberships = new Map<string, Predicate>();
  private readonly keys: MembershipKeys;

  constructor(private readonly context: EvaluationContext) {
    this.asOfMs = Date.parse(context.asOf);
    this.keys = new MembershipKeys(context.segments);
  }

  node(node: SegmentNode, depth: number): Predicate {
    const p = node.kind === 'group' ? this.group(node, depth) : this.condition(node, depth);
    return node.negate ? (f) => !p(f) : p;
  }

  private group(group: Group, depth: number): Predicate {
    const children = group.children.map((child) => this.node(child, depth));
    if (children.length === 0) return never;
    return group.combinator === 'and'
      ? (f) => children.every((p) => p(f))
      : (f) => children.some((p) => p(f));
  }

  private condition(condition: Condition, depth: number): Predicate {
    switch (condition.kind) {
      case 'attribute': {
        const field = customerFields.get(condition.field);
        if (!field) return never; // unknown: validation refuses it
        const test = valueTest(condition.test, field.type, this.asOfMs);
        return (f) => test(field.read(f.customer));
      }
      case 'behaviour':
        return this.behaviour(condition);
      case 'aggregate':
        return this.aggregate(condition);
      case 'score': {
        const test = dynamicTest(condition.test);
        const id = condition.score;
        return (f) => test(f.scores.get(id) ?? null);
      }
      case 'reachability': {
        const check = condition.check;
        if (check.type === 'valid_email') return (f) => isValidEmail(f.customer.email);
        if (check.type === 'valid_phone') return (f) => isValidPhone(f.customer.phone);
        if (check.type === 'usable_first_name')
          return (f) => firstNameJunk(f.customer.first_name, f.customer.email) === null;
        if (check.type === 'consent_known')
          return (f) => latestOf(f).get(check.channel) !== 'unknown';
        if (check.type === 'shared_device') return (f) => f.crossProfile.shared_device;
        if (check.type === 'duplicate_email') return (f) => f.crossProfile.duplicate_email;
        if (check.type === 'duplicate_phone') return (f) => f.crossProfile.duplicate_phone;
        return (f) => latestOf(f).get(check.channel) === 'granted';
      }
      case 'segment':
        return this.membership(condition.segment_id, depth + 1);
    }
  }

  /**
   * A saved segment's predicate, compiled once per member set (memberships.ts) and answered once
   * per customer: the conditions naming it again ask the same customer's answer.
   */
  private membership(segmentId: string, depth: number): Predicate {
    const definition = this.context.segments.get(segmentId);
    const key = this.keys.key(segmentId, depth);
    if (!definition || key === null) return never;
    let p = this.memberships.get(key);
    if (!p) {
      const matches = this.node(definition.root, depth);
      let last: CustomerFacts | null = null;
      let answer = false;
      p = (f) => {
        if (f !== last) {
          answer = matches(f);
          last = f;
        }
        return answer;
      };
      this.memberships.set(key, p);
    }
    return p;
  }

  private when(window: BehaviourCondition['window']): (ms: number) => boolean {
    return windowTest(window, this.asOfMs);
  }

  private behaviour(condition: BehaviourCondition): Predicate {
    const accept = countTest(condition);
    // Counting stops once the answer is known: enough for at_least, too many for the others.
    const { operator, value: wanted } = condition.count;
    const enough = operator === 'at_least' ? wanted : wanted + 1;
    const within = this.when(condition.window);
    if (condition.action.type === 'event') {
      const type = condition.action.event_type;
      const passes = eventFilter(condition);
      return (f) => {
        let n = 0;
        const { events, eventMs } = f;
        for (const i of f.eventsByType.get(type) ?? noIndices) {
          if (n >= enough) break;
          const e = events[i];
          if (e === undefined || !within(eventMs[i] ?? NaN)) continue;
          if (passes(e)) n += 1;
        }
        return accept(n);
      };
    }
    const passes = orderFilter(condition, this.asOfMs);
    return (f) => {
      let n = 0;
      for (const o of f.orders) {
        if (n >= enough) break;
        if (o.order.status !== 'completed' || !within(o.placedMs)) continue;
        if (passes(o)) n += 1;
      }
      return accept(n);
    };
  }

  private aggregate(condition: AggregateCondition): Predicate {
    const counted = completedInWindow(condition.window, this.asOfMs);
    const asOfMs = this.asOfMs;
    const asOf = this.context.asOf;
    switch (condition.measure) {
      case 'channels_used':
      case 'payment_methods_used': {
        const test = setTest(condition.test);
        const measure = condition.measure;
        return (f) => test(usedValues(measure, f.orders, counted));
      }
      case 'favourite_category': {
        const test = valueTest(condition.test, 'enum', asOfMs);
        return (f) => test(favouriteCategory(f.orders, counted));
      }
      default: {
        const test = valueTest(condition.test, 'number', asOfMs);
        const measure = condition.measure;
        return (f) => test(orderMeasure(measure, f.orders, counted, asOf));
      }
    }
  }
}

/**
 * Whether an instant (epoch ms) falls in a behaviour's or aggregate's window. `ever` takes every
 * row, an unreadable instant too; an impossible date takes none.
 */
export function windowTest(window: TimeWindow, asOfMs: number): (ms: number) => boolean {
  const r = windowRange(window, asOfMs);
  if (r === null) return never;
  if (isUnbounded(r)) return () => true;
  const { from, until } = r;
  return (ms) => from <= ms && ms < until;
}

/** Completed orders in the window: what aggregates and order behaviours (filters apart) count. */
export function completedInWindow(window: TimeWindow, asOfMs: number): (o: OrderFacts) => boolean {
  const within = windowTest(window, asOfMs);
  return (o) => o.order.status === 'completed' && within(o.placedMs);
}

/** Whether a number of orders or events satisfies a behaviour's count. */
export function countTest(condition: BehaviourCondition): (n: number) => boolean {
  const { operator, value: wanted } = condition.count;
  if (operator === 'at_least') return (n) => n >= wanted;
  if (operator === 'at_most') return (n) => n <= wanted;
  return (n) => n === wanted;
}

/** An event behaviour's property filters (type and window apart). */
export function eventFilter(condition: BehaviourCondition): (e: CustomerEvent) => boolean {
  const filters = condition.filters.map((filter) => propertyFilter(filter));
  return (e) => allHold(filters, e.properties);
}

/**
 * An order behaviour's filters (status and window apart): every `order.*` filter, and one same
 * line passing every `line.*` filter when there are any.
 */
export function orderFilter(
  condition: BehaviourCondition,
  asOfMs: number,
): (o: OrderFacts) => boolean {
  const orderTests: ((o: Order) => boolean)[] = [];
  const lineTests: ((l: LineFacts) => boolean)[] = [];
  for (const filter of condition.filters) {
    const onOrder = orderFields.get(filter.field);
    const onLine = lineFields.get(filter.field);
    if (onOrder) {
      const test = valueTest(filter.test, onOrder.type, asOfMs);
      orderTests.push((o) => test(onOrder.read(o)));
    } else if (onLine) {
      const test = valueTest(filter.test, onLine.type, asOfMs);
      lineTests.push((l) => test(onLine.read(l)));
    } else {
      orderTests.push(never); // unknown: validation refuses it
    }
  }
  const hasLine = (o: OrderFacts): boolean =>
    lineTests.length === 0 || o.lines.some((l) => allHold(lineTests, l));
  return (o) => allHold(orderTests, o.order) && hasLine(o);
}

/** One node alone, `negate` applied: a group with its subtree, judged as in its definition. */
export function nodePredicate(node: SegmentNode, context: EvaluationContext): Predicate {
  return new EvaluatorCompiler(context).node(node, 0);
}

/** One condition alone (a membership matches no one here: it needs the saved segments). */
export function conditionPredicate(condition: Condition, context: EvaluationContext): Predicate {
  return new EvaluatorCompiler(context).node({ ...condition, negate: false }, 0);
}

export function allHold<T>(tests: readonly ((x: T) => boolean)[], x: T): boolean {
  for (const t of tests) if (!t(x)) return false;
  return true;
}

export type NumericMeasure =
  | 'total_spend_cents'
  | 'order_count'
  | 'average_order_cents'
  | 'days_since_last_order'
  | 'promo_share';

/** What every numeric order measure reads: running totals over the orders counted, in any order. */
export interface OrderTally {
  count: number;
  spendCents: number;
  /** Orders that used a promo code (usedPromo). */
  promos: number;
  /** The latest order: the first of the latest instant seen. */
  latest: OrderFacts | null;
}

export function emptyTally(): OrderTally {
  return { count: 0, spendCents: 0, promos: 0, latest: null };
}

/** An order used a promo code when it has one that is not the empty string. */
export function usedPromo(order: Order): boolean {
  return order.promo_code !== null && order.promo_code !== '';
}

/** Adds one order to a tally. */
export function tallyOrder(tally: OrderTally, o: OrderFacts): void {
  tally.count += 1;
  tally.spendCents += o.order.total_cents;
  if (usedPromo(o.order)) tally.promos += 1;
  if (tally.latest === null || o.placedMs > tally.latest.placedMs) tally.latest = o;
}

/** A numeric measure of the orders tallied: counts and sums are 0 without orders, the rest missing. */
export function tallyMeasure(
  measure: NumericMeasure,
  tally: OrderTally,
  asOf: string,
): number | null {
  const { count, spendCents, promos, latest } = tally;
  if (measure === 'order_count') return count;
  if (measure === 'total_spend_cents') return spendCents;
  if (latest === null) return null; // no order

  if (measure === 'average_order_cents') return roundHalfEven(spendCents / count);
  if (measure === 'promo_share') return promos / count;
  return daysBetween(latest.order.placed_at, asOf);
}

/** A numeric aggregate over the orders `counted` keeps. */
export function orderMeasure(
  measure: NumericMeasure,
  orders: readonly OrderFacts[],
  counted: (o: OrderFacts) => boolean,
  asOf: string,
): number | null {
  const tally = emptyTally();
  for (const o of orders) if (counted(o)) tallyOrder(tally, o);
  return tallyMeasure(measure, tally, asOf);
}

/** The channels (or payment methods) of the orders `counted` keeps. */
export function usedValues(
  measure: 'channels_used' | 'payment_methods_used',
  orders: readonly OrderFacts[],
  counted: (o: OrderFacts) => boolean,
): Set<string> {
  const channels = measure === 'channels_used';
  const used = new Set<string>();
  for (const o of orders) {
    if (counted(o)) used.add(channels ? o.order.channel : o.order.payment_method);
  }
  return used;
}

/**
 * The category with the largest Σ qty over the lines (with a known product) of the orders
 * `counted` keeps, ties to the alphabetically first; null without such lines.
 */
export function favouriteCategory(
  orders: readonly OrderFacts[],
  counted: (o: OrderFacts) => boolean,
): string | null {
  const qty = new Map<string, number>();
  for (const o of orders) {
    if (!counted(o)) continue;
    for (const { line, product } of o.lines) {
      if (product) qty.set(product.category, (qty.get(product.category) ?? 0) + line.qty);
    }
  }
  let best: string | null = null;
  let bestQty = -Infinity;
  for (const [category, n] of qty) {
    if (n > bestQty || (n === bestQty && best !== null && category < best)) {
      best = category;
      bestQty = n;
    }
  }
  return best;
}

function propertyFilter(
  filter: PropertyFilter,
): (props: Readonly<Record<string, unknown>>) => boolean {
  const name = propertyName(filter.field);
  if (name === null) return never; // not a property: validation refuses it
  const test = dynamicTest(filter.test);
  return (props) => test(propertyValue(props, name));
}
