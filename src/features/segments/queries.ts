// Segments over the API, read through one key factory and one queryOptions factory: the field
// catalogue and the live count that drive the builder, and the saved segments (the list, one
// segment, its versions and diffs, the overlap of a few). The writes are in mutations.ts.
import { queryOptions } from '@tanstack/react-query';
import { getJson, getText, postJson } from '../../api/client.ts';
import {
  catalogueResponse,
  countResponse,
  overlapResponse,
  savedSegment,
  segmentAudiencesResponse,
  segmentDiffResponse,
  segmentListResponse,
  segmentVersion,
  segmentVersionsResponse,
  type CountRequest,
} from '../../api/contract.ts';
import type { SegmentDefinition } from '../../domain/segment/definition.ts';

/** How many sample members the count asks for. */
export const SAMPLE_SIZE = 12;

export const segmentPath = (id: string) => `/api/segments/${encodeURIComponent(id)}`;

export const segmentKeys = {
  all: ['segments'] as const,
  catalogue: () => [...segmentKeys.all, 'catalogue'] as const,
  /** Keyed by the definition's JSON: an edit is a new key, and the previous request is cancelled. */
  count: (definition: SegmentDefinition, breakdown: string | null) =>
    [...segmentKeys.all, 'count', JSON.stringify(definition), breakdown] as const,
  list: () => [...segmentKeys.all, 'list'] as const,
  one: (id: string) => [...segmentKeys.all, 'one', id] as const,
  versions: (id: string) => [...segmentKeys.all, 'versions', id] as const,
  /** Under versions: whatever refreshes the history refreshes the audiences. */
  audiences: (id: string) => [...segmentKeys.versions(id), 'audiences'] as const,
  version: (id: string, v: number) => [...segmentKeys.all, 'version', id, v] as const,
  diff: (id: string, from: number, to: number) =>
    [...segmentKeys.all, 'diff', id, from, to] as const,
  overlap: (ids: readonly string[]) => [...segmentKeys.all, 'overlap', ...ids] as const,
};

export const segmentQueries = {
  catalogue: () =>
    queryOptions({
      queryKey: segmentKeys.catalogue(),
      queryFn: ({ signal }) => getJson(catalogueResponse, '/api/catalogue', { signal }),
      staleTime: 5 * 60_000,
    }),
  count: (definition: SegmentDefinition, breakdown: string | null) =>
    queryOptions({
      queryKey: segmentKeys.count(definition, breakdown),
      queryFn: ({ signal }) => {
        const body: CountRequest = {
          definition,
          sample: SAMPLE_SIZE,
          ...(breakdown === null ? {} : { breakdown }),
        };
        return postJson(countResponse, '/api/segments/count', body, { signal });
      },
      staleTime: 60_000,
    }),
  list: () =>
    queryOptions({
      queryKey: segmentKeys.list(),
      queryFn: ({ signal }) => getJson(segmentListResponse, '/api/segments', { signal }),
    }),
  one: (id: string) =>
    queryOptions({
      queryKey: segmentKeys.one(id),
      queryFn: ({ signal }) => getJson(savedSegment, segmentPath(id), { signal }),
      // The builder keeps its own copy once loaded (a refetch never replaces the baseline of an
      // edit in progress behind the user's back); opening it always asks for the current version.
      refetchOnMount: 'always',
      refetchOnWindowFocus: false,
    }),
  versions: (id: string) =>
    queryOptions({
      queryKey: segmentKeys.versions(id),
      queryFn: ({ signal }) =>
        getJson(segmentVersionsResponse, `${segmentPath(id)}/versions`, { signal }),
    }),
  audiences: (id: string) =>
    queryOptions({
      queryKey: segmentKeys.audiences(id),
      queryFn: ({ signal }) =>
        getJson(segmentAudiencesResponse, `${segmentPath(id)}/audiences`, { signal }),
    }),
  version: (id: string, v: number) =>
    queryOptions({
      queryKey: segmentKeys.version(id, v),
      queryFn: ({ signal }) =>
        getJson(segmentVersion, `${segmentPath(id)}/versions/${v}`, { signal }),
      staleTime: Infinity,
    }),
  diff: (id: string, from: number, to: number) =>
    queryOptions({
      queryKey: segmentKeys.diff(id, from, to),
      queryFn: ({ signal }) =>
        getJson(segmentDiffResponse, `${segmentPath(id)}/diff`, { query: { from, to }, signal }),
      staleTime: Infinity,
    }),
  overlap: (ids: readonly string[]) =>
    queryOptions({
      queryKey: segmentKeys.overlap(ids),
      queryFn: ({ signal }) =>
        postJson(overlapResponse, '/api/segments/overlap', { segment_ids: ids }, { signal }),
    }),
};

/**
 * The members of a saved segment's current version as CSV, fetched once for a download: a file
 * handed to the browser, never cached.
 */
export function membersCsv(id: string): Promise<string> {
  return getText(`${segmentPath(id)}/members.csv`);
}
