// A campaign's rollout plan (src/domain/campaign/rollout.ts) over its members now, as the
// campaign's check (the one its audit shares) read them: those held out, and the others with
// their verdicts, each with their scores and whether the campaign excludes them; and the
// recipients of one wave, which the export sends wave by wave.
import type { RolloutPlanResponse } from '../src/api/contract.ts';
import { excludedIds } from '../src/domain/campaign/campaign.ts';
import {
  planRollout,
  ROLLOUT_HORIZON_DAYS,
  waveOf,
  type RolloutMember,
  type RolloutScores,
  type WaveId,
} from '../src/domain/campaign/rollout.ts';
import type { Renderer } from '../src/domain/guardrails/recipient.ts';
import { campaignOrNotFound, checkRunFor, scoreBookOf } from './campaign-preview.ts';
import type { SavedCampaign } from '../src/api/contract.ts';
import type { ScoreBook } from './scoring/score-book.ts';
import type { ProfileStore } from './store.ts';

/** A customer's scores as the plan reads them: none without a model or for a customer never scored. */
export function rolloutScoresOf(book: ScoreBook | null, customerId: string): RolloutScores | null {
  return book === null ? null : book.rolloutScores(customerId);
}

/** The recipients of one wave of the plan, in the order given. */
export function inWave(
  campaign: Pick<SavedCampaign, 'rollout'>,
  book: ScoreBook | null,
  wave: WaveId,
  ids: readonly string[],
): string[] {
  return ids.filter((id) => waveOf(campaign.rollout, rolloutScoresOf(book, id)) === wave);
}

/** The plan of the campaign as it is now, counted with its check's verdicts. */
export async function rolloutPlan(
  store: ProfileStore,
  render: Renderer,
  campaignId: string,
): Promise<RolloutPlanResponse> {
  const campaign = await campaignOrNotFound(store, campaignId);
  const { run } = await checkRunFor(store, render, campaign);
  const [book, check] = await Promise.all([scoreBookOf(store), run.result]);
  const excluded = excludedIds(campaign);
  function* members(): Iterable<RolloutMember> {
    for (const id of check.heldOut) {
      const scores = rolloutScoresOf(book, id);
      yield {
        customer_id: id,
        scores,
        held_out: true,
        excluded: false,
        guardrails: [],
        blocking: [],
      };
    }
    for (const { summary } of check.members) {
      yield {
        customer_id: summary.customer_id,
        scores: rolloutScoresOf(book, summary.customer_id),
        held_out: false,
        excluded: excluded.has(summary.customer_id),
        guardrails: summary.guardrails,
        blocking: summary.blocking,
      };
    }
  }
  return {
    campaign_id: campaign.campaign_id,
    campaign_version: campaign.version,
    settings: campaign.rollout,
    horizon_days: ROLLOUT_HORIZON_DAYS,
    scored: book !== null,
    waves: planRollout(campaign.rollout, members()),
  };
}
