// The audit log over the API (issue 13), an admin's read, through one key factory: the entries the
// filters match, newest first, a page at a time; the segments and campaigns the log saw deleted;
// and the filters' entries as CSV, fetched once for a download.
import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import { getJson, getText } from '../../api/client.ts';
// The audit log's module, not the contract's barrel: only this page needs these schemas.
import {
  auditLogResponse,
  type AuditAction,
  type AuditEntry,
} from '../../api/contract/audit-log.ts';
import { filterParams, type AuditLogFilters } from './filters.ts';

const LOG_PATH = '/api/audit-log';
/** Entries a page: the API's default, said here so that "Load more" can say how many come. */
export const PAGE_SIZE = 50;
/** The API's largest page, for reading every deletion. */
const LARGEST_PAGE = 200;

export const auditLogKeys = {
  all: ['audit-log'] as const,
  list: (filters: AuditLogFilters) => [...auditLogKeys.all, 'list', filters] as const,
  deleted: () => [...auditLogKeys.all, 'deleted'] as const,
};

/** A page of entries: the filters, the page size and the cursor ('' for the first page). */
function page(filters: AuditLogFilters, cursor: string, limit: number, signal: AbortSignal) {
  const query = Object.fromEntries(filterParams(filters));
  return getJson(auditLogResponse, LOG_PATH, {
    query: { ...query, cursor: cursor === '' ? undefined : cursor, limit },
    signal,
  });
}

/** Every entry of one action, page after page. */
async function everyEntry(action: AuditAction, signal: AbortSignal): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let cursor = '';
  do {
    const next = await page({ action }, cursor, LARGEST_PAGE, signal);
    entries.push(...next.entries);
    cursor = next.next_cursor ?? '';
  } while (cursor !== '');
  return entries;
}

/** How a deleted target is known: its kind and its id. */
export const targetKey = (target: AuditEntry['target']) => `${target.kind}:${target.id}`;

export const auditLogQueries = {
  /** The entries the filters match; while other filters load, the previous ones stay shown. */
  list: (filters: AuditLogFilters) =>
    infiniteQueryOptions({
      queryKey: auditLogKeys.list(filters),
      queryFn: ({ pageParam, signal }) => page(filters, pageParam, PAGE_SIZE, signal),
      initialPageParam: '',
      getNextPageParam: (last) => last.next_cursor ?? undefined,
      placeholderData: keepPreviousData,
    }),
  /**
   * The segments and campaigns the log saw deleted (their `targetKey`), whatever the filters: an
   * entry links to its target only while it exists. Deletions are few; all of them are read.
   */
  deleted: () =>
    queryOptions({
      queryKey: auditLogKeys.deleted(),
      queryFn: async ({ signal }) => {
        const deletions = await Promise.all([
          everyEntry('segment.delete', signal),
          everyEntry('campaign.delete', signal),
        ]);
        return deletions.flat().map((entry) => targetKey(entry.target));
      },
    }),
};

/** Every entry the filters match, as the API writes them in CSV. */
export function auditLogCsv(filters: AuditLogFilters): Promise<string> {
  const query = filterParams(filters).toString();
  return getText(query === '' ? `${LOG_PATH}.csv` : `${LOG_PATH}.csv?${query}`);
}
