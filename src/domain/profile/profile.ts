// The Customer 360 profile of one history: who they are, how to reach them, what they told us and
// their key figures. Both stores answer GET /api/customers/:id with this and nothing else.
import {
  latestConsents,
  orderFigures,
  type ConsentStateRow,
  type OrderFigures,
} from './figures.ts';
import { requireScope, type CustomerHistory } from './history.ts';
import type { Currency, Customer, Identity, Preference } from './schema.ts';
import { compareText } from '../compare.ts';

export type KeyFigures = OrderFigures & {
  currency: Currency;
  /** Every event of the history, whatever its type or channel. */
  events: number;
  messages_received: number;
};

export interface CustomerProfile {
  customer: Customer;
  /** By kind, then value (then as recorded). */
  identities: Identity[];
  /** The latest state per consent channel, every channel listed. */
  consents: ConsentStateRow[];
  /** Newest statement first, then by topic and value. */
  preferences: Preference[];
  figures: KeyFigures;
}

export function customerProfile(history: CustomerHistory): CustomerProfile {
  requireScope(history, ['identities', 'consents', 'preferences', 'orders', 'events', 'messages']);
  const identities = [...history.identities].sort(
    (a, b) => compareText(a.kind, b.kind) || compareText(a.value, b.value),
  );
  const preferences = [...history.preferences].sort(
    (a, b) =>
      compareText(b.stated_at, a.stated_at) ||
      compareText(a.topic, b.topic) ||
      compareText(a.value, b.value),
  );
  return {
    customer: history.customer,
    identities,
    consents: latestConsents(history.consents),
    preferences,
    figures: {
      ...orderFigures(history.orders.map((o) => o.order)),
      currency: 'EUR',
      events: history.events.length,
      messages_received: history.messages.length,
    },
  };
}
