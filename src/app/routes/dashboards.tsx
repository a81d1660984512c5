// Dashboards route: the dashboards over the data's as-of month (from the API's health), with the
// model card behind every score among them; `#model-card` is where the Customer 360's scores link.
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useLocation } from 'react-router';
// The key factories straight from queries.ts, so that no other feature's components ride along.
import { customerKeys } from '../../features/customers/queries.ts';
import { Dashboards } from '../../features/dashboards/index.ts';
import { segmentKeys } from '../../features/segments/queries.ts';
import { QueryState } from '../../ui/QueryState.tsx';
import { healthQueries } from '../queries.ts';

// A refit rescores every customer and refreshes the catalogue's score fields: the customers'
// scores, and every segment count, size and overlap, read them.
const RESCORED = [customerKeys.all, segmentKeys.all];

export function DashboardsRoute() {
  const { hash } = useLocation();
  const health = useQuery(healthQueries.status());
  useEffect(() => {
    if (hash === '#model-card' && health.data) {
      document.getElementById('model-card')?.scrollIntoView();
    }
  }, [hash, health.data]);
  return (
    <div className="mx-auto max-w-[1200px] space-y-3 px-5 py-4">
      <QueryState
        status={health.status}
        error={health.error}
        data={health.data}
        isEmpty={() => false}
        empty={null}
        onRetry={() => void health.refetch()}
        retrying={health.isRefetching}
      >
        {(data) => <Dashboards asOf={data.as_of} rescored={RESCORED} />}
      </QueryState>
    </div>
  );
}
