// Churn bands over time, from refits on past cut-offs: for each of the last months, BG/NBD fitted
// again on the orders placed up to that month's last day (the as-of day for the current month),
// and every customer who had ordered by then banded by their churn risk as that model said it on
// that day. The last point is therefore today's churn bands, the model's own; no month reads an
// order placed after its cut-off. Decision 032 says why refits and not the holdout fit.
import { fitBgNbd } from './bgnbd.ts';
import { requireEnoughData } from './pipeline.ts';
import { scoreCustomers, type CustomerScores } from './score.ts';
import { dateOfDay, dayNumber, summariseIndexed, type IndexedTransactions } from './summary.ts';

/** Months the trend covers, the as-of month included. */
export const CHURN_TREND_MONTHS = 12;
/** The horizon churn risk is measured over (as the scores': 1 − P(an order in 90 days)). */
const CHURN_HORIZON_DAYS = 90;
/** A customer without a completed order by the cut-off: not banded. */
export const NOT_A_CUSTOMER = 255;

export interface ChurnCutoff {
  /** YYYY-MM */
  month: string;
  /** YYYY-MM-DD: the month's last day, or the as-of day for the as-of month. */
  cutoff: string;
}

/** The `months` cut-offs ending with the as-of day (YYYY-MM-DD), oldest first. */
export function churnCutoffs(asOf: string, months: number = CHURN_TREND_MONTHS): ChurnCutoff[] {
  const year = Number(asOf.slice(0, 4));
  const month = Number(asOf.slice(5, 7)) - 1;
  const out: ChurnCutoff[] = [];
  for (let back = months - 1; back >= 0; back -= 1) {
    const m = year * 12 + month - back;
    const label = `${String(Math.floor(m / 12)).padStart(4, '0')}-${String((m % 12) + 1).padStart(2, '0')}`;
    // The day before the next month's first day.
    const next = m + 1;
    const nextFirst = `${String(Math.floor(next / 12)).padStart(4, '0')}-${String((next % 12) + 1).padStart(2, '0')}-01`;
    out.push({ month: label, cutoff: back === 0 ? asOf : dateOfDay(dayNumber(nextFirst) - 1) });
  }
  return out;
}

/**
 * Every customer's churn band (index into CHURN_BANDS) at `cutoff` from a BG/NBD fitted on the
 * orders up to it, by index into `transactions.customerIds`; NOT_A_CUSTOMER for one without an
 * order by then. Null when the data up to the cut-off is too little to fit (as the scores refuse).
 */
export function churnBandsAt(transactions: IndexedTransactions, cutoff: string): Uint8Array | null {
  const summary = summariseIndexed(transactions, { calibrationEnd: cutoff, unit: 'week' });
  let scores: CustomerScores;
  try {
    requireEnoughData(summary);
    // The summary is the scoring input itself (its calibration end is the cut-off).
    scores = scoreCustomers(fitBgNbd(summary), null, summary, {
      horizonsDays: [CHURN_HORIZON_DAYS],
      churnHorizonDays: CHURN_HORIZON_DAYS,
    });
  } catch (error: unknown) {
    // Too little data, or a fit that cannot be made of it: no model that month, as for the scores.
    if (error instanceof RangeError) return null;
    throw error;
  }
  const bands = new Uint8Array(transactions.customerIds.length).fill(NOT_A_CUSTOMER);
  // The summary keeps the customers in index order, leaving out those without an order yet.
  let k = 0;
  summary.customerIds.forEach((id, i) => {
    while (k < transactions.customerIds.length && transactions.customerIds[k] !== id) k += 1;
    bands[k] = scores.churnBand[i] ?? NOT_A_CUSTOMER;
    k += 1;
  });
  return bands;
}

export interface ChurnCounts {
  /** Customers banded (with an order by the cut-off). */
  customers: number;
  low: number;
  medium: number;
  high: number;
}

/** The customers of each band among those `include` keeps (every one without it). */
export function tallyChurnBands(
  bands: Uint8Array,
  include?: (index: number) => boolean,
): ChurnCounts {
  const counts = [0, 0, 0];
  for (let i = 0; i < bands.length; i += 1) {
    const band = bands[i] ?? NOT_A_CUSTOMER;
    if (band === NOT_A_CUSTOMER || (include !== undefined && !include(i))) continue;
    counts[band] = (counts[band] ?? 0) + 1;
  }
  const [low = 0, medium = 0, high = 0] = counts;
  return { customers: low + medium + high, low, medium, high };
}
