// Query options for the segment builder: the field catalogue that drives it and the live count.
import { queryOptions } from '@tanstack/react-query';
import { getJson, postJson } from '../../api/client.ts';
import { catalogueResponse, countResponse, type CountRequest } from '../../api/contract.ts';
import type { SegmentDefinition } from '../../domain/segment/definition.ts';

/** How many sample members the count asks for. */
export const SAMPLE_SIZE = 12;

export const segmentKeys = {
  all: ['segments'] as const,
  catalogue: () => [...segmentKeys.all, 'catalogue'] as const,
  /** Keyed by the definition's JSON: an edit is a new key, and the previous request is cancelled. */
  count: (definition: SegmentDefinition, breakdown: string | null) =>
    [...segmentKeys.all, 'count', JSON.stringify(definition), breakdown] as const,
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
};
