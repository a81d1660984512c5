// The JavaScript evaluator of segment definitions (the memory store's engine and the reference the
// SQL compiler is held to). A definition is compiled once into a predicate over CustomerFacts.
//
// It assumes a VALID definition (validate.ts) and never throws on odd data. The semantics are those
// of definition.ts's header; where that header leaves a choice, this is the decision (sql.ts makes
// the same, and docs/decisions/005-segment-semantics.md says why):
// - Missing: null, an absent event property, JSON null, a non-scalar property. Every operator but
//   `is_empty` is false on a missing value; `not_equals` / `not_in` need a present value (so they are
//   not the negation of `equals` / `in`: NOT is what `negate` is for). An empty string is a present
//   value for every operator except `is_empty` / `is_set`.
// - A value only equals a value of its own JSON type: a string field never equals the number 5, a
//   number property 5 never equals "5"; `in` / `not_in` / `all_of` compare element by element the
//   same way; `all_of` on a single value is "equals every listed value" (true on an empty list when
//   the value is present). Operators that do not fit the type (gt on a string, contains on a
//   number, before on a number, date operators on event properties) are false.
// - Strings compare after `toLowerCase()` (SQL: `lower()`), enums exactly (contains and starts_with
//   too). Dates and instants compare as UTC instants: a calendar date d is the instant d 00:00Z;
//   `equals d` is "on the UTC day d"; `before`, `after`, `between`, `in_last_days` as the windows
//   below; `not_in_last_days` is "present and not in the last N days" (so a future date is in it).
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
//   valid_email = isValidEmail; valid_phone = at least MIN_PHONE_DIGITS ASCII digits.
// - Scores come from CustomerFacts.scores, typed by their value (number or string); absent = missing.
// - Membership evaluates the referenced definition; an unknown segment, or nesting deeper than
//   MAX_MEMBERSHIP_DEPTH (only a cycle gets there), matches no one.
// - A group without children is false (then `negate` flips it), so NOT stays a complement.
import { daysBetween, isValidEmail, type CatalogueType } from '../profile/catalogue.ts';
import { latestConsents, roundHalfEven } from '../profile/figures.ts';
import type { CustomerEvent, Order } from '../profile/schema.ts';
import type {
  AggregateCondition,
  BehaviourCondition,
  Comparison,
  Condition,
  Group,
  PropertyFilter,
  SegmentDefinition,
  SegmentNode,
} from './definition.ts';
import {
  MAX_MEMBERSHIP_DEPTH,
  comparisonRange,
  customerFields,
  dayRange,
  inRange,
  instantOf,
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
  type Scalar,
  type TimeRange,
} from './facts.ts';
import { compareText } from '../compare.ts';

export type Predicate = (facts: CustomerFacts) => boolean;
type ValueTest = (value: Scalar) => boolean;

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

// ---------------------------------------------------------------- value tests

/** A test on a value of a fixed type (the field's catalogue type). */
export function valueTest(test: Comparison, type: CatalogueType, asOfMs: number): ValueTest {
  switch (type) {
    case 'string':
      return textTest(test, true);
    case 'enum':
      return textTest(test, false);
    case 'number':
      return numberTest(test);
    case 'boolean':
      return booleanTest(test);
    case 'date':
      return dateTest(test, asOfMs);
  }
}

/** `negatable` gives the test on a present value; not_* and is_set follow from it. */
function listTests<T>(
  test: Comparison,
  accepts: (x: unknown) => x is T,
  equals: (x: T) => (v: Scalar) => boolean,
  present: (v: Scalar) => boolean,
): ValueTest | null {
  const one = (x: unknown): ((v: Scalar) => boolean) => (accepts(x) ? equals(x) : never);
  switch (test.operator) {
    case 'equals':
      return one(test.value);
    case 'not_equals': {
      const eq = one(test.value);
      return (v) => present(v) && !eq(v);
    }
    case 'in': {
      const tests = test.values.map(one);
      return (v) => tests.some((t) => t(v));
    }
    case 'not_in': {
      const tests = test.values.map(one);
      return (v) => present(v) && !tests.some((t) => t(v));
    }
    case 'all_of': {
      const tests = test.values.map(one);
      return (v) => present(v) && tests.every((t) => t(v));
    }
    default:
      return null;
  }
}

const isString = (x: unknown): x is string => typeof x === 'string';
const isNumber = (x: unknown): x is number => typeof x === 'number';
const isBoolean = (x: unknown): x is boolean => typeof x === 'boolean';

/** `fold` remembered for up to 50,000 distinct strings: the same cities and formats recur. */
function remembered(fold: (s: string) => string): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    let folded = seen.get(s);
    if (folded === undefined) {
      folded = fold(s);
      if (seen.size < 50_000) seen.set(s, folded);
    }
    return folded;
  };
}

const lower = (s: string): string => s.toLowerCase();
const same = (s: string): string => s;

/** Strings ignore case (`caseless`), enums do not. */
function textTest(test: Comparison, caseless: boolean): ValueTest {
  const rawFold = caseless ? lower : same;
  const fold = caseless ? remembered(lower) : same;
  const listed = listedValues(test);
  if (listed !== null) {
    const wanted = new Set(listed.filter(isString).map(rawFold));
    const has = (v: Scalar): boolean => typeof v === 'string' && wanted.has(fold(v));
    switch (test.operator) {
      case 'equals':
      case 'in':
        return has;
      case 'not_equals':
      case 'not_in':
        return (v) => typeof v === 'string' && !has(v);
      default: {
        // all_of on one value: every listed value equals it (so they all fold alike).
        if (!listed.every(isString) || wanted.size > 1) return never;
        return (v) => typeof v === 'string' && (wanted.size === 0 || has(v));
      }
    }
  }
  switch (test.operator) {
    case 'contains': {
      const part = rawFold(test.value);
      return (v) => typeof v === 'string' && fold(v).includes(part);
    }
    case 'starts_with': {
      const part = rawFold(test.value);
      return (v) => typeof v === 'string' && fold(v).startsWith(part);
    }
    case 'is_empty':
      return (v) => typeof v !== 'string' || v === '';
    case 'is_set':
      return (v) => typeof v === 'string' && v !== '';
    default:
      return never;
  }
}

function numberTest(test: Comparison): ValueTest {
  const present = (v: Scalar): boolean => typeof v === 'number';
  const listed = listTests(test, isNumber, (x) => (v) => v === x, present);
  if (listed) return listed;
  switch (test.operator) {
    case 'gt': {
      const x = test.value;
      return (v) => typeof v === 'number' && v > x;
    }
    case 'gte': {
      const x = test.value;
      return (v) => typeof v === 'number' && v >= x;
    }
    case 'lt': {
      const x = test.value;
      return (v) => typeof v === 'number' && v < x;
    }
    case 'lte': {
      const x = test.value;
      return (v) => typeof v === 'number' && v <= x;
    }
    case 'between': {
      const { min, max } = test;
      if (typeof min !== 'number' || typeof max !== 'number') return never;
      return (v) => typeof v === 'number' && min <= v && v <= max;
    }
    case 'is_empty':
      return (v) => typeof v !== 'number';
    case 'is_set':
      return present;
    default:
      return never;
  }
}

function booleanTest(test: Comparison): ValueTest {
  const present = (v: Scalar): boolean => typeof v === 'boolean';
  const listed = listTests(test, isBoolean, (x) => (v) => v === x, present);
  if (listed) return listed;
  switch (test.operator) {
    case 'is_true':
      return (v) => v === true;
    case 'is_false':
      return (v) => v === false;
    case 'is_empty':
      return (v) => typeof v !== 'boolean';
    case 'is_set':
      return present;
    default:
      return never;
  }
}

function rangeTest(r: TimeRange | null): (ms: number) => boolean {
  return r === null ? never : (ms) => inRange(ms, r);
}

function dateTest(test: Comparison, asOfMs: number): ValueTest {
  const present = (v: Scalar): boolean => instantOf(v) !== null;
  const listed = listTests(
    test,
    isString,
    (x) => {
      const onDay = rangeTest(dayRange(x));
      return (v) => {
        const ms = instantOf(v);
        return ms !== null && onDay(ms);
      };
    },
    present,
  );
  if (listed) return listed;
  switch (test.operator) {
    case 'before':
    case 'after':
    case 'between':
    case 'in_last_days': {
      const within = rangeTest(comparisonRange(test, asOfMs));
      return (v) => {
        const ms = instantOf(v);
        return ms !== null && within(ms);
      };
    }
    case 'not_in_last_days': {
      const within = rangeTest(comparisonRange(test, asOfMs));
      return (v) => {
        const ms = instantOf(v);
        return ms !== null && !within(ms);
      };
    }
    case 'is_empty':
      return (v) => !present(v);
    case 'is_set':
      return present;
    default:
      return never;
  }
}

/** A test on a value whose type is its own JSON type (event properties, scores). */
export function dynamicTest(test: Comparison): ValueTest {
  const asText = textTest(test, true);
  const asNumber = numberTest(test);
  const asBoolean = booleanTest(test);
  return (v) => {
    if (typeof v === 'number') return asNumber(v);
    if (typeof v === 'boolean') return asBoolean(v);
    return asText(v); // a string, or missing (where every type agrees)
  };
}

/** The listed values of equals / in / not_equals / not_in / all_of, or null for other operators. */
function listedValues(test: Comparison): readonly (string | number | boolean)[] | null {
  switch (test.operator) {
    case 'equals':
    case 'not_equals':
      return [test.value];
    case 'in':
    case 'not_in':
    case 'all_of':
      return test.values;
    default:
      return null;
  }
}

/** A test on a set of enum values (channels used…); an empty set is missing. */
function setTest(test: Comparison): (values: ReadonlySet<string>) => boolean {
  const listed = listedValues(test) ?? [];
  const xs = listed.filter(isString);
  switch (test.operator) {
    case 'equals':
    case 'in':
      return (set) => xs.some((x) => set.has(x));
    case 'not_equals':
    case 'not_in':
      return (set) => set.size > 0 && !xs.some((x) => set.has(x));
    case 'all_of':
      if (xs.length < listed.length) return never;
      return (set) => set.size > 0 && xs.every((x) => set.has(x));
    case 'is_empty':
      return (set) => set.size === 0;
    case 'is_set':
      return (set) => set.size > 0;
    default:
      return never;
  }
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

  constructor(private readonly context: EvaluationContext) {
    this.asOfMs = Date.parse(context.asOf);
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
        return (f) => latestOf(f).get(check.channel) === 'granted';
      }
      case 'segment':
        return this.membership(condition.segment_id, depth + 1);
    }
  }

  private membership(segmentId: string, depth: number): Predicate {
    const definition = this.context.segments.get(segmentId);
    if (!definition || depth > MAX_MEMBERSHIP_DEPTH) return never;
    const key = `${depth}:${segmentId}`;
    let p = this.memberships.get(key);
    if (!p) {
      p = this.node(definition.root, depth);
      this.memberships.set(key, p);
    }
    return p;
  }

  private when(window: BehaviourCondition['window']): (ms: number) => boolean {
    const r = windowRange(window, this.asOfMs);
    if (r === null) return never;
    if (isUnbounded(r)) return () => true;
    const { from, until } = r;
    return (ms) => from <= ms && ms < until;
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
    const within = this.when(condition.window);
    const counted = (o: OrderFacts): boolean =>
      o.order.status === 'completed' && within(o.placedMs);
    const asOfMs = this.asOfMs;
    const asOf = this.context.asOf;
    switch (condition.measure) {
      case 'channels_used':
      case 'payment_methods_used': {
        const test = setTest(condition.test);
        const channels = condition.measure === 'channels_used';
        return (f) => {
          const used = new Set<string>();
          for (const o of f.orders) {
            if (counted(o)) used.add(channels ? o.order.channel : o.order.payment_method);
          }
          return test(used);
        };
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

/** A numeric aggregate over the orders `counted` keeps. */
export function orderMeasure(
  measure: NumericMeasure,
  orders: readonly OrderFacts[],
  counted: (o: OrderFacts) => boolean,
  asOf: string,
): number | null {
  let n = 0;
  let sum = 0;
  let promos = 0;
  let last: OrderFacts | null = null;
  for (const o of orders) {
    if (!counted(o)) continue;
    n += 1;
    sum += o.order.total_cents;
    if (o.order.promo_code !== null && o.order.promo_code !== '') promos += 1;
    if (last === null || o.placedMs > last.placedMs) last = o;
  }
  if (measure === 'order_count') return n;
  if (measure === 'total_spend_cents') return sum;
  if (n === 0 || last === null) return null;
  if (measure === 'average_order_cents') return roundHalfEven(sum / n);
  if (measure === 'promo_share') return promos / n;
  return daysBetween(last.order.placed_at, asOf);
}

function favouriteCategory(
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
