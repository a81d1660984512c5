import { describe, expect, test } from 'vitest';
import {
  ATTRIBUTION_WINDOW_DAYS,
  bySend,
  campaignFigures,
  campaignsByMonth,
  campaignUplift,
  groupFigures,
  type CampaignHold,
  type CampaignMessage,
  type ConsentChange,
} from './campaigns.ts';
import type { BuyerOrder } from './buyers.ts';

const SEND = '2026-03-10T09:00:00.000Z';
const at = (days: number, hours = 0) =>
  new Date(Date.parse(SEND) + days * 86_400_000 + hours * 3_600_000).toISOString();

const message = (
  customer: string,
  status: CampaignMessage['status'] = 'delivered',
  sent = SEND,
  campaign = 'c1',
): CampaignMessage => ({
  customer_id: customer,
  campaign_id: campaign,
  channel: 'email',
  sent_at: sent,
  status,
});
const hold = (customer: string, campaign = 'c1'): CampaignHold => ({
  customer_id: customer,
  campaign_id: campaign,
  held_at: SEND,
});
const order = (
  customer: string,
  placed: string,
  cents = 1_000,
  extra: Partial<BuyerOrder> = {},
): BuyerOrder => ({
  customer_id: customer,
  placed_at: placed,
  status: 'completed',
  channel: 'web',
  total_cents: cents,
  ...extra,
});
const MARCH = { from: '2026-03', to: '2026-03', channel: null } as const;

function figures(
  messages: CampaignMessage[],
  holds: CampaignHold[],
  orders: BuyerOrder[],
  consents: ConsentChange[] = [],
  query: Parameters<typeof campaignFigures>[2] = MARCH,
  members: ReadonlySet<string> | null = null,
) {
  return campaignFigures({ messages, holds, orders, consents }, members, query);
}

describe('campaign figures', () => {
  test('the attribution window: after the message, up to seven days included', () => {
    expect(ATTRIBUTION_WINDOW_DAYS).toBe(7);
    const [c] = figures(
      [message('a'), message('b'), message('c'), message('d')],
      [],
      [
        order('a', SEND), // at the send: not after it
        order('b', at(0, 1), 2_500),
        order('b', at(3), 500),
        order('c', at(7)), // the last instant of the window
        order('d', at(7, 1)), // past it
      ],
    );
    expect(c?.recipients).toMatchObject({ customers: 4, converted: 2, revenue_cents: 4_000 });
  });

  test('only completed orders count, on the filtered channel when one is', () => {
    const orders = [
      order('a', at(1), 1_000, { status: 'cancelled' }),
      order('b', at(1), 1_000, { status: 'returned' }),
      order('c', at(1), 700, { channel: 'store' }),
      order('d', at(1), 300),
    ];
    const messages = ['a', 'b', 'c', 'd'].map((id) => message(id));
    expect(figures(messages, [], orders)[0]?.recipients.converted).toBe(2);
    const store = figures(messages, [], orders, [], { ...MARCH, channel: 'store' });
    expect(store[0]?.recipients).toMatchObject({ converted: 1, revenue_cents: 700 });
  });

  test('a recipient counts once, from their first message; messages count each', () => {
    const [c] = figures(
      [
        message('a', 'clicked', at(2)),
        message('a', 'bounced', SEND),
        message('b', 'opened'),
        message('c', 'delivered'),
      ],
      [],
      [order('a', at(8, 1))], // within 7 days of the second message only
    );
    expect(c).toMatchObject({
      messages: 4,
      delivered: 3,
      opened: 2,
      clicked: 1,
      sent_at: SEND,
      channel: 'email',
    });
    expect(c?.recipients).toMatchObject({ customers: 3, converted: 0 });
  });

  test('the holdout is measured the same way from its hold', () => {
    const [c] = figures(
      [message('a')],
      [hold('h1'), hold('h2'), hold('h3')],
      [order('h1', at(2), 4_000), order('h2', at(9))],
    );
    expect(c?.holdout).toMatchObject({ customers: 3, converted: 1, revenue_cents: 4_000 });
    const mean = 4_000 / 3;
    expect(c?.holdout.revenue_variance).toBeCloseTo(((4_000 - mean) ** 2 + 2 * mean ** 2) / 2, 6);
  });

  test('unsubscribes: a withdrawal on the campaign’s channel within the window', () => {
    const consent = (customer: string, channel: string, day: number, status = 'withdrawn') =>
      ({ customer_id: customer, channel, status, at: at(day) }) as ConsentChange;
    const [c] = figures(
      ['a', 'b', 'c', 'd'].map((id) => message(id)),
      [hold('h')],
      [],
      [
        consent('a', 'email', 1),
        consent('b', 'sms', 1),
        consent('c', 'email', 8),
        consent('d', 'email', 1, 'granted'),
        consent('h', 'email', 1),
      ],
    );
    expect(c?.unsubscribed).toBe(1);
  });

  test('the period keeps the campaigns sent in it; the segment keeps its members in both groups', () => {
    const messages = [message('a'), message('b', 'delivered', '2026-04-02T08:00:00.000Z', 'c2')];
    expect(figures(messages, [hold('h')], []).map((c) => c.campaign_id)).toEqual(['c1']);
    const both = figures(messages, [hold('h')], [], [], {
      from: '2026-03',
      to: '2026-04',
      channel: null,
    });
    expect(both.map((c) => c.campaign_id)).toEqual(['c2', 'c1']);
    const kept = figures(
      [message('a'), message('b')],
      [hold('h'), hold('i')],
      [],
      [],
      MARCH,
      new Set(['a', 'i']),
    );
    expect(kept[0]?.recipients.customers).toBe(1);
    expect(kept[0]?.holdout.customers).toBe(1);
  });

  test('a campaign all held out has no channel; its send is its hold', () => {
    const [c] = figures([], [hold('h')], []);
    expect(c).toMatchObject({ channel: null, sent_at: SEND, messages: 0 });
    expect(c?.recipients.customers).toBe(0);
  });

  test('most recent send first, then by id', () => {
    const rows = [
      { sent_at: '2026-01-01', campaign_id: 'b' },
      { sent_at: '2026-02-01', campaign_id: 'z' },
      { sent_at: '2026-01-01', campaign_id: 'a' },
    ].sort(bySend);
    expect(rows.map((r) => r.campaign_id)).toEqual(['z', 'a', 'b']);
  });
});

describe('group figures and uplift', () => {
  test('the sample variance of each customer’s revenue, zeros included', () => {
    expect(groupFigures([], 0)).toEqual({
      customers: 0,
      converted: 0,
      revenue_cents: 0,
      revenue_variance: 0,
    });
    expect(groupFigures([5], 1).revenue_variance).toBe(0);
    expect(groupFigures([0, 10, 20], 2)).toEqual({
      customers: 3,
      converted: 2,
      revenue_cents: 30,
      revenue_variance: 100,
    });
  });

  test('uplift: the difference of rates and of revenue per customer, with their verdicts', () => {
    const group = (customers: number, converted: number, revenue: number[]) => ({
      ...groupFigures(
        [...revenue, ...Array<number>(customers - revenue.length).fill(0)],
        converted,
      ),
    });
    const up = campaignUplift({
      recipients: group(2_000, 300, Array<number>(300).fill(5_000)),
      holdout: group(400, 20, Array<number>(20).fill(5_000)),
    });
    expect(up.conversion?.estimate).toBeCloseTo(0.15 - 0.05, 10);
    expect(up.conversion_verdict).toBe('up');
    expect(up.revenue?.estimate).toBeCloseTo(750 - 250, 6);
    expect(up.revenue_verdict).toBe('up');
    const small = campaignUplift({
      recipients: group(2_000, 300, []),
      holdout: group(99, 0, []),
    });
    expect(small.conversion_verdict).toBe('too_small');
    const none = campaignUplift({ recipients: group(10, 1, []), holdout: group(0, 0, []) });
    expect(none.conversion).toBeNull();
    expect(none.revenue).toBeNull();
    expect(none.conversion_verdict).toBe('too_small');
  });
});

describe('campaigns month by month', () => {
  const group = (customers: number, converted: number, revenue_cents = 0) => ({
    customers,
    converted,
    revenue_cents,
    revenue_variance: 0,
  });
  const sent = (id: string, sent_at: string, recipients: number, converted: number) => ({
    campaign_id: id,
    channel: 'email',
    sent_at,
    messages: recipients + 1,
    delivered: recipients,
    opened: recipients - 1,
    clicked: 2,
    unsubscribed: 1,
    recipients: group(recipients, converted, converted * 1_000),
    holdout: group(10, 1),
  });

  test('every month of the period, oldest first; each campaign in the UTC month of its send', () => {
    const months = campaignsByMonth(
      [
        sent('a', '2026-03-31T23:30:00.000Z', 100, 5),
        sent('b', '2026-03-01T00:00:00.000Z', 50, 2),
        sent('c', '2026-05-10T09:00:00.000Z', 20, 1),
      ],
      '2026-02',
      '2026-05',
    );
    expect(months.map((m) => m.month)).toEqual(['2026-02', '2026-03', '2026-04', '2026-05']);
    expect(months[0]).toEqual({
      month: '2026-02',
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
    });
    expect(months[1]).toEqual({
      month: '2026-03',
      campaigns: 2,
      messages: 152,
      delivered: 150,
      opened: 148,
      clicked: 4,
      unsubscribed: 2,
      recipients: 150,
      converted: 7,
      revenue_cents: 7_000,
      held_out: 20,
      held_out_converted: 2,
    });
    expect(months[2]?.campaigns).toBe(0);
    expect(months[3]).toMatchObject({ campaigns: 1, recipients: 20, converted: 1 });
  });

  test('a campaign sent outside the months is left out; no months, nothing', () => {
    const outside = [
      sent('a', '2026-01-31T23:59:59.999Z', 10, 1),
      sent('b', '2026-04-01T00:00:00.000Z', 10, 1),
    ];
    expect(campaignsByMonth(outside, '2026-02', '2026-03').map((m) => m.campaigns)).toEqual([0, 0]);
    expect(campaignsByMonth(outside, '2026-04', '2026-03')).toEqual([]);
  });

  test('the months add up to the campaigns of the period, figures from the rows', () => {
    const built = figures(
      [
        message('a', 'clicked', at(0), 'c1'),
        message('b', 'bounced', at(0), 'c1'),
        message('a', 'opened', at(25), 'c2'),
      ],
      [hold('h', 'c1')],
      [order('a', at(1), 2_500), order('a', at(26), 700), order('h', at(2), 900)],
      [],
      { from: '2026-03', to: '2026-04', channel: null },
    );
    const [march, april] = campaignsByMonth(built, '2026-03', '2026-04');
    expect(march).toMatchObject({
      campaigns: 1,
      messages: 2,
      delivered: 1,
      opened: 1,
      clicked: 1,
      recipients: 2,
      converted: 1,
      revenue_cents: 2_500,
      held_out: 1,
      held_out_converted: 1,
    });
    expect(april).toMatchObject({
      campaigns: 1,
      messages: 1,
      recipients: 1,
      converted: 1,
      revenue_cents: 700,
    });
  });
});
