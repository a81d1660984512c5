// The contact-pressure forecast over an audience (src/domain/guardrails/forecast.ts): its members'
// histories read a chunk at a time, narrowed to the tables the rules look at (whole: a guardrail
// never answers from part of a table) — the store narrows what is read, the domain decides.
import type { ForecastResponse } from '../src/api/contract.ts';
import type { CampaignBody, CampaignChannel } from '../src/domain/campaign/campaign.ts';
import {
  FORECAST_TABLES,
  emptyForecastTally,
  forecastOf,
  tallyMember,
} from '../src/domain/guardrails/forecast.ts';
import { nextTurn } from './campaign-preview.ts';
import type { PolicyInUse } from './documents/policies.ts';
import type { ProfileStore } from './store.ts';

/** Histories per chunk. */
const FORECAST_CHUNK = 1_000;
/** Members between two turns of the event loop (the browser's mock runs this in the page). */
const YIELD_EVERY = 250;

export interface ForecastAudience {
  /** In customer id order. */
  ids: readonly string[];
  channel: CampaignChannel;
  /** The campaign forecast, whose alternates choose each member's channel; absent in the builder. */
  body?: CampaignBody;
  time_zone: string;
  at: string;
  policy: PolicyInUse;
}

export async function forecastAudience(
  store: ProfileStore,
  audience: ForecastAudience,
): Promise<ForecastResponse> {
  const { channel, time_zone, at, policy } = audience;
  const setting = {
    channel,
    ...(audience.body === undefined ? {} : { body: audience.body }),
    time_zone,
    at,
    policy: policy.policy,
    reference: await store.referenceRows(),
  };
  const scope = { tables: FORECAST_TABLES, since: null };
  const tally = emptyForecastTally();
  for await (const chunk of store.histories(audience.ids, {
    scope,
    chunkSize: FORECAST_CHUNK,
  })) {
    for (const history of chunk) {
      tallyMember(tally, history, setting);
      if (tally.members % YIELD_EVERY === 0) await nextTurn();
    }
  }
  return {
    ...forecastOf(tally),
    channel,
    at,
    policy: { policy_id: policy.policy_id, version: policy.version },
  };
}
