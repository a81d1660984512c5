// The customer tables' rows, and one customer's drafts written into them (ids and instants as
// stored).
import type {
  Consent,
  Customer,
  CustomerEvent,
  Holdout,
  Identity,
  Message,
  OfferResponse,
  Order,
  OrderLine,
  Preference,
} from '../../../src/domain/profile/schema.ts';
import type { EventDraft } from '../activity.ts';
import type { ConsentDraft, MessageDraft, ResponseDraft } from '../contacts.ts';
import type { Person } from '../person.ts';
import { toOrderRows } from '../purchases.ts';
import type { OrderDraft } from '../purchases.ts';
import { DAY, iso } from '../time.ts';
import { pad, type CustomerDraw } from './draw.ts';

/**
 * Every row that belongs to customers; a batch holds many customers' rows in index order. A type
 * alias, not an interface, so a generic sink taking `Record<string, unknown[]>` accepts it.
 */
export type CustomerRows = {
  customers: Customer[];
  identities: Identity[];
  consents: Consent[];
  preferences: Preference[];
  orders: Order[];
  order_lines: OrderLine[];
  events: CustomerEvent[];
  messages: Message[];
  holdouts: Holdout[];
  offer_responses: OfferResponse[];
};

export function emptyCustomerRows(): CustomerRows {
  return {
    customers: [],
    identities: [],
    consents: [],
    preferences: [],
    orders: [],
    order_lines: [],
    events: [],
    messages: [],
    holdouts: [],
    offer_responses: [],
  };
}

export interface CustomerDrafts {
  consents: readonly ConsentDraft[];
  orders: readonly OrderDraft[];
  messages: readonly MessageDraft[];
  responses: readonly ResponseDraft[];
  events: readonly EventDraft[];
  identities: readonly Identity[];
  preferences: readonly Preference[];
  holdouts: readonly Holdout[];
}

export function writeRows(out: CustomerRows, draw: CustomerDraw, drafts: CustomerDrafts): void {
  const { world, person, num } = draw;
  const { asOfMs } = world;
  const { consents, orders, messages, responses, events, identities, preferences, holdouts } =
    drafts;
  const id = person.id;
  out.customers.push({
    customer_id: id,
    first_name: person.shownFirst,
    last_name: person.shownLast,
    email: person.email,
    phone: person.phone,
    gender: person.gender,
    birth_date: person.birthDate,
    city: person.city,
    postcode: person.postcode,
    country: 'FR',
    loyalty_tier: loyaltyTier(person, orders, asOfMs),
    created_at: iso(person.createdMs),
    language: person.language,
  });
  for (const identity of identities) out.identities.push(identity);
  consents.forEach((c, k) => {
    out.consents.push({
      consent_id: `K${num}-${pad(k + 1, 2)}`,
      customer_id: id,
      channel: c.channel,
      purpose: 'marketing',
      status: c.status,
      at: iso(c.ms),
      source: c.source,
    });
  });
  for (const p of preferences) out.preferences.push(p);
  for (const draft of orders) {
    const { order, lines } = toOrderRows(id, draft, iso);
    out.orders.push(order);
    for (const line of lines) out.order_lines.push(line);
  }
  events.forEach((e, k) => {
    out.events.push({
      event_id: `E${num}-${pad(k + 1, 5)}`,
      customer_id: id,
      type: e.type,
      channel: e.channel,
      at: iso(e.ms),
      properties: e.properties,
    });
  });
  for (const m of messages) {
    out.messages.push({
      message_id: m.id,
      customer_id: id,
      campaign_id: m.campaignId,
      channel: m.channel,
      sent_at: iso(m.ms),
      status: m.status,
      offer_id: m.offer?.offer_id ?? null,
    });
  }
  for (const h of holdouts) out.holdouts.push(h);
  for (const r of responses) {
    out.offer_responses.push({
      response_id: r.id,
      customer_id: id,
      offer_id: r.offerId,
      channel: r.channel,
      response: r.response,
      at: iso(r.ms),
    });
  }
}

function loyaltyTier(
  person: Person,
  orders: readonly OrderDraft[],
  asOfMs: number,
): Customer['loyalty_tier'] {
  if (!person.loyaltyCard) return 'none';
  let spent = 0;
  for (const o of orders) {
    if (o.status !== 'completed' || o.ms < asOfMs - 365 * DAY) continue;
    for (const line of o.lines) spent += line.qty * line.product.price_cents - line.discount;
  }
  return spent >= 150_000 ? 'platinum' : spent >= 50_000 ? 'gold' : 'silver';
}
