// The recipient list's search and filters: a search box, « flagged only », and one toggle per
// guardrail that fired on someone, each with how many recipients it flags.
import { clsx } from 'clsx';
import { Search } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecipientsResponse } from '../../api/contract.ts';
import { guardrailIds } from '../../domain/guardrails/verdict.ts';
import { Input } from '../../ui/Input.tsx';
import { formatCount } from '../../ui/format.ts';
import { MAX_SEARCH, type RecipientFilters as Filters } from './filters.ts';
import { useVerdictWords } from './verdict-words.ts';

const SEARCH_DELAY_MS = 250;

function Toggle({
  pressed,
  onClick,
  count,
  label,
}: {
  pressed: boolean;
  onClick: () => void;
  count: number;
  label: string;
}) {
  const { t } = useTranslation('preview');
  return (
    <button
      type="button"
      aria-pressed={pressed}
      aria-label={t('recipients.toggle', { label, count, n: formatCount(count) })}
      onClick={onClick}
      className={clsx(
        'inline-flex h-6 items-center gap-1 rounded-sm border px-1.5 text-sm whitespace-nowrap',
        pressed
          ? 'border-accent-300 bg-accent-50 text-accent-800'
          : 'border-line bg-surface text-fg-muted hover:bg-subtle hover:text-fg',
      )}
    >
      {label}
      <span className="text-xs tabular-nums">{formatCount(count)}</span>
    </button>
  );
}

export function RecipientFilters({
  value,
  onChange,
  counts,
}: {
  value: Filters;
  onChange: (next: Filters) => void;
  /** The first page's figures: totals and counts per guardrail. */
  counts: RecipientsResponse | undefined;
}) {
  const { t } = useTranslation('preview');
  const words = useVerdictWords();
  const [text, setText] = useState(value.q);
  // A search reaches the URL (and the API) once typing pauses.
  const { flagged, guardrail } = value;
  useEffect(() => {
    const q = text.trim();
    if (q === value.q) return;
    const timer = setTimeout(() => onChange({ flagged, guardrail, q }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, value.q, flagged, guardrail, onChange]);
  const shown = guardrailIds.filter(
    (id) => (counts?.by_guardrail[id] ?? 0) > 0 || value.guardrail === id,
  );
  return (
    <div className="space-y-2 border-b border-line px-3 py-2">
      <div className="relative">
        <Search
          size={14}
          aria-hidden="true"
          className="pointer-events-none absolute top-1/2 left-2 -translate-y-1/2 text-fg-subtle"
        />
        <Input
          type="search"
          aria-label={t('recipients.search')}
          placeholder={t('recipients.searchPlaceholder')}
          value={text}
          maxLength={MAX_SEARCH}
          onChange={(e) => setText(e.target.value)}
          className="pl-7"
        />
      </div>
      <div className="flex flex-wrap gap-1">
        <Toggle
          pressed={value.flagged}
          count={counts?.flagged ?? 0}
          onClick={() => onChange({ ...value, flagged: !value.flagged })}
          label={t('recipients.flaggedOnly')}
        />
      </div>
      {shown.length > 0 && (
        <div role="group" aria-label={t('recipients.byGuardrail')} className="flex flex-wrap gap-1">
          {shown.map((id) => (
            <Toggle
              key={id}
              pressed={value.guardrail === id}
              count={counts?.by_guardrail[id] ?? 0}
              onClick={() => onChange({ ...value, guardrail: value.guardrail === id ? null : id })}
              label={words.name(id)}
            />
          ))}
        </div>
      )}
    </div>
  );
}
