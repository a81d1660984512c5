// The per-customer reads of the DuckDB store, in SQL: a profile (latest consent per channel and the
// order figures aggregated in SQL), and customer search. Every value is a bound parameter.
import { DuckDBListValue, INTEGER, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import type { ProfileResponse, SearchHit } from '../../src/api/contract.ts';
import { roundHalfEven } from '../../src/domain/profile/figures.ts';
import {
  consentChannel,
  customer as customerSchema,
  identity as identitySchema,
  loyaltyTier,
  orderChannel,
  preference as preferenceSchema,
  type OrderChannel,
} from '../../src/domain/profile/schema.ts';
import {
  bestHits,
  compactPhone,
  fullName,
  normaliseQuery,
  type RankedHit,
} from '../../src/domain/profile/search.ts';
import { INSTANT_FORMAT, selectList } from './duckdb-schema.ts';
import { queryRows, recordOf, toNumber, toText, toTextOrNull } from './duckdb-values.ts';
import { consentStateOf } from './duckdb-timeline.ts';

const F = `'${INSTANT_FORMAT}'`;
/** Orders that count as purchases: everything not returned or cancelled (as `orderFigures`). */
export const COMPLETED = `status NOT IN ('returned', 'cancelled')`;

const CUSTOMER_SQL = `SELECT ${selectList('customers', 'c')} FROM customers c WHERE c.customer_id = $1`;
const IDENTITIES_SQL =
  `SELECT ${selectList('identities', 'i')} FROM identities i WHERE i.customer_id = $1 ` +
  'ORDER BY i.kind, i.value, i.rowid';
const PREFERENCES_SQL =
  `SELECT ${selectList('preferences', 'p')} FROM preferences p WHERE p.customer_id = $1 ` +
  'ORDER BY p.stated_at DESC, p.topic, p.value, p.rowid';
/** The latest consent per channel: newest `at`, ties to the greater consent id. */
const LATEST_CONSENTS_SQL =
  `SELECT channel, status, strftime("at", ${F}) AS "at", source FROM consents ` +
  'WHERE customer_id = $1 ' +
  'QUALIFY row_number() OVER (PARTITION BY channel ORDER BY "at" DESC, consent_id DESC) = 1';
const FIGURES_SQL = `
  WITH o AS (SELECT * FROM orders WHERE customer_id = $1)
  SELECT
    count(*) FILTER (WHERE ${COMPLETED})::INTEGER AS orders,
    count(*) FILTER (WHERE status = 'returned')::INTEGER AS returned_orders,
    count(*) FILTER (WHERE status = 'cancelled')::INTEGER AS cancelled_orders,
    coalesce(sum(total_cents) FILTER (WHERE ${COMPLETED}), 0)::BIGINT AS spend_cents,
    strftime(min(placed_at) FILTER (WHERE ${COMPLETED}), ${F}) AS first_order_at,
    strftime(max(placed_at) FILTER (WHERE ${COMPLETED}), ${F}) AS last_order_at,
    (SELECT list(channel ORDER BY n DESC, channel)
       FROM (SELECT channel, count(*) AS n FROM o WHERE ${COMPLETED} GROUP BY channel)) AS channels,
    (SELECT count(*)::INTEGER FROM events WHERE customer_id = $1) AS events,
    (SELECT count(*)::INTEGER FROM messages WHERE customer_id = $1) AS messages_received
  FROM o`;

export async function readProfile(
  connection: DuckDBConnection,
  customerId: string,
): Promise<ProfileResponse | null> {
  const [row] = await queryRows(connection, CUSTOMER_SQL, [customerId]);
  if (row === undefined) return null;
  const customer = customerSchema.parse(recordOf('customers', row));
  const identities = (await queryRows(connection, IDENTITIES_SQL, [customerId])).map((r) =>
    identitySchema.parse(recordOf('identities', r)),
  );
  const preferences = (await queryRows(connection, PREFERENCES_SQL, [customerId])).map((r) =>
    preferenceSchema.parse(recordOf('preferences', r)),
  );
  const latest = new Map(
    (await queryRows(connection, LATEST_CONSENTS_SQL, [customerId])).map((r) => [
      toText(r.channel ?? null),
      r,
    ]),
  );
  const consents = consentChannel.options.map((channel) =>
    consentStateOf(channel, latest.get(channel)),
  );
  const [f] = await queryRows(connection, FIGURES_SQL, [customerId]);
  if (f === undefined) throw new Error('DuckDB store: the figures query returned no row');
  const orders = toNumber(f.orders ?? null);
  const spend = toNumber(f.spend_cents ?? null);
  const channelList = f.channels ?? null;
  const channels_used: OrderChannel[] = [];
  if (channelList instanceof DuckDBListValue) {
    for (const item of channelList.items) {
      const parsed = orderChannel.safeParse(item);
      if (parsed.success) channels_used.push(parsed.data);
    }
  }
  return {
    customer,
    identities,
    consents,
    preferences,
    figures: {
      orders,
      returned_orders: toNumber(f.returned_orders ?? null),
      cancelled_orders: toNumber(f.cancelled_orders ?? null),
      spend_cents: spend,
      average_order_cents: orders === 0 ? null : roundHalfEven(spend / orders),
      first_order_at: toTextOrNull(f.first_order_at ?? null),
      last_order_at: toTextOrNull(f.last_order_at ?? null),
      channels_used,
      currency: 'EUR',
      events: toNumber(f.events ?? null),
      messages_received: toNumber(f.messages_received ?? null),
    },
  };
}

/**
 * JavaScript's `\s` (which `compactPhone` strips) as an RE2 class: RE2's own `\s` is ASCII only.
 * With `.`, `(`, `)` and `-`, the characters a compact phone number loses.
 */
export const JS_SPACE =
  '\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}';
export const PHONE_PUNCTUATION = `[${JS_SPACE}.()\\-]`;

const NAME = `lower(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, ''))`;

/**
 * Candidates of every rank (search.ts): $1 the normalised query, $2 its compact phone form. Only
 * the candidates of the best `$3` customers (by best rank, then id) come back; `bestHits` then
 * picks each one's best match exactly as the memory store does.
 */
const SEARCH_SQL = `
  WITH candidates AS (
    SELECT c.customer_id, 0 AS rank, 'customer_id' AS kind, c.customer_id AS value
      FROM customers c WHERE lower(c.customer_id) = $1
    UNION ALL
    SELECT i.customer_id, 1, i.kind, i.value FROM identities i
      WHERE lower(i.value) = $1
         OR (i.kind = 'phone' AND regexp_replace(lower(i.value), '${PHONE_PUNCTUATION}', '', 'g') = $2)
    UNION ALL
    SELECT c.customer_id, 2, CASE WHEN contains(${NAME}, $1) THEN 'name' ELSE 'email' END, c.email
      FROM customers c
      WHERE contains(${NAME}, $1) OR starts_with(lower(c.email), $1)
  ),
  best AS (
    SELECT customer_id FROM candidates GROUP BY customer_id
    ORDER BY min(rank), customer_id LIMIT $3
  )
  SELECT k.customer_id, k.rank, k.kind, k.value,
         c.customer_id IS NOT NULL AS known, c.first_name, c.last_name, c.email, c.city,
         c.loyalty_tier
    FROM candidates k JOIN best b ON b.customer_id = k.customer_id
    LEFT JOIN customers c ON c.customer_id = k.customer_id`;

function rankOf(value: number): RankedHit['rank'] {
  return value === 0 ? 0 : value === 1 ? 1 : 2;
}

export async function searchCustomers(
  connection: DuckDBConnection,
  query: string,
  limit: number,
): Promise<SearchHit[]> {
  const q = normaliseQuery(query);
  const top = Number.isFinite(limit) ? Math.max(0, Math.trunc(limit)) : 0;
  if (top === 0) return [];
  const rows = await queryRows(
    connection,
    SEARCH_SQL,
    [q, compactPhone(q), top],
    [VARCHAR, VARCHAR, INTEGER],
  );
  const details = new Map<string, Omit<SearchHit, 'matched'>>();
  const candidates: RankedHit[] = rows.map((r) => {
    const customerId = toText(r.customer_id ?? null);
    const firstName = toTextOrNull(r.first_name ?? null);
    const lastName = toTextOrNull(r.last_name ?? null);
    if (r.known === true) {
      details.set(customerId, {
        customer_id: customerId,
        first_name: firstName,
        last_name: lastName,
        email: toTextOrNull(r.email ?? null),
        city: toTextOrNull(r.city ?? null),
        loyalty_tier: loyaltyTier.parse(r.loyalty_tier),
      });
    }
    const kind = toText(r.kind ?? null);
    return {
      customer_id: customerId,
      rank: rankOf(toNumber(r.rank ?? null)),
      kind,
      value: kind === 'name' ? fullName(firstName, lastName) : toText(r.value ?? null),
    };
  });
  return bestHits(candidates, top).flatMap((hit) => {
    const c = details.get(hit.customer_id);
    return c ? [{ ...c, matched: { kind: hit.kind, value: hit.value } }] : [];
  });
}
