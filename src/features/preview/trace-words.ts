// The why-trace in words: each node of the pinned segment described as the segment builder
// describes it (describeNode, with the catalogue's value words), and the value the condition was
// tested on in the user's formats (money, days, shares, dates, coded values as words).
import type { TFunction } from 'i18next';
import type { Observed } from '../../domain/segment/trace.ts';
import { attributeField, scoreField, type FieldInfo } from '../../domain/segment/catalogue-view.ts';
import type { Condition, SegmentNode } from '../../domain/segment/definition.ts';
import { describeNode } from '../../domain/segment/describe.ts';
import { wordFor } from '../../domain/segment/value-words.ts';
import type { DomainLanguage } from '../../domain/language.ts';
import {
  formatCalendarDate,
  formatCount,
  formatDecimal,
  formatMoney,
  formatPercent,
} from '../../ui/format.ts';
import type { SegmentWording } from './parts.ts';

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Every node of the definition by id. */
export function nodesById(root: SegmentNode): Map<string, SegmentNode> {
  const nodes = new Map<string, SegmentNode>();
  const walk = (node: SegmentNode) => {
    nodes.set(node.id, node);
    if (node.kind === 'group') node.children.forEach(walk);
  };
  walk(root);
  return nodes;
}

export function describeStep(
  node: SegmentNode,
  wording: SegmentWording,
  language: DomainLanguage,
): string {
  return describeNode(node, wording.catalogue, wording.segmentNames, language, wording.valueWords);
}

const number = (n: number) => (Number.isInteger(n) ? formatCount(n) : formatDecimal(n, 2));

function scalar(
  value: string | number | boolean,
  field: FieldInfo | undefined,
  w: SegmentWording,
  t: TFunction<'preview'>,
) {
  if (typeof value === 'number') return number(value);
  if (typeof value === 'boolean') return value ? t('trace.yes') : t('trace.no');
  if (field?.type === 'date' && CALENDAR_DATE.test(value)) return formatCalendarDate(value);
  return wordFor(field, value, w.valueWords);
}

/** The value a condition was tested on, in words; null for a group. */
export function observedWords(
  node: Condition,
  observed: Observed,
  w: SegmentWording,
  t: TFunction<'preview'>,
): string {
  if (observed === null) return t('trace.noValue');
  switch (node.kind) {
    case 'segment':
      return observed === true ? t('trace.inSegment') : t('trace.notInSegment');
    case 'behaviour':
      return typeof observed === 'number'
        ? t('trace.found', { count: observed, n: formatCount(observed) })
        : String(observed);
    case 'aggregate': {
      if (Array.isArray(observed)) return observed.map((v) => w.valueWords(v)).join(', ');
      if (typeof observed !== 'number') return scalar(observed, undefined, w, t);
      switch (node.measure) {
        case 'total_spend_cents':
        case 'average_order_cents':
          return formatMoney(observed, 'EUR');
        case 'promo_share':
          return formatPercent(observed);
        case 'days_since_last_order':
          return t('trace.days', { count: observed, n: formatCount(observed) });
        default:
          return number(observed);
      }
    }
    case 'attribute':
    case 'score': {
      const field =
        node.kind === 'attribute'
          ? attributeField(w.catalogue, node.field)
          : scoreField(w.catalogue, node.score);
      if (Array.isArray(observed)) return observed.map((v) => scalar(v, field, w, t)).join(', ');
      return scalar(observed, field, w, t);
    }
    case 'reachability':
      if (node.check.type === 'consent' && (observed === 'granted' || observed === 'withdrawn'))
        return t(`trace.consent.${observed}`);
      return Array.isArray(observed) ? observed.join(', ') : String(observed);
  }
}
