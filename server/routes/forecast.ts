// The contact-pressure forecast beside a live count (server/pressure-forecast.ts):
// POST /api/segments/forecast for a definition being built (validated as for a count: 422 with
// per-node issues, never a forecast of an invalid definition), over all its members;
// GET /api/campaigns/:id/forecast for a campaign's recipients (its pinned segment less the holdout
// and the exclusions) on its channel at its send time.
import { Hono } from 'hono';
import { campaignIdParam, forecastRequest, type ForecastResponse } from '../../src/api/contract.ts';
import { excludedIds } from '../../src/domain/campaign/campaign.ts';
import { instantOf } from '../../src/domain/campaign/send-time.ts';
import {
  campaignOrNotFound,
  memberIds,
  pinnedSegment,
  recipientIds,
  sendInstant,
} from '../campaign-preview.ts';
import { bodyOfCampaign } from '../documents/campaigns.ts';
import { currentPolicy } from '../documents/policies.ts';
import { parseOr400 } from '../http.ts';
import { forecastAudience } from '../pressure-forecast.ts';
import type { ProfileStore } from '../store.ts';
import { checkDefinition, definitionShape, limitSegmentBody } from './segment-definitions.ts';
import { readJson } from './versioned-http.ts';

export function segmentForecastRoutes(store: ProfileStore): Hono {
  return new Hono().post('/forecast', limitSegmentBody, async (c) => {
    const request = parseOr400(forecastRequest, await readJson(c.req.raw), 'body');
    const outcome = { outcome: 'not_counted' } as const;
    const definition = definitionShape(request.definition, outcome);
    await checkDefinition(store, definition, await store.savedSegments(), outcome);
    const ms = request.send_at === null ? null : instantOf(request.send_at, request.time_zone);
    const [ids, policy] = await Promise.all([
      memberIds(store, definition),
      currentPolicy(store.documents),
    ]);
    const body: ForecastResponse = await forecastAudience(store, {
      ids,
      channel: request.channel,
      time_zone: request.time_zone,
      at: ms === null ? store.asOf : new Date(ms).toISOString(),
      policy,
    });
    return c.json(body);
  });
}

export function campaignForecastRoutes(store: ProfileStore): Hono {
  return new Hono().get('/:id/forecast', async (c) => {
    const { id } = parseOr400(campaignIdParam, c.req.param(), 'params');
    const campaign = await campaignOrNotFound(store, id);
    const [pinned, policy] = await Promise.all([
      pinnedSegment(store, campaign),
      currentPolicy(store.documents),
    ]);
    const excluded = excludedIds(campaign);
    const members = await recipientIds(store, campaign, pinned.definition);
    const body: ForecastResponse = await forecastAudience(store, {
      ids: members.filter((m) => !excluded.has(m)),
      channel: campaign.channel,
      body: bodyOfCampaign(campaign),
      time_zone: campaign.time_zone,
      at: sendInstant(campaign, store.asOf),
      policy,
    });
    return c.json(body);
  });
}
