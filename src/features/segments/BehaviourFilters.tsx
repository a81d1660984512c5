// The filters of a behaviour: on the event's properties, or on the order and its lines, each a
// field and a test; all must hold.
import { Plus, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { BehaviourCondition, PropertyFilter } from '../../domain/segment/definition.ts';
import { behaviourFilterFields } from '../../domain/segment/catalogue-view.ts';
import { Button } from '../../ui/Button.tsx';
import { Select } from '../../ui/Select.tsx';
import { hasIssue, useBuilder } from './builder-context.ts';
import { useBuilderWords } from './builder-words.ts';
import { defaultOperator, makeTest } from './test-defaults.ts';
import { TestEditor } from './TestEditor.tsx';

export function BehaviourFilters({ node, name }: { node: BehaviourCondition; name: string }) {
  const { t } = useTranslation('builder');
  const api = useBuilder();
  const words = useBuilderWords();
  const fields = behaviourFilterFields(api.catalogue, node.action);
  // An order's fields are in the catalogue; an event's properties by their name.
  const fieldLabel = (field: (typeof fields)[number]) =>
    field.id.startsWith('property.')
      ? words.property(field.label)
      : words.field(field.id, field.label);
  const labelOf = (id: string) => {
    const field = fields.find((f) => f.id === id);
    return field ? fieldLabel(field) : id;
  };
  const setFilters = (filters: PropertyFilter[], coalesce?: string) =>
    api.update({ ...node, filters }, coalesce);
  const filterFor = (fieldId: string): PropertyFilter | undefined => {
    const field = fields.find((f) => f.id === fieldId);
    if (!field) return undefined;
    return {
      field: field.id,
      test: makeTest(field.type, defaultOperator(field.type), undefined, api.today),
    };
  };
  const first = fields[0];
  if (fields.length === 0) return null;

  return (
    <>
      {node.filters.map((filter, i) => {
        const field = fields.find((f) => f.id === filter.field);
        const filterName = t('filters.name', { filter: labelOf(filter.field), name });
        return (
          <div key={i} className="flex min-w-0 flex-wrap items-center gap-1.5 pl-6">
            <span className="w-10 text-right text-base text-fg-muted">
              {i === 0 ? t('filters.where') : t('filters.and')}
            </span>
            <div className="w-44">
              <Select
                aria-label={t('filters.field', { index: i + 1, name })}
                aria-invalid={hasIssue(api.issues(node.id), `filters.${i}.field`) || undefined}
                value={field ? filter.field : undefined}
                placeholder={filter.field}
                options={fields.map((f) => ({ value: f.id, label: fieldLabel(f) }))}
                onValueChange={(id) => {
                  const next = filterFor(id);
                  if (next) setFilters(node.filters.with(i, next));
                }}
              />
            </div>
            {field && (
              <TestEditor
                nodeId={node.id}
                path={`filters.${i}.test`}
                name={filterName}
                field={field}
                test={filter.test}
                onTest={(test, coalesce) =>
                  setFilters(node.filters.with(i, { ...filter, test }), coalesce)
                }
              />
            )}
            <Button
              variant="ghost"
              size="sm"
              aria-label={t('filters.remove', { filter: labelOf(filter.field), name })}
              icon={<X aria-hidden="true" />}
              onClick={() => setFilters(node.filters.filter((_, k) => k !== i))}
            />
          </div>
        );
      })}
      {first && (
        <div className="pl-6">
          <Button
            variant="ghost"
            size="sm"
            icon={<Plus aria-hidden="true" />}
            aria-label={t('filters.add', { name })}
            onClick={() => {
              const next = filterFor(first.id);
              if (next) setFilters([...node.filters, next]);
            }}
          >
            {t('filters.button')}
          </Button>
        </div>
      )}
    </>
  );
}
