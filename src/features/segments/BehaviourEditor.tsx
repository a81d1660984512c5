// A behaviour reads like a sentence: "[did] [Placed an order] [at least] [1] times [in the last]
// [90] days", then the filters on the event, the order or its lines.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BehaviourCondition } from '../../domain/segment/definition.ts';
import { Select } from '../../ui/Select.tsx';
import { useBuilder } from './builder-context.ts';
import { BehaviourFilters } from './BehaviourFilters.tsx';
import { useBuilderWords } from './builder-words.ts';
import { NumberField } from './ValueInputs.tsx';
import { formatCount } from '../../ui/format.ts';
import { WindowEditor } from './WindowEditor.tsx';

type Count = BehaviourCondition['count'];
const COUNT_OPERATORS: readonly Count['operator'][] = ['at_least', 'at_most', 'exactly'];

/** More times than this is legal but surely a slip: the builder says so beside the count. */
export const UNLIKELY_TIMES = 1_000;

/** "did not" is a count of zero, as the description reads it ("never …"). */
export const didNot = (count: Count) => count.value === 0 && count.operator !== 'at_least';

export function BehaviourEditor({
  node,
  fieldPicker,
}: {
  node: BehaviourCondition;
  fieldPicker: ReactNode;
}) {
  const { t } = useTranslation('builder');
  const api = useBuilder();
  const words = useBuilderWords();
  const name = useBuilder().names.get(node.id) ?? words.condition(node);
  const never = didNot(node.count);
  const setCount = (count: Count, coalesce?: string) => api.update({ ...node, count }, coalesce);
  return (
    <div className="flex min-w-0 flex-col gap-1.5">
      <div className="flex min-w-0 flex-wrap items-center gap-1.5">
        <div className="shrink-0">
          <Select
            aria-label={t('behaviour.didLabel', { name })}
            value={never ? 'did_not' : 'did'}
            options={[
              { value: 'did', label: t('behaviour.did') },
              { value: 'did_not', label: t('behaviour.didNot') },
            ]}
            onValueChange={(v) =>
              setCount(
                v === 'did_not'
                  ? { operator: 'exactly', value: 0 }
                  : { operator: 'at_least', value: 1 },
              )
            }
          />
        </div>
        {fieldPicker}
        {!never && (
          <>
            <div className="shrink-0">
              <Select
                aria-label={t('behaviour.howMany', { name })}
                value={node.count.operator}
                options={COUNT_OPERATORS.map((value) => ({
                  value,
                  label: t(`behaviour.count.${value}`),
                }))}
                onValueChange={(operator) => setCount({ ...node.count, operator })}
              />
            </div>
            <NumberField
              nodeId={node.id}
              path="count.value"
              label={t('behaviour.timesFor', { name })}
              className="w-16"
              integer
              min={0}
              max={1_000_000}
              value={node.count.value}
              onValue={(value) => setCount({ ...node.count, value }, `${node.id}:count.value`)}
            />
            <span className="text-base text-fg-muted">
              {t('behaviour.times', { count: node.count.value })}
            </span>
          </>
        )}
        <WindowEditor
          nodeId={node.id}
          name={name}
          window={node.window}
          onWindow={(window, coalesce) => api.update({ ...node, window }, coalesce)}
        />
      </div>
      {!never && node.count.operator === 'at_least' && node.count.value === 0 && (
        <p className="text-sm text-warn-700">{t('behaviour.warnEveryone')}</p>
      )}
      {!never && node.count.value > UNLIKELY_TIMES && node.count.operator !== 'at_most' && (
        <p className="text-sm text-warn-700">
          {t('behaviour.warnUnlikely', { count: formatCount(node.count.value) })}
        </p>
      )}
      <BehaviourFilters node={node} name={name} />
    </div>
  );
}
