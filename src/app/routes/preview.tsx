// The per-recipient preview route: /campaigns/:campaignId/preview/:customerId?. The recipient is in
// the path, the list's search and filters in the query string (parsed with zod). The screen is
// src/features/preview; this module composes it with what other features own: the rendered
// message (campaigns), the timeline (customers) and the pinned segment's words (segments).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { SegmentPin } from '../../domain/campaign/campaign.ts';
import { campaignQueries, RenderedMessage } from '../../features/campaigns/index.ts';
import { customerQueries, Timeline, type TimelineFilters } from '../../features/customers/index.ts';
import {
  parseRecipientFilters,
  PreviewScreen,
  withRecipientFilters,
  type MessageProps,
  type PreviewParts,
  type PreviewScreenProps,
  type RecipientFilters,
  type SegmentSource,
  type TimelinePanelProps,
} from '../../features/preview/index.ts';
import { segmentQueries } from '../../features/segments/index.ts';
import { useValueWords } from '../../features/segments/builder-words.ts';
import { QueryState } from '../../ui/QueryState.tsx';

const ALL_ENTRIES: TimelineFilters = { kinds: [], channels: [] };

function Message({ result, name, device }: MessageProps) {
  return <RenderedMessage result={result} name={name} device={device} />;
}

/** The timeline beside the preview, its filters the panel's own (a verdict's click clears them). */
function PreviewTimeline({ customerId, marks, focus }: TimelinePanelProps) {
  const [filters, setFilters] = useState<TimelineFilters>(ALL_ENTRIES);
  const [clearedFor, setClearedFor] = useState(focus?.request ?? 0);
  if (focus !== null && focus.request !== clearedFor) {
    // The evidence must be among the entries shown.
    setClearedFor(focus.request);
    if (filters.kinds.length > 0 || filters.channels.length > 0) setFilters(ALL_ENTRIES);
  }
  return (
    <Timeline
      customerId={customerId}
      filters={filters}
      onFiltersChange={setFilters}
      marks={marks}
      focus={focus}
    />
  );
}

/** The pinned segment version's definition with the catalogue and names its words need. */
function useSegmentSource(pin: SegmentPin | null): SegmentSource {
  const values = useValueWords();
  const version = useQuery({
    ...segmentQueries.version(pin?.segment_id ?? '', pin?.version ?? 1),
    enabled: pin !== null,
  });
  const catalogue = useQuery({ ...segmentQueries.catalogue(), enabled: pin !== null });
  const list = useQuery({ ...segmentQueries.list(), enabled: pin !== null });
  const parts = [version, catalogue, list];
  const failed = parts.find((q) => q.isError);
  const data = useMemo(() => {
    if (version.data === undefined || catalogue.data === undefined || list.data === undefined)
      return undefined;
    return {
      name: version.data.name,
      version: version.data.version,
      definition: version.data.definition,
      catalogue: catalogue.data,
      segmentNames: new Map(list.data.segments.map((s) => [s.segment_id, s.name])),
      valueWords: values,
    };
  }, [version.data, catalogue.data, list.data, values]);
  if (pin === null) {
    return { status: 'success', error: null, data: null, retry: () => {}, retrying: false };
  }
  return {
    status: failed !== undefined ? 'error' : data === undefined ? 'pending' : 'success',
    error: failed?.error ?? null,
    data,
    retry: () => {
      for (const q of parts) if (q.isError) void q.refetch();
    },
    retrying: parts.some((q) => q.isRefetching),
  };
}

export function CampaignPreviewRoute() {
  const { t } = useTranslation('preview');
  const { campaignId = '', customerId } = useParams();
  const campaign = useQuery(campaignQueries.one(campaignId));
  return (
    <QueryState
      status={campaign.status}
      error={campaign.error}
      data={campaign.data}
      isEmpty={() => false}
      empty={null}
      loadingLabel={t('header.loading')}
      onRetry={() => void campaign.refetch()}
      retrying={campaign.isRefetching}
    >
      {(data) => (
        <Preview
          key={data.campaign_id}
          campaign={{ id: data.campaign_id, name: data.name, channel: data.channel }}
          pin={data.segment}
          customerId={customerId ?? null}
        />
      )}
    </QueryState>
  );
}

function Preview({
  campaign,
  pin,
  customerId,
}: {
  campaign: PreviewScreenProps['campaign'];
  pin: SegmentPin | null;
  customerId: string | null;
}) {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const search = params.toString();
  const filters = useMemo(() => parseRecipientFilters(new URLSearchParams(search)), [search]);
  const base = `/campaigns/${encodeURIComponent(campaign.id)}`;
  const hrefOf = useCallback(
    (id: string) => `${base}/preview/${encodeURIComponent(id)}${search === '' ? '' : `?${search}`}`,
    [base, search],
  );
  // A move may be decided before a filter change reaches this render (a debounced search, a
  // list that answers after a click): it keeps the query string as it is when it happens.
  const latestSearch = useRef(search);
  useLayoutEffect(() => {
    latestSearch.current = search;
  }, [search]);
  const onSelect = useCallback(
    (id: string, replace: boolean) =>
      navigate(
        {
          pathname: `${base}/preview/${encodeURIComponent(id)}`,
          search: latestSearch.current === '' ? '' : `?${latestSearch.current}`,
        },
        { replace },
      ),
    [navigate, base],
  );
  const onFiltersChange = useCallback(
    (next: RecipientFilters) =>
      setParams((current) => withRecipientFilters(current, next), { replace: true }),
    [setParams],
  );
  const parts: PreviewParts = useMemo(
    () => ({
      Message,
      Timeline: PreviewTimeline,
      prefetchTimeline: (id) =>
        void client.prefetchInfiniteQuery(customerQueries.timeline(id, ALL_ENTRIES)),
    }),
    [client],
  );
  return (
    <PreviewScreen
      campaign={campaign}
      customerId={customerId}
      filters={filters}
      onFiltersChange={onFiltersChange}
      onSelect={onSelect}
      hrefOf={hrefOf}
      editorHref={base}
      segment={useSegmentSource(pin)}
      parts={parts}
    />
  );
}
