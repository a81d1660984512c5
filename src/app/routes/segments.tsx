// Segments route: /segments is the builder of a new segment (the saved list comes later). The
// definition lives in the URL (`?d=`, base64url JSON) so a link reproduces the builder.
import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { SegmentBuilder, segmentQueries } from '../../features/segments/index.ts';
import { QueryState } from '../../ui/QueryState.tsx';

export function SegmentsRoute() {
  const [params, setParams] = useSearchParams();
  const catalogue = useQuery(segmentQueries.catalogue());
  const encoded = params.get('d');
  const setEncoded = useCallback(
    (next: string | null) =>
      setParams(
        (current) => {
          const updated = new URLSearchParams(current);
          if (next === null) updated.delete('d');
          else updated.set('d', next);
          return updated;
        },
        { replace: true },
      ),
    [setParams],
  );
  return (
    <QueryState
      status={catalogue.status}
      error={catalogue.error}
      data={catalogue.data}
      isEmpty={() => false}
      empty={null}
      loadingLabel="Loading the field catalogue"
      onRetry={() => void catalogue.refetch()}
      retrying={catalogue.isRefetching}
    >
      {(data) => <SegmentBuilder catalogue={data} encoded={encoded} onEncodedChange={setEncoded} />}
    </QueryState>
  );
}
