// The profile store's logical model (DESIGN.md): one zod schema per table, the type derived from it.
// Field names are snake_case: the same names serve the JSON API, the SQL columns and the field catalogue.
import { z } from 'zod';

/** An instant, as an ISO-8601 UTC string with milliseconds: `2026-03-01T09:30:00.000Z`. */
export const isoInstant = z.iso.datetime({ offset: false, precision: 3 });
/** A calendar date: `1984-07-14`. */
export const isoDate = z.iso.date();
/** Money is integer cents; the currency sits on the record that holds the amounts. */
export const cents = z.number().int();
export const currency = z.enum(['EUR']);
export type Currency = z.infer<typeof currency>;

export const orderChannel = z.enum(['web', 'app', 'store', 'call_centre']);
export type OrderChannel = z.infer<typeof orderChannel>;
export const messageChannel = z.enum(['email', 'sms', 'push', 'web_banner']);
export type MessageChannel = z.infer<typeof messageChannel>;
/** Every channel a touchpoint can happen on. */
export const channel = z.enum([
  'web',
  'app',
  'store',
  'call_centre',
  'email',
  'sms',
  'push',
  'web_banner',
  'social',
]);
export type Channel = z.infer<typeof channel>;
export const consentChannel = z.enum(['email', 'sms', 'push', 'phone']);
export type ConsentChannel = z.infer<typeof consentChannel>;

export const loyaltyTier = z.enum(['none', 'silver', 'gold', 'platinum']);
export const gender = z.enum(['female', 'male', 'unspecified']);
export const language = z.enum(['fr', 'en']);

export const customer = z.object({
  customer_id: z.string().min(1),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  gender,
  birth_date: isoDate.nullable(),
  city: z.string().nullable(),
  postcode: z.string().nullable(),
  country: z.string().length(2),
  loyalty_tier: loyaltyTier,
  created_at: isoInstant,
  language,
});
export type Customer = z.infer<typeof customer>;

export const identityKind = z.enum([
  'email',
  'phone',
  'loyalty_card',
  'web_cookie',
  'app_device',
  'social',
]);
export type IdentityKind = z.infer<typeof identityKind>;
/** The rules by which identity resolution merges a source system's record into a profile. */
export const identityLinkRule = z.enum(['link_table', 'verified_email', 'loyalty_card', 'phone']);
export type IdentityLinkRule = z.infer<typeof identityLinkRule>;

export const identity = z.object({
  customer_id: z.string(),
  kind: identityKind,
  value: z.string(),
  /** Where the identity was observed: web, app, store, call_centre, crm import, social… */
  source: z.string(),
  first_seen: isoInstant,
  last_seen: isoInstant,
  /** The source system's record it came from, when profiles were resolved at import; else null. */
  record_id: z.string().nullable(),
  /** How that record joined the profile (null: the profile's first record, or not resolved). */
  linked_by: identityLinkRule.nullable(),
});
export type Identity = z.infer<typeof identity>;

export const consentStatus = z.enum(['granted', 'withdrawn']);
export const consent = z.object({
  consent_id: z.string(),
  customer_id: z.string(),
  channel: consentChannel,
  purpose: z.enum(['marketing']),
  status: consentStatus,
  at: isoInstant,
  /** The channel it was given or withdrawn through (an unsubscribe link is `email`). */
  source: channel,
});
export type Consent = z.infer<typeof consent>;

export const preferenceTopic = z.enum(['interest', 'preferred_channel', 'contact_frequency']);
export const preference = z.object({
  customer_id: z.string(),
  topic: preferenceTopic,
  value: z.string(),
  stated_at: isoInstant,
  /** Where the customer said it. */
  source: channel,
});
export type Preference = z.infer<typeof preference>;

export const store = z.object({
  store_id: z.string(),
  name: z.string(),
  city: z.string(),
  postcode: z.string(),
});
export type Store = z.infer<typeof store>;

export const productCategory = z.enum([
  'books',
  'music',
  'films',
  'video_games',
  'consoles',
  'gaming_accessories',
  'hifi',
  'phones',
]);
export type ProductCategory = z.infer<typeof productCategory>;
export const product = z.object({
  sku: z.string(),
  title: z.string(),
  category: productCategory,
  subcategory: z.string(),
  brand: z.string(),
  /** Medium or edition: paperback, cd, vinyl, dvd, blu_ray, 4k, box_set, ps5, switch… */
  format: z.string().nullable(),
  price_cents: cents,
  currency,
  launched_at: isoInstant,
  /** The base product or platform this one needs (a game needs its console). */
  requires: z.string().nullable(),
  /** The same work in another edition (a film on DVD, Blu-ray and 4K shares a work_id). */
  work_id: z.string().nullable(),
  online_stock: z.number().int().nonnegative(),
  discontinued: z.boolean(),
});
export type Product = z.infer<typeof product>;

export const storeStock = z.object({
  sku: z.string(),
  store_id: z.string(),
  quantity: z.number().int().nonnegative(),
});
export type StoreStock = z.infer<typeof storeStock>;

export const orderStatus = z.enum(['completed', 'returned', 'cancelled']);
export const paymentMethod = z.enum(['card', 'paypal', 'cash', 'gift_card', 'instalments']);
export const order = z.object({
  order_id: z.string(),
  customer_id: z.string(),
  channel: orderChannel,
  store_id: z.string().nullable(),
  placed_at: isoInstant,
  status: orderStatus,
  promo_code: z.string().nullable(),
  payment_method: paymentMethod,
  currency,
  /** Sum of the lines' qty × unit price − discount. */
  total_cents: cents,
});
export type Order = z.infer<typeof order>;

export const orderLine = z.object({
  order_id: z.string(),
  line_no: z.number().int().positive(),
  sku: z.string(),
  qty: z.number().int().positive(),
  unit_price_cents: cents,
  discount_cents: cents,
});
export type OrderLine = z.infer<typeof orderLine>;

export const eventType = z.enum([
  'page_view',
  'product_view',
  'search',
  'cart_add',
  'email_open',
  'email_click',
  'push_open',
  'app_open',
  'store_visit',
  'call_centre_contact',
  'chat',
  'social_mention',
  'review',
]);
export type EventType = z.infer<typeof eventType>;
export const eventProperties = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
export const event = z.object({
  event_id: z.string(),
  customer_id: z.string(),
  type: eventType,
  channel,
  at: isoInstant,
  properties: eventProperties,
});
export type CustomerEvent = z.infer<typeof event>;

export const messageStatus = z.enum(['delivered', 'opened', 'clicked', 'bounced']);
export const message = z.object({
  message_id: z.string(),
  customer_id: z.string(),
  campaign_id: z.string(),
  channel: messageChannel,
  sent_at: isoInstant,
  status: messageStatus,
  offer_id: z.string().nullable(),
});
export type Message = z.infer<typeof message>;

/**
 * A customer a campaign targeted and, drawn at random, did not send: its holdout (control group).
 * What the campaign's recipients did is compared with what its holdout did (the campaign
 * dashboard's uplift); `held_at` is the instant the others were sent, where the holdout's
 * attribution window starts.
 */
export const holdout = z.object({
  customer_id: z.string(),
  campaign_id: z.string(),
  held_at: isoInstant,
});
export type Holdout = z.infer<typeof holdout>;

export const offer = z.object({
  offer_id: z.string(),
  title: z.string(),
  sku: z.string().nullable(),
  category: productCategory.nullable(),
  discount_percent: z.number().int().min(0).max(100).nullable(),
  discount_cents: cents.nullable(),
  currency,
  valid_from: isoInstant,
  valid_to: isoInstant,
});
export type Offer = z.infer<typeof offer>;

export const offerResponse = z.object({
  response_id: z.string(),
  customer_id: z.string(),
  offer_id: z.string(),
  channel,
  response: z.enum(['accepted', 'declined']),
  at: isoInstant,
});
export type OfferResponse = z.infer<typeof offerResponse>;

export const campaign = z.object({
  campaign_id: z.string(),
  name: z.string(),
  channel: messageChannel,
  template: z.string(),
  offer_id: z.string().nullable(),
  recommendation_slot: z.boolean(),
  segment_id: z.string().nullable(),
  holdout_share: z.number().min(0).max(1),
  status: z.enum(['draft', 'scheduled', 'sent']),
  version: z.number().int().positive(),
  author: z.string(),
  updated_at: isoInstant,
});
export type Campaign = z.infer<typeof campaign>;

export const segment = z.object({
  segment_id: z.string(),
  name: z.string(),
  /** The definition's own schema arrives with the segment builder; stored as JSON until then. */
  definition: z.unknown(),
  version: z.number().int().positive(),
  author: z.string(),
  updated_at: isoInstant,
});
export type Segment = z.infer<typeof segment>;

/** Every table of one tenant's profile store. */
export interface Dataset {
  customers: Customer[];
  identities: Identity[];
  consents: Consent[];
  preferences: Preference[];
  stores: Store[];
  products: Product[];
  store_stock: StoreStock[];
  orders: Order[];
  order_lines: OrderLine[];
  events: CustomerEvent[];
  messages: Message[];
  holdouts: Holdout[];
  offers: Offer[];
  offer_responses: OfferResponse[];
  campaigns: Campaign[];
  segments: Segment[];
}

/** A dataset with no rows: what a generator fills, and the base of small test datasets. */
export function emptyDataset(): Dataset {
  return {
    customers: [],
    identities: [],
    consents: [],
    preferences: [],
    stores: [],
    products: [],
    store_stock: [],
    orders: [],
    order_lines: [],
    events: [],
    messages: [],
    holdouts: [],
    offers: [],
    offer_responses: [],
    campaigns: [],
    segments: [],
  };
}

/** Tables whose rows belong to one customer; the rest are reference tables. */
export const customerTables = [
  'customers',
  'identities',
  'consents',
  'preferences',
  'orders',
  'order_lines',
  'events',
  'messages',
  'holdouts',
  'offer_responses',
] as const;
export const referenceTables = [
  'stores',
  'products',
  'store_stock',
  'offers',
  'campaigns',
  'segments',
] as const;
