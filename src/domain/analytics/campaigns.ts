// Campaign performance: what each campaign's messages did, and what its recipients did against its
// holdout. One definition, which the memory store runs here and the DuckDB store in SQL (held equal
// by the differential test in server/dashboards-api.test.ts):
//
// - A campaign's *send* is its earliest message or hold; the period lists the campaigns sent in it.
// - A *recipient* is a customer sent at least one of its messages; their attribution window runs
//   from their first message of it (excluded) for ATTRIBUTION_WINDOW_DAYS (included). A *held-out*
//   customer's window runs the same way from their hold: the instant the others were sent.
// - A customer *converts* with a completed order in their window, on any channel (or on the
//   channel the filter names); *revenue* is those orders' totals, zero for those who did not buy.
// - Messages count each message: delivered unless bounced, opened when opened or clicked.
// - A recipient *unsubscribed* when they withdrew their consent on the campaign's channel within
//   their window (a web banner has no consent to withdraw).
// - A segment filter keeps its members among recipients and holdouts alike.
// The uplift of each campaign (campaignUplift) is then a function of these figures alone.
import {
  monthBounds,
  monthOf,
  monthsBetween,
  type BuyerOrder,
  type BuyersQuery,
  type Month,
} from './buyers.ts';
import {
  meanSample,
  newcombeDifference,
  upliftVerdict,
  welchDifference,
  type Interval,
  type UpliftVerdict,
} from './uplift.ts';

/** Days after a message (or a hold) during which an order counts as the campaign's conversion. */
export const ATTRIBUTION_WINDOW_DAYS = 7;
const WINDOW_MS = ATTRIBUTION_WINDOW_DAYS * 86_400_000;

export interface CampaignMessage {
  customer_id: string;
  campaign_id: string;
  channel: string;
  /** ISO instant. */
  sent_at: string;
  status: 'delivered' | 'opened' | 'clicked' | 'bounced';
}

export interface CampaignHold {
  customer_id: string;
  campaign_id: string;
  /** ISO instant. */
  held_at: string;
}

export interface ConsentChange {
  customer_id: string;
  channel: string;
  status: 'granted' | 'withdrawn';
  /** ISO instant. */
  at: string;
}

/** What one group of a campaign (its recipients, or its holdout) did within their windows. */
export interface GroupFigures {
  customers: number;
  /** Customers with a completed order in their window. */
  converted: number;
  /** Their orders' totals in their windows. */
  revenue_cents: number;
  /** The sample variance (n − 1) of each customer's window revenue, zeros included; cents². */
  revenue_variance: number;
}

export interface CampaignFigures {
  campaign_id: string;
  /** The campaign's channel, as its messages say; null when it sent nothing (all held out). */
  channel: string | null;
  /** Its send: its earliest message or hold (ISO). */
  sent_at: string;
  messages: number;
  delivered: number;
  opened: number;
  clicked: number;
  /** Recipients who withdrew their consent on the campaign's channel within their window. */
  unsubscribed: number;
  recipients: GroupFigures;
  holdout: GroupFigures;
}

export interface CampaignSources {
  messages: Iterable<CampaignMessage>;
  holds: Iterable<CampaignHold>;
  orders: Iterable<BuyerOrder>;
  consents: Iterable<ConsentChange>;
}

interface Unit {
  campaign: string;
  customer: string;
  startMs: number;
}

/** A group's figures from each of its customers' window revenue (cents; zero without an order). */
export function groupFigures(revenues: readonly number[], converted: number): GroupFigures {
  const { n, variance } = meanSample(revenues);
  return {
    customers: n,
    converted,
    revenue_cents: revenues.reduce((sum, v) => sum + v, 0),
    revenue_variance: variance,
  };
}

/** The most recent send first, ties by campaign id. */
export function bySend(
  a: { sent_at: string; campaign_id: string },
  b: { sent_at: string; campaign_id: string },
): number {
  if (a.sent_at !== b.sent_at) return a.sent_at < b.sent_at ? 1 : -1;
  return a.campaign_id < b.campaign_id ? -1 : a.campaign_id > b.campaign_id ? 1 : 0;
}

/**
 * Every campaign sent in the query's period, most recent first, with its messages' and groups'
 * figures. `members` limits the customers (null: everyone).
 */
export function campaignFigures(
  sources: CampaignSources,
  members: ReadonlySet<string> | null,
  query: BuyersQuery,
): CampaignFigures[] {
  const { start, end } = monthBounds(query.from, query.to);
  const sends = new Map<string, string>();
  const earliest = (campaign: string, at: string) => {
    const seen = sends.get(campaign);
    if (seen === undefined || at < seen) sends.set(campaign, at);
  };
  const messages: CampaignMessage[] = [];
  for (const m of sources.messages) {
    earliest(m.campaign_id, m.sent_at);
    messages.push(m);
  }
  const holds: CampaignHold[] = [];
  for (const h of sources.holds) {
    earliest(h.campaign_id, h.held_at);
    holds.push(h);
  }
  const inPeriod = (campaign: string) => {
    const at = sends.get(campaign);
    return at !== undefined && at >= start && at < end;
  };
  const keep = (m: { campaign_id: string; customer_id: string }) =>
    inPeriod(m.campaign_id) && (members === null || members.has(m.customer_id));

  interface Tally {
    channel: string | null;
    messages: number;
    delivered: number;
    opened: number;
    clicked: number;
    recipients: Map<string, Unit>;
    held: Map<string, Unit>;
  }
  const tallies = new Map<string, Tally>();
  const tallyOf = (campaign: string): Tally => {
    let t = tallies.get(campaign);
    if (t === undefined) {
      t = {
        channel: null,
        messages: 0,
        delivered: 0,
        opened: 0,
        clicked: 0,
        recipients: new Map(),
        held: new Map(),
      };
      tallies.set(campaign, t);
    }
    return t;
  };
  const customers = new Set<string>();
  const enter = (units: Map<string, Unit>, campaign: string, customer: string, at: string) => {
    const ms = Date.parse(at);
    const unit = units.get(customer);
    if (unit === undefined) units.set(customer, { campaign, customer, startMs: ms });
    else if (ms < unit.startMs) unit.startMs = ms;
    customers.add(customer);
  };
  for (const m of messages) {
    if (!keep(m)) continue;
    const t = tallyOf(m.campaign_id);
    t.channel ??= m.channel;
    t.messages += 1;
    if (m.status !== 'bounced') t.delivered += 1;
    if (m.status === 'opened' || m.status === 'clicked') t.opened += 1;
    if (m.status === 'clicked') t.clicked += 1;
    enter(t.recipients, m.campaign_id, m.customer_id, m.sent_at);
  }
  for (const h of holds) {
    if (!keep(h)) continue;
    enter(tallyOf(h.campaign_id).held, h.campaign_id, h.customer_id, h.held_at);
  }

  const ordersOf = new Map<string, { ms: number; cents: number }[]>();
  for (const o of sources.orders) {
    if (o.status !== 'completed' || !customers.has(o.customer_id)) continue;
    if (query.channel !== null && o.channel !== query.channel) continue;
    const list = ordersOf.get(o.customer_id) ?? [];
    list.push({ ms: Date.parse(o.placed_at), cents: o.total_cents });
    ordersOf.set(o.customer_id, list);
  }
  const withdrawals = new Map<string, { channel: string; ms: number }[]>();
  for (const c of sources.consents) {
    if (c.status !== 'withdrawn' || !customers.has(c.customer_id)) continue;
    const list = withdrawals.get(c.customer_id) ?? [];
    list.push({ channel: c.channel, ms: Date.parse(c.at) });
    withdrawals.set(c.customer_id, list);
  }
  const inWindow = (unit: Unit, ms: number) => ms > unit.startMs && ms <= unit.startMs + WINDOW_MS;
  const group = (units: Map<string, Unit>): GroupFigures => {
    const revenues: number[] = [];
    let converted = 0;
    for (const unit of units.values()) {
      let revenue = 0;
      let bought = false;
      for (const o of ordersOf.get(unit.customer) ?? []) {
        if (!inWindow(unit, o.ms)) continue;
        bought = true;
        revenue += o.cents;
      }
      if (bought) converted += 1;
      revenues.push(revenue);
    }
    return groupFigures(revenues, converted);
  };

  const out: CampaignFigures[] = [];
  for (const [campaign, t] of tallies) {
    let unsubscribed = 0;
    for (const unit of t.recipients.values()) {
      const left = (withdrawals.get(unit.customer) ?? []).some(
        (w) => w.channel === t.channel && inWindow(unit, w.ms),
      );
      if (left) unsubscribed += 1;
    }
    out.push({
      campaign_id: campaign,
      channel: t.channel,
      sent_at: sends.get(campaign) ?? start,
      messages: t.messages,
      delivered: t.delivered,
      opened: t.opened,
      clicked: t.clicked,
      unsubscribed,
      recipients: group(t.recipients),
      holdout: group(t.held),
    });
  }
  return out.sort(bySend);
}

/** The campaigns sent in one month (UTC, by their send), their figures added up. */
export interface CampaignMonth {
  month: Month;
  campaigns: number;
  messages: number;
  delivered: number;
  opened: number;
  clicked: number;
  unsubscribed: number;
  /** Recipients: a customer sent two campaigns of the month counts in each. */
  recipients: number;
  converted: number;
  revenue_cents: number;
  held_out: number;
  held_out_converted: number;
}

/**
 * Campaign performance over time: every month from `from` to `to`, oldest first, with the figures
 * of the campaigns sent in it added up — zeros for a month without a campaign, and a campaign sent
 * outside the months left out.
 */
export function campaignsByMonth(
  campaigns: readonly CampaignFigures[],
  from: Month,
  to: Month,
): CampaignMonth[] {
  const months = new Map<Month, CampaignMonth>(
    monthsBetween(from, to).map((month) => [
      month,
      {
        month,
        campaigns: 0,
        messages: 0,
        delivered: 0,
        opened: 0,
        clicked: 0,
        unsubscribed: 0,
        recipients: 0,
        converted: 0,
        revenue_cents: 0,
        held_out: 0,
        held_out_converted: 0,
      },
    ]),
  );
  for (const c of campaigns) {
    const m = months.get(monthOf(c.sent_at));
    if (m === undefined) continue;
    m.campaigns += 1;
    m.messages += c.messages;
    m.delivered += c.delivered;
    m.opened += c.opened;
    m.clicked += c.clicked;
    m.unsubscribed += c.unsubscribed;
    m.recipients += c.recipients.customers;
    m.converted += c.recipients.converted;
    m.revenue_cents += c.recipients.revenue_cents;
    m.held_out += c.holdout.customers;
    m.held_out_converted += c.holdout.converted;
  }
  return [...months.values()];
}

/** What a campaign did against its holdout, with what a marketer may conclude. */
export interface CampaignUplift {
  /** Recipients' conversion rate minus the holdout's (Newcombe's hybrid score, 95 %). */
  conversion: Interval | null;
  conversion_verdict: UpliftVerdict;
  /** Revenue per recipient minus revenue per held-out customer, cents (Welch, 95 %). */
  revenue: Interval | null;
  revenue_verdict: UpliftVerdict;
}

/** The uplift of a campaign's figures: nothing to say without a holdout. */
export function campaignUplift(
  figures: Pick<CampaignFigures, 'recipients' | 'holdout'>,
): CampaignUplift {
  const { recipients: r, holdout: h } = figures;
  const conversion = newcombeDifference(
    { successes: r.converted, n: r.customers },
    { successes: h.converted, n: h.customers },
  );
  const revenue = welchDifference(
    {
      n: r.customers,
      mean: r.customers > 0 ? r.revenue_cents / r.customers : 0,
      variance: r.revenue_variance,
    },
    {
      n: h.customers,
      mean: h.customers > 0 ? h.revenue_cents / h.customers : 0,
      variance: h.revenue_variance,
    },
  );
  return {
    conversion,
    conversion_verdict: upliftVerdict(conversion, h.customers),
    revenue:
      revenue === null
        ? null
        : { estimate: revenue.estimate, low: revenue.low, high: revenue.high },
    revenue_verdict: upliftVerdict(revenue, h.customers),
  };
}
