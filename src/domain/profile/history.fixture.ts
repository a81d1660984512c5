// Rows and histories for the profile tests: every factory gives a valid row, overridden field by field.
import {
  assembleHistory,
  historyReference,
  type CustomerHistory,
  type HistoryRows,
  type HistoryScope,
} from './history.ts';
import type {
  Campaign,
  Consent,
  Customer,
  CustomerEvent,
  Identity,
  Message,
  Offer,
  OfferResponse,
  Order,
  OrderLine,
  Preference,
  Product,
  Store,
} from './schema.ts';

const AT = '2026-01-01T00:00:00.000Z';

export const customerRow = (over: Partial<Customer> = {}): Customer => ({
  customer_id: 'C1',
  first_name: 'Olivier',
  last_name: 'Martin',
  email: 'olivier@example.fr',
  phone: null,
  gender: 'male',
  birth_date: null,
  city: 'Lyon',
  postcode: '69003',
  country: 'FR',
  loyalty_tier: 'gold',
  created_at: AT,
  language: 'fr',
  ...over,
});
export const identityRow = (over: Partial<Identity> = {}): Identity => ({
  customer_id: 'C1',
  kind: 'email',
  value: 'olivier@example.fr',
  source: 'web',
  first_seen: AT,
  last_seen: AT,
  record_id: null,
  linked_by: null,
  ...over,
});
export const consentRow = (over: Partial<Consent> = {}): Consent => ({
  consent_id: 'K1',
  customer_id: 'C1',
  channel: 'email',
  purpose: 'marketing',
  status: 'granted',
  at: AT,
  source: 'web',
  ...over,
});
export const preferenceRow = (over: Partial<Preference> = {}): Preference => ({
  customer_id: 'C1',
  topic: 'interest',
  value: 'films',
  stated_at: AT,
  source: 'app',
  ...over,
});
export const orderRow = (over: Partial<Order> = {}): Order => ({
  order_id: 'O1',
  customer_id: 'C1',
  channel: 'web',
  store_id: null,
  placed_at: AT,
  status: 'completed',
  promo_code: null,
  payment_method: 'card',
  currency: 'EUR',
  total_cents: 1000,
  ...over,
});
export const lineRow = (over: Partial<OrderLine> = {}): OrderLine => ({
  order_id: 'O1',
  line_no: 1,
  sku: 'P1',
  qty: 1,
  unit_price_cents: 1000,
  discount_cents: 0,
  ...over,
});
export const eventRow = (over: Partial<CustomerEvent> = {}): CustomerEvent => ({
  event_id: 'E1',
  customer_id: 'C1',
  type: 'page_view',
  channel: 'web',
  at: AT,
  properties: {},
  ...over,
});
export const messageRow = (over: Partial<Message> = {}): Message => ({
  message_id: 'M1',
  customer_id: 'C1',
  campaign_id: 'CA1',
  channel: 'email',
  sent_at: AT,
  status: 'delivered',
  offer_id: null,
  ...over,
});
export const responseRow = (over: Partial<OfferResponse> = {}): OfferResponse => ({
  response_id: 'R1',
  customer_id: 'C1',
  offer_id: 'OF1',
  channel: 'store',
  response: 'accepted',
  at: AT,
  ...over,
});
export const productRow = (over: Partial<Product> = {}): Product => ({
  sku: 'P1',
  title: 'Coffret Blu-ray',
  category: 'films',
  subcategory: 'box_sets',
  brand: 'Studio',
  format: 'blu_ray',
  price_cents: 10032,
  currency: 'EUR',
  launched_at: AT,
  requires: null,
  work_id: null,
  online_stock: 3,
  discontinued: false,
  ...over,
});
export const storeRow = (over: Partial<Store> = {}): Store => ({
  store_id: 'S1',
  name: 'Lyon Part-Dieu',
  city: 'Lyon',
  postcode: '69003',
  ...over,
});
export const offerRow = (over: Partial<Offer> = {}): Offer => ({
  offer_id: 'OF1',
  title: '10 % sur les coffrets',
  sku: null,
  category: 'films',
  discount_percent: 10,
  discount_cents: null,
  currency: 'EUR',
  valid_from: AT,
  valid_to: '2026-02-01T00:00:00.000Z',
  ...over,
});
export const campaignRow = (over: Partial<Campaign> = {}): Campaign => ({
  campaign_id: 'CA1',
  name: 'Rentrée films',
  channel: 'email',
  template: 'Bonjour {{ first_name }}',
  offer_id: null,
  recommendation_slot: false,
  segment_id: null,
  holdout_share: 0.1,
  status: 'sent',
  version: 1,
  author: 'marketing',
  updated_at: AT,
  ...over,
});

export const fixtureReference = historyReference({
  products: [productRow(), productRow({ sku: 'P2', title: 'Console', category: 'consoles' })],
  stores: [storeRow()],
  offers: [offerRow()],
  campaigns: [campaignRow()],
});

/** A history of C1 holding exactly the rows given. */
export function historyOf(
  rows: Partial<Omit<HistoryRows, 'customer'>> & { customer?: Customer } = {},
  scope?: HistoryScope,
): CustomerHistory {
  return assembleHistory(
    {
      customer: rows.customer ?? customerRow(),
      identities: rows.identities ?? [],
      consents: rows.consents ?? [],
      preferences: rows.preferences ?? [],
      orders: rows.orders ?? [],
      events: rows.events ?? [],
      messages: rows.messages ?? [],
      offerResponses: rows.offerResponses ?? [],
    },
    fixtureReference,
    scope,
  );
}
