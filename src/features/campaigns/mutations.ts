// The writes to campaigns, each with what it changes in the cache: a create carries an
// Idempotency-Key (a retried click never makes two campaigns), an update names the version it edits
// (If-Match). A save refused because someone saved first (412) is read back with staleCampaign.
import { mutationOptions, type QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { ApiClientError, ifMatch, sendJson } from '../../api/client.ts';
import {
  savedCampaign,
  type RestoreCampaignRequest,
  type SaveCampaignRequest,
  type SavedCampaign,
} from '../../api/contract.ts';
import { campaignKeys, campaignPath } from './queries.ts';

/** What the server has now: the editor shows it at once, the list and history are read again. */
export function cacheCampaign(client: QueryClient, campaign: SavedCampaign) {
  client.setQueryData(campaignKeys.one(campaign.campaign_id), campaign);
  void client.invalidateQueries({ queryKey: campaignKeys.list() });
  void client.invalidateQueries({ queryKey: campaignKeys.versions(campaign.campaign_id) });
}

export const campaignMutations = {
  create: () =>
    mutationOptions({
      mutationFn: ({
        body,
        idempotencyKey,
      }: {
        body: SaveCampaignRequest;
        idempotencyKey: string;
      }) =>
        sendJson('POST', savedCampaign, '/api/campaigns', body, {
          headers: { 'idempotency-key': idempotencyKey },
        }),
      onSuccess: (campaign, _variables, _result, { client }) => cacheCampaign(client, campaign),
    }),
  update: () =>
    mutationOptions({
      mutationFn: ({
        id,
        version,
        body,
      }: {
        id: string;
        version: number;
        body: SaveCampaignRequest;
      }) => sendJson('PUT', savedCampaign, campaignPath(id), body, { headers: ifMatch(version) }),
      onSuccess: (campaign, _variables, _result, { client }) => cacheCampaign(client, campaign),
    }),
  /** Appends a copy of version `restore` as the newest; `current` is the version it replaces. */
  restore: () =>
    mutationOptions({
      mutationFn: ({ id, restore, current }: { id: string; restore: number; current: number }) =>
        sendJson(
          'POST',
          savedCampaign,
          `${campaignPath(id)}/versions/${restore}/restore`,
          {} satisfies RestoreCampaignRequest,
          { headers: ifMatch(current) },
        ),
      onSuccess: (campaign, _variables, _result, { client }) => cacheCampaign(client, campaign),
    }),
};

const preconditionFailed = z.object({ current: savedCampaign });

/** The campaign as saved now, when a save was refused because someone saved first (412). */
export function staleCampaign(error: unknown): SavedCampaign | null {
  if (!(error instanceof ApiClientError) || error.status !== 412) return null;
  const parsed = preconditionFailed.safeParse(error.body);
  return parsed.success ? parsed.data.current : null;
}
