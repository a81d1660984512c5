// What customers are worth so far — the historical side of lifetime value — over the dashboards'
// filters. One definition, which the memory store runs here and the DuckDB store in SQL (held
// equal by the differential test):
//
// - A customer's value is the total of their completed orders placed in the period (on the
//   channel, when one is chosen); customers with no such order are not counted.
// - Their acquisition cohort is the UTC month of their first completed order ever (any channel,
//   any time); their first channel is that order's channel (the earliest order id on a tie).
// - The Pareto curve: the share of the value held by the top x % of customers, the top being
//   ⌈x % × customers⌉ customers by value (ties by customer id, which never changes the sum).
import type { OrderChannel } from '../profile/schema.ts';
import { monthOf, type BuyerOrder, type BuyersQuery } from './buyers.ts';

/** Upper bounds of the value bands, in cents; the last band is open. */
export const VALUE_BANDS_CENTS = [5_000, 10_000, 25_000, 50_000, 100_000, 250_000] as const;
/** The top shares of customers the Pareto curve reads, in percent. */
export const PARETO_SHARES = [1, 5, 10, 20, 50, 100] as const;
export const TOP_CUSTOMERS = 10;

export interface ValueOrder extends BuyerOrder {
  order_id: string;
}

export interface ValueBand {
  /** Lower bound (inclusive) and upper bound (exclusive, null for the last), in cents. */
  from_cents: number;
  to_cents: number | null;
  customers: number;
  value_cents: number;
}

export interface ValueGroup {
  key: string;
  customers: number;
  value_cents: number;
}

export interface ValueFigures {
  customers: number;
  value_cents: number;
  bands: ValueBand[];
  pareto: { top_percent: number; customers: number; value_cents: number }[];
  /** By acquisition month, oldest first. */
  cohorts: ValueGroup[];
  /** By first channel, in the channels' order. */
  first_channels: ValueGroup[];
  /** The most valuable customers, most first (ties by id). */
  top: { customer_id: string; value_cents: number; orders: number }[];
}

/** Most valuable first, ties by customer id: the order of the top and of the Pareto curve. */
export function byValue(
  a: { customer_id: string; value_cents: number },
  b: { customer_id: string; value_cents: number },
): number {
  if (b.value_cents !== a.value_cents) return b.value_cents - a.value_cents;
  return a.customer_id < b.customer_id ? -1 : 1;
}

/** The band index of a value in cents (the last band holds everything above). */
export function bandOf(cents: number): number {
  const i = VALUE_BANDS_CENTS.findIndex((upper) => cents < upper);
  return i === -1 ? VALUE_BANDS_CENTS.length : i;
}

/** How many customers the top `percent` % (a whole number) of `n` is: ⌈percent × n / 100⌉. */
export function topCount(percent: number, n: number): number {
  return Math.floor((percent * n + 99) / 100);
}

export function valueFigures(
  orders: Iterable<ValueOrder>,
  members: ReadonlySet<string> | null,
  query: BuyersQuery,
  channels: readonly OrderChannel[],
): ValueFigures {
  const first = new Map<string, ValueOrder>();
  const inPeriod: ValueOrder[] = [];
  for (const o of orders) {
    if (o.status !== 'completed') continue;
    const seen = first.get(o.customer_id);
    if (
      seen === undefined ||
      o.placed_at < seen.placed_at ||
      (o.placed_at === seen.placed_at && o.order_id < seen.order_id)
    ) {
      first.set(o.customer_id, o);
    }
    const month = monthOf(o.placed_at);
    if (month < query.from || month > query.to) continue;
    if (query.channel !== null && o.channel !== query.channel) continue;
    if (members !== null && !members.has(o.customer_id)) continue;
    inPeriod.push(o);
  }
  const byCustomer = new Map<string, { value: number; orders: number }>();
  for (const o of inPeriod) {
    const c = byCustomer.get(o.customer_id) ?? { value: 0, orders: 0 };
    c.value += o.total_cents;
    c.orders += 1;
    byCustomer.set(o.customer_id, c);
  }
  const ranked = [...byCustomer]
    .map(([customer_id, c]) => ({ customer_id, value_cents: c.value, orders: c.orders }))
    .sort(byValue);
  const total = ranked.reduce((sum, c) => sum + c.value_cents, 0);

  const bands: ValueBand[] = [0, ...VALUE_BANDS_CENTS].map((from, i) => ({
    from_cents: from,
    to_cents: VALUE_BANDS_CENTS[i] ?? null,
    customers: 0,
    value_cents: 0,
  }));
  for (const c of ranked) {
    const band = bands[bandOf(c.value_cents)];
    if (band === undefined) continue;
    band.customers += 1;
    band.value_cents += c.value_cents;
  }

  const pareto = PARETO_SHARES.map((percent) => {
    const n = topCount(percent, ranked.length);
    let value = 0;
    for (let i = 0; i < n; i += 1) value += ranked[i]?.value_cents ?? 0;
    return { top_percent: percent, customers: n, value_cents: value };
  });

  const grouped = (keyOf: (o: ValueOrder) => string) => {
    const groups = new Map<string, ValueGroup>();
    for (const c of ranked) {
      const firstOrder = first.get(c.customer_id);
      if (firstOrder === undefined) continue;
      const key = keyOf(firstOrder);
      const g = groups.get(key) ?? { key, customers: 0, value_cents: 0 };
      g.customers += 1;
      g.value_cents += c.value_cents;
      groups.set(key, g);
    }
    return groups;
  };
  const cohorts = [...grouped((o) => monthOf(o.placed_at)).values()].sort((a, b) =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
  );
  const byChannel = grouped((o) => o.channel);
  const first_channels = channels.flatMap((ch) => {
    const g = byChannel.get(ch);
    return g ? [g] : [];
  });

  return {
    customers: ranked.length,
    value_cents: total,
    bands,
    pareto,
    cohorts,
    first_channels,
    top: ranked.slice(0, TOP_CUSTOMERS),
  };
}
