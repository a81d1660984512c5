// The dashboards' answers assembled from the rows an engine's statement gives, read into plain
// figures first (each engine reads its own values): one assembly for DuckDB and ClickHouse.
import {
  monthsBetween,
  type BuyerMonth,
  type BuyersQuery,
} from '../../src/domain/analytics/buyers.ts';
import {
  bySend,
  type CampaignFigures,
  type GroupFigures,
} from '../../src/domain/analytics/campaigns.ts';

/** A month with orders, as a statement sums it. */
export type BuyerRow = BuyerMonth;

/** A month's row from the statement's columns (`n` reads a number by column name). */
export function buyerRowOf(month: string, n: (column: string) => number): BuyerRow {
  return {
    month,
    first_time: n('first_time'),
    repeat: n('repeat'),
    orders: n('orders'),
    revenue_cents: n('revenue'),
    repeat_revenue_cents: n('repeat_revenue'),
  };
}

/** Every month of the query, zeros where no row says otherwise. */
export function buyerMonths(query: BuyersQuery, rows: readonly BuyerRow[]): BuyerMonth[] {
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return monthsBetween(query.from, query.to).map(
    (month) =>
      byMonth.get(month) ?? {
        month,
        first_time: 0,
        repeat: 0,
        orders: 0,
        revenue_cents: 0,
        repeat_revenue_cents: 0,
      },
  );
}

/** One group of one campaign (its recipients: `treated`), as a statement sums it. */
export interface CampaignRow {
  campaign_id: string;
  treated: boolean;
  sent_at: string;
  channel: string | null;
  messages: number;
  delivered: number;
  opened: number;
  clicked: number;
  unsubscribed: number;
  group: GroupFigures;
}

/** A group's row from the statement's columns (`n` reads a number by column name). */
export function campaignRowOf(
  key: { campaign_id: string; treated: boolean; sent_at: string; channel: string | null },
  n: (column: string) => number,
): CampaignRow {
  return {
    ...key,
    messages: n('messages'),
    delivered: n('delivered'),
    opened: n('opened'),
    clicked: n('clicked'),
    unsubscribed: n('unsubscribed'),
    group: {
      customers: n('customers'),
      converted: n('converted'),
      revenue_cents: n('revenue'),
      revenue_variance: n('variance'),
    },
  };
}

/** Each campaign's figures from its groups' rows, the most recent send first. */
export function campaignFiguresOf(rows: readonly CampaignRow[]): CampaignFigures[] {
  const none: GroupFigures = { customers: 0, converted: 0, revenue_cents: 0, revenue_variance: 0 };
  const byCampaign = new Map<string, CampaignFigures>();
  for (const r of rows) {
    const figures = byCampaign.get(r.campaign_id) ?? {
      campaign_id: r.campaign_id,
      channel: null,
      sent_at: r.sent_at,
      messages: 0,
      delivered: 0,
      opened: 0,
      clicked: 0,
      unsubscribed: 0,
      recipients: none,
      holdout: none,
    };
    if (r.treated) {
      figures.channel = r.channel;
      figures.messages = r.messages;
      figures.delivered = r.delivered;
      figures.opened = r.opened;
      figures.clicked = r.clicked;
      figures.unsubscribed = r.unsubscribed;
      figures.recipients = r.group;
    } else {
      figures.holdout = r.group;
    }
    byCampaign.set(r.campaign_id, figures);
  }
  return [...byCampaign.values()].sort(bySend);
}
