// First-time and repeat buyers per month — whether the customer base grows and comes back, the
// seeds' measure of whether personalisation works. One definition, which the memory store runs
// here and the DuckDB store in SQL (held equal by the differential test):
//
// - Only completed orders count; months are calendar months in UTC ("2026-03").
// - A customer's first order is their earliest completed order, on any channel, at any time
//   (before the period too).
// - In a month, a buyer is *first-time* when their first order falls in that month, *repeat* when
//   it fell in an earlier month. A customer counts once per month, as one or the other.
// - Revenue is the orders' totals; repeat revenue is what repeat buyers of the month spent in it.
// - The filters narrow the orders counted in a month (a channel) and the customers (a segment's
//   members); a customer's first order is still their first order on any channel.
import type { OrderChannel } from '../profile/schema.ts';

/** "2026-03": a calendar month in UTC. */
export type Month = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export interface BuyerOrder {
  customer_id: string;
  /** ISO instant. */
  placed_at: string;
  status: string;
  channel: OrderChannel;
  total_cents: number;
}

export interface BuyersQuery {
  /** First and last month shown, inclusive. */
  from: Month;
  to: Month;
  /** Only orders on this channel; null for all. */
  channel: OrderChannel | null;
}

export interface BuyerMonth {
  month: Month;
  first_time: number;
  repeat: number;
  orders: number;
  revenue_cents: number;
  repeat_revenue_cents: number;
}

/** The UTC month of an ISO instant. */
export function monthOf(iso: string): Month {
  return iso.slice(0, 7);
}

export function isMonth(text: string): boolean {
  return MONTH.test(text);
}

/** The month after `month`. */
export function nextMonth(month: Month): Month {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to` inclusive (none when `to` is before `from`). */
export function monthsBetween(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  if (!isMonth(from) || !isMonth(to)) return out;
  for (let m = from; m <= to; m = nextMonth(m)) out.push(m);
  return out;
}

/** The first instant of `month` and of the month after it (ISO, UTC): the period's bounds. */
export function monthBounds(from: Month, to: Month): { start: string; end: string } {
  return { start: `${from}-01T00:00:00.000Z`, end: `${nextMonth(to)}-01T00:00:00.000Z` };
}

/**
 * First-time and repeat buyers, orders and revenue per month of the query, every month listed
 * (zeros where nothing happened). `members` limits the customers (null: everyone).
 */
export function buyersByMonth(
  orders: Iterable<BuyerOrder>,
  members: ReadonlySet<string> | null,
  query: BuyersQuery,
): BuyerMonth[] {
  const completed: BuyerOrder[] = [];
  const firstAt = new Map<string, string>();
  for (const o of orders) {
    if (o.status !== 'completed') continue;
    completed.push(o);
    const seen = firstAt.get(o.customer_id);
    if (seen === undefined || o.placed_at < seen) firstAt.set(o.customer_id, o.placed_at);
  }
  const months = monthsBetween(query.from, query.to);
  const rows = new Map(
    months.map((month) => [
      month,
      {
        month,
        first: new Set<string>(),
        repeat: new Set<string>(),
        orders: 0,
        revenue: 0,
        repeatRevenue: 0,
      },
    ]),
  );
  for (const o of completed) {
    if (query.channel !== null && o.channel !== query.channel) continue;
    if (members !== null && !members.has(o.customer_id)) continue;
    const row = rows.get(monthOf(o.placed_at));
    if (row === undefined) continue;
    const first = monthOf(firstAt.get(o.customer_id) ?? o.placed_at);
    const repeat = first < row.month;
    (repeat ? row.repeat : row.first).add(o.customer_id);
    row.orders += 1;
    row.revenue += o.total_cents;
    if (repeat) row.repeatRevenue += o.total_cents;
  }
  return months.map((month) => {
    const row = rows.get(month);
    return {
      month,
      first_time: row?.first.size ?? 0,
      repeat: row?.repeat.size ?? 0,
      orders: row?.orders ?? 0,
      revenue_cents: row?.revenue ?? 0,
      repeat_revenue_cents: row?.repeatRevenue ?? 0,
    };
  });
}
