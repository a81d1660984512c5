// Query options for customers: one factory per resource, shared by routes and components.
import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import { getJson } from '../../api/client.ts';
import {
  customerScoresResponse,
  profileResponse,
  searchResponse,
  SEARCH_MAX_CHARS,
  SEARCH_MIN_CHARS,
  timelineResponse,
  type TimelineKind,
} from '../../api/contract.ts';
import type { Channel } from '../../domain/profile/schema.ts';

export interface TimelineFilters {
  kinds: readonly TimelineKind[];
  channels: readonly Channel[];
}

export const TIMELINE_PAGE_SIZE = 200;

export const customerKeys = {
  all: ['customers'] as const,
  search: (q: string) => [...customerKeys.all, 'search', q] as const,
  profile: (id: string) => [...customerKeys.all, 'profile', id] as const,
  scores: (id: string) => [...customerKeys.all, 'scores', id] as const,
  timeline: (id: string, filters: TimelineFilters) =>
    [
      ...customerKeys.all,
      'timeline',
      id,
      filters.kinds.join(','),
      filters.channels.join(','),
    ] as const,
};

export const customerQueries = {
  search: (q: string) =>
    queryOptions({
      queryKey: customerKeys.search(q.trim()),
      queryFn: ({ signal }) =>
        getJson(searchResponse, '/api/customers', { query: { q: q.trim(), limit: 20 }, signal }),
      enabled: q.trim().length >= SEARCH_MIN_CHARS && q.trim().length <= SEARCH_MAX_CHARS,
      placeholderData: keepPreviousData,
      staleTime: 60_000,
    }),
  profile: (id: string) =>
    queryOptions({
      queryKey: customerKeys.profile(id),
      queryFn: ({ signal }) =>
        getJson(profileResponse, `/api/customers/${encodeURIComponent(id)}`, { signal }),
    }),
  scores: (id: string) =>
    queryOptions({
      queryKey: customerKeys.scores(id),
      queryFn: ({ signal }) =>
        getJson(customerScoresResponse, `/api/customers/${encodeURIComponent(id)}/scores`, {
          signal,
        }),
      staleTime: 5 * 60_000,
    }),
  timeline: (id: string, filters: TimelineFilters) =>
    infiniteQueryOptions({
      queryKey: customerKeys.timeline(id, filters),
      queryFn: ({ signal, pageParam }: { signal: AbortSignal; pageParam: string | null }) =>
        getJson(timelineResponse, `/api/customers/${encodeURIComponent(id)}/timeline`, {
          query: {
            cursor: pageParam,
            limit: TIMELINE_PAGE_SIZE,
            kind: filters.kinds,
            channel: filters.channels,
          },
          signal,
        }),
      initialPageParam: null,
      getNextPageParam: (last) => last.next_cursor,
    }),
};
