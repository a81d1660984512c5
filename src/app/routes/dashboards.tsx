// Dashboards route: for now the model card behind every score (the charts come with the dashboards
// issue); `#model-card` is where the Customer 360's scores link.
import { useEffect } from 'react';
import { useLocation } from 'react-router';
// The key factories straight from queries.ts, so that no other feature's components ride along.
import { customerKeys } from '../../features/customers/queries.ts';
import { ModelCard } from '../../features/dashboards/index.ts';
import { segmentKeys } from '../../features/segments/queries.ts';

// A refit rescores every customer and refreshes the catalogue's score fields: the customers'
// scores, and every segment count, size and overlap, read them.
const RESCORED = [customerKeys.all, segmentKeys.all];

export function DashboardsRoute() {
  const { hash } = useLocation();
  useEffect(() => {
    if (hash === '#model-card') document.getElementById('model-card')?.scrollIntoView();
  }, [hash]);
  return (
    <div className="mx-auto max-w-[1200px] space-y-3 px-5 py-4">
      <ModelCard rescored={RESCORED} />
    </div>
  );
}
