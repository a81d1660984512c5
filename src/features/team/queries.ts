// Users and API tokens, an admin's to manage (decision 035), through one key factory. The writes
// are in mutations.ts.
import { queryOptions } from '@tanstack/react-query';
import { getJson } from '../../api/client.ts';
// The accounts' module, not the contract's barrel: only this page needs these schemas.
import { tokensResponse, usersResponse } from '../../api/contract/auth.ts';

export const userPath = (id: string) => `/api/users/${encodeURIComponent(id)}`;
export const tokenPath = (id: string) => `/api/tokens/${encodeURIComponent(id)}`;

export const teamKeys = {
  all: ['team'] as const,
  users: () => [...teamKeys.all, 'users'] as const,
  tokens: () => [...teamKeys.all, 'tokens'] as const,
};

export const teamQueries = {
  users: () =>
    queryOptions({
      queryKey: teamKeys.users(),
      queryFn: ({ signal }) => getJson(usersResponse, '/api/users', { signal }),
    }),
  /** Token summaries only: a token itself is in the answer to its creation, never in a list. */
  tokens: () =>
    queryOptions({
      queryKey: teamKeys.tokens(),
      queryFn: ({ signal }) => getJson(tokensResponse, '/api/tokens', { signal }),
    }),
};
