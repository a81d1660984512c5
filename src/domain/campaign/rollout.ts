// A staged rollout: a campaign's members split into waves sent one after the other — by default
// the loyal first (RFM champions and loyal customers, and anyone whose propensity to order in the
// next 30 days ranks high), then the rest — so a mistake reaches the customers who forgive most
// and the first wave's results speak before the rest is sent. Each wave keeps its own holdout (its
// members whose draw falls under the campaign's share: the same customers the campaign holds
// out, so the plan changes who is sent when, never who is held out), is exported on its own and
// is counted with the audit's verdicts for its recipients. See docs/decisions/024-staged-rollout.md.
import { z } from 'zod';
import type { RfmCell } from '../analytics/rfm.ts';
import { emptyTallies, guardrailTally } from '../guardrails/audit.ts';
import { guardrailId, type GuardrailId } from '../guardrails/verdict.ts';

/** The propensity horizon the plan reads, and the one its expected orders are counted over. */
export const ROLLOUT_HORIZON_DAYS = 30;
/** The RFM cells of the first wave of a "loyal first" plan. */
export const LOYAL_CELLS: readonly RfmCell[] = ['champions', 'loyal_customers'];
export const DEFAULT_MIN_PROPENSITY_PERCENTILE = 80;

export const rolloutStrategy = z.enum(['loyal_first', 'all_at_once']);
export type RolloutStrategy = z.infer<typeof rolloutStrategy>;

/** How a campaign is rolled out, as it saves it. */
export const rolloutSettings = z.strictObject({
  strategy: rolloutStrategy.default('loyal_first'),
  /**
   * The 30-day propensity percentile (among scored customers) from which a customer joins the
   * first wave whatever their RFM cell: 80 puts the top fifth of buyers-to-be first.
   */
  min_propensity_percentile: z
    .number()
    .int()
    .min(50, 'A high propensity starts at the 50th percentile or above.')
    .max(99, 'At most the 99th percentile.')
    .default(DEFAULT_MIN_PROPENSITY_PERCENTILE),
});
export type RolloutSettings = z.infer<typeof rolloutSettings>;

export const waveId = z.enum(['loyal', 'rest', 'all']);
export type WaveId = z.infer<typeof waveId>;

/** What the plan reads of a customer's scores; null for a customer the models do not score. */
export interface RolloutScores {
  cell: RfmCell | null;
  /** Percentile of the 30-day propensity, 0–100. */
  percentile: number;
  /** Expected orders in the next 30 days. */
  expected_orders: number;
}

/** The waves of a plan, in sending order. */
export function wavesOf(settings: RolloutSettings): WaveId[] {
  return settings.strategy === 'all_at_once' ? ['all'] : ['loyal', 'rest'];
}

/** Whether a customer is loyal by the plan: a loyal RFM cell, or a propensity ranked high enough. */
export function isLoyal(settings: RolloutSettings, scores: RolloutScores | null): boolean {
  if (scores === null) return false;
  if (scores.cell !== null && LOYAL_CELLS.includes(scores.cell)) return true;
  return scores.percentile >= settings.min_propensity_percentile;
}

/** The wave a customer is sent in. Unscored customers (never ordered) are never first. */
export function waveOf(settings: RolloutSettings, scores: RolloutScores | null): WaveId {
  if (settings.strategy === 'all_at_once') return 'all';
  return isLoyal(settings, scores) ? 'loyal' : 'rest';
}

/** One member of the campaign's segment, as the plan counts them. */
export interface RolloutMember {
  customer_id: string;
  scores: RolloutScores | null;
  held_out: boolean;
  excluded: boolean;
  /** The guardrails that flag them and those that block them (empty when held out). */
  guardrails: readonly GuardrailId[];
  blocking: readonly GuardrailId[];
}

const count = z.number().int().nonnegative();
export const waveCounts = z.strictObject({
  wave: waveId,
  /** Members of the segment in this wave, its holdout included. */
  members: count,
  /** Members held out: they receive nothing, to measure what this wave changed. */
  holdout: count,
  /** Members excluded by the campaign after an audit. */
  excluded: count,
  /** Who this wave's export sends to: members less its holdout and exclusions. */
  recipients: count,
  /** Recipients the models score; the others count for no expected order. */
  scored: count,
  /** The models' expected orders of the recipients in the next 30 days. */
  expected_orders: z.number().nonnegative(),
  flagged: count,
  blocked: count,
  /** Every guardrail, 0 included: the audit's verdicts on this wave's recipients. */
  by_guardrail: z.record(guardrailId, guardrailTally),
});
export type WaveCounts = z.infer<typeof waveCounts>;

/** A wave with no one counted yet. */
export function emptyWave(wave: WaveId): WaveCounts {
  return {
    wave,
    members: 0,
    holdout: 0,
    excluded: 0,
    recipients: 0,
    scored: 0,
    expected_orders: 0,
    flagged: 0,
    blocked: 0,
    by_guardrail: emptyTallies(),
  };
}

/**
 * Every wave of the plan with its counts, in sending order: a wave without members is kept (a
 * plan says so rather than hiding it). The holdout is counted before the exclusions: a held-out
 * member is never a recipient, whatever a guardrail said.
 */
export function planRollout(
  settings: RolloutSettings,
  members: Iterable<RolloutMember>,
): WaveCounts[] {
  const waves = new Map(wavesOf(settings).map((id) => [id, emptyWave(id)]));
  for (const member of members) {
    const wave = waves.get(waveOf(settings, member.scores));
    if (wave === undefined) continue;
    wave.members += 1;
    if (member.held_out) {
      wave.holdout += 1;
      continue;
    }
    if (member.excluded) {
      wave.excluded += 1;
      continue;
    }
    wave.recipients += 1;
    if (member.scores !== null) {
      wave.scored += 1;
      wave.expected_orders += member.scores.expected_orders;
    }
    if (member.guardrails.length > 0) wave.flagged += 1;
    if (member.blocking.length > 0) wave.blocked += 1;
    for (const id of member.guardrails) wave.by_guardrail[id].flagged += 1;
    for (const id of member.blocking) wave.by_guardrail[id].blocking += 1;
  }
  return [...waves.values()];
}
