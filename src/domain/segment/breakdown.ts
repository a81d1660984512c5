// Breaking a segment's members down: by a customer attribute (the allowlist), by a score (churn
// band, RFM segment, propensity in bands of ten points), by the channels a member is reachable on
// or has ordered through. What each member counts under (`breakdownReader`, for stores that walk
// customers; the SQL store says the same in SQL, held to this by the differential test), and the
// order and cut-off of the values, the same in every store.
import { CHURN_BANDS } from '../analytics/churn.ts';
import { columnFields } from '../profile/catalogue.ts';
import { REACH_CHANNELS, reachConditions } from './count-plan.ts';
import { allHold, conditionPredicate, type Predicate } from './evaluate.ts';
import type { CustomerFacts, EvaluationContext } from './facts.ts';

export const BREAKDOWN_LIMIT = 20;

/** One value per person: a breakdown by them says nothing and lists personal data. */
const IDENTIFYING = new Set([
  'customer.first_name',
  'customer.last_name',
  'customer.email',
  'customer.phone',
]);

/** The channels a member is reachable on (as the reach counts say: consent and a valid address). */
export const REACH_BREAKDOWN = 'reach.channel';
/** The channels of a member's completed orders. */
export const ORDER_CHANNEL_BREAKDOWN = 'order.channels_used';

/** Propensity in bands of ten points: "0-10" holds 0 ≤ p < 10, the last band holds 100. */
export const PROPENSITY_BANDS = Array.from({ length: 10 }, (_, i) => `${i * 10}-${i * 10 + 10}`);

/**
 * Predicted value in euros by band: "0-25" holds 0 ≤ v < 25, the last band ("1000+") holds 1,000
 * and more (a value under 0, which the model does not give, counts in the first).
 */
export const VALUE_BAND_EUROS = [25, 50, 100, 250, 500, 1000] as const;
export const VALUE_BANDS: readonly string[] = [
  ...VALUE_BAND_EUROS.map((upper, i) => `${i === 0 ? 0 : VALUE_BAND_EUROS[i - 1]}-${upper}`),
  `${VALUE_BAND_EUROS[VALUE_BAND_EUROS.length - 1]}+`,
];

/** How a score's values are grouped: ten-point bands, bands of euros, or as they are. */
export type ScoreBands = 'propensity' | 'value' | null;

/** The breakdowns by a score: how they are banded, and the order their values read in. */
const SCORE_BREAKDOWNS: ReadonlyMap<
  string,
  { bands: ScoreBands; order: readonly string[] | null }
> = new Map([
  ['score.churn_band', { bands: null, order: CHURN_BANDS }],
  ['score.rfm_cell', { bands: null, order: null }],
  ['score.propensity_30d', { bands: 'propensity', order: PROPENSITY_BANDS }],
  ['score.propensity_90d', { bands: 'propensity', order: PROPENSITY_BANDS }],
  ['score.clv_12m', { bands: 'value', order: VALUE_BANDS }],
]);

export type BreakdownSource =
  | { kind: 'column'; column: string }
  | { kind: 'score'; score: string; bands: ScoreBands }
  | { kind: 'reach' }
  | { kind: 'order_channel' };

/**
 * The customer column behind a `customer.*` string or enum field, or null when not allowed (not a
 * customer column, not text, or identifying a person).
 */
export function breakdownColumn(fieldId: string): string | null {
  const spec = columnFields.find((f) => f.id === fieldId);
  if (!spec || spec.table !== 'customers' || IDENTIFYING.has(spec.id)) return null;
  return spec.type === 'string' || spec.type === 'enum' ? spec.column : null;
}

/** What a breakdown id reads, or null when it is not one a segment can be broken down by. */
export function breakdownSource(fieldId: string): BreakdownSource | null {
  const column = breakdownColumn(fieldId);
  if (column !== null) return { kind: 'column', column };
  const score = SCORE_BREAKDOWNS.get(fieldId);
  if (score) return { kind: 'score', score: fieldId, bands: score.bands };
  if (fieldId === REACH_BREAKDOWN) return { kind: 'reach' };
  if (fieldId === ORDER_CHANNEL_BREAKDOWN) return { kind: 'order_channel' };
  return null;
}

/** The breakdowns by a score or a channel, in the order a picker lists them. */
export const SCORE_BREAKDOWN_IDS: readonly string[] = [...SCORE_BREAKDOWNS.keys()];
export const CHANNEL_BREAKDOWN_IDS: readonly string[] = [REACH_BREAKDOWN, ORDER_CHANNEL_BREAKDOWN];

/** A member may count under several values (channels): the shares add up to more than 100 %. */
export function isMultiValued(fieldId: string): boolean {
  return CHANNEL_BREAKDOWN_IDS.includes(fieldId);
}

/** The band of a propensity in percent (0–100), or null when there is none. */
export function propensityBand(value: number | string | null | undefined): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const band = Math.min(9, Math.max(0, Math.floor(value / 10)));
  return PROPENSITY_BANDS[band] ?? null;
}

/** The band of a predicted value in euros, or null when there is none. */
export function valueBand(value: number | string | null | undefined): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const band = VALUE_BAND_EUROS.findIndex((upper) => value < upper);
  return VALUE_BANDS[band < 0 ? VALUE_BANDS.length - 1 : band] ?? null;
}

/**
 * What one member counts under, for a store that walks its customers: one value (null when
 * missing), or for the channels each channel (null when none). `column` reads a customer column.
 */
export function breakdownReader(
  source: BreakdownSource,
  context: EvaluationContext,
  column: (facts: CustomerFacts, column: string) => string | number | boolean | null,
): (facts: CustomerFacts) => (string | null)[] {
  switch (source.kind) {
    case 'column':
      return (f) => {
        const v = column(f, source.column);
        return [v === null ? null : String(v)];
      };
    case 'score':
      return (f) => {
        const v = f.scores.get(source.score) ?? null;
        if (source.bands === 'propensity') return [propensityBand(v)];
        if (source.bands === 'value') return [valueBand(v)];
        return [v === null ? null : String(v)];
      };
    case 'reach': {
      const tests: [string, Predicate[]][] = REACH_CHANNELS.map((channel) => [
        channel,
        reachConditions(channel).map((c) => conditionPredicate(c, context)),
      ]);
      return (f) => {
        const on = tests.filter(([, all]) => allHold(all, f)).map(([channel]) => channel);
        return on.length === 0 ? [null] : on;
      };
    }
    case 'order_channel':
      return (f) => {
        const channels = new Set<string>();
        for (const { order } of f.orders) {
          if (order.status === 'completed') channels.add(order.channel);
        }
        return channels.size === 0 ? [null] : [...channels].sort();
      };
  }
}

/**
 * Ordinal values (churn bands, propensity bands) in their order, the others largest first then by
 * value; the missing value last among equals (last of all for ordinal ones); at most
 * BREAKDOWN_LIMIT. Values without a member are not listed.
 */
export function rankBreakdown(
  rows: readonly { value: string | null; count: number }[],
  fieldId?: string,
): { value: string | null; count: number }[] {
  const order = fieldId === undefined ? null : (SCORE_BREAKDOWNS.get(fieldId)?.order ?? null);
  const rank = (v: string | null) => {
    if (order === null) return 0;
    const i = v === null ? -1 : order.indexOf(v);
    return i === -1 ? order.length : i;
  };
  return rows
    .filter((r) => r.count > 0)
    .sort((a, b) => {
      const byOrder = rank(a.value) - rank(b.value);
      if (byOrder !== 0) return byOrder;
      if (b.count !== a.count) return b.count - a.count;
      if (a.value === b.value) return 0;
      if (a.value === null) return 1;
      if (b.value === null) return -1;
      return a.value < b.value ? -1 : 1;
    })
    .slice(0, BREAKDOWN_LIMIT);
}
