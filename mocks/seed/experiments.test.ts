// The planted experiments against the dashboards' estimates: each past campaign with a holdout
// states its true uplift in the manifest (the mean over its targets of what being sent changed
// to their chance of ordering within the attribution window), and the conversions were drawn from
// those chances. The campaign dashboard's 95 % intervals (Newcombe's hybrid score) should cover
// the truth for the campaigns whose holdout is large enough to conclude — 95 % of the time each,
// so among a dozen campaigns an occasional miss is what the method promises, not a failure; more
// than the binomial tail allows would be.
import { describe, expect, test } from 'vitest';
import {
  ATTRIBUTION_WINDOW_DAYS,
  campaignFigures,
  campaignUplift,
} from '../../src/domain/analytics/campaigns.ts';
import { MIN_HOLDOUT } from '../../src/domain/analytics/uplift.ts';
import { generateDataset } from './index.ts';

const { dataset, manifest } = generateDataset({ seed: 42, customers: 20_000 });
const figures = campaignFigures(
  {
    messages: dataset.messages,
    holds: dataset.holdouts,
    orders: dataset.orders,
    consents: dataset.consents,
  },
  null,
  { from: '2020-01', to: '2026-11', channel: null },
);
const byId = new Map(figures.map((f) => [f.campaign_id, f]));

/** P(X > k) for X ~ Binomial(n, p). */
function upperTail(n: number, p: number, k: number): number {
  let term = (1 - p) ** n;
  let below = 0;
  for (let x = 0; x <= k; x += 1) {
    below += term;
    term *= ((n - x) / (x + 1)) * (p / (1 - p));
  }
  return 1 - below;
}

describe('planted experiments', () => {
  test('the manifest states one zero, one loss (the over-contacting campaign) and lifts', () => {
    const kinds = manifest.experiments.map((e) => e.effect.kind);
    expect(kinds.filter((k) => k === 'none')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'loss')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'lift').length).toBeGreaterThanOrEqual(5);
    for (const e of manifest.experiments) {
      if (e.effect.kind === 'none') expect(e.true_uplift).toBe(0);
      if (e.effect.kind === 'loss') expect(e.true_uplift).toBeLessThan(0);
      if (e.effect.kind === 'lift') {
        // A lift p moves the targets who would not have ordered anyway: a little under p.
        expect(e.true_uplift).toBeGreaterThan(e.effect.probability * 0.85);
        expect(e.true_uplift).toBeLessThan(e.effect.probability);
      }
    }
  });

  test('the rows hold each experiment: its holdout drawn at its share, held out of its messages', () => {
    for (const e of manifest.experiments) {
      const f = byId.get(e.campaign_id);
      expect(f, e.campaign_id).toBeDefined();
      if (f === undefined) continue;
      expect(f.holdout.customers).toBe(e.held_out);
      expect(f.recipients.customers + f.holdout.customers).toBe(e.targeted);
      // The holdout share drawn: within four standard deviations of the stated share.
      const sd = Math.sqrt((e.holdout_share * (1 - e.holdout_share)) / e.targeted);
      expect(Math.abs(e.held_out / e.targeted - e.holdout_share)).toBeLessThan(4 * sd);
      expect(f.sent_at).toBe(e.sent_at);
    }
    const held = new Set(dataset.holdouts.map((h) => `${h.campaign_id}|${h.customer_id}`));
    for (const m of dataset.messages)
      expect(held.has(`${m.campaign_id}|${m.customer_id}`), m.message_id).toBe(false);
  });

  test(`the 95 % intervals cover the true uplift (${ATTRIBUTION_WINDOW_DAYS}-day conversion) where the holdout can conclude`, () => {
    const conclusive = manifest.experiments.filter(
      (e) => (byId.get(e.campaign_id)?.holdout.customers ?? 0) >= MIN_HOLDOUT,
    );
    const missed: string[] = [];
    for (const e of conclusive) {
      const f = byId.get(e.campaign_id);
      const interval = f === undefined ? null : campaignUplift(f).conversion;
      expect(interval, e.campaign_id).not.toBeNull();
      if (interval === null) continue;
      if (!(interval.low <= e.true_uplift && e.true_uplift <= interval.high))
        missed.push(
          `${e.campaign_id}: true ${e.true_uplift.toFixed(4)}, interval [${interval.low.toFixed(4)}, ${interval.high.toFixed(4)}]`,
        );
    }
    expect(conclusive.length).toBeGreaterThanOrEqual(10);
    // At most as many misses as a 95 % interval makes 99.5 % of the time.
    let allowed = 0;
    while (upperTail(conclusive.length, 0.05, allowed) > 0.005) allowed += 1;
    expect(missed.length, missed.join('\n')).toBeLessThanOrEqual(allowed);
    // The lifts large enough are found, the loss too; the zero is not called.
    for (const e of conclusive) {
      const f = byId.get(e.campaign_id);
      if (f === undefined) continue;
      const verdict = campaignUplift(f).conversion_verdict;
      if (e.effect.kind === 'none') expect(verdict, e.campaign_id).toBe('too_small');
      if (e.effect.kind === 'lift' && e.true_uplift >= 0.05)
        expect(verdict, e.campaign_id).toBe('up');
    }
  });
});
