// The forecast beside a saved campaign: its recipients (the pinned segment less the holdout and the
// exclusions), on its channel, at its send time (or now), for the version saved.
import { useQuery } from '@tanstack/react-query';
import { PressureForecast } from './PressureForecast.tsx';
import { forecastQueries } from './queries.ts';

export interface CampaignForecastProps {
  campaignId: string;
  version: number;
  className?: string;
}

export function CampaignForecast({ campaignId, version, className }: CampaignForecastProps) {
  const query = useQuery(forecastQueries.campaign(campaignId, version));
  return (
    <PressureForecast
      data={query.data}
      stale={query.isFetching}
      error={query.error}
      onRetry={() => void query.refetch()}
      retrying={query.isFetching}
      {...(className === undefined ? {} : { className })}
    />
  );
}
