// The per-recipient preview over the API, through one key factory: a campaign's recipients with
// their verdicts (paged by cursor) and one recipient's message with its proof.
import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import { getJson } from '../../api/client.ts';
import { previewResponse, recipientsResponse } from '../../api/contract.ts';
import type { RecipientFilters } from './filters.ts';

export const RECIPIENTS_PAGE_SIZE = 100;

const campaignPath = (id: string) => `/api/campaigns/${encodeURIComponent(id)}`;

export const previewKeys = {
  all: ['preview'] as const,
  recipients: (campaignId: string, filters: RecipientFilters) =>
    [
      ...previewKeys.all,
      'recipients',
      campaignId,
      filters.flagged,
      filters.guardrail ?? '',
      filters.q,
    ] as const,
  recipient: (campaignId: string, customerId: string) =>
    [...previewKeys.all, 'recipient', campaignId, customerId] as const,
};

export const previewQueries = {
  recipients: (campaignId: string, filters: RecipientFilters) =>
    infiniteQueryOptions({
      queryKey: previewKeys.recipients(campaignId, filters),
      queryFn: ({ signal, pageParam }: { signal: AbortSignal; pageParam: string | null }) =>
        getJson(recipientsResponse, `${campaignPath(campaignId)}/recipients`, {
          query: {
            flagged: filters.flagged ? 'true' : undefined,
            guardrail: filters.guardrail,
            q: filters.q === '' ? undefined : filters.q,
            cursor: pageParam,
            limit: RECIPIENTS_PAGE_SIZE,
          },
          signal,
        }),
      initialPageParam: null,
      getNextPageParam: (last) => last.next_cursor,
      // A new search or filter keeps the list on screen until its answer comes.
      placeholderData: keepPreviousData,
      staleTime: 30_000,
    }),
  recipient: (campaignId: string, customerId: string) =>
    queryOptions({
      queryKey: previewKeys.recipient(campaignId, customerId),
      queryFn: ({ signal }) =>
        getJson(
          previewResponse,
          `${campaignPath(campaignId)}/preview/${encodeURIComponent(customerId)}`,
          { signal },
        ),
      staleTime: 30_000,
    }),
};
