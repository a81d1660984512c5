// The per-customer reads of the DuckDB store, in SQL: a profile (latest consent per channel and the
// order figures aggregated in SQL), and customer search. Every value is a bound parameter.
import { INTEGER, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import type { ProfileResponse, SearchHit } from '../../src/api/contract.ts';
import { roundHalfEven } from '../../src/domain/profile/figures.ts';
import {
  channel as channelSchema,
  consentChannel,
  consentStatus,
  customer as customerSchema,
  identity as identitySchema,
  isoInstant,
  loyaltyTier,
  orderChannel,
  preference as preferenceSchema,
} from '../../src/domain/profile/schema.ts';
import {
  bestHits,
  compactPhone,
  fullName,
  normaliseQuery,
  type RankedHit,
} from '../../src/domain/profile/search.ts';
import { INSTANT_FORMAT, jsonObject } from './duckdb-schema.ts';
import { queryRows, toNumber, toText, toTextOrNull } from './duckdb-values.ts';

const F = `'${INSTANT_FORMAT}'`;
/** Orders that count as purchases: everything not returned or cancelled (as `orderFigures`). */
export const COMPLETED = `status NOT IN ('returned', 'cancelled')`;

const consentStateSchema = z.object({
  channel: z.string(),
  status: consentStatus,
  at: isoInstant,
  source: channelSchema,
});
const profileSchema = z.object({
  customer: customerSchema.nullable(),
  identities: z.array(identitySchema).nullable(),
  preferences: z.array(preferenceSchema).nullable(),
  consents: z.array(consentStateSchema).nullable(),
  orders: z.number().int(),
  returned_orders: z.number().int(),
  cancelled_orders: z.number().int(),
  spend_cents: z.number().int(),
  first_order_at: isoInstant.nullable(),
  last_order_at: isoInstant.nullable(),
  channels: z.array(z.string()).nullable(),
  events: z.number().int(),
  messages_received: z.number().int(),
});

/**
 * A whole profile in one statement, as one JSON value; $1 is the customer id. The latest consent
 * per channel is the newest `at`, ties to the greater consent id (as `latestConsents`).
 */
const PROFILE_SQL = `
  WITH o AS (SELECT * FROM orders WHERE customer_id = $1)
  SELECT json_object(
    'customer', (SELECT ${jsonObject('customers', 'c')} FROM customers c
                 WHERE c.customer_id = $1 LIMIT 1),
    'identities', (SELECT to_json(list(${jsonObject('identities', 'i')}
                     ORDER BY i.kind, i.value, i.rowid))
                   FROM identities i WHERE i.customer_id = $1),
    'preferences', (SELECT to_json(list(${jsonObject('preferences', 'p')}
                      ORDER BY p.stated_at DESC, p.topic, p.value, p.rowid))
                    FROM preferences p WHERE p.customer_id = $1),
    'consents', (SELECT to_json(list(json_object('channel', channel, 'status', status,
                   'at', strftime("at", ${F}), 'source', source)))
                 FROM (SELECT * FROM consents WHERE customer_id = $1
                       QUALIFY row_number() OVER (PARTITION BY channel
                                                  ORDER BY "at" DESC, consent_id DESC) = 1)),
    'orders', (SELECT count(*) FILTER (WHERE ${COMPLETED}) FROM o),
    'returned_orders', (SELECT count(*) FILTER (WHERE status = 'returned') FROM o),
    'cancelled_orders', (SELECT count(*) FILTER (WHERE status = 'cancelled') FROM o),
    'spend_cents', (SELECT coalesce(sum(total_cents) FILTER (WHERE ${COMPLETED}), 0)::BIGINT FROM o),
    'first_order_at', (SELECT strftime(min(placed_at) FILTER (WHERE ${COMPLETED}), ${F}) FROM o),
    'last_order_at', (SELECT strftime(max(placed_at) FILTER (WHERE ${COMPLETED}), ${F}) FROM o),
    'channels', (SELECT to_json(list(channel ORDER BY n DESC, channel))
                 FROM (SELECT channel, count(*) AS n FROM o WHERE ${COMPLETED} GROUP BY channel)),
    'events', (SELECT count(*) FROM events WHERE customer_id = $1),
    'messages_received', (SELECT count(*) FROM messages WHERE customer_id = $1)
  )::VARCHAR AS profile`;

export async function readProfile(
  connection: DuckDBConnection,
  customerId: string,
): Promise<ProfileResponse | null> {
  const [row] = await queryRows(connection, PROFILE_SQL, [customerId], [VARCHAR]);
  const p = profileSchema.parse(JSON.parse(toText(row?.profile ?? null)));
  if (p.customer === null) return null;
  const latest = new Map((p.consents ?? []).map((c) => [c.channel, c]));
  const orders = p.orders;
  return {
    customer: p.customer,
    identities: p.identities ?? [],
    consents: consentChannel.options.map((channel) => {
      const state = latest.get(channel);
      return state
        ? { channel, status: state.status, at: state.at, source: state.source }
        : { channel, status: 'unknown', at: null, source: null };
    }),
    preferences: p.preferences ?? [],
    figures: {
      orders,
      returned_orders: p.returned_orders,
      cancelled_orders: p.cancelled_orders,
      spend_cents: p.spend_cents,
      average_order_cents: orders === 0 ? null : roundHalfEven(p.spend_cents / orders),
      first_order_at: p.first_order_at,
      last_order_at: p.last_order_at,
      channels_used: (p.channels ?? []).flatMap((c) => {
        const parsed = orderChannel.safeParse(c);
        return parsed.success ? [parsed.data] : [];
      }),
      currency: 'EUR',
      events: p.events,
      messages_received: p.messages_received,
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
