// The filters every dashboard shares: a saved segment (and one of its versions), a period of
// calendar months, an order channel. Each change goes to the URL at once; the figures follow.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { orderChannel } from '../../domain/profile/schema.ts';
import { Input } from '../../ui/Input.tsx';
import { Select } from '../../ui/Select.tsx';
import { formatCount } from '../../ui/format.ts';
import type { DashboardFilters } from './filters.ts';
import { dashboardQueries } from './queries.ts';

const EVERYONE = '__everyone';
const ALL_CHANNELS = '__all';
const CURRENT = '__current';

export function FilterBar({
  filters,
  onChange,
  members,
}: {
  filters: DashboardFilters;
  onChange: (next: Partial<DashboardFilters>) => void;
  /** The filtered segment as the figures read it (its version and members), once known. */
  members: { version: number; members: number } | null;
}) {
  const { t } = useTranslation('dashboards');
  const { t: tBuilder } = useTranslation('builder');
  const segments = useQuery(dashboardQueries.segments());
  const versions = useQuery({
    ...dashboardQueries.versions(filters.segment ?? ''),
    enabled: filters.segment !== null,
  });
  const segmentOptions = [
    { value: EVERYONE, label: t('filters.everyone') },
    ...(segments.data?.segments ?? []).map((s) => ({ value: s.segment_id, label: s.name })),
  ];
  // A segment in the link that the list does not hold (yet) still shows as chosen.
  if (filters.segment !== null && !segmentOptions.some((o) => o.value === filters.segment)) {
    segmentOptions.push({ value: filters.segment, label: filters.segment });
  }
  const newest = versions.data?.versions[0]?.version;
  const versionOptions = [
    {
      value: CURRENT,
      label:
        newest === undefined ? t('filters.version') : t('filters.current', { version: newest }),
    },
    ...(versions.data?.versions.slice(1) ?? []).map((v) => ({
      value: String(v.version),
      label: t('filters.versionN', { version: v.version }),
    })),
  ];
  const channels = [
    { value: ALL_CHANNELS, label: t('filters.allChannels') },
    ...orderChannel.options.map((c) => ({ value: c, label: tBuilder(`value.${c}`) })),
  ];
  return (
    <section
      aria-label={t('filters.label')}
      className="flex flex-wrap items-end gap-3 rounded-lg border border-line bg-surface px-4 py-2.5"
    >
      <label className="grid gap-1 text-sm text-fg-muted">
        {t('filters.segment')}
        <Select
          className="w-64"
          aria-label={t('filters.segment')}
          value={filters.segment ?? EVERYONE}
          options={segmentOptions}
          onValueChange={(v) => onChange({ segment: v === EVERYONE ? null : v, version: null })}
        />
      </label>
      {filters.segment !== null && (
        <label className="grid gap-1 text-sm text-fg-muted">
          {t('filters.version')}
          <Select
            className="w-44"
            aria-label={t('filters.version')}
            value={
              filters.version === null || filters.version === newest
                ? CURRENT
                : String(filters.version)
            }
            options={versionOptions}
            onValueChange={(v) => onChange({ version: v === CURRENT ? null : Number(v) })}
          />
        </label>
      )}
      <label className="grid gap-1 text-sm text-fg-muted">
        {t('filters.from')}
        <Input
          type="month"
          className="w-40"
          value={filters.from}
          max={filters.to}
          onChange={(e) => {
            if (e.target.value !== '') onChange({ from: e.target.value });
          }}
        />
      </label>
      <label className="grid gap-1 text-sm text-fg-muted">
        {t('filters.to')}
        <Input
          type="month"
          className="w-40"
          value={filters.to}
          min={filters.from}
          onChange={(e) => {
            if (e.target.value !== '') onChange({ to: e.target.value });
          }}
        />
      </label>
      <label className="grid gap-1 text-sm text-fg-muted">
        {t('filters.channel')}
        <Select
          className="w-44"
          aria-label={t('filters.channel')}
          value={filters.channel ?? ALL_CHANNELS}
          options={channels}
          onValueChange={(v) => {
            const parsed = orderChannel.safeParse(v);
            onChange({ channel: parsed.success ? parsed.data : null });
          }}
        />
      </label>
      <p className="ml-auto self-center text-sm text-fg-muted">
        {members !== null &&
          `${t('filters.members', {
            count: members.members,
            countText: formatCount(members.members),
            version: members.version,
          })} · `}
        {t('filters.utc')}
      </p>
    </section>
  );
}
