// The customer's whole history as one virtualised timeline, newest first, loading pages as it
// scrolls. Reusable: the message preview puts it beside every recipient's rendered message, marks
// the entries its guardrails cite as evidence, and asks it to bring one of them into view (loading
// older pages until that entry is there). Entries stack their columns when the panel is narrow.
import { useInfiniteQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { clsx } from 'clsx';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimelineEntry, TimelineKind } from '../../api/contract.ts';
import { Badge } from '../../ui/Badge.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { Spinner } from '../../ui/Spinner.tsx';
import { formatCount, formatDateTime } from '../../ui/format.ts';
import { customerQueries, type TimelineFilters as Filters } from './queries.ts';
import { TimelineEntryView } from './TimelineEntryView.tsx';
import { TimelineFilters } from './TimelineFilters.tsx';

/** An entry someone points at (a guardrail's evidence): highlighted, with their label. */
export interface TimelineMark {
  kind: TimelineKind;
  id: string;
  label: string;
}

/** The entry to bring into view; a new `request` brings the same entry back into view. */
export interface TimelineFocus {
  kind: TimelineKind;
  id: string;
  request: number;
}

export interface TimelineProps {
  customerId: string;
  filters: Filters;
  onFiltersChange: (next: Filters) => void;
  marks?: readonly TimelineMark[];
  focus?: TimelineFocus | null;
}

const keyOf = (kind: string, id: string) => `${kind}:${id}`;

export function Timeline({
  customerId,
  filters,
  onFiltersChange,
  marks = [],
  focus = null,
}: TimelineProps) {
  const { t } = useTranslation('customers');
  const query = useInfiniteQuery(customerQueries.timeline(customerId, filters));
  const entries = useMemo(() => query.data?.pages.flatMap((p) => p.entries) ?? [], [query.data]);
  const focusIndex =
    focus === null ? -1 : entries.findIndex((e) => e.kind === focus.kind && e.id === focus.id);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  // The focused entry is on an older page: load pages until it is there.
  useEffect(() => {
    if (focus !== null && focusIndex < 0 && hasNextPage && !isFetchingNextPage)
      void fetchNextPage({ cancelRefetch: false });
  }, [focus, focusIndex, hasNextPage, isFetchingNextPage, fetchNextPage]);
  const labels = useMemo(() => {
    const byEntry = new Map<string, string[]>();
    for (const m of marks) {
      const key = keyOf(m.kind, m.id);
      const list = byEntry.get(key) ?? [];
      if (!list.includes(m.label)) list.push(m.label);
      byEntry.set(key, list);
    }
    return byEntry;
  }, [marks]);
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
        {() => (
          <VirtualEntries
            entries={entries}
            hasMore={query.hasNextPage}
            loadingMore={query.isFetchingNextPage}
            loadMore={() => void query.fetchNextPage()}
            labels={labels}
            focusIndex={focusIndex}
            focusRequest={focus?.request ?? 0}
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
  labels,
  focusIndex,
  focusRequest,
}: {
  entries: TimelineEntry[];
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  /** The marks' labels by entry (kind:id). */
  labels: ReadonlyMap<string, readonly string[]>;
  /** The entry to bring into view, or -1. */
  focusIndex: number;
  focusRequest: number;
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
  useEffect(() => {
    if (focusIndex >= 0) virtualizer.scrollToIndex(focusIndex, { align: 'center' });
  }, [virtualizer, focusIndex, focusRequest]);

  return (
    <div ref={scrollRef} className="@container min-h-0 flex-1 overflow-y-auto" tabIndex={0}>
      <ol
        aria-label={t('timeline.entriesLabel')}
        className="relative w-full"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {items.map((item) => {
          const entry = entries[item.index];
          const marked = entry === undefined ? undefined : labels.get(keyOf(entry.kind, entry.id));
          const focused = item.index === focusIndex;
          return (
            <li
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              aria-setsize={hasMore ? -1 : entries.length}
              aria-posinset={item.index + 1}
              aria-current={focused || undefined}
              className={clsx(
                'absolute inset-x-0 top-0 border-b border-line',
                marked !== undefined && 'border-l-4 border-l-warn-600 bg-warn-50',
                focused && 'ring-2 ring-accent-500 ring-inset',
              )}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {marked !== undefined && (
                <p className="flex flex-wrap gap-1 px-4 pt-2">
                  {marked.map((label) => (
                    <Badge key={label} tone="warn">
                      {label}
                    </Badge>
                  ))}
                </p>
              )}
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
