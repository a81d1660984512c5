// The contact-pressure forecast over the API: for a definition being built (POST, keyed by the
// definition and the channel) and for a saved campaign version (GET).
import { queryOptions } from '@tanstack/react-query';
import { getJson, postJson } from '../../api/client.ts';
import { forecastResponse, type ForecastRequest } from '../../api/contract.ts';
import type { MessageChannel } from '../../domain/profile/schema.ts';
import type { SegmentDefinition } from '../../domain/segment/definition.ts';

export const forecastKeys = {
  all: ['forecast'] as const,
  segment: (definition: SegmentDefinition, channel: MessageChannel) =>
    [...forecastKeys.all, 'segment', JSON.stringify(definition), channel] as const,
  campaign: (campaignId: string, version: number) =>
    [...forecastKeys.all, 'campaign', campaignId, version] as const,
};

export const forecastQueries = {
  segment: (definition: SegmentDefinition, channel: MessageChannel) =>
    queryOptions({
      queryKey: forecastKeys.segment(definition, channel),
      queryFn: ({ signal }) => {
        const body: ForecastRequest = { definition, channel };
        return postJson(forecastResponse, '/api/segments/forecast', body, { signal });
      },
      staleTime: 60_000,
    }),
  campaign: (campaignId: string, version: number) =>
    queryOptions({
      queryKey: forecastKeys.campaign(campaignId, version),
      queryFn: ({ signal }) =>
        getJson(forecastResponse, `/api/campaigns/${encodeURIComponent(campaignId)}/forecast`, {
          signal,
        }),
      staleTime: 60_000,
    }),
};
