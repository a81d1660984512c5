// The value boxes of one test, chosen by the field's type and the operator: text, known values,
// a list, a number or a range, a date, relative days, or nothing for yes/no and empty/set.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Comparison } from '../../domain/segment/definition.ts';
import type { FieldInfo } from '../../domain/segment/catalogue-view.ts';
import { numberUnit } from '../../domain/segment/number-units.ts';
import { Select } from '../../ui/Select.tsx';
import { hasIssue, useBuilder } from './builder-context.ts';
import { useBuilderWords } from './builder-words.ts';
import { MultiValueInput } from './MultiValueInput.tsx';
import { DateField, NumberField, TextValue } from './ValueInputs.tsx';

/** One test of a condition or filter: the operator editor's props, passed on to the value boxes. */
export interface TestProps {
  nodeId: string;
  /** Where the test sits in the node: `test`, or `filters.0.test`. */
  path: string;
  /** The condition or filter's name, for labels: "Operator for City". */
  name: string;
  field: FieldInfo;
  test: Comparison;
  onTest: (test: Comparison, coalesce?: string) => void;
  autoFocus?: boolean;
}

const Word = ({ children }: { children: string }) => (
  <span className="text-base text-fg-muted">{children}</span>
);

export function ValueEditor({ nodeId, path, name, field, test, onTest, autoFocus }: TestProps) {
  const { t } = useTranslation('builder');
  const api = useBuilder();
  const words = useBuilderWords();
  const at = (part: string) => `${path}.${part}`;
  const typing = (part: string) => `${nodeId}:${at(part)}`;
  const box = (part: string, label: string) => ({ nodeId, path: at(part), label, autoFocus });
  const codes = field.type === 'enum' || field.type === 'set';
  const unit = numberUnit(field.id);
  let value: ReactNode = null;
  switch (test.operator) {
    case 'equals':
    case 'not_equals':
      if (field.type === 'number') {
        value = (
          <NumberField
            {...box('value', t('test.valueFor', { name }))}
            unit={unit}
            value={typeof test.value === 'boolean' ? '' : test.value}
            onValue={(n) => onTest({ ...test, value: n }, typing('value'))}
          />
        );
      } else if (field.type === 'enum' && field.suggestions.length > 0) {
        value = (
          <div className="w-40">
            <Select
              aria-label={t('test.valueFor', { name })}
              aria-invalid={hasIssue(api.issues(nodeId), at('value')) || undefined}
              placeholder={t('test.pick')}
              value={typeof test.value === 'string' && test.value !== '' ? test.value : undefined}
              options={field.suggestions.map((s) => ({ value: s, label: words.value(s) }))}
              onValueChange={(v) => onTest({ ...test, value: v })}
            />
          </div>
        );
      } else {
        value = (
          <TextValue
            {...box('value', t('test.valueFor', { name }))}
            listLabel={t('values.known', { name })}
            value={String(test.value)}
            suggestions={field.suggestions}
            onValue={(text, isTyping) =>
              onTest({ ...test, value: text }, isTyping ? typing('value') : undefined)
            }
          />
        );
      }
      break;
    case 'in':
    case 'not_in':
    case 'all_of':
      value = (
        <MultiValueInput
          nodeId={nodeId}
          path={at('values')}
          name={name}
          values={test.values}
          suggestions={field.suggestions}
          closed={codes && field.suggestions.length > 0}
          numeric={field.type === 'number'}
          codes={codes}
          autoFocus={autoFocus}
          onValues={(values) => onTest({ ...test, values })}
        />
      );
      break;
    case 'contains':
    case 'starts_with':
      value = (
        <TextValue
          {...box('value', t('test.valueFor', { name }))}
          listLabel={t('values.known', { name })}
          value={test.value}
          suggestions={[]}
          onValue={(text) => onTest({ ...test, value: text }, typing('value'))}
        />
      );
      break;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      value = (
        <NumberField
          {...box('value', t('test.valueFor', { name }))}
          unit={unit}
          value={test.value}
          onValue={(n) => onTest({ ...test, value: n }, typing('value'))}
        />
      );
      break;
    case 'between': {
      const { min, max } = test;
      value =
        typeof min === 'number' && typeof max === 'number' ? (
          <>
            <NumberField
              {...box('min', t('test.minFor', { name }))}
              unit={unit}
              value={min}
              onValue={(n) => onTest({ ...test, min: n }, typing('min'))}
            />
            <Word>{t('test.and')}</Word>
            <NumberField
              {...box('max', t('test.maxFor', { name }))}
              unit={unit}
              value={max}
              autoFocus={false}
              onValue={(n) => onTest({ ...test, max: n }, typing('max'))}
            />
          </>
        ) : (
          <>
            <DateField
              {...box('min', t('test.fromFor', { name }))}
              value={String(min)}
              onValue={(d) => onTest({ ...test, min: d })}
            />
            <Word>{t('test.and')}</Word>
            <DateField
              {...box('max', t('test.toFor', { name }))}
              value={String(max)}
              autoFocus={false}
              onValue={(d) => onTest({ ...test, max: d })}
            />
          </>
        );
      break;
    }
    case 'before':
    case 'after':
      value = (
        <DateField
          {...box('value', t('test.dateFor', { name }))}
          value={test.value}
          onValue={(d) => onTest({ ...test, value: d })}
        />
      );
      break;
    case 'in_last_days':
    case 'not_in_last_days':
      value = (
        <>
          <NumberField
            {...box('days', t('test.daysFor', { name }))}
            className="w-16"
            integer
            min={1}
            max={36_500}
            value={test.days}
            onValue={(n) => onTest({ ...test, days: n }, typing('days'))}
          />
          <Word>{t('test.days')}</Word>
        </>
      );
      break;
    case 'is_empty':
    case 'is_set':
    case 'is_true':
    case 'is_false':
      value = null;
  }

  return value;
}
