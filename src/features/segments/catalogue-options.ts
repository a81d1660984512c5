// What the field picker offers, read from the catalogue (never a list of our own), how a picked
// item is matched back to a condition, and how conditions are named in labels.
import {
  CHANNEL_BREAKDOWN_IDS,
  SCORE_BREAKDOWN_IDS,
  breakdownColumn,
} from '../../domain/segment/breakdown.ts';
import { CONCEPT_WORDS } from '../../domain/segment/field-search.ts';
import {
  aggregateMeasure,
  reachabilityCondition,
  type BehaviourCondition,
  type Condition,
  type ReachabilityCondition,
} from '../../domain/segment/definition.ts';
import {
  aggregateField,
  attributeField,
  eventTypeOf,
  scoreField,
  type FieldCatalogue,
  type FieldInfo,
} from '../../domain/segment/catalogue-view.ts';

export type PickerKind =
  'attribute' | 'behaviour' | 'aggregate' | 'score' | 'reachability' | 'segment';
export const PICKER_KINDS: readonly { kind: PickerKind; label: string }[] = [
  { kind: 'attribute', label: 'Attributes' },
  { kind: 'behaviour', label: 'Behaviour' },
  { kind: 'aggregate', label: 'Aggregates' },
  { kind: 'score', label: 'Scores' },
  { kind: 'reachability', label: 'Reachability' },
  { kind: 'segment', label: 'Saved segments' },
];

export type PickerTarget =
  | { kind: 'attribute' | 'score' | 'aggregate'; field: FieldInfo }
  | {
      kind: 'behaviour';
      action: BehaviourCondition['action'];
      /** An order of a category, a brand…: the line filter the condition starts with. */
      filter?: { field: FieldInfo; value: string };
    }
  | { kind: 'reachability'; check: ReachabilityCondition['check'] }
  | { kind: 'segment'; segmentId: string };

/** A saved segment a membership condition can name. */
export interface SegmentChoice {
  segment_id: string;
  name: string;
}

export interface PickerItem {
  /** Unique among the items: also what a node is matched back to. */
  key: string;
  kind: PickerKind;
  label: string;
  target: PickerTarget;
  /** More words that find it (field-search.ts). */
  keywords?: readonly string[];
  /**
   * Offered only to a search one of whose words begins one of these (an order of one category
   * among dozens, found by the category's words, not by "order" alone).
   */
  searchOnly?: readonly string[];
}

/** The order-line fields whose known values are offered as "Placed an order: …" to a search. */
const ORDER_VALUE_FIELDS = ['line.category', 'line.subcategory', 'line.format', 'line.brand'];

export const ORDER_LABEL = 'Placed an order';
const checkSchema = reachabilityCondition.shape.check;
const CROSS_PROFILE_CHECKS: ReadonlySet<string> = new Set([
  'reachability.shared_device',
  'reachability.duplicate_email',
  'reachability.duplicate_phone',
]);

/** The reachability check a catalogue field stands for, by its id. */
function reachabilityCheck(id: string): ReachabilityCondition['check'] | undefined {
  const consent = /^reachability\.consent_(.+)$/.exec(id);
  const known = /^reachability\.known_consent_(.+)$/.exec(id);
  const candidate = consent
    ? { type: 'consent', channel: consent[1] }
    : known
      ? { type: 'consent_known', channel: known[1] }
      : id === 'reachability.valid_email'
        ? { type: 'valid_email' }
        : id === 'reachability.has_phone' || id === 'reachability.valid_phone'
          ? { type: 'valid_phone' }
          : id === 'reachability.usable_first_name'
            ? { type: 'usable_first_name' }
            : CROSS_PROFILE_CHECKS.has(id)
              ? { type: id.slice('reachability.'.length) }
              : null;
  const parsed = checkSchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

export function checkKey(check: ReachabilityCondition['check']): string {
  return check.type === 'consent' || check.type === 'consent_known'
    ? `reachability:${check.type}:${check.channel}`
    : `reachability:${check.type}`;
}

export function actionKey(action: BehaviourCondition['action']): string {
  return action.type === 'order' ? 'behaviour:order' : `behaviour:event:${action.event_type}`;
}

export function pickerItems(
  catalogue: FieldCatalogue,
  segments: readonly SegmentChoice[] = [],
): PickerItem[] {
  const items: PickerItem[] = [];
  for (const f of catalogue.fields) {
    if (f.group === 'attribute') {
      const field = attributeField(catalogue, f.id);
      if (field)
        items.push({
          key: `attribute:${f.id}`,
          kind: 'attribute',
          label: f.label,
          target: { kind: 'attribute', field },
        });
    } else if (f.group === 'score') {
      const field = scoreField(catalogue, f.id);
      if (field)
        items.push({
          key: `score:${f.id}`,
          kind: 'score',
          label: f.label,
          target: { kind: 'score', field },
        });
    } else if (f.group === 'aggregate') {
      const measure = aggregateMeasure.safeParse(f.id.replace(/^aggregate\./, ''));
      if (!measure.success) continue;
      const field = aggregateField(catalogue, measure.data);
      items.push({
        key: `aggregate:${f.id}`,
        kind: 'aggregate',
        label: field.label,
        target: { kind: 'aggregate', field },
      });
    } else if (f.group === 'reachability') {
      const check = reachabilityCheck(f.id);
      if (check)
        items.push({
          key: checkKey(check),
          kind: 'reachability',
          label: f.label,
          target: { kind: 'reachability', check },
        });
    }
  }
  const order = { type: 'order' } as const;
  items.push({
    key: actionKey(order),
    kind: 'behaviour',
    label: ORDER_LABEL,
    target: { kind: 'behaviour', action: order },
  });
  for (const id of ORDER_VALUE_FIELDS) {
    const listed = catalogue.fields.find((f) => f.id === id);
    if (listed === undefined) continue;
    const field = {
      id: listed.id,
      label: listed.label,
      type: listed.type,
      suggestions: listed.suggestions.map((v) => v.value),
    };
    for (const value of field.suggestions) {
      items.push({
        key: `${actionKey(order)}:${id}:${value}`,
        kind: 'behaviour',
        label: `${ORDER_LABEL}: ${value}`,
        target: { kind: 'behaviour', action: order, filter: { field, value } },
        keywords: [value.replaceAll('_', ' '), ...(CONCEPT_WORDS.get(actionKey(order)) ?? [])],
        searchOnly: [value.replaceAll('_', ' ')],
      });
    }
  }
  for (const e of catalogue.event_types) {
    const action = { type: 'event' as const, event_type: e.type };
    items.push({
      key: actionKey(action),
      kind: 'behaviour',
      label: e.label,
      target: { kind: 'behaviour', action },
    });
  }
  for (const s of segments) {
    items.push({
      key: `segment:${s.segment_id}`,
      kind: 'segment',
      label: s.name,
      target: { kind: 'segment', segmentId: s.segment_id },
    });
  }
  return items;
}

/** The picker key a condition was made from, to show it as the current choice. */
export function keyOfCondition(node: Condition): string | undefined {
  switch (node.kind) {
    case 'attribute':
      return `attribute:${node.field}`;
    case 'score':
      return `score:${node.score}`;
    case 'aggregate':
      return `aggregate:aggregate.${node.measure}`;
    case 'behaviour':
      return actionKey(node.action);
    case 'reachability':
      return checkKey(node.check);
    case 'segment':
      return `segment:${node.segment_id}`;
  }
}

/** How a condition is named in labels ("Operator for City"); a membership by its segment's name. */
export function conditionName(
  node: Condition,
  catalogue: FieldCatalogue,
  segmentNames: ReadonlyMap<string, string> = new Map(),
): string {
  switch (node.kind) {
    case 'attribute':
      return attributeField(catalogue, node.field)?.label ?? node.field;
    case 'score':
      return scoreField(catalogue, node.score)?.label ?? node.score;
    case 'aggregate':
      return aggregateField(catalogue, node.measure).label;
    case 'behaviour':
      return node.action.type === 'order'
        ? ORDER_LABEL
        : (eventTypeOf(catalogue, node.action.event_type)?.label ?? node.action.event_type);
    case 'reachability': {
      const key = checkKey(node.check);
      return pickerItems(catalogue).find((i) => i.key === key)?.label ?? key;
    }
    case 'segment':
      return `In “${segmentNames.get(node.segment_id) ?? node.segment_id}”`;
  }
}

/** One way a count can be broken down, as the picker lists it. */
export interface BreakdownChoice {
  id: string;
  /** The catalogue's label; the channels' come from the interface's words. */
  label: string | null;
  kind: 'attribute' | 'score' | 'channel';
  /** Its values are codes to read as words (choice attributes, scores, channels). */
  coded: boolean;
}

/**
 * What a count can be broken down by (the server's allowlist): the customer text and choice
 * attributes, the scores the catalogue has (a model was fitted), then the channels.
 */
export function breakdownChoices(catalogue: {
  fields: readonly { id: string; group: string; label: string; type: string }[];
}): BreakdownChoice[] {
  const attributes = catalogue.fields
    .filter((f) => f.group === 'attribute' && breakdownColumn(f.id) !== null)
    .map((f) => ({
      id: f.id,
      label: f.label,
      kind: 'attribute' as const,
      coded: f.type === 'enum',
    }));
  const scores = SCORE_BREAKDOWN_IDS.flatMap((id) => {
    const field = catalogue.fields.find((f) => f.id === id && f.group === 'score');
    return field ? [{ id, label: field.label, kind: 'score' as const, coded: true }] : [];
  });
  const channels = CHANNEL_BREAKDOWN_IDS.map((id) => ({
    id,
    label: null,
    kind: 'channel' as const,
    coded: true,
  }));
  return [...attributes, ...scores, ...channels];
}
