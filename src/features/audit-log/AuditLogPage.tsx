// The audit log, an admin's page (issue 13): every change made through the API, newest first, with
// filters kept in the URL, more entries a page at a time, the whole selection as CSV, and each
// entry in full with what it changed. Anyone else is told so, and nothing is asked of the server.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../api/contract/audit-log.ts';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { formatCount } from '../../ui/format.ts';
import { useCan } from '../../ui/permissions.tsx';
import { AuditFilters } from './AuditFilters.tsx';
import { CsvButton } from './CsvButton.tsx';
import { EntryDialog } from './EntryDialog.tsx';
import { EntryTable } from './EntryTable.tsx';
import { hasFilters, useAuditLogFilters } from './filters.ts';
import { auditLogQueries, PAGE_SIZE, targetKey } from './queries.ts';

export function AuditLogRoute() {
  const { t } = useTranslation('auditlog');
  const admin = useCan('admin');
  if (!admin) {
    return <EmptyState title={t('adminOnly.title')} description={t('adminOnly.description')} />;
  }
  return <AuditLog />;
}

const isDeletion = (entry: AuditEntry) =>
  entry.action === 'segment.delete' || entry.action === 'campaign.delete';

function AuditLog() {
  const { t } = useTranslation('auditlog');
  const [filters, setFilters] = useAuditLogFilters();
  const log = useInfiniteQuery(auditLogQueries.list(filters));
  const deletions = useQuery(auditLogQueries.deleted());
  const [opened, setOpened] = useState<{ entry: AuditEntry; row: HTMLElement } | null>(null);
  const entries = useMemo(() => log.data?.pages.flatMap((page) => page.entries) ?? [], [log.data]);
  // The deletions read apart, and those on screen (newer, or read before them).
  const deleted = useMemo(
    () =>
      new Set([
        ...(deletions.data ?? []),
        ...entries.filter(isDeletion).map((entry) => targetKey(entry.target)),
      ]),
    [deletions.data, entries],
  );
  const total = log.data?.pages.at(-1)?.total ?? 0;
  const left = Math.max(0, total - entries.length);
  const filtered = hasFilters(filters);

  return (
    <div className="mx-auto max-w-[1280px] space-y-3 px-5 py-4">
      <header className="flex items-center gap-2">
        <h2 className="text-lg font-semibold text-fg">{t('heading')}</h2>
        {log.data && (
          <span className="text-sm text-fg-subtle">
            {t('summary', { count: total, n: formatCount(total) })}
          </span>
        )}
        <span className="flex-1" />
        <CsvButton filters={filters} />
      </header>
      <AuditFilters filters={filters} onChange={setFilters} />
      <QueryState
        status={log.status}
        error={log.error}
        data={log.data}
        isEmpty={(data) => data.pages.every((page) => page.entries.length === 0)}
        empty={
          <EmptyState
            title={t(filtered ? 'empty.filtered.title' : 'empty.none.title')}
            description={t(filtered ? 'empty.filtered.description' : 'empty.none.description')}
          />
        }
        loadingLabel={t('loading')}
        onRetry={() => void (log.isFetchNextPageError ? log.fetchNextPage() : log.refetch())}
        retrying={log.isRefetching || log.isFetchingNextPage}
      >
        {() => (
          <div
            aria-busy={log.isPlaceholderData || undefined}
            className={log.isPlaceholderData ? 'opacity-60 transition-opacity' : undefined}
          >
            <div className="rounded-lg border border-line bg-surface">
              <EntryTable
                entries={entries}
                deleted={deleted}
                onOpen={(entry, row) => setOpened({ entry, row })}
              />
            </div>
            <footer className="flex items-center gap-3 py-2 text-sm text-fg-subtle">
              <span>
                {t('more.shown', {
                  shown: formatCount(entries.length),
                  count: total,
                  total: formatCount(total),
                })}
              </span>
              {log.hasNextPage && (
                <Button
                  size="sm"
                  loading={log.isFetchingNextPage}
                  disabled={log.isPlaceholderData}
                  onClick={() => void log.fetchNextPage()}
                >
                  {t('more.load', { count: Math.min(PAGE_SIZE, left) })}
                </Button>
              )}
            </footer>
          </div>
        )}
      </QueryState>
      {opened !== null && (
        <EntryDialog
          entry={opened.entry}
          deleted={deleted.has(targetKey(opened.entry.target))}
          opener={opened.row}
          onClose={() => setOpened(null)}
        />
      )}
    </div>
  );
}
