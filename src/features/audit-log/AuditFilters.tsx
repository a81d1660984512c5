// The filters above the log: who (part of a login or a name) and the target's id, sent once typing
// stops or on Enter; the action; the first and last day. Each change goes to the URL at once.
import { X } from 'lucide-react';
import { useEffect, useState, type ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { Input } from '../../ui/Input.tsx';
import { Select } from '../../ui/Select.tsx';
import { useDebounced } from '../../ui/useDebounced.ts';
import { hasFilters, type AuditLogFilters } from './filters.ts';
import { useActionOptions } from './words.tsx';

/** How long typing pauses before the filter applies. */
export const TYPING_PAUSE_MS = 300;

/**
 * A text filter as typed, sent once typing pauses or on Enter. A value the URL gets from elsewhere
 * (cleared filters, a link) replaces what was typed.
 */
function TextFilter({
  value,
  onCommit,
  ...input
}: { value: string | undefined; onCommit: (text: string) => void } & Omit<
  ComponentProps<typeof Input>,
  'value' | 'onChange'
>) {
  const [draft, setDraft] = useState(value ?? '');
  const [applied, setApplied] = useState(value);
  if (value !== applied) {
    setApplied(value);
    if ((value ?? '') !== draft.trim()) setDraft(value ?? '');
  }
  const settled = useDebounced(draft, TYPING_PAUSE_MS);
  useEffect(() => {
    if (settled === draft && settled.trim() !== (value ?? '')) onCommit(settled);
  }, [settled, draft, value, onCommit]);
  return (
    <Input
      {...input}
      value={draft}
      onChange={(event) => setDraft(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') onCommit(draft);
      }}
    />
  );
}

export function AuditFilters({
  filters,
  onChange,
}: {
  filters: AuditLogFilters;
  onChange: (change: AuditLogFilters) => void;
}) {
  const { t } = useTranslation('auditlog');
  const actions = useActionOptions();
  return (
    <div role="group" aria-label={t('filters.label')} className="flex flex-wrap items-end gap-2">
      <Field label={t('filters.actor')} className="w-56">
        {(control) => (
          <TextFilter
            {...control}
            type="search"
            maxLength={120}
            placeholder={t('filters.actorPlaceholder')}
            value={filters.actor}
            onCommit={(actor) => onChange({ actor })}
          />
        )}
      </Field>
      <Field label={t('filters.action')} className="w-64">
        {(control) => (
          <Select
            {...control}
            value={filters.action ?? 'all'}
            onValueChange={(action) => onChange({ action: action === 'all' ? undefined : action })}
            options={actions}
          />
        )}
      </Field>
      <Field label={t('filters.target')} className="w-48">
        {(control) => (
          <TextFilter
            {...control}
            type="search"
            maxLength={200}
            placeholder={t('filters.targetPlaceholder')}
            value={filters.target}
            onCommit={(target) => onChange({ target })}
            className="font-mono"
          />
        )}
      </Field>
      <Field label={t('filters.from')} className="w-36">
        {(control) => (
          <Input
            {...control}
            type="date"
            value={filters.from ?? ''}
            max={filters.to}
            onChange={(event) => onChange({ from: event.target.value })}
          />
        )}
      </Field>
      <Field label={t('filters.to')} className="w-36">
        {(control) => (
          <Input
            {...control}
            type="date"
            value={filters.to ?? ''}
            min={filters.from}
            onChange={(event) => onChange({ to: event.target.value })}
          />
        )}
      </Field>
      {hasFilters(filters) && (
        <Button
          variant="ghost"
          icon={<X aria-hidden="true" />}
          onClick={() =>
            onChange({
              actor: undefined,
              action: undefined,
              target: undefined,
              from: undefined,
              to: undefined,
            })
          }
        >
          {t('filters.clear')}
        </Button>
      )}
    </div>
  );
}
