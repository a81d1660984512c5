// The unified timeline in one SQL statement: a UNION ALL of the requested kinds' keys, filtered by
// channel, ordered `at` DESC, kind, id and cut with a keyset cursor; then the page's entries built
// by DuckDB as JSON, with their joins (lines with product fields, store, campaign, offer).
import {
  INTEGER,
  LIST,
  listValue,
  TIMESTAMP,
  VARCHAR,
  type DuckDBConnection,
} from '@duckdb/node-api';
import { z } from 'zod';
import { timelineLine, type TimelineEntry, type TimelineResponse } from '../../src/api/contract.ts';
import {
  consent as consentSchema,
  event as eventSchema,
  message as messageSchema,
  offer as offerSchema,
  offerResponse as offerResponseSchema,
  order as orderSchema,
} from '../../src/domain/profile/schema.ts';
import {
  encodeTimelineCursor,
  timelineKinds,
  type TimelineKindName,
} from '../../src/domain/profile/timeline.ts';
import type { TimelineRequest } from '../store.ts';
import { INSTANT_FORMAT, jsonObject } from './duckdb-schema.ts';
import { instantValue, queryRows, toNumber, toText } from './duckdb-values.ts';

/** Each kind's rows as timeline keys; `$1` is the customer id. */
const keys: Record<TimelineKindName, string> = {
  order: `SELECT placed_at AS ts, 'order' AS kind, order_id AS id, channel FROM orders WHERE customer_id = $1`,
  event: `SELECT "at" AS ts, 'event' AS kind, event_id AS id, channel FROM events WHERE customer_id = $1`,
  message: `SELECT sent_at AS ts, 'message' AS kind, message_id AS id, channel FROM messages WHERE customer_id = $1`,
  offer_response: `SELECT "at" AS ts, 'offer_response' AS kind, response_id AS id, channel FROM offer_responses WHERE customer_id = $1`,
  consent: `SELECT "at" AS ts, 'consent' AS kind, consent_id AS id, source AS channel FROM consents WHERE customer_id = $1`,
};

const lineObject = jsonObject('order_lines', 'l', [
  "'title', p.title",
  "'category', p.category",
  "'format', p.format",
]);
const offerObject = `CASE WHEN o.offer_id IS NULL THEN NULL ELSE ${jsonObject('offers', 'o')} END`;

/** Each kind's page entries as JSON (the memory store's fields, in its order). */
const entries: Record<TimelineKindName, string> = {
  order: `SELECT pg.ts, pg.kind, pg.id, json_object('order', ${jsonObject('orders', 'r')},
        'lines', coalesce(ln.lines, '[]'::JSON), 'store_name', s.name) AS entry
      FROM pg JOIN orders r ON r.order_id = pg.id
      LEFT JOIN stores s ON s.store_id = r.store_id
      LEFT JOIN ln ON ln.order_id = r.order_id
      WHERE pg.kind = 'order' AND r.customer_id = $1`,
  event: `SELECT pg.ts, pg.kind, pg.id, json_object('event', ${jsonObject('events', 'r')}) AS entry
      FROM pg JOIN events r ON r.event_id = pg.id
      WHERE pg.kind = 'event' AND r.customer_id = $1`,
  message: `SELECT pg.ts, pg.kind, pg.id, json_object('message', ${jsonObject('messages', 'r')},
        'campaign_name', c.name, 'offer_title', o.title) AS entry
      FROM pg JOIN messages r ON r.message_id = pg.id
      LEFT JOIN campaigns c ON c.campaign_id = r.campaign_id
      LEFT JOIN offers o ON o.offer_id = r.offer_id
      WHERE pg.kind = 'message' AND r.customer_id = $1`,
  offer_response: `SELECT pg.ts, pg.kind, pg.id, json_object('response',
        ${jsonObject('offer_responses', 'r')}, 'offer', ${offerObject}) AS entry
      FROM pg JOIN offer_responses r ON r.response_id = pg.id
      LEFT JOIN offers o ON o.offer_id = r.offer_id
      WHERE pg.kind = 'offer_response' AND r.customer_id = $1`,
  consent: `SELECT pg.ts, pg.kind, pg.id, json_object('consent', ${jsonObject('consents', 'r')}) AS entry
      FROM pg JOIN consents r ON r.consent_id = pg.id
      WHERE pg.kind = 'consent' AND r.customer_id = $1`,
};

/**
 * One row: whether the customer exists, the filtered total and the page (limit + 1 entries, to
 * know whether more follow). $1 customer, $2 channels (empty: all), $3–$5 the cursor (NULL: from
 * the top), $6 the number of entries.
 */
export function timelineSql(kinds: readonly TimelineKindName[]): string {
  const lines = kinds.includes('order')
    ? `, ln AS (
        SELECT l.order_id, to_json(list(${lineObject} ORDER BY l.line_no, l.rowid)) AS lines
        FROM order_lines l LEFT JOIN products p ON p.sku = l.sku
        WHERE l.order_id IN (SELECT id FROM pg WHERE kind = 'order')
        GROUP BY l.order_id)`
    : '';
  return `
    WITH f AS (
      SELECT * FROM (${kinds.map((k) => keys[k]).join(' UNION ALL ')}) u
      WHERE len($2::VARCHAR[]) = 0 OR list_contains($2::VARCHAR[], u.channel)
    ),
    pg AS (
      SELECT * FROM f
      WHERE $3::TIMESTAMP IS NULL OR ts < $3::TIMESTAMP
         OR (ts = $3::TIMESTAMP AND (kind > $4::VARCHAR OR (kind = $4::VARCHAR AND id > $5::VARCHAR)))
      ORDER BY ts DESC, kind, id LIMIT $6
    )${lines},
    e AS (${kinds.map((k) => entries[k]).join(' UNION ALL ')})
    SELECT
      (SELECT count(*) FROM customers WHERE customer_id = $1)::INTEGER AS known,
      (SELECT count(*) FROM f)::INTEGER AS total,
      (SELECT to_json(list(json_object('at', strftime(ts, '${INSTANT_FORMAT}'), 'kind', kind,
         'id', id, 'entry', entry) ORDER BY ts DESC, kind, id)) FROM e)::VARCHAR AS page`;
}
const parameterTypes = [VARCHAR, LIST(VARCHAR), TIMESTAMP, VARCHAR, VARCHAR, INTEGER];

const KNOWN_SQL = 'SELECT count(*)::INTEGER AS known FROM customers WHERE customer_id = $1';

const pageSchema = z.array(
  z.object({
    at: z.string(),
    kind: z.enum(timelineKinds),
    id: z.string(),
    entry: z.record(z.string(), z.unknown()),
  }),
);
const orderParts = z.object({
  order: orderSchema,
  lines: z.array(timelineLine),
  store_name: z.string().nullable(),
});
const messageParts = z.object({
  message: messageSchema,
  campaign_name: z.string().nullable(),
  offer_title: z.string().nullable(),
});
const responseParts = z.object({ response: offerResponseSchema, offer: offerSchema.nullable() });

/** The entry as the memory store builds it (same fields, same order). */
function entryOf(kind: TimelineKindName, raw: Record<string, unknown>): TimelineEntry {
  switch (kind) {
    case 'order': {
      const { order, lines, store_name } = orderParts.parse(raw);
      return {
        kind,
        id: order.order_id,
        at: order.placed_at,
        channel: order.channel,
        order,
        lines,
        store_name,
      };
    }
    case 'event': {
      const event = eventSchema.parse(raw.event);
      return { kind, id: event.event_id, at: event.at, channel: event.channel, event };
    }
    case 'message': {
      const { message, campaign_name, offer_title } = messageParts.parse(raw);
      return {
        kind,
        id: message.message_id,
        at: message.sent_at,
        channel: message.channel,
        message,
        campaign_name,
        offer_title,
      };
    }
    case 'offer_response': {
      const { response, offer } = responseParts.parse(raw);
      return {
        kind,
        id: response.response_id,
        at: response.at,
        channel: response.channel,
        response,
        offer,
      };
    }
    case 'consent': {
      const consent = consentSchema.parse(raw.consent);
      return { kind, id: consent.consent_id, at: consent.at, channel: consent.source, consent };
    }
  }
}

export async function readTimeline(
  connection: DuckDBConnection,
  customerId: string,
  request: TimelineRequest,
): Promise<TimelineResponse | null> {
  const kinds = timelineKinds.filter(
    (k) => request.kinds.length === 0 || request.kinds.includes(k),
  );
  const limit = Number.isFinite(request.limit) ? Math.max(0, Math.trunc(request.limit)) : 0;
  if (kinds.length === 0) {
    const [known] = await queryRows(connection, KNOWN_SQL, [customerId]);
    return toNumber(known?.known ?? null) === 0
      ? null
      : { entries: [], next_cursor: null, total: 0 };
  }
  const after = request.after;
  const [row] = await queryRows(
    connection,
    timelineSql(kinds),
    [
      customerId,
      listValue([...request.channels]),
      after === null ? null : instantValue(after.at),
      after?.kind ?? null,
      after?.id ?? null,
      limit + 1,
    ],
    parameterTypes,
  );
  if (row === undefined || toNumber(row.known ?? null) === 0) return null;
  const fetched = row.page == null ? [] : pageSchema.parse(JSON.parse(toText(row.page)));
  const shown = fetched.slice(0, limit);
  const last = shown.at(-1);
  return {
    entries: shown.map((p) => entryOf(p.kind, p.entry)),
    next_cursor:
      fetched.length > limit && last
        ? encodeTimelineCursor({ at: last.at, kind: last.kind, id: last.id })
        : null,
    total: toNumber(row.total ?? null),
  };
}
