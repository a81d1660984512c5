// The saved segments: size now, last edit, author, version and what uses each; filter by name,
// sort by any column, open one in the builder, or tick two or three to see how they overlap.
import { useQuery } from '@tanstack/react-query';
import { Plus, Shapes } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useAuthorText } from '../../ui/author.ts';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { SegmentListItem } from '../../api/contract.ts';
import { compareText } from '../../domain/compare.ts';
import { buttonClass } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { Input } from '../../ui/Input.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { SortHeader } from '../../ui/SortHeader.tsx';
import { Table, TBody, Td, Th, THead, Tr } from '../../ui/Table.tsx';
import { compareLabels, formatCount, formatDateTime } from '../../ui/format.ts';
import { share } from './audience-format.ts';
import { OverlapPanel } from './OverlapPanel.tsx';
import { segmentQueries } from './queries.ts';

type SortKey = 'name' | 'size' | 'updated_at' | 'author';
const MAX_COMPARED = 3;

function usageText(t: TFunction<'segments'>, item: SegmentListItem): string {
  const { campaigns, segments } = item.usage;
  const parts = [
    campaigns.length > 0 &&
      t('list.usage.campaigns', { count: campaigns.length, n: formatCount(campaigns.length) }),
    segments.length > 0 &&
      t('list.usage.segments', { count: segments.length, n: formatCount(segments.length) }),
  ].filter(Boolean);
  return parts.length === 0 ? t('list.usage.none') : parts.join(', ');
}

function usageTitle(t: TFunction<'segments'>, item: SegmentListItem): string | undefined {
  const names = [
    ...item.usage.campaigns.map((c) =>
      t('usage.campaign', { name: c.name, status: t(`usage.status.${c.status}`) }),
    ),
    ...item.usage.segments.map((s) => t('usage.segment', { name: s.name })),
  ];
  return names.length === 0 ? undefined : names.join('\n');
}

function sorted(items: readonly SegmentListItem[], key: SortKey, descending: boolean) {
  const compare = (a: SegmentListItem, b: SegmentListItem) => {
    switch (key) {
      case 'name':
        return compareLabels(a.name, b.name);
      case 'author':
        return compareLabels(a.author, b.author);
      case 'size':
        return a.size - b.size;
      case 'updated_at':
        return compareText(a.updated_at, b.updated_at);
    }
  };
  const direction = descending ? -1 : 1;
  return [...items].sort(
    (a, b) => direction * compare(a, b) || compareText(a.segment_id, b.segment_id),
  );
}

export function SegmentList() {
  const { t } = useTranslation('segments');
  const authorText = useAuthorText();
  const list = useQuery(segmentQueries.list());
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: 'name',
    descending: false,
  });
  const [picked, setPicked] = useState<string[]>([]);
  const [compared, setCompared] = useState<string[] | null>(null);
  const onSort = (key: SortKey) =>
    setSort((s) => ({
      key,
      descending: s.key === key ? !s.descending : key === 'size' || key === 'updated_at',
    }));
  const rows = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const items = list.data?.segments ?? [];
    const kept = needle === '' ? items : items.filter((s) => s.name.toLowerCase().includes(needle));
    return sorted(kept, sort.key, sort.descending);
  }, [list.data, filter, sort]);
  const toggle = (id: string) =>
    setPicked((current) =>
      current.includes(id)
        ? current.filter((p) => p !== id)
        : [...current, id].slice(-MAX_COMPARED),
    );

  return (
    <div className="mx-auto max-w-[1200px] space-y-3 px-5 py-4">
      <header className="flex items-center gap-2">
        <h2 className="text-lg font-semibold text-fg">{t('list.heading')}</h2>
        {list.data && (
          <span className="text-sm text-fg-subtle">
            {t('list.summary', {
              count: list.data.segments.length,
              segments: formatCount(list.data.segments.length),
              at: formatDateTime(list.data.as_of),
              total: formatCount(list.data.total),
            })}
          </span>
        )}
        <span className="flex-1" />
        <Link to="/segments/new" className={buttonClass('primary')}>
          <Plus aria-hidden="true" />
          {t('list.new')}
        </Link>
      </header>
      <div className="flex items-center gap-2">
        <Input
          aria-label={t('list.filter.label')}
          placeholder={t('list.filter.placeholder')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          className="max-w-72"
        />
        <span className="flex-1" />
        <span className="text-sm text-fg-muted" aria-live="polite">
          {picked.length === 0
            ? t('list.compare.hint')
            : t('list.compare.ticked', { count: picked.length, n: formatCount(picked.length) })}
        </span>
        <button
          type="button"
          className={buttonClass('secondary')}
          disabled={picked.length < 2}
          onClick={() => setCompared(picked)}
        >
          <Shapes aria-hidden="true" />
          {t('list.compare.button')}
        </button>
      </div>
      <QueryState
        status={list.status}
        error={list.error}
        data={list.data}
        isEmpty={(d) => d.segments.length === 0}
        empty={
          <EmptyState
            title={t('list.empty.title')}
            description={t('list.empty.description')}
            action={
              <Link to="/segments/new" className={buttonClass('primary')}>
                {t('list.new')}
              </Link>
            }
          />
        }
        loadingLabel={t('list.loading')}
        onRetry={() => void list.refetch()}
        retrying={list.isRefetching}
      >
        {(data) => (
          <div className="rounded-lg border border-line bg-surface">
            <Table aria-label={t('list.heading')}>
              <THead>
                <tr>
                  <Th className="w-8">
                    <span className="sr-only">{t('list.column.compare')}</span>
                  </Th>
                  <SortHeader
                    label={t('list.column.name')}
                    column="name"
                    sort={sort}
                    onSort={onSort}
                  />
                  <SortHeader
                    label={t('list.column.size')}
                    column="size"
                    sort={sort}
                    onSort={onSort}
                    numeric
                  />
                  <Th numeric>{t('list.column.share')}</Th>
                  <SortHeader
                    label={t('list.column.updatedAt')}
                    column="updated_at"
                    sort={sort}
                    onSort={onSort}
                  />
                  <SortHeader
                    label={t('list.column.author')}
                    column="author"
                    sort={sort}
                    onSort={onSort}
                  />
                  <Th numeric>{t('list.column.version')}</Th>
                  <Th>{t('list.column.usedBy')}</Th>
                </tr>
              </THead>
              <TBody>
                {rows.length === 0 && (
                  <tr>
                    <Td colSpan={8} className="text-fg-muted">
                      {t('list.noMatch', { filter: filter.trim() })}
                    </Td>
                  </tr>
                )}
                {rows.map((item) => (
                  <Tr key={item.segment_id} aria-selected={picked.includes(item.segment_id)}>
                    <Td>
                      <input
                        type="checkbox"
                        aria-label={t('list.compareOne', { name: item.name })}
                        checked={picked.includes(item.segment_id)}
                        onChange={() => toggle(item.segment_id)}
                        className="size-3.5 accent-accent-600"
                      />
                    </Td>
                    <Td className="max-w-[360px]">
                      <Link
                        to={`/segments/${encodeURIComponent(item.segment_id)}`}
                        className="block truncate font-medium text-accent-700 hover:underline"
                      >
                        {item.name}
                      </Link>
                      {item.description !== '' && (
                        <span className="block truncate text-xs text-fg-muted">
                          {item.description}
                        </span>
                      )}
                    </Td>
                    <Td numeric>{formatCount(item.size)}</Td>
                    <Td numeric className="text-fg-muted">
                      {share(item.size, data.total)}
                    </Td>
                    <Td className="whitespace-nowrap">{formatDateTime(item.updated_at)}</Td>
                    <Td className="max-w-[160px] truncate">{authorText(item.author)}</Td>
                    <Td numeric>{item.version}</Td>
                    <Td title={usageTitle(t, item)} className="whitespace-nowrap text-fg-muted">
                      {item.usage.campaigns.length > 0 ? (
                        <Link
                          to={`/campaigns?segment=${encodeURIComponent(item.segment_id)}`}
                          className="text-accent-700 hover:underline"
                        >
                          {usageText(t, item)}
                        </Link>
                      ) : (
                        usageText(t, item)
                      )}
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </div>
        )}
      </QueryState>
      {compared !== null && <OverlapPanel ids={compared} onClose={() => setCompared(null)} />}
    </div>
  );
}
