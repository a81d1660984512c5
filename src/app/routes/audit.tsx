// The pre-send audit route: /campaigns/:campaignId/audit. The screen is src/features/audit; this
// module gives it the campaign (the campaigns feature's query and cache) and the drill-down into
// the preview filtered on a guardrail.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { AuditScreen } from '../../features/audit/index.ts';
import { cacheCampaign, campaignQueries } from '../../features/campaigns/index.ts';
import { QueryState } from '../../ui/QueryState.tsx';

export function CampaignAuditRoute() {
  const { campaignId = '' } = useParams();
  const client = useQueryClient();
  const campaign = useQuery(campaignQueries.one(campaignId));
  const preview = `/campaigns/${encodeURIComponent(campaignId)}/preview`;
  return (
    <QueryState
      status={campaign.status}
      error={campaign.error}
      data={campaign.data}
      onRetry={() => void campaign.refetch()}
      empty={null}
      isEmpty={() => false}
    >
      {(loaded) => (
        <AuditScreen
          campaign={loaded}
          onCampaign={(next) => cacheCampaign(client, next)}
          drillDown={(guardrail) => `${preview}?guardrail=${guardrail}`}
        />
      )}
    </QueryState>
  );
}
