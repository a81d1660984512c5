// The left column: the campaign's recipients, virtualised and paged by cursor as it scrolls, each
// row a link to that recipient (name as text, id, the guardrails that flag them). The current row
// stays in view as the keyboard moves through the list, and keeps the focus if it was in the list.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { Spinner } from '../../ui/Spinner.tsx';
import { RecipientRow } from './RecipientRow.tsx';
import type { Recipients } from './useRecipients.ts';

const ROW_HEIGHT = 56;

export function RecipientList({
  recipients,
  filtered,
  hrefOf,
  listRef,
}: {
  recipients: Recipients;
  /** Whether a search or a filter narrows the list (the empty state says so). */
  filtered: boolean;
  hrefOf: (customerId: string) => string;
  listRef: RefObject<HTMLDivElement | null>;
}) {
  const { t } = useTranslation('preview');
  const { query } = recipients;
  return (
    <QueryState
      status={query.status}
      error={query.error}
      data={query.data}
      isEmpty={(data) => (data.pages[0]?.recipients.length ?? 0) === 0}
      empty={
        <EmptyState
          title={filtered ? t('recipients.noMatchTitle') : t('recipients.emptyTitle')}
          description={filtered ? t('recipients.noMatchDetail') : t('recipients.emptyDetail')}
        />
      }
      loadingLabel={t('recipients.loading')}
      onRetry={() => void query.refetch()}
      retrying={query.isRefetching}
    >
      {() => <Rows recipients={recipients} hrefOf={hrefOf} listRef={listRef} />}
    </QueryState>
  );
}

function Rows({
  recipients: { list, index, query },
  hrefOf,
  listRef,
}: {
  recipients: Recipients;
  hrefOf: (customerId: string) => string;
  listRef: RefObject<HTMLDivElement | null>;
}) {
  const { t } = useTranslation('preview');
  const hasMore = query.hasNextPage;
  const count = list.length + (hasMore ? 1 : 0);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    initialRect: { width: 300, height: 700 },
    getItemKey: (i) => list[i]?.customer_id ?? 'more',
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;
  const { isFetchingNextPage, fetchNextPage } = query;
  useEffect(() => {
    if (hasMore && !isFetchingNextPage && lastIndex >= list.length - 1) void fetchNextPage();
  }, [hasMore, isFetchingNextPage, lastIndex, list.length, fetchNextPage]);

  // The current row stays in view; if the focus was in the list, it follows the current row.
  const current = index >= 0 ? list[index]?.customer_id : undefined;
  useEffect(() => {
    if (index < 0) return;
    virtualizer.scrollToIndex(index, { align: 'auto' });
    const scroller = listRef.current;
    if (scroller === null || !scroller.contains(document.activeElement)) return;
    const frame = requestAnimationFrame(() => {
      const row = scroller.querySelector<HTMLElement>(`[data-current="true"] a`);
      row?.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [virtualizer, index, current, listRef]);

  return (
    <ul
      aria-label={t('recipients.list')}
      className="relative w-full"
      style={{ height: virtualizer.getTotalSize() }}
    >
      {items.map((item) => {
        const r = list[item.index];
        const isCurrent = item.index === index;
        return (
          <li
            key={item.key}
            data-index={item.index}
            data-current={isCurrent || undefined}
            ref={virtualizer.measureElement}
            className="absolute inset-x-0 top-0 border-b border-line"
            style={{ transform: `translateY(${item.start}px)` }}
          >
            {r === undefined ? (
              <p role="status" className="flex items-center gap-2 px-3 py-3 text-sm text-fg-muted">
                <Spinner /> {t('recipients.loadingMore')}
              </p>
            ) : (
              <RecipientRow
                recipient={r}
                href={hrefOf(r.customer_id)}
                current={isCurrent}
                tabbable={isCurrent || (index < 0 && item.index === 0)}
              />
            )}
          </li>
        );
      })}
    </ul>
  );
}
