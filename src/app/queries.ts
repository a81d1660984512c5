// Query options for the app's own reads: the health of the profile API (which store, how many
// customers, as of when) shown in the top bar.
import { queryOptions } from '@tanstack/react-query';
import { getJson } from '../api/client.ts';
import { healthResponse } from '../api/contract.ts';

export const healthKeys = {
  all: ['health'] as const,
};

export const healthQueries = {
  status: () =>
    queryOptions({
      queryKey: healthKeys.all,
      queryFn: ({ signal }) => getJson(healthResponse, '/api/health', { signal }),
      staleTime: 5 * 60_000,
    }),
};
