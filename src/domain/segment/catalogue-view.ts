// The field catalogue as the segment builder and validation see it: which fields, event types and
// filters exist, their types, and the operators each type allows, in the marketer's words.
// Structurally compatible with the API's catalogue response, so the app passes that in unchanged.
import type { AggregateMeasure, BehaviourCondition, Operator } from './definition.ts';

export type FieldGroup =
  'attribute' | 'behaviour' | 'order' | 'order_line' | 'aggregate' | 'reachability' | 'score';
export type FieldType = 'string' | 'enum' | 'number' | 'date' | 'boolean';
/** A field's type, plus `set` for the set-valued aggregates (channels used…). */
export type ValueType = FieldType | 'set';

export interface Suggestion {
  readonly value: string;
}
export interface CatalogueFieldView {
  readonly id: string;
  readonly group: FieldGroup;
  readonly label: string;
  readonly type: FieldType;
  readonly suggestions: readonly Suggestion[];
}
export interface EventPropertyView {
  readonly name: string;
  readonly type: FieldType;
  readonly suggestions: readonly Suggestion[];
}
export interface EventTypeView {
  readonly type: string;
  readonly label: string;
  readonly properties: readonly EventPropertyView[];
}
export interface FieldCatalogue {
  readonly fields: readonly CatalogueFieldView[];
  readonly event_types: readonly EventTypeView[];
}

/** Anything a test can apply to: an attribute, a score, an aggregate or a behaviour filter. */
export interface FieldInfo {
  readonly id: string;
  readonly label: string;
  readonly type: ValueType;
  /** Known values; for enum and set types an empty list means any value is accepted. */
  readonly suggestions: readonly string[];
}

export const OPERATORS_BY_TYPE: Readonly<Record<ValueType, readonly Operator[]>> = {
  string: ['equals', 'not_equals', 'in', 'not_in', 'contains', 'starts_with', 'is_empty', 'is_set'],
  enum: ['equals', 'not_equals', 'in', 'not_in', 'is_empty', 'is_set'],
  number: [
    'equals',
    'not_equals',
    'gt',
    'gte',
    'lt',
    'lte',
    'between',
    'in',
    'not_in',
    'is_empty',
    'is_set',
  ],
  date: ['before', 'after', 'between', 'in_last_days', 'not_in_last_days', 'is_empty', 'is_set'],
  boolean: ['is_true', 'is_false', 'is_empty', 'is_set'],
  set: ['in', 'not_in', 'all_of', 'is_empty'],
};

export function operatorAllowed(type: ValueType, operator: Operator): boolean {
  return OPERATORS_BY_TYPE[type].includes(operator);
}

const operatorLabels: Readonly<Record<Operator, string>> = {
  equals: 'is',
  not_equals: 'is not',
  in: 'is any of',
  not_in: 'is none of',
  all_of: 'includes all of',
  contains: 'contains',
  starts_with: 'starts with',
  gt: 'is more than',
  gte: 'is at least',
  lt: 'is less than',
  lte: 'is at most',
  between: 'is between',
  before: 'is before',
  after: 'is after',
  in_last_days: 'in the last … days',
  not_in_last_days: 'not in the last … days',
  is_empty: 'is empty',
  is_set: 'is set',
  is_true: 'is yes',
  is_false: 'is no',
};

/** The operator as the picker shows it; a set reads "includes any of", not "is any of". */
export function operatorLabel(operator: Operator, type?: ValueType): string {
  if (type === 'set' && operator === 'in') return 'includes any of';
  if (type === 'set' && operator === 'not_in') return 'includes none of';
  return operatorLabels[operator];
}

export const TYPE_NOUNS: Readonly<Record<ValueType, string>> = {
  string: 'a text',
  enum: 'a choice',
  number: 'a number',
  date: 'a date',
  boolean: 'a yes/no',
  set: 'a list of values',
};

/** Where each aggregate's known values come from (its type and default label otherwise). */
const aggregateSpecs: Readonly<
  Record<AggregateMeasure, { label: string; type: ValueType; valuesFrom?: string }>
> = {
  total_spend_cents: { label: 'Total spend (€)', type: 'number' },
  order_count: { label: 'Number of orders', type: 'number' },
  average_order_cents: { label: 'Average order value (€)', type: 'number' },
  days_since_last_order: { label: 'Days since last order', type: 'number' },
  promo_share: { label: 'Share of orders with a promotion', type: 'number' },
  favourite_category: { label: 'Favourite category', type: 'enum', valuesFrom: 'line.category' },
  channels_used: { label: 'Channels used', type: 'set', valuesFrom: 'order.channel' },
  payment_methods_used: {
    label: 'Payment methods used',
    type: 'set',
    valuesFrom: 'order.payment_method',
  },
};

/** The order and line fields a behaviour on orders may filter on. */
export const ORDER_FILTER_FIELDS: readonly string[] = [
  'order.channel',
  'order.store_id',
  'order.payment_method',
  'order.promo_code',
  'line.sku',
  'line.category',
  'line.subcategory',
  'line.format',
  'line.brand',
  'line.unit_price_cents',
  'line.qty',
];
const orderFilterFields = new Set(ORDER_FILTER_FIELDS);

interface CatalogueIndex {
  fields: Map<string, CatalogueFieldView>;
  events: Map<string, { view: EventTypeView; properties: Map<string, EventPropertyView> }>;
}
const indexes = new WeakMap<FieldCatalogue, CatalogueIndex>();

/** Maps, never plain objects: `__proto__` or `constructor` is never a known field. */
function indexOf(catalogue: FieldCatalogue): CatalogueIndex {
  const cached = indexes.get(catalogue);
  if (cached) return cached;
  const fields = new Map<string, CatalogueFieldView>();
  for (const f of catalogue.fields) if (!fields.has(f.id)) fields.set(f.id, f);
  const events: CatalogueIndex['events'] = new Map();
  for (const view of catalogue.event_types) {
    if (events.has(view.type)) continue;
    const properties = new Map<string, EventPropertyView>();
    for (const p of view.properties) if (!properties.has(p.name)) properties.set(p.name, p);
    events.set(view.type, { view, properties });
  }
  const index = { fields, events };
  indexes.set(catalogue, index);
  return index;
}

function info(id: string, label: string, type: ValueType, s: readonly Suggestion[]): FieldInfo {
  return { id, label, type, suggestions: s.map((x) => x.value) };
}

/** Any catalogue field by id, whatever its group. */
export function catalogueField(
  catalogue: FieldCatalogue,
  id: string,
): CatalogueFieldView | undefined {
  return indexOf(catalogue).fields.get(id);
}

function fieldOfGroup(catalogue: FieldCatalogue, id: string, group: FieldGroup) {
  const f = catalogueField(catalogue, id);
  return f && f.group === group ? info(f.id, f.label, f.type, f.suggestions) : undefined;
}

export function attributeField(catalogue: FieldCatalogue, id: string): FieldInfo | undefined {
  return fieldOfGroup(catalogue, id, 'attribute');
}

export function scoreField(catalogue: FieldCatalogue, id: string): FieldInfo | undefined {
  return fieldOfGroup(catalogue, id, 'score');
}

/** An aggregate is always known; the catalogue may rename it and supplies its values. */
export function aggregateField(catalogue: FieldCatalogue, measure: AggregateMeasure): FieldInfo {
  const spec = aggregateSpecs[measure];
  const listed = catalogueField(catalogue, `aggregate.${measure}`);
  const source =
    spec.valuesFrom === undefined ? undefined : catalogueField(catalogue, spec.valuesFrom);
  return info(
    `aggregate.${measure}`,
    listed?.label ?? spec.label,
    spec.type,
    source?.suggestions ?? [],
  );
}

export function eventTypeOf(catalogue: FieldCatalogue, type: string): EventTypeView | undefined {
  return indexOf(catalogue).events.get(type)?.view;
}

type Action = BehaviourCondition['action'];

/** The filters a behaviour may use: the event's `property.*`, or the order's and its lines'. */
export function behaviourFilterFields(catalogue: FieldCatalogue, action: Action): FieldInfo[] {
  if (action.type === 'order') {
    return ORDER_FILTER_FIELDS.flatMap((id) => {
      const f = catalogueField(catalogue, id);
      return f ? [info(f.id, f.label, f.type, f.suggestions)] : [];
    });
  }
  const event = indexOf(catalogue).events.get(action.event_type);
  return [...(event?.properties.values() ?? [])].map((p) =>
    info(`property.${p.name}`, p.name, p.type, p.suggestions),
  );
}

export function behaviourFilterField(
  catalogue: FieldCatalogue,
  action: Action,
  field: string,
): FieldInfo | undefined {
  if (action.type === 'order') {
    if (!orderFilterFields.has(field)) return undefined;
    const f = catalogueField(catalogue, field);
    return f ? info(f.id, f.label, f.type, f.suggestions) : undefined;
  }
  if (!field.startsWith('property.')) return undefined;
  const name = field.slice('property.'.length);
  const p = indexOf(catalogue).events.get(action.event_type)?.properties.get(name);
  return p ? info(field, p.name, p.type, p.suggestions) : undefined;
}
