// The customer's whole history as one virtualised timeline, newest first, loading pages as it
// scrolls. Reusable: the message preview puts it beside every recipient's rendered message.
import { useInfiniteQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '../../api/contract.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { Spinner } from '../../ui/Spinner.tsx';
import { formatCount, formatDateTime } from '../../ui/format.ts';
import { customerQueries, type TimelineFilters as Filters } from './queries.ts';
import { TimelineEntryView } from './TimelineEntryView.tsx';
import { TimelineFilters } from './TimelineFilters.tsx';

export interface TimelineProps {
  customerId: string;
  filters: Filters;
  onFiltersChange: (next: Filters) => void;
}

export function Timeline({ customerId, filters, onFiltersChange }: TimelineProps) {
  const { t } = useTranslation('customers');
  const query = useInfiniteQuery(customerQueries.timeline(customerId, filters));
  const filtered = filters.kinds.length > 0 || filters.channels.length > 0;
  const total = query.data?.pages[0]?.total;
  return (
    <section aria-label={t('timeline.history')} className="flex min-h-0 flex-1 flex-col">
      <header className="flex flex-col gap-1.5 border-b border-line px-4 py-2">
        <div className="flex items-baseline gap-2">
          <h2 className="text-base font-semibold">{t('timeline.history')}</h2>
          <span className="text-sm text-fg-muted tabular-nums" aria-live="polite">
            {total === undefined
              ? ''
              : t(filtered ? 'timeline.entriesMatch' : 'timeline.entries', {
                  count: total,
                  total: formatCount(total),
                })}
          </span>
          <span className="ml-auto text-xs text-fg-subtle">{t('timeline.order')}</span>
        </div>
        <TimelineFilters value={filters} onChange={onFiltersChange} />
      </header>
      <QueryState
        status={query.status}
        error={query.error}
        data={query.data}
        loadingLabel={t('timeline.loading')}
        onRetry={() => void query.refetch()}
        retrying={query.isRefetching}
        isEmpty={(data) => (data.pages[0]?.entries.length ?? 0) === 0}
        empty={
          <EmptyState
            title={filtered ? t('timeline.noMatchTitle') : t('timeline.emptyTitle')}
            description={filtered ? t('timeline.noMatchDetail') : t('timeline.emptyDetail')}
          />
        }
      >
        {(data) => (
          <VirtualEntries
            entries={data.pages.flatMap((p) => p.entries)}
            hasMore={query.hasNextPage}
            loadingMore={query.isFetchingNextPage}
            loadMore={() => void query.fetchNextPage()}
          />
        )}
      </QueryState>
    </section>
  );
}

function VirtualEntries({
  entries,
  hasMore,
  loadingMore,
  loadMore,
}: {
  entries: TimelineEntry[];
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
}) {
  const { t } = useTranslation('customers');
  const scrollRef = useRef<HTMLDivElement>(null);
  const count = entries.length + (hasMore ? 1 : 0);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 44,
    overscan: 12,
    initialRect: { width: 900, height: 700 },
    getItemKey: (index) => entries[index]?.id ?? 'more',
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= entries.length - 1) loadMore();
  }, [hasMore, loadingMore, lastIndex, entries.length, loadMore]);

  return (
    <div ref={scrollRef} className="min-h-0 flex-1 overflow-y-auto" tabIndex={0}>
      <ol
        aria-label={t('timeline.entriesLabel')}
        className="relative w-full"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {items.map((item) => {
          const entry = entries[item.index];
          return (
            <li
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              aria-setsize={hasMore ? -1 : entries.length}
              aria-posinset={item.index + 1}
              className="absolute inset-x-0 top-0 border-b border-line"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {entry === undefined ? (
                <div
                  className="flex items-center gap-2 px-4 py-3 text-sm text-fg-muted"
                  role="status"
                >
                  <Spinner /> {t('timeline.loadingOlder')}
                </div>
              ) : (
                <TimelineEntryView entry={entry} time={formatDateTime(entry.at)} />
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
