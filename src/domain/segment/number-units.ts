// What a number field measures, so the builder can enter it in the marketer's units (euros, not
// cents) and refuse a value no customer can have (a negative spend, a propensity of 150 %).
// The definition keeps the stored unit: money in cents, shares as fractions.

export type NumberUnit = 'cents' | 'euros' | 'percent' | 'share' | 'days' | 'count';

const UNITS: ReadonlyMap<string, NumberUnit> = new Map([
  ['order.total_cents', 'cents'],
  ['line.unit_price_cents', 'cents'],
  ['aggregate.total_spend_cents', 'cents'],
  ['aggregate.average_order_cents', 'cents'],
  ['score.clv_12m', 'euros'],
  ['score.propensity_30d', 'percent'],
  ['score.propensity_90d', 'percent'],
  ['aggregate.promo_share', 'share'],
  ['aggregate.days_since_last_order', 'days'],
  ['score.days_to_next_order', 'days'],
  ['aggregate.order_count', 'count'],
  ['line.qty', 'count'],
]);

/** The unit of a field by its catalogue id; undefined for a number of no known unit. */
export function numberUnit(fieldId: string): NumberUnit | undefined {
  return UNITS.get(fieldId) ?? (fieldId.endsWith('_cents') ? 'cents' : undefined);
}

/** A billion euros: beyond any customer's figure, and within the stores' integer cents sums. */
const MAX_EUROS = 1_000_000_000;

/**
 * The values a field of each unit can hold, in the unit the marketer types (euros for cents):
 * outside them the builder refuses the value and says the range.
 */
export const TYPED_BOUNDS: Readonly<Record<NumberUnit, { min: number; max: number }>> = {
  cents: { min: 0, max: MAX_EUROS },
  euros: { min: 0, max: MAX_EUROS },
  percent: { min: 0, max: 100 },
  share: { min: 0, max: 1 },
  days: { min: 0, max: 36_500 },
  count: { min: 0, max: 1_000_000 },
};

/** How many stored units one typed unit is: a euro typed is 100 cents stored. */
export function storedPerTyped(unit: NumberUnit | undefined): number {
  return unit === 'cents' ? 100 : 1;
}

/** The decimals a typed value may carry: cents for money, none for counts. */
export function typedDecimals(unit: NumberUnit | undefined): number | undefined {
  if (unit === 'cents' || unit === 'euros' || unit === 'percent') return 2;
  if (unit === 'count') return 0;
  return undefined;
}

/** The stored value of a typed one: 12.5 € → 1250 cents (rounded to the cent). */
export function toStored(typed: number, unit: NumberUnit | undefined): number {
  const per = storedPerTyped(unit);
  return per === 1 ? typed : Math.round(typed * per);
}

/** The typed value of a stored one: 1250 cents → 12.5 €. */
export function toTyped(stored: number, unit: NumberUnit | undefined): number {
  return stored / storedPerTyped(unit);
}
