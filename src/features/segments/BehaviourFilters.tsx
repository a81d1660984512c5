// The filters of a behaviour: on the event's properties, or on the order and its lines, each a
// field and a test; all must hold.
import { Plus, X } from 'lucide-react';
import type { BehaviourCondition, PropertyFilter } from '../../domain/segment/definition.ts';
import { behaviourFilterFields } from '../../domain/segment/catalogue-view.ts';
import { Button } from '../../ui/Button.tsx';
import { Select } from '../../ui/Select.tsx';
import { humanize } from '../../ui/format.ts';
import { hasIssue, useBuilder } from './builder-context.ts';
import { defaultOperator, makeTest } from './test-defaults.ts';
import { TestEditor } from './TestEditor.tsx';

export function BehaviourFilters({ node, name }: { node: BehaviourCondition; name: string }) {
  const api = useBuilder();
  const fields = behaviourFilterFields(api.catalogue, node.action);
  const labelOf = (id: string) => {
    const field = fields.find((f) => f.id === id);
    return field ? humanize(field.label) : id;
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
        const filterName = `${labelOf(filter.field)} (${name})`;
        return (
          <div key={i} className="flex min-w-0 flex-wrap items-center gap-1.5 pl-6">
            <span className="w-10 text-right text-base text-fg-muted">
              {i === 0 ? 'where' : 'and'}
            </span>
            <div className="w-44">
              <Select
                aria-label={`Filter field ${i + 1} for ${name}`}
                aria-invalid={hasIssue(api.issues(node.id), `filters.${i}.field`) || undefined}
                value={field ? filter.field : undefined}
                placeholder={filter.field}
                options={fields.map((f) => ({ value: f.id, label: humanize(f.label) }))}
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
              aria-label={`Remove filter ${labelOf(filter.field)} from ${name}`}
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
            aria-label={`Add a filter to ${name}`}
            onClick={() => {
              const next = filterFor(first.id);
              if (next) setFilters([...node.filters, next]);
            }}
          >
            Filter
          </Button>
        </div>
      )}
    </>
  );
}
