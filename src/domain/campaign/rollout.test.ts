import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { RFM_CELLS } from '../analytics/rfm.ts';
import { guardrailIds } from '../guardrails/verdict.ts';
import {
  isLoyal,
  planRollout,
  rolloutSettings,
  waveOf,
  wavesOf,
  type RolloutMember,
  type RolloutScores,
} from './rollout.ts';

const loyalFirst = rolloutSettings.parse({});
const atOnce = rolloutSettings.parse({ strategy: 'all_at_once' });
const scores = (over: Partial<RolloutScores> = {}): RolloutScores => ({
  cell: 'hibernating',
  percentile: 10,
  expected_orders: 0.1,
  ...over,
});
const member = (id: string, over: Partial<RolloutMember> = {}): RolloutMember => ({
  customer_id: id,
  scores: scores(),
  held_out: false,
  excluded: false,
  guardrails: [],
  blocking: [],
  ...over,
});

describe('settings', () => {
  test('default to the loyal first, from the 80th percentile', () => {
    expect(loyalFirst).toEqual({ strategy: 'loyal_first', min_propensity_percentile: 80 });
    expect(wavesOf(loyalFirst)).toEqual(['loyal', 'rest']);
    expect(wavesOf(atOnce)).toEqual(['all']);
  });

  test.each([49, 100, 80.5])('refuse a percentile of %s', (percentile) => {
    expect(rolloutSettings.safeParse({ min_propensity_percentile: percentile }).success).toBe(
      false,
    );
  });

  test.each([50, 99])('accept a percentile of %s', (percentile) => {
    expect(rolloutSettings.safeParse({ min_propensity_percentile: percentile }).success).toBe(true);
  });
});

describe('who is loyal', () => {
  test('champions and loyal customers, whatever their propensity', () => {
    expect(isLoyal(loyalFirst, scores({ cell: 'champions', percentile: 0 }))).toBe(true);
    expect(isLoyal(loyalFirst, scores({ cell: 'loyal_customers', percentile: 0 }))).toBe(true);
  });

  test('every other cell only from the percentile on, the bound included', () => {
    const others = RFM_CELLS.filter((c) => c !== 'champions' && c !== 'loyal_customers');
    for (const cell of others) {
      expect(isLoyal(loyalFirst, scores({ cell, percentile: 80 }))).toBe(true);
      expect(isLoyal(loyalFirst, scores({ cell, percentile: 79.99 }))).toBe(false);
    }
    expect(isLoyal(loyalFirst, scores({ cell: null, percentile: 95 }))).toBe(true);
    expect(isLoyal(loyalFirst, scores({ cell: null, percentile: 50 }))).toBe(false);
  });

  test('the threshold is the settings’', () => {
    const settings = rolloutSettings.parse({ min_propensity_percentile: 60 });
    expect(isLoyal(settings, scores({ percentile: 60 }))).toBe(true);
    expect(isLoyal(settings, scores({ percentile: 59 }))).toBe(false);
  });

  test('a customer the models do not score is never first', () => {
    expect(isLoyal(loyalFirst, null)).toBe(false);
    expect(waveOf(loyalFirst, null)).toBe('rest');
  });

  test('all at once: one wave, whoever they are', () => {
    expect(waveOf(atOnce, scores({ cell: 'champions' }))).toBe('all');
    expect(waveOf(atOnce, null)).toBe('all');
  });
});

describe('the plan', () => {
  test('counts each wave: members, holdout, exclusions, recipients, expected orders, verdicts', () => {
    const waves = planRollout(loyalFirst, [
      member('C1', { scores: scores({ cell: 'champions', expected_orders: 0.5 }) }),
      member('C2', {
        scores: scores({ percentile: 90, expected_orders: 0.25 }),
        guardrails: ['already_owned', 'preference_mismatch'],
        blocking: ['already_owned'],
      }),
      member('C3', { scores: scores({ cell: 'loyal_customers' }), held_out: true }),
      member('C4', { scores: scores({ cell: 'champions' }), excluded: true }),
      member('C5', { scores: scores({ expected_orders: 0.125 }), guardrails: ['quiet_hours'] }),
      member('C6', { scores: null }),
      // Held out and excluded: counted once, as held out.
      member('C7', { scores: null, held_out: true, excluded: true }),
    ]);
    expect(waves.map((w) => w.wave)).toEqual(['loyal', 'rest']);
    const [loyal, rest] = waves;
    expect(loyal).toMatchObject({
      members: 4,
      holdout: 1,
      excluded: 1,
      recipients: 2,
      scored: 2,
      expected_orders: 0.75,
      flagged: 1,
      blocked: 1,
    });
    expect(loyal?.by_guardrail.already_owned).toEqual({ flagged: 1, blocking: 1 });
    expect(loyal?.by_guardrail.preference_mismatch).toEqual({ flagged: 1, blocking: 0 });
    expect(rest).toMatchObject({
      members: 3,
      holdout: 1,
      excluded: 0,
      recipients: 2,
      scored: 1,
      expected_orders: 0.125,
      flagged: 1,
      blocked: 0,
    });
    expect(rest?.by_guardrail.quiet_hours).toEqual({ flagged: 1, blocking: 0 });
    expect(Object.keys(rest?.by_guardrail ?? {}).sort()).toEqual([...guardrailIds].sort());
  });

  test('keeps a wave without members', () => {
    const waves = planRollout(loyalFirst, [member('C1')]);
    expect(waves.map((w) => [w.wave, w.members])).toEqual([
      ['loyal', 0],
      ['rest', 1],
    ]);
  });

  const memberArb = fc.record({
    customer_id: fc.string(),
    scores: fc.option(
      fc.record({
        cell: fc.option(fc.constantFrom(...RFM_CELLS)),
        percentile: fc.double({ min: 0, max: 100, noNaN: true }),
        expected_orders: fc.double({ min: 0, max: 5, noNaN: true }),
      }),
    ),
    held_out: fc.boolean(),
    excluded: fc.boolean(),
    guardrails: fc.constant([]),
    blocking: fc.constant([]),
  });

  test('the waves partition the members, and all at once is their sum', () => {
    fc.assert(
      fc.property(
        fc.array(memberArb, { maxLength: 60 }),
        fc.integer({ min: 50, max: 99 }),
        (members, percentile) => {
          const settings = rolloutSettings.parse({ min_propensity_percentile: percentile });
          const waves = planRollout(settings, members);
          const [all] = planRollout(atOnce, members);
          const sum = (key: 'members' | 'holdout' | 'excluded' | 'recipients' | 'scored') =>
            waves.reduce((total, w) => total + w[key], 0);
          expect(sum('members')).toBe(members.length);
          expect(all?.members).toBe(members.length);
          for (const key of ['holdout', 'excluded', 'recipients', 'scored'] as const) {
            expect(sum(key)).toBe(all?.[key]);
          }
          for (const w of waves) expect(w.members).toBe(w.holdout + w.excluded + w.recipients);
          expect(all?.holdout).toBe(members.filter((m) => m.held_out).length);
          const loyal = members.filter((m) => waveOf(settings, m.scores) === 'loyal');
          expect(waves[0]?.members).toBe(loyal.length);
        },
      ),
    );
  });
});
