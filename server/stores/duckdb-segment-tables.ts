// The DuckDB store's segment tables, which its segment layout reads (duckdb-segment-layout.ts),
// built from the loaded tables after every load (and once on opening a file loaded before they
// existed; duckdb-derived.ts). They hold nothing new: each column is one definition's reading of
// the loaded rows, written once here, so the layout and the builder cannot drift. Why they exist: a
// count at 1 M customers must not scan ten million orders.
// - segment_customers: every customers row (same columns, same names) in customer id order, with
//   `customer_no` (its rank by id, so "first members" is an integer minimum) and the per-customer
//   facts a walk would otherwise recompute per request: completed orders (count, spend, last, with
//   a promo code), the latest consent per reach channel being 'granted' (`<channel>_granted`) and
//   there being one at all (`<channel>_known`), valid email / phone, and whether the first name
//   can greet them (`usable_first_name`: the domain's firstNameJunk, a SQL function the store
//   registers before it builds these tables).
// - segment_orders: completed orders with their customer_no, sorted by placed_at (zone maps then
//   skip the row groups a window excludes). `order_no` is the orders row's rowid.
// - segment_lines: completed orders' lines joined to their order (every order field) and product
//   (every product field a line filter names; NULL when the sku is unknown), sorted by placed_at.
// - segment_events: events with their customer_no, sorted by type then instant.
// Only completed orders are kept: every order behaviour and aggregate counts completed orders only.
// Each string field (compared lower-cased) also has its lower() copy, `lc_<column>`, beside it.
import { DEVICE_KINDS } from '../../src/domain/profile/shared-devices.ts';
import { DUCKDB, emailKeySql, phoneKeySql } from '../../src/domain/segment/sql-dialect.ts';
import { VALID_EMAIL_RE2 } from '../../src/domain/profile/catalogue.ts';
import {
  MIN_PHONE_DIGITS,
  customerFields,
  lineFields,
  orderFields,
} from '../../src/domain/segment/facts.ts';
import { quote, usedPromo } from '../../src/domain/segment/sql-layout.ts';
import { FIRST_NAME_JUNK_SQL } from '../../src/domain/template/salutation.ts';

/**
 * The reach channels with consent columns in segment_customers: `<channel>_granted`, and
 * `<channel>_known` (see knownColumn).
 */
export const CONSENT_COLUMNS: ReadonlyMap<string, string> = new Map([
  ['email', 'email_granted'],
  ['sms', 'sms_granted'],
  ['push', 'push_granted'],
]);

export const DERIVED_TABLES = [
  'segment_customers',
  'segment_orders',
  'segment_lines',
  'segment_events',
] as const;

/** The column of segment_customers saying the channel has a consent record. */
export function knownColumn(channel: string): string {
  return `${channel}_known`;
}

/** The lower-cased copy of a string field's column. */
export function loweredColumn(column: string): string {
  return `lc_${column}`;
}

const orderColumns = [...new Set([...orderFields.values()].map((f) => f.column))];
const lineColumns = [...lineFields.values()].map((f) => ({
  from: f.table === 'products' ? 'p' : 'l',
  column: f.column,
}));

/** `lower(<alias>.col) AS lc_col` for each string field of the list. */
function lowerCopies(
  fields: Iterable<{ type: string; column: string; table: string }>,
  alias: (table: string) => string,
): string {
  return [...fields]
    .filter((f) => f.type === 'string')
    .map(
      (f) => `, lower(${alias(f.table)}.${quote(f.column)}) AS ${quote(loweredColumn(f.column))}`,
    )
    .join('');
}
const onOrder = () => 'o';
const DEVICES = [...DEVICE_KINDS].map((k) => `'${k}'`).join(', ');
const onLine = (table: string) => (table === 'products' ? 'p' : 'l');

const latest = (channel: string) =>
  `first(status ORDER BY "at" DESC, consent_id DESC) FILTER (WHERE channel = '${channel}')`;

/** The statements that (re)build the derived tables from the loaded ones, in order. */
export const DERIVED_TABLE_SQL: readonly string[] = [
  `CREATE OR REPLACE TABLE segment_customers AS
   WITH o AS (
     SELECT customer_id, count(*)::INTEGER AS n, sum(total_cents)::BIGINT AS spend,
            max(placed_at) AS last_at, min(placed_at) AS first_at,
            first(channel::VARCHAR ORDER BY placed_at, order_id) AS first_channel,
            (count(*) FILTER (WHERE ${usedPromo('orders')}))::INTEGER AS promos
     FROM orders WHERE status = 'completed' GROUP BY customer_id),
   k AS (
     SELECT customer_id, ${[...CONSENT_COLUMNS.keys()].map((ch) => `${latest(ch)} AS ${ch}`).join(', ')}
     FROM consents WHERE channel IN (${[...CONSENT_COLUMNS.keys()].map((ch) => `'${ch}'`).join(', ')})
     GROUP BY customer_id),
   shared AS (
     SELECT DISTINCT i.customer_id FROM identities i
     JOIN (SELECT kind, value FROM identities WHERE kind IN (${DEVICES})
           GROUP BY kind, value HAVING count(DISTINCT customer_id) > 1) d
       ON d.kind = i.kind AND d.value = i.value),
   keys AS (
     SELECT customer_id, ${emailKeySql(DUCKDB, 'email')} AS ek, ${phoneKeySql(DUCKDB, 'phone')} AS pk
     FROM customers),
   ek AS (SELECT ek, count(*) AS n FROM keys WHERE ek IS NOT NULL GROUP BY ek),
   pk AS (SELECT pk, count(*) AS n FROM keys WHERE pk IS NOT NULL GROUP BY pk)
   SELECT (row_number() OVER (ORDER BY c.customer_id) - 1)::INTEGER AS customer_no, c.*,
     coalesce(o.n, 0) AS completed_orders, coalesce(o.spend, 0) AS completed_spend_cents,
     o.last_at AS last_completed_at, coalesce(o.promos, 0) AS promo_orders,
     o.first_at AS first_order_at, o.first_channel AS first_order_channel,
     ${[...CONSENT_COLUMNS].map(([ch, col]) => `coalesce(k.${ch} = 'granted', FALSE) AS ${col}`).join(', ')},
     ${[...CONSENT_COLUMNS.keys()].map((ch) => `k.${ch} IS NOT NULL AS ${knownColumn(ch)}`).join(', ')},
     ${FIRST_NAME_JUNK_SQL}(c.first_name, c.email) IS NULL AS usable_first_name,
     coalesce(regexp_matches(c.email, '${VALID_EMAIL_RE2}'), FALSE) AS valid_email,
     coalesce(length(regexp_replace(c.phone, '[^0-9]', '', 'g')) >= ${MIN_PHONE_DIGITS}, FALSE)
       AS valid_phone,
     shared.customer_id IS NOT NULL AS shared_device,
     coalesce(ek.n, 0) > 1 AS duplicate_email,
     coalesce(pk.n, 0) > 1 AS duplicate_phone${lowerCopies(customerFields.values(), () => 'c')}
   FROM customers c LEFT JOIN o ON o.customer_id = c.customer_id
   LEFT JOIN k ON k.customer_id = c.customer_id
   LEFT JOIN shared ON shared.customer_id = c.customer_id
   JOIN keys ON keys.customer_id = c.customer_id
   LEFT JOIN ek ON ek.ek = keys.ek
   LEFT JOIN pk ON pk.pk = keys.pk
   ORDER BY c.customer_id`,
  `CREATE OR REPLACE TABLE segment_orders AS
   SELECT o.rowid AS order_no, c.customer_no, ${orderColumns.map((col) => `o.${quote(col)}`).join(', ')}
     ${lowerCopies(orderFields.values(), onOrder)}
   FROM orders o JOIN segment_customers c ON c.customer_id = o.customer_id
   WHERE o.status = 'completed'
   ORDER BY o.placed_at`,
  `CREATE OR REPLACE TABLE segment_lines AS
   SELECT o.rowid AS order_no, c.customer_no, ${orderColumns.map((col) => `o.${quote(col)}`).join(', ')},
     ${lineColumns.map(({ from, column }) => `${from}.${quote(column)}`).join(', ')}
     ${lowerCopies(orderFields.values(), onOrder)}${lowerCopies(lineFields.values(), onLine)}
   FROM orders o JOIN segment_customers c ON c.customer_id = o.customer_id
   JOIN order_lines l ON l.order_id = o.order_id LEFT JOIN products p ON p.sku = l.sku
   WHERE o.status = 'completed'
   ORDER BY o.placed_at`,
  `CREATE OR REPLACE TABLE segment_events AS
   SELECT c.customer_no, e.type, e."at", e.properties
   FROM events e JOIN segment_customers c ON c.customer_id = e.customer_id
   ORDER BY e.type, e."at"`,
];
