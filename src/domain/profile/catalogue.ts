// What the segment builder can work with: the catalogue's fields (which table and column each comes
// from, its type and label) and the rules for value suggestions. Stats come from the data, by store.
import type { EventType } from './schema.ts';
import { compareText } from '../compare.ts';

export type CatalogueGroup =
  'attribute' | 'behaviour' | 'order' | 'order_line' | 'aggregate' | 'reachability';
export type CatalogueType = 'string' | 'enum' | 'number' | 'date' | 'boolean';

export interface FieldSpec {
  id: string;
  group: CatalogueGroup;
  label: string;
  type: CatalogueType;
}

export type ColumnFieldSpec = FieldSpec & {
  /** Rows the stats count: customers, orders or order lines (product fields via the line's sku). */
  table: 'customers' | 'orders' | 'order_lines' | 'products';
  column: string;
};

const attr = (column: string, label: string, type: CatalogueType): ColumnFieldSpec => ({
  id: `customer.${column}`,
  group: 'attribute',
  label,
  type,
  table: 'customers',
  column,
});

export const columnFields: readonly ColumnFieldSpec[] = [
  attr('first_name', 'First name', 'string'),
  attr('last_name', 'Last name', 'string'),
  attr('email', 'Email address', 'string'),
  attr('phone', 'Phone number', 'string'),
  attr('gender', 'Gender', 'enum'),
  attr('birth_date', 'Birth date', 'date'),
  attr('city', 'City', 'string'),
  attr('postcode', 'Postcode', 'string'),
  attr('country', 'Country', 'string'),
  attr('loyalty_tier', 'Loyalty tier', 'enum'),
  attr('created_at', 'Customer since', 'date'),
  attr('language', 'Language', 'enum'),
  ...(
    [
      ['channel', 'Order channel', 'enum'],
      ['store_id', 'Store', 'string'],
      ['status', 'Order status', 'enum'],
      ['promo_code', 'Promo code', 'string'],
      ['payment_method', 'Payment method', 'enum'],
      ['placed_at', 'Order date', 'date'],
      ['total_cents', 'Order total (€)', 'number'],
    ] as const
  ).map(([column, label, type]) => ({
    id: `order.${column}`,
    group: 'order' as const,
    label,
    type,
    table: 'orders' as const,
    column,
  })),
  ...(
    [
      ['order_lines', 'sku', 'Product SKU', 'string'],
      ['order_lines', 'qty', 'Quantity', 'number'],
      ['order_lines', 'unit_price_cents', 'Unit price (€)', 'number'],
      ['products', 'category', 'Product category', 'enum'],
      ['products', 'subcategory', 'Product subcategory', 'string'],
      ['products', 'format', 'Product format', 'string'],
      ['products', 'brand', 'Brand', 'string'],
    ] as const
  ).map(([table, column, label, type]) => ({
    id: `line.${column}`,
    group: 'order_line' as const,
    label,
    type,
    table,
    column,
  })),
];

/** Per-customer figures over completed orders. */
export const aggregateFields: readonly FieldSpec[] = [
  { id: 'aggregate.order_count', group: 'aggregate', label: 'Number of orders', type: 'number' },
  {
    id: 'aggregate.total_spend_cents',
    group: 'aggregate',
    label: 'Total spend (€)',
    type: 'number',
  },
  {
    id: 'aggregate.average_order_cents',
    group: 'aggregate',
    label: 'Average order value (€)',
    type: 'number',
  },
  {
    id: 'aggregate.days_since_last_order',
    group: 'aggregate',
    label: 'Days since last order',
    type: 'number',
  },
];

const KNOWN_CONSENT_LABEL = { email: 'Email', sms: 'SMS', push: 'Push', phone: 'Phone' } as const;

export const reachabilityFields: readonly FieldSpec[] = [
  { id: 'reachability.consent_email', group: 'reachability', label: 'Email consent', type: 'enum' },
  { id: 'reachability.consent_sms', group: 'reachability', label: 'SMS consent', type: 'enum' },
  { id: 'reachability.consent_push', group: 'reachability', label: 'Push consent', type: 'enum' },
  { id: 'reachability.consent_phone', group: 'reachability', label: 'Phone consent', type: 'enum' },
  {
    id: 'reachability.valid_email',
    group: 'reachability',
    label: 'Has a valid email',
    type: 'boolean',
  },
  {
    id: 'reachability.has_phone',
    group: 'reachability',
    label: 'Has a phone number',
    type: 'boolean',
  },
  {
    id: 'reachability.usable_first_name',
    group: 'reachability',
    label: 'First name usable in a greeting',
    type: 'boolean',
  },
  {
    id: 'reachability.shared_device',
    group: 'reachability',
    label: 'Device another profile uses too',
    type: 'boolean',
  },
  {
    id: 'reachability.duplicate_email',
    group: 'reachability',
    label: 'E-mail another profile has too',
    type: 'boolean',
  },
  {
    id: 'reachability.duplicate_phone',
    group: 'reachability',
    label: 'Phone another profile has too',
    type: 'boolean',
  },
  ...(['email', 'sms', 'push', 'phone'] as const).map((channel): FieldSpec => ({
    id: `reachability.known_consent_${channel}`,
    group: 'reachability',
    label: `${KNOWN_CONSENT_LABEL[channel]} consent on record`,
    type: 'boolean',
  })),
];

/** A deliberately plain shape check; the same pattern runs in JS and in SQL (RE2). */
export const VALID_EMAIL_PATTERN = '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$';
const validEmail = new RegExp(VALID_EMAIL_PATTERN);
/** JavaScript's `\s` as an RE2 character class body: RE2's own `\s` is ASCII only. */
export const JS_SPACE_RE2 =
  '\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}';
/** VALID_EMAIL_PATTERN for SQL engines on RE2 (DuckDB), matching exactly what JS matches. */
export const VALID_EMAIL_RE2 = VALID_EMAIL_PATTERN.replaceAll('\\s', JS_SPACE_RE2);
export function isValidEmail(email: string | null): boolean {
  return email !== null && validEmail.test(email);
}

/** A phone number is valid when it holds at least this many ASCII digits. */
export const MIN_PHONE_DIGITS = 8;

export function isValidPhone(phone: string | null): boolean {
  if (phone === null) return false;
  let digits = 0;
  for (let i = 0; i < phone.length; i += 1) {
    const code = phone.charCodeAt(i);
    if (code >= 48 && code <= 57) digits += 1;
  }
  return digits >= MIN_PHONE_DIGITS;
}

export const SUGGESTION_LIMIT = 25;
/** Fields with more distinct values than this get no suggestions (names, emails…). */
export const SUGGESTION_MAX_DISTINCT = 500;

export function wantsSuggestions(type: CatalogueType, distinct: number): boolean {
  if (type === 'number' || type === 'date') return false;
  return type !== 'string' || distinct <= SUGGESTION_MAX_DISTINCT;
}

/** The most frequent values first, ties by value, at most SUGGESTION_LIMIT. */
export function rankSuggestions(
  counts: Iterable<readonly [string, number]>,
): { value: string; count: number }[] {
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || compareText(a.value, b.value))
    .slice(0, SUGGESTION_LIMIT);
}

export const eventTypeLabels: Record<EventType, string> = {
  page_view: 'Viewed a page',
  product_view: 'Viewed a product',
  search: 'Searched',
  cart_add: 'Added to cart',
  email_open: 'Opened an email',
  email_click: 'Clicked in an email',
  push_open: 'Opened a push notification',
  app_open: 'Opened the app',
  store_visit: 'Visited a store',
  call_centre_contact: 'Contacted the call centre',
  chat: 'Chatted',
  social_mention: 'Mentioned us on social media',
  review: 'Wrote a review',
};

/** The type of an event property from the JSON types of its values. */
export function propertyType(seen: {
  string: boolean;
  number: boolean;
  boolean: boolean;
}): CatalogueType {
  if (seen.number && !seen.string && !seen.boolean) return 'number';
  if (seen.boolean && !seen.string && !seen.number) return 'boolean';
  return 'string';
}

export const DAY_MS = 86_400_000;
/** Whole days between an instant and `asOf` (both ISO), rounded down. */
export function daysBetween(from: string, asOf: string): number {
  return Math.floor((Date.parse(asOf) - Date.parse(from)) / DAY_MS);
}
