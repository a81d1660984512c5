// A definition in plain language, in the marketer's words and language (English here, French in
// describe-fr.ts). Plain text: the UI renders it as text, so customer-provided values are only
// quoted, never escaped or marked up.
import type {
  BehaviourCondition,
  Comparison,
  Condition,
  Group,
  SegmentDefinition,
  SegmentNode,
  TimeWindow,
} from './definition.ts';
import {
  aggregateField,
  attributeField,
  behaviourFilterField,
  eventTypeOf,
  operatorLabel,
  scoreField,
  type FieldCatalogue,
  type FieldInfo,
} from './catalogue-view.ts';
import { isCalendarDate } from './validate-comparison.ts';
import { numberUnit } from './number-units.ts';
import type { DomainLanguage } from '../language.ts';
import { describeDefinitionFr, describeNodeFr } from './describe-fr.ts';
import { formatDateFr } from './phrasebook-fr.ts';
import { NO_WORDS, wordFor, type ValueWords } from './value-words.ts';

/** Segment names by id, for "in segment “Big spenders”"; the id stands in for a missing name. */
export type SegmentNames = ReadonlyMap<string, string>;
interface Context {
  catalogue: FieldCatalogue;
  names: SegmentNames;
  valueWords: ValueWords;
}
type Scalar = string | number | boolean;

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
const LIST_SHOWN = 5;

const quote = (text: string) => `“${text}”`;

/** "2026-01-01" → "1 Jan 2026" (« 1 janv. 2026 »); anything else is quoted as typed. */
export function formatDate(iso: string, language: DomainLanguage = 'en'): string {
  if (language === 'fr') return formatDateFr(iso);
  if (!isCalendarDate(iso)) return quote(iso);
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

const euros = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' });

function formatValue(field: FieldInfo | undefined, value: Scalar, valueWords = NO_WORDS): string {
  if (typeof value === 'number') {
    const unit = field === undefined ? undefined : numberUnit(field.id);
    if (unit === 'cents') return euros.format(value / 100);
    if (unit === 'euros') return euros.format(value);
    const shown = value.toLocaleString('en-GB', { maximumFractionDigits: 20 });
    return unit === 'percent' ? `${shown}%` : shown;
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return field?.type === 'date' && isCalendarDate(value)
    ? formatDate(value)
    : quote(wordFor(field, value, valueWords));
}

function joinWords(words: readonly string[], last: 'and' | 'or'): string {
  if (words.length < 2) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${last} ${words.at(-1)}`;
}

function valueList(
  field: FieldInfo | undefined,
  values: readonly Scalar[],
  last: 'and' | 'or',
  valueWords: ValueWords,
) {
  const shown = values.slice(0, LIST_SHOWN).map((v) => formatValue(field, v, valueWords));
  const rest = values.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} ${last} ${rest} more` : joinWords(shown, last);
}

const lowerFirst = (label: string) =>
  /^.[A-Z]/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const days = (n: number) => (n === 1 ? 'day' : `${n} days`);

/** The test as it reads after the field's name: "is “Paris” or “Lyon”", "is in the last 30 days". */
function comparisonText(
  field: FieldInfo | undefined,
  test: Comparison,
  valueWords: ValueWords,
): string {
  const set = field?.type === 'set';
  switch (test.operator) {
    case 'equals':
    case 'not_equals':
    case 'contains':
    case 'starts_with':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return `${operatorLabel(test.operator)} ${formatValue(field, test.value, valueWords)}`;
    case 'before':
    case 'after':
      return `${operatorLabel(test.operator)} ${formatDate(test.value)}`;
    case 'in':
      return set
        ? `includes any of ${valueList(field, test.values, 'or', valueWords)}`
        : `is ${valueList(field, test.values, 'or', valueWords)}`;
    case 'not_in':
      if (set) return `includes none of ${valueList(field, test.values, 'or', valueWords)}`;
      return test.values.length === 1
        ? `is not ${valueList(field, test.values, 'or', valueWords)}`
        : `is none of ${valueList(field, test.values, 'or', valueWords)}`;
    case 'all_of':
      return `includes all of ${valueList(field, test.values, 'and', valueWords)}`;
    case 'between':
      return `is between ${formatValue(field, test.min)} and ${formatValue(field, test.max)}`;
    case 'in_last_days':
      return `is in the last ${days(test.days)}`;
    case 'not_in_last_days':
      return `is not in the last ${days(test.days)}`;
    case 'is_empty':
    case 'is_set':
    case 'is_true':
    case 'is_false':
      return operatorLabel(test.operator, field?.type);
  }
}

/** When a behaviour or aggregate counts; empty for "ever", which is the default reading. */
function windowText(window: TimeWindow): string {
  switch (window.type) {
    case 'ever':
      return '';
    case 'last_days':
      return `in the last ${days(window.days)}`;
    case 'between':
      return `between ${formatDate(window.from)} and ${formatDate(window.to)}`;
    case 'before':
      return `before ${formatDate(window.date)}`;
    case 'after':
      return `after ${formatDate(window.date)}`;
  }
}

const words = (...parts: string[]) => parts.filter((p) => p !== '').join(' ');
const times = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);
const orders = (n: number) => `${n} ${n === 1 ? 'order' : 'orders'}`;

function filtersText(node: BehaviourCondition, ctx: Context): string {
  const parts = node.filters.map((f) => {
    const field = behaviourFilterField(ctx.catalogue, node.action, f.field);
    const name = field ? lowerFirst(field.label) : quote(f.field);
    return {
      line: f.field.startsWith('line.'),
      text: `${name} ${comparisonText(field, f.test, ctx.valueWords)}`,
    };
  });
  if (node.action.type === 'event') {
    return parts.length === 0 ? '' : `where ${parts.map((p) => p.text).join(' and ')}`;
  }
  const order = parts.filter((p) => !p.line).map((p) => p.text);
  const line = parts.filter((p) => p.line).map((p) => p.text);
  return words(
    order.length > 0 ? `whose ${order.join(' and ')}` : '',
    line.length > 0 ? `with a line whose ${line.join(' and ')}` : '',
  );
}

function behaviourText(node: BehaviourCondition, ctx: Context): string {
  const { operator, value } = node.count;
  const never = value === 0 && operator !== 'at_least';
  const filters = filtersText(node, ctx);
  const window = windowText(node.window);
  if (node.action.type === 'order') {
    const count = never
      ? 'no order'
      : operator === 'at_least' && value === 0
        ? 'any number of orders'
        : `${operator.replace('_', ' ')} ${orders(value)}`;
    return words('placed', count, filters, window);
  }
  const event = eventTypeOf(ctx.catalogue, node.action.event_type);
  const verb = event ? lowerFirst(event.label) : `did ${quote(node.action.event_type)}`;
  if (never) return words('never', verb, filters, window);
  if (operator === 'at_least' && value === 1) {
    return window === '' ? words('ever', verb, filters) : words(verb, filters, window);
  }
  const count =
    value === 0 ? 'any number of times' : `${operator.replace('_', ' ')} ${times(value)}`;
  return words(verb, filters, count, window);
}

/** A condition as "lead + text": lead is dropped in a one-line summary ("whose" city is…). */
function clause(node: Condition, ctx: Context): { lead: string; text: string } {
  const { catalogue } = ctx;
  switch (node.kind) {
    case 'attribute': {
      const field = attributeField(catalogue, node.field);
      const name = field ? lowerFirst(field.label) : quote(node.field);
      return { lead: 'whose', text: `${name} ${comparisonText(field, node.test, ctx.valueWords)}` };
    }
    case 'score': {
      const field = scoreField(catalogue, node.score);
      const name = field ? lowerFirst(field.label) : quote(node.score);
      return { lead: 'whose', text: `${name} ${comparisonText(field, node.test, ctx.valueWords)}` };
    }
    case 'aggregate': {
      const field = aggregateField(catalogue, node.measure);
      const test = comparisonText(field, node.test, ctx.valueWords);
      return { lead: 'whose', text: words(lowerFirst(field.label), test, windowText(node.window)) };
    }
    case 'behaviour':
      return { lead: 'who', text: behaviourText(node, ctx) };
    case 'reachability': {
      const { check } = node;
      if (check.type === 'valid_email') return { lead: '', text: 'with a valid email address' };
      if (check.type === 'valid_phone') return { lead: '', text: 'with a valid phone number' };
      if (check.type === 'usable_first_name')
        return { lead: '', text: 'with a first name usable in a greeting' };
      if (check.type === 'shared_device')
        return { lead: '', text: 'with a device another profile uses too' };
      if (check.type === 'duplicate_email')
        return { lead: '', text: 'with an e-mail address another profile has too' };
      if (check.type === 'duplicate_phone')
        return { lead: '', text: 'with a phone number another profile has too' };
      const channel = check.channel === 'sms' ? 'SMS' : check.channel;
      if (check.type === 'consent_known')
        return { lead: '', text: `with ${channel} consent on record` };
      return { lead: '', text: `with ${channel} consent` };
    }
    case 'segment': {
      const name = ctx.names.get(node.segment_id) ?? node.segment_id;
      return { lead: 'who are', text: `in segment ${quote(name)}` };
    }
  }
}

function nodeText(node: SegmentNode, ctx: Context, nested: boolean): string {
  if (node.kind === 'group') return groupText(node, ctx, nested);
  const { lead, text } = clause(node, ctx);
  const full = words(lead, text);
  return node.negate ? `not (${full})` : full;
}

function groupText(group: Group, ctx: Context, nested: boolean): string {
  if (group.children.length === 0) return group.negate ? 'not (no condition)' : '(no condition)';
  // A lone child reads as its group would: no parentheses inside "not (…)" or a group of one.
  const single = group.children.length === 1;
  const childNested = single ? nested && !group.negate : true;
  const items = group.children.map((child) => nodeText(child, ctx, childNested));
  let text = items[0] ?? '';
  // A comma before "and not (…)" keeps the NOT from reading as part of the clause before it.
  for (const item of items.slice(1)) {
    if (group.combinator === 'or') text += ` or ${item}`;
    else text += item.startsWith('not (') ? `, and ${item}` : ` and ${item}`;
  }
  if (group.combinator === 'or' && items.length > 1) text = `either ${text}`;
  if (group.negate) return `not (${text})`;
  return nested && items.length > 1 ? `(${text})` : text;
}

export function describeDefinition(
  definition: SegmentDefinition,
  catalogue: FieldCatalogue,
  segmentNames: SegmentNames = new Map(),
  language: DomainLanguage = 'en',
  valueWords: ValueWords = NO_WORDS,
): string {
  if (language === 'fr') {
    return describeDefinitionFr(definition, catalogue, segmentNames, valueWords);
  }
  if (definition.root.children.length === 0) return 'No condition yet';
  const ctx = { catalogue, names: segmentNames, valueWords };
  return `Customers ${groupText(definition.root, ctx, false)}`;
}

/** One line for a condition or a group in the builder ("City is “Paris”", "Any of 3 conditions"). */
export function describeNode(
  node: SegmentNode,
  catalogue: FieldCatalogue,
  segmentNames: SegmentNames = new Map(),
  language: DomainLanguage = 'en',
  valueWords: ValueWords = NO_WORDS,
): string {
  if (language === 'fr') return describeNodeFr(node, catalogue, segmentNames, valueWords);
  if (node.kind === 'group') {
    const n = node.children.length;
    if (n === 0) return node.negate ? 'Not (an empty group)' : 'An empty group';
    const count = `${n} ${n === 1 ? 'condition' : 'conditions'}`;
    if (node.combinator === 'or') return `${node.negate ? 'None' : 'Any'} of ${count}`;
    return `${node.negate ? 'Not all' : 'All'} of ${count}`;
  }
  const { text } = clause(node, { catalogue, names: segmentNames, valueWords });
  return node.negate ? `Not (${text})` : capitalise(text);
}
