// A customer's profile in one SQL statement: identities, preferences, the latest consent per channel
// and the order figures, aggregated by DuckDB and returned as one JSON value.
import { VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import type { ProfileResponse } from '../../src/api/contract.ts';
import { roundHalfEven } from '../../src/domain/profile/figures.ts';
import {
  channel as channelSchema,
  consentChannel,
  consentStatus,
  customer as customerSchema,
  identity as identitySchema,
  isoInstant,
  orderChannel,
  preference as preferenceSchema,
} from '../../src/domain/profile/schema.ts';
import { INSTANT_FORMAT, jsonObject } from './duckdb-schema.ts';
import { queryRows, toText } from './duckdb-values.ts';

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
