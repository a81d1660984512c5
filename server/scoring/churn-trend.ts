// The churn trend a store serves (src/domain/analytics/churn-trend.ts says what it is): every
// customer's band at each cut-off, worked out once per load from the store's transactions, one
// refit per month, yielding to the event loop between months so that requests go on meanwhile.
import {
  churnBandsAt,
  churnCutoffs,
  tallyChurnBands,
  type ChurnCounts,
  type ChurnCutoff,
} from '../../src/domain/analytics/churn-trend.ts';
import type { IndexedTransactions } from '../../src/domain/analytics/summary.ts';

export interface ChurnTrend {
  /** The transactions' customers, whose indices the bands are by. */
  customerIds: readonly string[];
  months: (ChurnCutoff & { bands: Uint8Array | null })[];
}

export type ChurnTrendMonth = ChurnCutoff & ChurnCounts & { fitted: boolean };

// setTimeout, not setImmediate: the memory store also runs in the browser (the MSW demo).
const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function buildChurnTrend(
  transactions: IndexedTransactions,
  asOfInstant: string,
): Promise<ChurnTrend> {
  const months: ChurnTrend['months'] = [];
  for (const cutoff of churnCutoffs(asOfInstant.slice(0, 10))) {
    await nextTurn();
    months.push({ ...cutoff, bands: churnBandsAt(transactions, cutoff.cutoff) });
  }
  return { customerIds: transactions.customerIds, months };
}

/** Each month's counts among the customers `members` holds (everyone when null). */
export function churnTrendMonths(
  trend: ChurnTrend,
  members: ReadonlySet<string> | null,
): ChurnTrendMonth[] {
  const include =
    members === null ? undefined : (i: number) => members.has(trend.customerIds[i] ?? '');
  return trend.months.map(({ month, cutoff, bands }) => ({
    month,
    cutoff,
    fitted: bands !== null,
    ...(bands === null
      ? { customers: 0, low: 0, medium: 0, high: 0 }
      : tallyChurnBands(bands, include)),
  }));
}
