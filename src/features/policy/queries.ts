// Guardrail policies over the API through one key factory: one policy, its versions, one version.
// The writes are in mutations.ts.
import { queryOptions } from '@tanstack/react-query';
import { getJson } from '../../api/client.ts';
import { policyVersion, policyVersionsResponse, savedPolicy } from '../../api/contract.ts';

export const policyPath = (id: string) => `/api/policies/${encodeURIComponent(id)}`;

export const policyKeys = {
  all: ['policies'] as const,
  one: (id: string) => [...policyKeys.all, 'one', id] as const,
  versions: (id: string) => [...policyKeys.all, 'versions', id] as const,
  version: (id: string, v: number) => [...policyKeys.all, 'version', id, v] as const,
};

export const policyQueries = {
  one: (id: string) =>
    queryOptions({
      queryKey: policyKeys.one(id),
      queryFn: ({ signal }) => getJson(savedPolicy, policyPath(id), { signal }),
    }),
  versions: (id: string) =>
    queryOptions({
      queryKey: policyKeys.versions(id),
      queryFn: ({ signal }) =>
        getJson(policyVersionsResponse, `${policyPath(id)}/versions`, { signal }),
    }),
  /** A version never changes once saved. */
  version: (id: string, v: number) =>
    queryOptions({
      queryKey: policyKeys.version(id, v),
      queryFn: ({ signal }) =>
        getJson(policyVersion, `${policyPath(id)}/versions/${v}`, { signal }),
      staleTime: Infinity,
    }),
};
