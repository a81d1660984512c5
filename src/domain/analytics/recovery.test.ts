// Parameter recovery: customers simulated from known BG/NBD and Gamma-Gamma parameters (seeded),
// fitted back. Tolerances are about twice the largest error seen over seeds 1–3 at this size
// (100,000 customers): r and α are pinned far better than the drop-out pair a, b, and p and γ
// trade off against each other while the mean spend pγ/(q − 1) they imply is pinned closely.
// Each fit must also hold the truth within three of its own standard errors.
import { describe, expect, test } from 'vitest';
import { fitBgNbd } from './bgnbd.ts';
import { fitGammaGamma, meanSpend } from './gammagamma.ts';
import { simulateCustomers, simulateTransactions } from './simulate.ts';
import { summariseColumns } from './summary.ts';

const sets = [
  {
    name: 'CDNOW-like: mostly one-time buyers, weeks',
    bg: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
    gg: { p: 6.25, q: 3.74, gamma: 15.44 },
    unit: 'week',
    minAge: 26,
    maxAge: 39,
  },
  {
    name: 'frequent, loyal buyers, weeks',
    bg: { r: 1.5, alpha: 10, a: 1.2, b: 8 },
    gg: { p: 3, q: 5, gamma: 40 },
    unit: 'week',
    minAge: 10,
    maxAge: 52,
  },
  {
    name: 'fast churn and heavy spend spread, days',
    bg: { r: 0.6, alpha: 60, a: 0.4, b: 1.5 },
    gg: { p: 10, q: 2.5, gamma: 5 },
    unit: 'day',
    minAge: 100,
    maxAge: 730,
  },
] as const;

const rel = (value: number, truth: number) => Math.abs(value / truth - 1);

describe.each(sets)('recovers the parameters: $name', (set) => {
  const sim = simulateCustomers(set.bg, set.gg, {
    customers: 100_000,
    seed: 1,
    unit: set.unit,
    minAge: set.minAge,
    maxAge: set.maxAge,
  });

  test('BG/NBD', () => {
    const fit = fitBgNbd(sim);
    expect(fit.converged).toBe(true);
    expect(fit.unit).toBe(set.unit);
    expect(rel(fit.params.r, set.bg.r)).toBeLessThan(0.05);
    expect(rel(fit.params.alpha, set.bg.alpha)).toBeLessThan(0.05);
    expect(rel(fit.params.a, set.bg.a)).toBeLessThan(0.12);
    expect(rel(fit.params.b, set.bg.b)).toBeLessThan(0.12);
    // And the truth lies within three of the fit's own standard errors.
    const se = fit.standardErrors!;
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      expect(Math.abs(fit.params[k] - set.bg[k])).toBeLessThan(3 * se[k]);
    }
  });

  test('Gamma-Gamma', () => {
    const fit = fitGammaGamma(sim);
    expect(fit.converged).toBe(true);
    expect(rel(fit.params.p, set.gg.p)).toBeLessThan(0.12);
    expect(rel(fit.params.q, set.gg.q)).toBeLessThan(0.05);
    expect(rel(fit.params.gamma, set.gg.gamma)).toBeLessThan(0.15);
    expect(rel(meanSpend(fit.params), meanSpend(set.gg))).toBeLessThan(0.03);
    const se = fit.standardErrors!;
    for (const k of ['p', 'q', 'gamma'] as const) {
      expect(Math.abs(fit.params[k] - set.gg[k])).toBeLessThan(3 * se[k]);
    }
  });
});

describe('recovers the parameters from dated transactions, through the summary', () => {
  // Purchases dated to the day: times are rounded and two purchases on one day become one, which
  // biases α up by a few per cent (λ is a little lower in whole days); the rest is sampling noise.
  const truth = { bg: { r: 0.5, alpha: 40, a: 0.9, b: 3 }, gg: { p: 5, q: 4, gamma: 30 } };
  const rows = simulateTransactions(truth.bg, truth.gg, {
    customers: 60_000,
    seed: 1,
    start: '2024-01-01',
    calibrationEnd: '2024-12-31',
    end: '2025-06-30',
  });
  const summary = summariseColumns(rows, { calibrationEnd: '2024-12-31', unit: 'day' });

  test('BG/NBD, α in days', () => {
    const fit = fitBgNbd(summary);
    expect(fit.unit).toBe('day');
    expect(rel(fit.params.r, truth.bg.r)).toBeLessThan(0.08);
    expect(rel(fit.params.alpha, truth.bg.alpha)).toBeLessThan(0.12);
    expect(rel(fit.params.a, truth.bg.a)).toBeLessThan(0.12);
    expect(rel(fit.params.b, truth.bg.b)).toBeLessThan(0.12);
  });

  test('Gamma-Gamma', () => {
    const fit = fitGammaGamma(summary);
    expect(rel(fit.params.p, truth.gg.p)).toBeLessThan(0.1);
    expect(rel(fit.params.q, truth.gg.q)).toBeLessThan(0.1);
    expect(rel(fit.params.gamma, truth.gg.gamma)).toBeLessThan(0.1);
  });
});
