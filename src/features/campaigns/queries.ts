// Campaigns over the API through one key factory: the list, one campaign, its versions and a diff.
// The writes are in mutations.ts.
import { queryOptions } from '@tanstack/react-query';
import { getJson } from '../../api/client.ts';
import {
  campaignDiffResponse,
  campaignListResponse,
  campaignVersion,
  campaignVersionsResponse,
  savedCampaign,
} from '../../api/contract.ts';

export const campaignPath = (id: string) => `/api/campaigns/${encodeURIComponent(id)}`;

export const campaignKeys = {
  all: ['campaigns'] as const,
  list: () => [...campaignKeys.all, 'list'] as const,
  one: (id: string) => [...campaignKeys.all, 'one', id] as const,
  versions: (id: string) => [...campaignKeys.all, 'versions', id] as const,
  version: (id: string, v: number) => [...campaignKeys.all, 'version', id, v] as const,
  diff: (id: string, from: number, to: number) =>
    [...campaignKeys.all, 'diff', id, from, to] as const,
};

export const campaignQueries = {
  list: () =>
    queryOptions({
      queryKey: campaignKeys.list(),
      queryFn: ({ signal }) => getJson(campaignListResponse, '/api/campaigns', { signal }),
    }),
  one: (id: string) =>
    queryOptions({
      queryKey: campaignKeys.one(id),
      queryFn: ({ signal }) => getJson(savedCampaign, campaignPath(id), { signal }),
    }),
  versions: (id: string) =>
    queryOptions({
      queryKey: campaignKeys.versions(id),
      queryFn: ({ signal }) =>
        getJson(campaignVersionsResponse, `${campaignPath(id)}/versions`, { signal }),
    }),
  version: (id: string, v: number) =>
    queryOptions({
      queryKey: campaignKeys.version(id, v),
      queryFn: ({ signal }) =>
        getJson(campaignVersion, `${campaignPath(id)}/versions/${v}`, { signal }),
      staleTime: Infinity,
    }),
  diff: (id: string, from: number, to: number) =>
    queryOptions({
      queryKey: campaignKeys.diff(id, from, to),
      queryFn: ({ signal }) =>
        getJson(campaignDiffResponse, `${campaignPath(id)}/diff`, {
          query: { from, to },
          signal,
        }),
      staleTime: Infinity,
    }),
};
