// Saved segments over the API: the list, one segment, its versions and diffs, the overlap of a
// few, and the writes. Writes name the version they edit (If-Match); a create carries an
// Idempotency-Key so a retried click never makes two segments.
import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { ApiClientError, getJson, getText, postJson, sendJson } from '../../api/client.ts';
import {
  overlapResponse,
  savedSegment,
  segmentDiffResponse,
  segmentInUse,
  segmentListResponse,
  segmentPreconditionFailed,
  segmentVersion,
  segmentVersionsResponse,
  type SavedSegment,
  type SegmentUsage,
} from '../../api/contract.ts';
import type { SegmentDefinition } from '../../domain/segment/definition.ts';

const path = (id: string) => `/api/segments/${encodeURIComponent(id)}`;

export const savedKeys = {
  all: ['saved-segments'] as const,
  list: () => [...savedKeys.all, 'list'] as const,
  one: (id: string) => [...savedKeys.all, 'one', id] as const,
  versions: (id: string) => [...savedKeys.all, 'versions', id] as const,
  version: (id: string, v: number) => [...savedKeys.all, 'version', id, v] as const,
  diff: (id: string, from: number, to: number) => [...savedKeys.all, 'diff', id, from, to] as const,
  overlap: (ids: readonly string[]) => [...savedKeys.all, 'overlap', ...ids] as const,
};

export const savedQueries = {
  list: () =>
    queryOptions({
      queryKey: savedKeys.list(),
      queryFn: ({ signal }) => getJson(segmentListResponse, '/api/segments', { signal }),
    }),
  one: (id: string) =>
    queryOptions({
      queryKey: savedKeys.one(id),
      queryFn: ({ signal }) => getJson(savedSegment, path(id), { signal }),
      // The builder keeps its own copy once loaded (a refetch never replaces the baseline of an
      // edit in progress behind the user's back); opening it always asks for the current version.
      refetchOnMount: 'always',
      refetchOnWindowFocus: false,
    }),
  versions: (id: string) =>
    queryOptions({
      queryKey: savedKeys.versions(id),
      queryFn: ({ signal }) => getJson(segmentVersionsResponse, `${path(id)}/versions`, { signal }),
    }),
  version: (id: string, v: number) =>
    queryOptions({
      queryKey: savedKeys.version(id, v),
      queryFn: ({ signal }) => getJson(segmentVersion, `${path(id)}/versions/${v}`, { signal }),
      staleTime: Infinity,
    }),
  diff: (id: string, from: number, to: number) =>
    queryOptions({
      queryKey: savedKeys.diff(id, from, to),
      queryFn: ({ signal }) =>
        getJson(segmentDiffResponse, `${path(id)}/diff`, { query: { from, to }, signal }),
      staleTime: Infinity,
    }),
  overlap: (ids: readonly string[]) =>
    queryOptions({
      queryKey: savedKeys.overlap(ids),
      queryFn: ({ signal }) =>
        postJson(overlapResponse, '/api/segments/overlap', { segment_ids: ids }, { signal }),
    }),
};

export interface SegmentContent {
  name: string;
  description: string;
  definition: SegmentDefinition;
}

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

export function createSegment(
  content: SegmentContent & { author?: string; note?: string },
  idempotencyKey: string,
): Promise<SavedSegment> {
  return sendJson('POST', savedSegment, '/api/segments', content, {
    headers: { 'idempotency-key': idempotencyKey },
  });
}

export function updateSegment(
  id: string,
  version: number,
  content: SegmentContent & { author?: string; note?: string },
): Promise<SavedSegment> {
  return sendJson('PUT', savedSegment, path(id), content, { headers: ifMatch(version) });
}

export function deleteSegment(id: string, version: number): Promise<null> {
  return sendJson('DELETE', z.null(), path(id), undefined, { headers: ifMatch(version) });
}

export function restoreVersion(
  id: string,
  restore: number,
  current: number,
  author: string,
): Promise<SavedSegment> {
  return sendJson(
    'POST',
    savedSegment,
    `${path(id)}/versions/${restore}/restore`,
    { author },
    {
      headers: ifMatch(current),
    },
  );
}

export function membersCsv(id: string): Promise<string> {
  return getText(`${path(id)}/members.csv`);
}

/** The segment as saved now, when a write was refused because someone saved first (412). */
export function staleCurrent(error: unknown): SavedSegment | null {
  if (!(error instanceof ApiClientError) || error.status !== 412) return null;
  const parsed = segmentPreconditionFailed.safeParse(error.body);
  return parsed.success ? parsed.data.current : null;
}

/** What uses a segment, when deleting it was refused (409). */
export function usageOf(error: unknown): SegmentUsage | null {
  if (!(error instanceof ApiClientError) || error.status !== 409) return null;
  const parsed = segmentInUse.safeParse(error.body);
  return parsed.success ? parsed.data.usage : null;
}
