// The unified timeline of one history: every order, event, message, offer response and consent as
// an entry, newest first, then by kind, then by id; filtered by kind and channel and paged with a
// keyset cursor. Both stores answer GET /api/customers/:id/timeline with `timelinePage` alone.
import { z } from 'zod';
import { compareText } from '../compare.ts';
import { requireScope, type CustomerHistory } from './history.ts';
import type {
  Channel,
  Consent,
  CustomerEvent,
  Message,
  Offer,
  OfferResponse,
  Order,
  OrderLine,
} from './schema.ts';

export const timelineKinds = ['consent', 'event', 'message', 'offer_response', 'order'] as const;
export type TimelineKindName = (typeof timelineKinds)[number];

export interface TimelineKey {
  at: string;
  kind: TimelineKindName;
  id: string;
}

/** Sort order of the timeline: `at` descending, then `kind` ascending, then `id` ascending. */
export function compareTimelineKeys(a: TimelineKey, b: TimelineKey): number {
  return compareText(b.at, a.at) || compareText(a.kind, b.kind) || compareText(a.id, b.id);
}

/** True when `key` comes strictly after the cursor's entry in timeline order. */
export function isAfterCursor(key: TimelineKey, cursor: TimelineKey): boolean {
  return compareTimelineKeys(key, cursor) > 0;
}

const cursorSchema = z.tuple([
  z.iso.datetime({ offset: false, precision: 3 }),
  z.enum(timelineKinds),
  z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
]);

// Cursors are hex over ASCII: ids, kinds and instants are ASCII by their schemas.
function toHex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) out += text.charCodeAt(i).toString(16).padStart(2, '0');
  return out;
}

function fromHex(text: string): string | null {
  if (text.length === 0 || text.length % 2 !== 0 || !/^[0-9a-f]+$/.test(text)) return null;
  let out = '';
  for (let i = 0; i < text.length; i += 2)
    out += String.fromCharCode(parseInt(text.slice(i, i + 2), 16));
  return out;
}

export function encodeTimelineCursor(key: TimelineKey): string {
  return toHex(JSON.stringify([key.at, key.kind, key.id]));
}

/** The key a cursor stands for, or null when the cursor is not one we issued. */
export function decodeTimelineCursor(cursor: string): TimelineKey | null {
  const json = fromHex(cursor);
  if (json === null) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = cursorSchema.safeParse(raw);
  if (!parsed.success) return null;
  const [at, kind, id] = parsed.data;
  return { at, kind, id };
}

/** An order line with the product fields the timeline shows. */
export type TimelineLine = OrderLine & {
  title: string | null;
  category: string | null;
  format: string | null;
};

interface EntryBase {
  id: string;
  at: string;
  channel: Channel;
}

export type TimelineEntry =
  | (EntryBase & {
      kind: 'order';
      order: Order;
      lines: TimelineLine[];
      store_name: string | null;
    })
  | (EntryBase & { kind: 'event'; event: CustomerEvent })
  | (EntryBase & {
      kind: 'message';
      message: Message;
      campaign_name: string | null;
      offer_title: string | null;
    })
  | (EntryBase & { kind: 'offer_response'; response: OfferResponse; offer: Offer | null })
  | (EntryBase & { kind: 'consent'; consent: Consent });

/** Which entries a page shows. An empty list of kinds or channels means all. */
export interface TimelineRequest {
  /** The entry the previous page ended with; null for the first page. */
  after: TimelineKey | null;
  limit: number;
  channels: readonly string[];
  kinds: readonly string[];
}

export interface TimelinePage {
  entries: TimelineEntry[];
  /** Opaque; null on the last page. */
  next_cursor: string | null;
  /** Entries matching the filters, across all pages. */
  total: number;
}

/** Every entry of the history, in timeline order. */
export function timelineEntries(history: CustomerHistory): TimelineEntry[] {
  requireScope(history, ['orders', 'events', 'messages', 'offer_responses', 'consents']);
  const entries: TimelineEntry[] = [];
  for (const { order, lines, store } of history.orders) {
    entries.push({
      kind: 'order',
      id: order.order_id,
      at: order.placed_at,
      channel: order.channel,
      order,
      lines: lines.map(({ line, product }) => ({
        ...line,
        title: product?.title ?? null,
        category: product?.category ?? null,
        format: product?.format ?? null,
      })),
      store_name: store?.name ?? null,
    });
  }
  for (const event of history.events) {
    entries.push({
      kind: 'event',
      id: event.event_id,
      at: event.at,
      channel: event.channel,
      event,
    });
  }
  for (const { message, campaign, offer } of history.messages) {
    entries.push({
      kind: 'message',
      id: message.message_id,
      at: message.sent_at,
      channel: message.channel,
      message,
      campaign_name: campaign?.name ?? null,
      offer_title: offer?.title ?? null,
    });
  }
  for (const { response, offer } of history.offerResponses) {
    entries.push({
      kind: 'offer_response',
      id: response.response_id,
      at: response.at,
      channel: response.channel,
      response,
      offer,
    });
  }
  for (const consent of history.consents) {
    entries.push({
      kind: 'consent',
      id: consent.consent_id,
      at: consent.at,
      channel: consent.source,
      consent,
    });
  }
  return entries.sort(compareTimelineKeys);
}

/** One page of the history's timeline, filtered by kind and channel. */
export function timelinePage(history: CustomerHistory, request: TimelineRequest): TimelinePage {
  const channels = new Set(request.channels);
  const kinds = new Set(request.kinds);
  const all = timelineEntries(history).filter(
    (e) =>
      (channels.size === 0 || channels.has(e.channel)) && (kinds.size === 0 || kinds.has(e.kind)),
  );
  const limit = Number.isFinite(request.limit) ? Math.max(0, Math.trunc(request.limit)) : 0;
  const after = request.after;
  const start = after === null ? 0 : all.findIndex((e) => isAfterCursor(e, after));
  const page = start < 0 ? [] : all.slice(start, start + limit);
  const last = page.at(-1);
  const hasMore = start >= 0 && start + limit < all.length;
  return {
    entries: page,
    next_cursor: hasMore && last ? encodeTimelineCursor(last) : null,
    total: all.length,
  };
}
