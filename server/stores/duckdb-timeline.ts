// The unified timeline in SQL: one UNION ALL over the requested kinds, filtered by channel, ordered
// `at` DESC, kind, id, paged with a keyset cursor; then the page's rows in full, per kind, with
// their joins (lines with product fields, store name, campaign name, offer).
import {
  DuckDBListValue,
  DuckDBStructValue,
  INTEGER,
  LIST,
  listValue,
  TIMESTAMP,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBValue,
} from '@duckdb/node-api';
import {
  consentState,
  timelineLine,
  type ConsentState,
  type TimelineEntry,
  type TimelineResponse,
} from '../../src/api/contract.ts';
import {
  consent as consentSchema,
  event as eventSchema,
  message as messageSchema,
  offer as offerSchema,
  offerResponse as offerResponseSchema,
  order as orderSchema,
  type ConsentChannel,
} from '../../src/domain/profile/schema.ts';
import {
  encodeTimelineCursor,
  timelineKinds,
  type TimelineKindName,
} from '../../src/domain/profile/timeline.ts';
import type { TimelineRequest } from '../store.ts';
import { INSTANT_FORMAT, selectList } from './duckdb-schema.ts';
import {
  instantValue,
  queryRows,
  recordOf,
  toNumber,
  toText,
  toTextOrNull,
  type Row,
} from './duckdb-values.ts';

/** One consent channel's state from its latest consent row (or none: unknown). */
export function consentStateOf(channel: ConsentChannel, row: Row | undefined): ConsentState {
  if (row === undefined) return { channel, status: 'unknown', at: null, source: null };
  return consentState.parse({
    channel,
    status: row.status ?? null,
    at: row.at ?? null,
    source: row.source ?? null,
  });
}

/** Each kind's rows as timeline keys; `$1` is the customer id. */
const parts: Record<TimelineKindName, string> = {
  order: `SELECT placed_at AS ts, 'order' AS kind, order_id AS id, channel FROM orders WHERE customer_id = $1`,
  event: `SELECT "at" AS ts, 'event' AS kind, event_id AS id, channel FROM events WHERE customer_id = $1`,
  message: `SELECT sent_at AS ts, 'message' AS kind, message_id AS id, channel FROM messages WHERE customer_id = $1`,
  offer_response: `SELECT "at" AS ts, 'offer_response' AS kind, response_id AS id, channel FROM offer_responses WHERE customer_id = $1`,
  consent: `SELECT "at" AS ts, 'consent' AS kind, consent_id AS id, source AS channel FROM consents WHERE customer_id = $1`,
};

/**
 * One row: whether the customer exists, the filtered total and the page's keys (limit + 1, to
 * know whether more follow). $2 channels (empty: all), $3–$5 the cursor (NULL: from the top),
 * $6 the number of keys to return.
 */
function pageSql(kinds: readonly TimelineKindName[]): string {
  const union = kinds.map((k) => parts[k]).join(' UNION ALL ');
  return `
    WITH f AS (
      SELECT * FROM (${union}) u WHERE len($2) = 0 OR list_contains($2, u.channel)
    )
    SELECT
      (SELECT count(*) FROM customers WHERE customer_id = $1)::INTEGER AS known,
      (SELECT count(*) FROM f)::INTEGER AS total,
      (SELECT list({'at': strftime(ts, '${INSTANT_FORMAT}'), 'kind': kind, 'id': id}
                   ORDER BY ts DESC, kind, id)
         FROM (SELECT * FROM f
                WHERE $3::TIMESTAMP IS NULL OR ts < $3
                   OR (ts = $3 AND (kind > $4 OR (kind = $4 AND id > $5)))
                ORDER BY ts DESC, kind, id LIMIT $6)) AS page`;
}
const pageTypes = [VARCHAR, LIST(VARCHAR), TIMESTAMP, VARCHAR, VARCHAR, INTEGER];

const KNOWN_SQL = 'SELECT count(*)::INTEGER AS known FROM customers WHERE customer_id = $1';

const ORDERS_SQL = `SELECT ${selectList('orders', 'o')}, s.name AS store_name
  FROM orders o LEFT JOIN stores s ON s.store_id = o.store_id
  WHERE o.customer_id = $1 AND list_contains($2, o.order_id)`;
/** Lines of the page's orders; order ids cluster like customers, so the bounds prune row groups. */
const LINES_SQL = `SELECT ${selectList('order_lines', 'l')}, p.title, p.category, p.format
  FROM order_lines l LEFT JOIN products p ON p.sku = l.sku
  WHERE l.order_id BETWEEN $2 AND $3 AND list_contains($1, l.order_id)
  ORDER BY l.line_no, l.rowid`;
const EVENTS_SQL = `SELECT ${selectList('events', 'e')} FROM events e
  WHERE e.customer_id = $1 AND list_contains($2, e.event_id)`;
const MESSAGES_SQL = `SELECT ${selectList('messages', 'm')}, c.name AS campaign_name,
    o.title AS offer_title
  FROM messages m LEFT JOIN campaigns c ON c.campaign_id = m.campaign_id
  LEFT JOIN offers o ON o.offer_id = m.offer_id
  WHERE m.customer_id = $1 AND list_contains($2, m.message_id)`;
const RESPONSES_SQL = `SELECT ${selectList('offer_responses', 'r')},
    ${selectList('offers', 'o', 'offer.')}, o.offer_id IS NOT NULL AS has_offer
  FROM offer_responses r LEFT JOIN offers o ON o.offer_id = r.offer_id
  WHERE r.customer_id = $1 AND list_contains($2, r.response_id)`;
const CONSENTS_SQL = `SELECT ${selectList('consents', 'k')} FROM consents k
  WHERE k.customer_id = $1 AND list_contains($2, k.consent_id)`;

interface Key {
  at: string;
  kind: TimelineKindName;
  id: string;
}

function keyOf(item: DuckDBValue): Key {
  if (!(item instanceof DuckDBStructValue)) throw new TypeError('DuckDB store: a timeline key');
  const kind = timelineKinds.find((k) => k === item.entries.kind);
  if (kind === undefined) throw new TypeError('DuckDB store: a timeline kind');
  return { at: toText(item.entries.at ?? null), kind, id: toText(item.entries.id ?? null) };
}

function ids(list: readonly string[]): DuckDBValue {
  return listValue([...list]);
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
    pageSql(kinds),
    [
      customerId,
      ids(request.channels),
      after === null ? null : instantValue(after.at),
      after?.kind ?? null,
      after?.id ?? null,
      limit + 1,
    ],
    pageTypes,
  );
  if (row === undefined || toNumber(row.known ?? null) === 0) return null;
  const total = toNumber(row.total ?? null);
  const list = row.page ?? null;
  const keys = list instanceof DuckDBListValue ? list.items.map(keyOf) : [];
  const page = keys.slice(0, limit);
  const entries = await entriesFor(connection, customerId, page);
  const last = page.at(-1);
  return {
    entries,
    next_cursor: keys.length > limit && last ? encodeTimelineCursor(last) : null,
    total,
  };
}

async function entriesFor(
  connection: DuckDBConnection,
  customerId: string,
  page: readonly Key[],
): Promise<TimelineEntry[]> {
  const wanted = (kind: TimelineKindName) => page.filter((k) => k.kind === kind).map((k) => k.id);
  const built = new Map<string, TimelineEntry>();
  const put = (entry: TimelineEntry) => built.set(`${entry.kind}\u0000${entry.id}`, entry);
  const fetch = async (sql: string, kind: TimelineKindName): Promise<Row[]> => {
    const list = wanted(kind);
    return list.length === 0 ? [] : queryRows(connection, sql, [customerId, ids(list)]);
  };

  const orders = (await fetch(ORDERS_SQL, 'order')).map((r) => ({
    order: orderSchema.parse(recordOf('orders', r)),
    store_name: toTextOrNull(r.store_name ?? null),
  }));
  const lines = await linesOf(
    connection,
    orders.map((o) => o.order.order_id),
  );
  for (const { order, store_name } of orders) {
    put({
      kind: 'order',
      id: order.order_id,
      at: order.placed_at,
      channel: order.channel,
      order,
      lines: lines.get(order.order_id) ?? [],
      store_name,
    });
  }
  for (const r of await fetch(EVENTS_SQL, 'event')) {
    const event = eventSchema.parse(recordOf('events', r));
    put({ kind: 'event', id: event.event_id, at: event.at, channel: event.channel, event });
  }
  for (const r of await fetch(MESSAGES_SQL, 'message')) {
    const message = messageSchema.parse(recordOf('messages', r));
    put({
      kind: 'message',
      id: message.message_id,
      at: message.sent_at,
      channel: message.channel,
      message,
      campaign_name: toTextOrNull(r.campaign_name ?? null),
      offer_title: toTextOrNull(r.offer_title ?? null),
    });
  }
  for (const r of await fetch(RESPONSES_SQL, 'offer_response')) {
    const response = offerResponseSchema.parse(recordOf('offer_responses', r));
    put({
      kind: 'offer_response',
      id: response.response_id,
      at: response.at,
      channel: response.channel,
      response,
      offer: r.has_offer === true ? offerSchema.parse(recordOf('offers', r, 'offer.')) : null,
    });
  }
  for (const r of await fetch(CONSENTS_SQL, 'consent')) {
    const consent = consentSchema.parse(recordOf('consents', r));
    put({
      kind: 'consent',
      id: consent.consent_id,
      at: consent.at,
      channel: consent.source,
      consent,
    });
  }
  return page.flatMap((k) => {
    const entry = built.get(`${k.kind}\u0000${k.id}`);
    return entry ? [entry] : [];
  });
}

type Line = ReturnType<typeof timelineLine.parse>;

async function linesOf(
  connection: DuckDBConnection,
  orderIds: readonly string[],
): Promise<Map<string, Line[]>> {
  const byOrder = new Map<string, Line[]>();
  if (orderIds.length === 0) return byOrder;
  // Bounds in DuckDB's order (UTF-8 bytes), whatever the ids hold.
  const sorted = [...orderIds].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const rows = await queryRows(connection, LINES_SQL, [
    ids(orderIds),
    sorted[0] ?? '',
    sorted.at(-1) ?? '',
  ]);
  for (const r of rows) {
    const line = timelineLine.parse({
      ...recordOf('order_lines', r),
      title: toTextOrNull(r.title ?? null),
      category: toTextOrNull(r.category ?? null),
      format: toTextOrNull(r.format ?? null),
    });
    const list = byOrder.get(line.order_id);
    if (list) list.push(line);
    else byOrder.set(line.order_id, [line]);
  }
  return byOrder;
}
