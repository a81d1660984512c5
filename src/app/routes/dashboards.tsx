// Dashboards route: for now the model card behind every score (the charts come with the dashboards
// issue); `#model-card` is where the Customer 360's scores link.
import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { ModelCard } from '../../features/dashboards/index.ts';

export function DashboardsRoute() {
  const { hash } = useLocation();
  useEffect(() => {
    if (hash === '#model-card') document.getElementById('model-card')?.scrollIntoView();
  }, [hash]);
  return (
    <div className="mx-auto max-w-[1200px] space-y-3 px-5 py-4">
      <ModelCard />
    </div>
  );
}
