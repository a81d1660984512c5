// A customer's key figures and latest consent per channel, computed from their rows (profile.ts
// puts them in the Customer 360 profile).
import {
  consentChannel,
  orderChannel,
  type Consent,
  type ConsentChannel,
  type Channel,
  type Order,
  type OrderChannel,
} from './schema.ts';

export interface ConsentStateRow {
  channel: ConsentChannel;
  status: 'granted' | 'withdrawn' | 'unknown';
  at: string | null;
  source: Channel | null;
}

/** The latest consent event per channel wins (ties broken by consent id); every channel listed. */
export function latestConsents(consents: readonly Consent[]): ConsentStateRow[] {
  return consentChannel.options.map((channel) => {
    let latest: Consent | undefined;
    for (const c of consents) {
      if (c.channel !== channel) continue;
      if (
        latest === undefined ||
        c.at > latest.at ||
        (c.at === latest.at && c.consent_id > latest.consent_id)
      ) {
        latest = c;
      }
    }
    return latest
      ? { channel, status: latest.status, at: latest.at, source: latest.source }
      : { channel, status: 'unknown', at: null, source: null };
  });
}

export interface OrderFigures {
  orders: number;
  returned_orders: number;
  cancelled_orders: number;
  spend_cents: number;
  average_order_cents: number | null;
  first_order_at: string | null;
  last_order_at: string | null;
  channels_used: OrderChannel[];
}

/** Figures over completed orders; returned and cancelled orders are counted apart. */
export function orderFigures(orders: readonly Order[]): OrderFigures {
  let completed = 0;
  let returned = 0;
  let cancelled = 0;
  let spend = 0;
  let first: string | null = null;
  let last: string | null = null;
  const perChannel = new Map<OrderChannel, number>();
  for (const o of orders) {
    if (o.status === 'returned') returned += 1;
    else if (o.status === 'cancelled') cancelled += 1;
    else {
      completed += 1;
      spend += o.total_cents;
      if (first === null || o.placed_at < first) first = o.placed_at;
      if (last === null || o.placed_at > last) last = o.placed_at;
      perChannel.set(o.channel, (perChannel.get(o.channel) ?? 0) + 1);
    }
  }
  const channels_used = orderChannel.options
    .filter((c) => perChannel.has(c))
    .sort((a, b) => (perChannel.get(b) ?? 0) - (perChannel.get(a) ?? 0) || (a < b ? -1 : 1));
  return {
    orders: completed,
    returned_orders: returned,
    cancelled_orders: cancelled,
    spend_cents: spend,
    average_order_cents: completed === 0 ? null : roundHalfEven(spend / completed),
    first_order_at: first,
    last_order_at: last,
    channels_used,
  };
}

/** Banker's rounding, which is also what SQL engines do for averages cast to integers. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}
