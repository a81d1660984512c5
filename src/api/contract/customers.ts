// One customer: finding them (search), their 360 profile and their timeline
// (/api/customers, /api/customers/:id, /api/customers/:id/timeline).
import { z } from 'zod';
import { decimalInteger } from './decimal.ts';
import {
  channel,
  consent,
  consentChannel,
  consentStatus,
  currency,
  customer,
  event,
  identity,
  isoInstant,
  loyaltyTier,
  message,
  offer,
  offerResponse,
  order,
  orderChannel,
  orderLine,
  preference,
} from '../../domain/profile/schema.ts';

// ---------------------------------------------------------------- search

/** The shortest and longest search, in characters once trimmed. */
export const SEARCH_MIN_CHARS = 2;
export const SEARCH_MAX_CHARS = 200;

export const searchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(SEARCH_MIN_CHARS, `Type at least ${SEARCH_MIN_CHARS} characters.`)
    .max(SEARCH_MAX_CHARS, `A search is at most ${SEARCH_MAX_CHARS} characters.`),
  limit: decimalInteger(1, 50, 'A limit is a whole number from 1 to 50.').default(20),
});
export type SearchQuery = z.infer<typeof searchQuery>;
export const searchHit = z.object({
  customer_id: z.string(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  email: z.string().nullable(),
  city: z.string().nullable(),
  loyalty_tier: loyaltyTier,
  /** What the query matched: a name, or one identity (kind and value). */
  matched: z.object({ kind: z.string(), value: z.string() }),
});
export type SearchHit = z.infer<typeof searchHit>;
export const searchResponse = z.object({ query: z.string(), hits: z.array(searchHit) });
export type SearchResponse = z.infer<typeof searchResponse>;

// ---------------------------------------------------------------- profile

export const customerIdParam = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'A customer id is 1–64 letters, digits, _ or -.'),
});
export const consentState = z.object({
  channel: consentChannel,
  status: consentStatus.or(z.literal('unknown')),
  at: isoInstant.nullable(),
  source: channel.nullable(),
});
export type ConsentState = z.infer<typeof consentState>;
export const keyFigures = z.object({
  /** Completed orders (returned and cancelled are counted apart). */
  orders: z.number().int(),
  returned_orders: z.number().int(),
  cancelled_orders: z.number().int(),
  spend_cents: z.number().int(),
  currency,
  average_order_cents: z.number().int().nullable(),
  first_order_at: isoInstant.nullable(),
  last_order_at: isoInstant.nullable(),
  /** Order channels used by completed orders, most used first (ties by name). */
  channels_used: z.array(orderChannel),
  events: z.number().int(),
  messages_received: z.number().int(),
});
export type KeyFigures = z.infer<typeof keyFigures>;
/** A device of the customer's that other profiles hold too: shared, never merged. */
export const sharedDevice = z.object({
  kind: z.string(),
  value: z.string(),
  /** Other profiles holding it. */
  profiles: z.number().int().positive(),
});
export type SharedDeviceResponse = z.infer<typeof sharedDevice>;

export const profileResponse = z.object({
  customer,
  identities: z.array(identity),
  shared_devices: z.array(sharedDevice),
  /** The latest consent state per channel, every consent channel listed. */
  consents: z.array(consentState),
  preferences: z.array(preference),
  figures: keyFigures,
});
export type ProfileResponse = z.infer<typeof profileResponse>;

// ---------------------------------------------------------------- timeline

export const timelineKind = z.enum(['order', 'event', 'message', 'offer_response', 'consent']);
export type TimelineKind = z.infer<typeof timelineKind>;

/** `a,b,c` in a query string; absent or empty means no filter. */
const commaSeparated = z
  .string()
  .max(400)
  .optional()
  .transform((s) => (s === undefined || s === '' ? [] : s.split(',')));

export const timelineQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: decimalInteger(1, 500, 'A limit is a whole number from 1 to 500.').default(100),
  channel: commaSeparated.pipe(z.array(channel).max(20)),
  kind: commaSeparated.pipe(z.array(timelineKind).max(20)),
});
export type TimelineQuery = z.infer<typeof timelineQuery>;

export const timelineLine = orderLine.extend({
  title: z.string().nullable(),
  category: z.string().nullable(),
  format: z.string().nullable(),
});
const entryBase = { id: z.string(), at: isoInstant, channel };
export const timelineEntry = z.discriminatedUnion('kind', [
  z.object({
    ...entryBase,
    kind: z.literal('order'),
    order,
    lines: z.array(timelineLine),
    store_name: z.string().nullable(),
  }),
  z.object({ ...entryBase, kind: z.literal('event'), event }),
  z.object({
    ...entryBase,
    kind: z.literal('message'),
    message,
    campaign_name: z.string().nullable(),
    offer_title: z.string().nullable(),
  }),
  z.object({
    ...entryBase,
    kind: z.literal('offer_response'),
    response: offerResponse,
    offer: offer.nullable(),
  }),
  z.object({ ...entryBase, kind: z.literal('consent'), consent }),
]);
export type TimelineEntry = z.infer<typeof timelineEntry>;
export const timelineResponse = z.object({
  entries: z.array(timelineEntry),
  /** Opaque; absent on the last page. */
  next_cursor: z.string().nullable(),
  /** Entries matching the filters, across all pages. */
  total: z.number().int(),
});
export type TimelineResponse = z.infer<typeof timelineResponse>;
