import { describe, expect, test } from 'vitest';
import { NOT_A_CUSTOMER, churnBandsAt, churnCutoffs, tallyChurnBands } from './churn-trend.ts';
import { fitBgNbd } from './bgnbd.ts';
import { scoreCustomerBase } from './pipeline.ts';
import { scoreCustomers } from './score.ts';
import { simulateTransactions } from './simulate.ts';
import {
  dayNumber,
  indexTransactions,
  summariseIndexed,
  type IndexedTransactions,
} from './summary.ts';

/** 2,000 customers from the models: first orders over 2024–2025, orders up to mid-2026. */
function simulated(): IndexedTransactions {
  return indexTransactions(
    simulateTransactions(
      { r: 0.6, alpha: 40, a: 0.8, b: 2.5 },
      { p: 6, q: 4, gamma: 15 },
      {
        customers: 2000,
        seed: 7,
        start: '2024-01-01',
        calibrationEnd: '2025-12-31',
        end: '2026-06-30',
      },
    ),
  );
}

/** The same customers (same indices) with only the rows on or before `cutoff`. */
function upTo(t: IndexedTransactions, cutoff: string): IndexedTransactions {
  const last = dayNumber(cutoff);
  const keep: number[] = [];
  t.day.forEach((d, i) => {
    if (d <= last) keep.push(i);
  });
  return {
    customerIds: t.customerIds,
    customer: Int32Array.from(keep, (i) => t.customer[i] ?? 0),
    day: Int32Array.from(keep, (i) => t.day[i] ?? 0),
    amount: Float64Array.from(keep, (i) => t.amount[i] ?? 0),
  };
}

describe('churnCutoffs', () => {
  test("each month's last day, the as-of day for the as-of month, oldest first", () => {
    expect(churnCutoffs('2026-03-15', 3)).toEqual([
      { month: '2026-01', cutoff: '2026-01-31' },
      { month: '2026-02', cutoff: '2026-02-28' },
      { month: '2026-03', cutoff: '2026-03-15' },
    ]);
  });

  test('across a year and a leap February', () => {
    expect(churnCutoffs('2025-01-10', 2)).toEqual([
      { month: '2024-12', cutoff: '2024-12-31' },
      { month: '2025-01', cutoff: '2025-01-10' },
    ]);
    expect(churnCutoffs('2024-03-01', 2)[0]).toEqual({ month: '2024-02', cutoff: '2024-02-29' });
  });

  test('twelve months by default', () => {
    const cutoffs = churnCutoffs('2026-06-30');
    expect(cutoffs).toHaveLength(12);
    expect(cutoffs[0]).toEqual({ month: '2025-07', cutoff: '2025-07-31' });
    expect(cutoffs.at(-1)).toEqual({ month: '2026-06', cutoff: '2026-06-30' });
  });
});

describe('churnBandsAt on simulated customers', () => {
  const t = simulated();

  test('at the as-of day: the bands the scores give today', () => {
    const bands = churnBandsAt(t, '2026-06-30');
    const base = scoreCustomerBase(t, { asOf: '2026-06-30', holdoutDays: 0 });
    expect(bands).not.toBeNull();
    const byId = new Map(base.summary.customerIds.map((id, i) => [id, base.scores.churnBand[i]]));
    t.customerIds.forEach((id, i) => {
      expect(bands?.[i]).toBe(byId.get(id) ?? NOT_A_CUSTOMER);
    });
    // Every band is used: the comparison above is not between empty answers.
    const counts = tallyChurnBands(bands ?? new Uint8Array());
    expect(counts.customers).toBe(2000);
    expect(counts.low).toBeGreaterThan(0);
    expect(counts.medium).toBeGreaterThan(0);
    expect(counts.high).toBeGreaterThan(0);
  });

  test('a past cut-off reads no order after it, and leaves out who had not bought yet', () => {
    const cutoff = '2024-06-30';
    const bands = churnBandsAt(t, cutoff);
    expect(bands).toEqual(churnBandsAt(upTo(t, cutoff), cutoff));
    const first = new Map<number, number>();
    t.customer.forEach((k, i) => {
      const d = t.day[i] ?? 0;
      if (d < (first.get(k) ?? Infinity)) first.set(k, d);
    });
    const buyers = [...first.values()].filter((d) => d <= dayNumber(cutoff)).length;
    expect(tallyChurnBands(bands ?? new Uint8Array()).customers).toBe(buyers);
    t.customerIds.forEach((_, k) => {
      const banded = (bands?.[k] ?? NOT_A_CUSTOMER) !== NOT_A_CUSTOMER;
      expect(banded).toBe((first.get(k) ?? Infinity) <= dayNumber(cutoff));
    });
  });

  test("each cut-off's bands come from a model fitted on its own data, not today's", () => {
    const cutoff = '2024-09-30';
    const bands = churnBandsAt(t, cutoff);
    const summary = summariseIndexed(t, { calibrationEnd: cutoff, unit: 'week' });
    const then = scoreCustomers(fitBgNbd(summary), null, summary);
    const today = scoreCustomers(
      fitBgNbd(summariseIndexed(t, { calibrationEnd: '2026-06-30', unit: 'week' })),
      null,
      summary,
    );
    const index = new Map(t.customerIds.map((id, k) => [id, k]));
    let differ = 0;
    summary.customerIds.forEach((id, i) => {
      expect(bands?.[index.get(id) ?? -1]).toBe(then.churnBand[i]);
      if (then.churnBand[i] !== today.churnBand[i]) differ += 1;
    });
    // Nine months of data give another model than thirty: dozens of customers (55) move band.
    expect(differ).toBeGreaterThan(20);
  });

  test('too little data to fit before the first repeat purchases: no bands', () => {
    // Before anyone's first order; then a week of first orders (≈ 20 customers, none repeating).
    expect(churnBandsAt(t, '2023-12-31')).toBeNull();
    expect(churnBandsAt(t, '2024-01-07')).toBeNull();
    expect(churnBandsAt(t, '2024-03-31')).not.toBeNull();
  });
});

describe('tallyChurnBands', () => {
  const bands = Uint8Array.from([0, 1, 2, 2, NOT_A_CUSTOMER, 0, 2]);

  test('counts each band, not those without an order', () => {
    expect(tallyChurnBands(bands)).toEqual({ customers: 6, low: 2, medium: 1, high: 3 });
  });

  test('only the customers kept', () => {
    expect(tallyChurnBands(bands, (i) => i >= 3)).toEqual({
      customers: 3,
      low: 1,
      medium: 0,
      high: 2,
    });
    expect(tallyChurnBands(bands, () => false)).toEqual({
      customers: 0,
      low: 0,
      medium: 0,
      high: 0,
    });
  });
});
