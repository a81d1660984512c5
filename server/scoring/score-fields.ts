// The scores as segment fields: which ones the catalogue lists (group `score`), and each
// customer's value of each, rounded as a marketer reads them (percentages to 0.01, euros to the
// cent, days to 0.1), so that "propensity over 30 days ≥ 40" means the same figure the Customer 360
// shows. A customer without a completed order has no value (missing), as a score the model
// cannot give.
import type { CatalogueField } from '../../src/api/contract.ts';
import { CHURN_BANDS } from '../../src/domain/analytics/score.ts';
import { RFM_CELLS } from '../../src/domain/analytics/rfm.ts';
import { finite, type ScoreBook } from './score-book.ts';

export type ScoreValue = number | string | null;

export const SCORE_FIELDS = [
  { id: 'score.propensity_30d', label: 'Propensity to buy in 30 days (%)', type: 'number' },
  { id: 'score.propensity_90d', label: 'Propensity to buy in 90 days (%)', type: 'number' },
  { id: 'score.churn_band', label: 'Churn risk band', type: 'enum' },
  { id: 'score.clv_12m', label: 'Predicted value, next 12 months (€)', type: 'number' },
  { id: 'score.days_to_next_order', label: 'Days to next order (median)', type: 'number' },
  { id: 'score.rfm_cell', label: 'RFM segment', type: 'enum' },
] as const satisfies readonly { id: string; label: string; type: 'number' | 'enum' }[];

export type ScoreFieldId = (typeof SCORE_FIELDS)[number]['id'];
export const SCORE_FIELD_IDS: ReadonlySet<string> = new Set(SCORE_FIELDS.map((f) => f.id));

const round = (v: number, step: number) => Math.round(v / step) * step;

/** The values of the customer at `i` in the book's summary. */
function valuesAt(book: ScoreBook, i: number): Map<string, ScoreValue> {
  const { scores, rfm } = book.base;
  const horizon = (days: number) => scores.horizons.find((h) => h.horizonDays === days);
  const pct = (days: number) => {
    const v = finite(horizon(days)?.propensity[i]);
    return v === null ? null : round(100 * v, 0.01);
  };
  const clv = finite(scores.clv[i]);
  const next = finite(scores.nextOrderMedianDays[i]);
  return new Map<string, ScoreValue>([
    ['score.propensity_30d', pct(30)],
    ['score.propensity_90d', pct(90)],
    ['score.churn_band', CHURN_BANDS[scores.churnBand[i] ?? 0] ?? null],
    ['score.clv_12m', clv === null ? null : round(clv, 0.01)],
    ['score.days_to_next_order', next === null ? null : round(next, 0.1)],
    ['score.rfm_cell', rfm.scores[i]?.cell ?? null],
  ]);
}

/** Every scored customer's values, by customer id then score id. */
export function scoreValues(book: ScoreBook): Map<string, Map<string, ScoreValue>> {
  const out = new Map<string, Map<string, ScoreValue>>();
  book.base.summary.customerIds.forEach((id, i) => out.set(id, valuesAt(book, i)));
  return out;
}

/** One customer's values (what `scoreValues` holds for them); empty for a customer not scored. */
export function customerScoreValues(book: ScoreBook, customerId: string): Map<string, ScoreValue> {
  const i = book.base.index.get(customerId);
  return i === undefined ? new Map() : valuesAt(book, i);
}

/** The catalogue entries of the scores, with their stats over `customers` customers. */
export function scoreCatalogueFields(
  values: ReadonlyMap<string, ReadonlyMap<string, ScoreValue>>,
  customers: number,
): CatalogueField[] {
  return SCORE_FIELDS.map((field) => {
    const seen: ScoreValue[] = [];
    for (const v of values.values()) {
      const value = v.get(field.id) ?? null;
      if (value !== null) seen.push(value);
    }
    const counts = new Map<string, number>();
    for (const v of seen) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
    let min: number | null = null;
    let max: number | null = null;
    for (const v of seen) {
      if (typeof v !== 'number') continue;
      if (min === null || v < min) min = v;
      if (max === null || v > max) max = v;
    }
    const order: readonly string[] =
      field.id === 'score.churn_band'
        ? CHURN_BANDS
        : field.id === 'score.rfm_cell'
          ? RFM_CELLS
          : [];
    const suggestions =
      field.type === 'enum'
        ? order
            .filter((value) => counts.has(value))
            .map((value) => ({ value, count: counts.get(value) ?? 0 }))
        : [];
    return {
      id: field.id,
      group: 'score',
      label: field.label,
      type: field.type,
      stats: {
        present: seen.length,
        missing: Math.max(0, customers - seen.length),
        distinct: counts.size,
        min,
        max,
      },
      suggestions,
    };
  });
}
