// Segments routes: /segments lists the saved segments; /segments/new builds a new one;
// /segments/:segmentId edits a saved one. The definition being edited lives in the URL (`?d=`,
// base64url JSON) while it differs from the saved one, and the breakdown in `?b=`, so a link
// reproduces the builder.
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { Navigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SavedSegment } from '../../api/contract.ts';
import { SegmentForecast } from '../../features/forecast/index.ts';
import { SegmentBuilder, SegmentList, segmentQueries } from '../../features/segments/index.ts';
import { QueryState } from '../../ui/QueryState.tsx';

export function SegmentsRoute() {
  const [params] = useSearchParams();
  // Links made before the list existed opened the builder at /segments?d=…
  if (params.has('d')) return <Navigate to={`/segments/new?${params.toString()}`} replace />;
  return <SegmentList />;
}

/** One search parameter as state; writes replace the history entry (edits are not pages). */
function useSearchParam(key: string) {
  const [params, setParams] = useSearchParams();
  const value = params.get(key);
  const setValue = useCallback(
    (next: string | null) =>
      setParams(
        (current) => {
          const updated = new URLSearchParams(current);
          if (next === null) updated.delete(key);
          else updated.set(key, next);
          return updated;
        },
        { replace: true },
      ),
    [setParams, key],
  );
  return [value, setValue] as const;
}

function Builder({ segment }: { segment: SavedSegment | null }) {
  const { t } = useTranslation('segments');
  const [encoded, setEncoded] = useSearchParam('d');
  const [breakdown, setBreakdown] = useSearchParam('b');
  const catalogue = useQuery(segmentQueries.catalogue());
  // The list names the segments a membership condition can use; the builder works without it.
  const list = useQuery(segmentQueries.list());
  return (
    <QueryState
      status={catalogue.status}
      error={catalogue.error}
      data={catalogue.data}
      isEmpty={() => false}
      empty={null}
      loadingLabel={t('route.loadingCatalogue')}
      onRetry={() => void catalogue.refetch()}
      retrying={catalogue.isRefetching}
    >
      {(data) => (
        <SegmentBuilder
          catalogue={data}
          segment={segment}
          segments={list.data?.segments ?? NO_SEGMENTS}
          encoded={encoded}
          onEncodedChange={setEncoded}
          breakdown={breakdown}
          onBreakdownChange={setBreakdown}
          Forecast={SegmentForecast}
        />
      )}
    </QueryState>
  );
}

const NO_SEGMENTS: never[] = [];

export function NewSegmentRoute() {
  return <Builder segment={null} />;
}

export function SavedSegmentRoute() {
  const { t } = useTranslation('segments');
  const { segmentId = '' } = useParams();
  const saved = useQuery(segmentQueries.one(segmentId));
  // A copy cached from an earlier visit may be an old version: edit only what the server has now.
  const status =
    saved.status === 'success' && !saved.isFetchedAfterMount ? 'pending' : saved.status;
  return (
    <QueryState
      status={status}
      error={saved.error}
      data={saved.data}
      isEmpty={() => false}
      empty={null}
      loadingLabel={t('route.loadingSegment')}
      onRetry={() => void saved.refetch()}
      retrying={saved.isRefetching}
    >
      {(data) => <Builder key={data.segment_id} segment={data} />}
    </QueryState>
  );
}
