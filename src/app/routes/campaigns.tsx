// Campaigns routes: /campaigns lists them; /campaigns/new writes a new one; /campaigns/:campaignId
// edits a saved one. The editor (CodeMirror, the template contract) loads with this route only.
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CampaignEditor, CampaignList, campaignQueries } from '../../features/campaigns/index.ts';
import { CampaignForecast } from '../../features/forecast/index.ts';
import { QueryState } from '../../ui/QueryState.tsx';

export function CampaignsRoute() {
  return <CampaignList />;
}

export function NewCampaignRoute() {
  return <CampaignEditor saved={null} />;
}

export function SavedCampaignRoute() {
  const { t } = useTranslation('campaigns');
  const { campaignId = '' } = useParams();
  const campaign = useQuery(campaignQueries.one(campaignId));
  return (
    <QueryState
      status={campaign.status}
      error={campaign.error}
      data={campaign.data}
      isEmpty={() => false}
      empty={null}
      loadingLabel={t('editor.loading')}
      onRetry={() => void campaign.refetch()}
      retrying={campaign.isRefetching}
    >
      {(data) => <CampaignEditor key={data.campaign_id} saved={data} Forecast={CampaignForecast} />}
    </QueryState>
  );
}
