// The customer-base models over the API: the model card of the current fit, and refitting them.
import { mutationOptions, queryOptions, type QueryKey } from '@tanstack/react-query';
import { getJson, sendJson } from '../../api/client.ts';
import {
  buyersResponse,
  campaignsResponse,
  qualityListResponse,
  segmentValueResponse,
  qualityResponse,
  propensityResponse,
  valueResponse,
  segmentListResponse,
  segmentVersionsResponse,
  modelCardResponse,
  refitStatus,
  type RefitRequest,
  type RefitStatus,
} from '../../api/contract.ts';

const REFIT_PATH = '/api/models/clv/refit';
/** How often a running refit is asked for its stage. */
const POLL_MS = 400;

export const modelKeys = {
  all: ['models'] as const,
  card: () => [...modelKeys.all, 'clv'] as const,
  refit: () => [...modelKeys.all, 'refit'] as const,
};

export const modelQueries = {
  card: () =>
    queryOptions({
      queryKey: modelKeys.card(),
      queryFn: ({ signal }) => getJson(modelCardResponse, '/api/models/clv', { signal }),
      staleTime: 5 * 60_000,
    }),
  /** The last refit (or none since the server started), for "last refit … by …". */
  lastRefit: () =>
    queryOptions({
      queryKey: modelKeys.refit(),
      queryFn: ({ signal }) => getJson(refitStatus, REFIT_PATH, { signal }),
    }),
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const modelMutations = {
  /**
   * Starts a refit (or joins the one under way) and follows it to its end, telling `onStage` each
   * stage. Once done, the card and everything in `rescored` (other resources' key prefixes whose
   * answers read the scores or the catalogue the fit feeds) are read again.
   */
  refit: (rescored: readonly QueryKey[]) =>
    mutationOptions({
      mutationFn: async ({ onStage }: { onStage: (stage: string) => void }) => {
        const request: RefitRequest = {};
        let status: RefitStatus = await sendJson('POST', refitStatus, REFIT_PATH, request);
        while (status.state === 'running') {
          onStage(status.stage);
          await sleep(POLL_MS);
          status = await getJson(refitStatus, REFIT_PATH);
        }
        return status;
      },
      onSuccess: (status, _variables, _result, { client }) => {
        if (status.state !== 'done') return;
        for (const queryKey of [modelKeys.all, ...rescored]) {
          void client.invalidateQueries({ queryKey });
        }
      },
    }),
};

export const dashboardKeys = {
  all: ['dashboards'] as const,
  buyers: (query: Record<string, string>) => [...dashboardKeys.all, 'buyers', query] as const,
  value: (query: Record<string, string>) => [...dashboardKeys.all, 'value', query] as const,
  campaigns: (query: Record<string, string>) => [...dashboardKeys.all, 'campaigns', query] as const,
  /** Every saved segment's predicted value: no filter applies. */
  segmentValue: () => [...dashboardKeys.all, 'segment-value'] as const,
  /** Data quality does not depend on the period or the channel: keyed by the segment alone. */
  quality: (query: Record<string, string>) =>
    [...dashboardKeys.all, 'quality', query.segment ?? null, query.version ?? null] as const,
  qualityList: (query: Record<string, string>) =>
    [
      ...dashboardKeys.all,
      'quality',
      query.segment ?? null,
      query.version ?? null,
      query.list ?? null,
      query.offset ?? '0',
    ] as const,
  /** Scores do not depend on the period or the channel: keyed by the segment alone. */
  propensity: (query: Record<string, string>) =>
    [...dashboardKeys.all, 'propensity', query.segment ?? null, query.version ?? null] as const,
};

export const dashboardQueries = {
  buyers: (query: Record<string, string>) =>
    queryOptions({
      queryKey: dashboardKeys.buyers(query),
      queryFn: ({ signal }) => getJson(buyersResponse, '/api/dashboards/buyers', { query, signal }),
      staleTime: 60_000,
      placeholderData: (previous) => previous,
    }),
  value: (query: Record<string, string>) =>
    queryOptions({
      queryKey: dashboardKeys.value(query),
      queryFn: ({ signal }) => getJson(valueResponse, '/api/dashboards/value', { query, signal }),
      staleTime: 60_000,
      placeholderData: (previous) => previous,
    }),
  segmentValue: (query: Record<string, string>) =>
    queryOptions({
      queryKey: dashboardKeys.segmentValue(),
      queryFn: ({ signal }) =>
        getJson(segmentValueResponse, '/api/dashboards/segments', { query, signal }),
      staleTime: 60_000,
    }),
  quality: (query: Record<string, string>) =>
    queryOptions({
      queryKey: dashboardKeys.quality(query),
      queryFn: ({ signal }) =>
        getJson(qualityResponse, '/api/dashboards/quality', { query, signal }),
      staleTime: 60_000,
      placeholderData: (previous) => previous,
    }),
  qualityList: (query: Record<string, string>) =>
    queryOptions({
      queryKey: dashboardKeys.qualityList(query),
      queryFn: ({ signal }) =>
        getJson(qualityListResponse, '/api/dashboards/quality/customers', { query, signal }),
      staleTime: 60_000,
      placeholderData: (previous) => previous,
    }),
  campaigns: (query: Record<string, string>) =>
    queryOptions({
      queryKey: dashboardKeys.campaigns(query),
      queryFn: ({ signal }) =>
        getJson(campaignsResponse, '/api/dashboards/campaigns', { query, signal }),
      staleTime: 60_000,
      placeholderData: (previous) => previous,
    }),
  propensity: (query: Record<string, string>) =>
    queryOptions({
      queryKey: dashboardKeys.propensity(query),
      queryFn: ({ signal }) =>
        getJson(propensityResponse, '/api/dashboards/propensity', { query, signal }),
      staleTime: 60_000,
      placeholderData: (previous) => previous,
    }),
  /** The saved segments a dashboard can be filtered on (the segments feature's own list). */
  segments: () =>
    queryOptions({
      queryKey: ['segments', 'list'] as const,
      queryFn: ({ signal }) => getJson(segmentListResponse, '/api/segments', { signal }),
    }),
  versions: (id: string) =>
    queryOptions({
      queryKey: ['segments', 'versions', id] as const,
      queryFn: ({ signal }) =>
        getJson(segmentVersionsResponse, `/api/segments/${encodeURIComponent(id)}/versions`, {
          signal,
        }),
    }),
};
