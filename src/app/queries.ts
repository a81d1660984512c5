// Query options for the app's own reads: the health of the profile API (which store, how many
// customers, as of when) shown in the top bar.
import { queryOptions } from '@tanstack/react-query';
import { getJson } from '../api/client.ts';
// Its own module, not the contract's barrel: the barrel would bring every endpoint's schemas into
// the first page's JavaScript (zod schemas are not tree-shaken).
import { healthResponse } from '../api/contract/meta.ts';

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
