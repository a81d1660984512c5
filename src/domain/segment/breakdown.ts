// Breaking a segment's members down by one customer attribute: which attributes may be used (the
// allowlist), and the order and cut-off of the values, the same in every store.
import { columnFields } from '../profile/catalogue.ts';

export const BREAKDOWN_LIMIT = 20;

/** One value per person: a breakdown by them says nothing and lists personal data. */
const IDENTIFYING = new Set([
  'customer.first_name',
  'customer.last_name',
  'customer.email',
  'customer.phone',
]);

/**
 * The customer column behind a `customer.*` string or enum field, or null when not allowed (not a
 * customer column, not text, or identifying a person).
 */
export function breakdownColumn(fieldId: string): string | null {
  const spec = columnFields.find((f) => f.id === fieldId);
  if (!spec || spec.table !== 'customers' || IDENTIFYING.has(spec.id)) return null;
  return spec.type === 'string' || spec.type === 'enum' ? spec.column : null;
}

/** Largest first, then by value; the missing value last among equals; at most BREAKDOWN_LIMIT. */
export function rankBreakdown(
  rows: readonly { value: string | null; count: number }[],
): { value: string | null; count: number }[] {
  return [...rows]
    .sort((a, b) => {
      if (b.count !== a.count) return b.count - a.count;
      if (a.value === b.value) return 0;
      if (a.value === null) return 1;
      if (b.value === null) return -1;
      return a.value < b.value ? -1 : 1;
    })
    .slice(0, BREAKDOWN_LIMIT);
}
