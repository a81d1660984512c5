// The condition editors' words for the domain's codes, in the user's language: catalogue fields,
// event types and properties, known values, operators, and the names conditions and groups go by
// in labels. A code the builder catalogue lacks (a score the data adds, a new event property)
// keeps the label the catalogue response gives it, or its humanized code.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type {
  Condition,
  Operator,
  ReachabilityCondition,
  SegmentDefinition,
  SegmentNode,
} from '../../domain/segment/definition.ts';
import type { FieldCatalogue, ValueType } from '../../domain/segment/catalogue-view.ts';
import { isCoded, type ValueWords } from '../../domain/segment/value-words.ts';
import { humanize } from '../../ui/format.ts';
import { useBuilder } from './builder-context.ts';
import { conditionName, type PickerItem } from './catalogue-options.ts';

export interface BuilderWords {
  /** A catalogue field by id (`customer.city`, `aggregate.order_count`, `score.rfm_cell`). */
  field: (id: string, fallback: string) => string;
  /** A property an event filter can test. */
  property: (name: string) => string;
  /** A known value of an enum or a list (call_centre → Call centre). */
  value: (code: string) => string;
  operator: (operator: Operator, type: ValueType) => string;
  /** An entry of the field picker. */
  item: (item: PickerItem) => string;
  /** A condition as its field button and its labels name it. */
  condition: (node: Condition) => string;
}

function flatten(words: object, prefix = '', into = new Map<string, string>()) {
  for (const [key, value] of Object.entries(words)) {
    if (typeof value === 'string') into.set(`${prefix}${key}`, value);
    else if (typeof value === 'object' && value !== null) flatten(value, `${prefix}${key}.`, into);
  }
  return into;
}

/** The catalogue field a reachability check is listed as. */
function checkField(check: ReachabilityCondition['check']): string {
  switch (check.type) {
    case 'consent':
      return `reachability.consent_${check.channel}`;
    case 'consent_known':
      return `reachability.known_consent_${check.channel}`;
    case 'valid_email':
      return 'reachability.valid_email';
    case 'valid_phone':
      return 'reachability.has_phone';
    case 'usable_first_name':
      return 'reachability.usable_first_name';
    case 'shared_device':
    case 'duplicate_email':
    case 'duplicate_phone':
      return `reachability.${check.type}`;
  }
}

/** The builder catalogue's words for known values (gold → Or), for the domain's descriptions. */
export function valueWords(t: TFunction<'builder'>): ValueWords {
  const words = new Map([
    ...flatten(t('value', { returnObjects: true })),
    ...flatten(t('category', { ns: 'customers', returnObjects: true })),
    ...flatten(t('productFormat', { ns: 'customers', returnObjects: true })),
  ]);
  return (code) => words.get(code) ?? humanize(code);
}

export function useValueWords(): ValueWords {
  const { t } = useTranslation('builder');
  return useMemo(() => valueWords(t), [t]);
}

/** The words for a catalogue and the saved segments' names, in the language of `t`. */
export function builderWords(
  t: TFunction<'builder'>,
  catalogue: FieldCatalogue,
  segmentNames: ReadonlyMap<string, string>,
): BuilderWords {
  {
    const fields = flatten(t('field', { returnObjects: true }));
    const events = flatten(t('event', { returnObjects: true }));
    const properties = flatten(t('property', { returnObjects: true }));
    const value = valueWords(t);
    const field = (id: string, fallback: string) => fields.get(id) ?? fallback;
    const event = (type: string, fallback: string) => events.get(type) ?? fallback;
    return {
      field,
      property: (name) => properties.get(name) ?? humanize(name),
      value,
      operator: (operator, type) =>
        type === 'set' && operator === 'in'
          ? t('operator.set_in')
          : type === 'set' && operator === 'not_in'
            ? t('operator.set_not_in')
            : t(`operator.${operator}`),
      item: ({ target, label }) => {
        switch (target.kind) {
          case 'attribute':
          case 'score':
          case 'aggregate':
            return field(target.field.id, label);
          case 'behaviour':
            if (target.filter)
              return t('picker.orderOf', {
                value: isCoded(target.filter.field)
                  ? value(target.filter.value)
                  : target.filter.value,
              });
            return target.action.type === 'order'
              ? t('event.order')
              : event(target.action.event_type, label);
          case 'reachability':
            return field(checkField(target.check), label);
          case 'segment':
            return label;
        }
      },
      condition: (node) => {
        const english = () => conditionName(node, catalogue, segmentNames);
        switch (node.kind) {
          case 'attribute':
            return field(node.field, english());
          case 'score':
            return field(node.score, english());
          case 'aggregate':
            return field(`aggregate.${node.measure}`, english());
          case 'behaviour':
            return node.action.type === 'order'
              ? t('event.order')
              : event(node.action.event_type, english());
          case 'reachability':
            return field(checkField(node.check), english());
          case 'segment':
            return t('condition.inSegment', {
              segment: segmentNames.get(node.segment_id) ?? node.segment_id,
            });
        }
      },
    };
  }
}

export function useBuilderWords(): BuilderWords {
  const { t } = useTranslation('builder');
  const { catalogue, segmentNames } = useBuilder();
  return useMemo(() => builderWords(t, catalogue, segmentNames), [t, catalogue, segmentNames]);
}

/** Conditions by their field ("City", "City (2)"), groups by their place in reading order ("Group 2"). */
export function nameNodes(
  definition: SegmentDefinition,
  words: BuilderWords,
  t: TFunction<'builder'>,
): Map<string, string> {
  const names = new Map<string, string>([[definition.root.id, t('group.root')]]);
  let groups = 0;
  const seen = new Map<string, number>();
  const walk = (node: SegmentNode) => {
    if (node.kind !== 'group') {
      // Two conditions on one field get distinct labels: "Placed an order", "Placed an order (2)".
      const name = words.condition(node);
      const n = (seen.get(name) ?? 0) + 1;
      seen.set(name, n);
      names.set(node.id, n === 1 ? name : `${name} (${n})`);
      return;
    }
    if (node !== definition.root) names.set(node.id, t('group.nameN', { n: (groups += 1) }));
    node.children.forEach(walk);
  };
  walk(definition.root);
  return names;
}
