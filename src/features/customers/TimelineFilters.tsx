// Toggle filters for the timeline: by kind and by channel; nothing pressed means everything.
import { clsx } from 'clsx';
import { useTranslation } from 'react-i18next';
import { timelineKind, type TimelineKind } from '../../api/contract.ts';
import { channel as channelSchema, type Channel } from '../../domain/profile/schema.ts';
import type { TimelineFilters as Filters } from './queries.ts';
import { channelLabel } from './labels.ts';

function toggle<T>(list: readonly T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

function Chip({
  pressed,
  onClick,
  children,
}: {
  pressed: boolean;
  onClick: () => void;
  children: string;
}) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onClick}
      className={clsx(
        'h-6 rounded-sm border px-1.5 text-sm whitespace-nowrap focus-visible:outline-2 focus-visible:outline-focus',
        pressed
          ? 'border-accent-300 bg-accent-50 text-accent-800'
          : 'border-line bg-surface text-fg-muted hover:bg-subtle hover:text-fg',
      )}
    >
      {children}
    </button>
  );
}

export function TimelineFilters({
  value,
  onChange,
}: {
  value: Filters;
  onChange: (next: Filters) => void;
}) {
  const { t } = useTranslation('customers');
  const kinds: readonly TimelineKind[] = timelineKind.options;
  const channels: readonly Channel[] = channelSchema.options;
  const any = value.kinds.length > 0 || value.channels.length > 0;
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
      <div role="group" aria-label={t('timeline.filters.byKind')} className="flex flex-wrap gap-1">
        {kinds.map((k) => (
          <Chip
            key={k}
            pressed={value.kinds.includes(k)}
            onClick={() => onChange({ ...value, kinds: toggle(value.kinds, k) })}
          >
            {t(`kind.${k}`)}
          </Chip>
        ))}
      </div>
      <div
        role="group"
        aria-label={t('timeline.filters.byChannel')}
        className="flex flex-wrap gap-1"
      >
        {channels.map((c) => (
          <Chip
            key={c}
            pressed={value.channels.includes(c)}
            onClick={() => onChange({ ...value, channels: toggle(value.channels, c) })}
          >
            {channelLabel(t, c)}
          </Chip>
        ))}
      </div>
      {any && (
        <button
          type="button"
          className="text-sm text-accent-700 hover:underline"
          onClick={() => onChange({ kinds: [], channels: [] })}
        >
          {t('timeline.filters.clear')}
        </button>
      )}
    </div>
  );
}
