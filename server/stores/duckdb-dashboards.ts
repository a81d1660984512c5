// The dashboards' figures on DuckDB: the definitions of src/domain/analytics said in SQL over the
// segment tables (segment_orders holds the completed orders with each customer's number), the
// members of a segment from the segment compiler. Held to the memory store's domain functions by
// the differential test (dashboards-differential.test.ts).
import { DuckDBDataChunk, type DuckDBConnection } from '@duckdb/node-api';
import { NOT_A_CUSTOMER, type ChurnCounts } from '../../src/domain/analytics/churn-trend.ts';
import type { ChurnTrend } from '../scoring/churn-trend.ts';
import {
  isMonth,
  monthBounds,
  type BuyerMonth,
  type BuyersQuery,
} from '../../src/domain/analytics/buyers.ts';
import {
  PARETO_SHARES,
  TOP_CUSTOMERS,
  VALUE_BANDS_CENTS,
  byValue,
  valueFigures as domainValueFigures,
  type ValueFigures,
} from '../../src/domain/analytics/value.ts';
import {
  ATTRIBUTION_WINDOW_DAYS,
  type CampaignFigures,
} from '../../src/domain/analytics/campaigns.ts';
import type { OrderChannel } from '../../src/domain/profile/schema.ts';
import type { SegmentDefinition } from '../../src/domain/segment/definition.ts';
import { buyerMonths, buyerRowOf, campaignFiguresOf, campaignRowOf } from './dashboard-rows.ts';
import { memberRows, type DashboardContext } from './duckdb-members.ts';
import { runSegmentStatement } from './duckdb-segments.ts';
import { CHUNK_ROWS, sqlText, toNumber, toText } from './duckdb-values.ts';

export const MONTH_TABLE = 'order_months';

/** A calendar month as an integer (year × 12 + month − 1), as the month table numbers them. */
export function monthNumber(month: string): number {
  const [year, m] = month.split('-').map(Number);
  return (year ?? 0) * 12 + (m ?? 1) - 1;
}

/**
 * Each customer's completed orders summed per calendar month (UTC), once over every channel
 * (channel NULL) and once per order channel, with whether that month is the one of their first
 * completed order (on any channel, as buyers.ts says): built once per load on first use, so that
 * a dashboard request reads one row per buyer and month, neither grouping nor joining per order.
 */
export async function buildMonthTable(connection: DuckDBConnection): Promise<void> {
  await connection.run(`CREATE OR REPLACE TABLE ${MONTH_TABLE} AS
    WITH per AS (
      SELECT (year(o.placed_at) * 12 + month(o.placed_at) - 1)::INTEGER AS month, o.customer_no,
             o.channel::VARCHAR AS channel, count(*)::INTEGER AS orders,
             sum(o.total_cents)::BIGINT AS revenue
      FROM segment_orders o GROUP BY ALL)
    SELECT per.*, (year(c.first_order_at) * 12 + month(c.first_order_at) - 1) = per.month AS is_first
    FROM (SELECT * FROM per
          UNION ALL
          SELECT month, customer_no, NULL, sum(orders)::INTEGER, sum(revenue)::BIGINT
          FROM per GROUP BY month, customer_no) per
    JOIN segment_customers c ON c.customer_no = per.customer_no
    ORDER BY per.channel NULLS FIRST, per.month, per.customer_no`);
}

/**
 * What narrows the month table (alias `o`) to the query: its months and channel (NULL: every
 * channel), and the members of `definition` (whose compiled parameters the statement binds).
 */
function monthFilters(
  ctx: DashboardContext,
  definition: SegmentDefinition | null,
  query: BuyersQuery,
) {
  const members = definition === null ? null : memberRows(ctx, definition);
  const filters = [
    `o.month BETWEEN ${monthNumber(query.from)} AND ${monthNumber(query.to)}`,
    query.channel === null ? 'o.channel IS NULL' : `o.channel = ${sqlText(query.channel)}`,
    ...(members === null ? [] : [`o.customer_no IN (${members.numbers})`]),
  ];
  return { filters, params: members?.params ?? [] };
}

/** The month table's month number as 'YYYY-MM'. */
const monthText = (column: string) => `printf('%04d-%02d', ${column} // 12, ${column} % 12 + 1)`;

export async function buyersByMonth(
  connection: DuckDBConnection,
  ctx: DashboardContext,
  definition: SegmentDefinition | null,
  query: BuyersQuery,
): Promise<BuyerMonth[]> {
  if (!isMonth(query.from) || !isMonth(query.to)) return [];
  const { filters, params } = monthFilters(ctx, definition, query);
  const rows = await runSegmentStatement(connection, {
    // One row per buyer and month already: each month sums its rows.
    sql: `SELECT ${monthText('o.month')} AS month,
            (count(*) FILTER (WHERE o.is_first))::INTEGER AS first_time,
            (count(*) FILTER (WHERE NOT o.is_first))::INTEGER AS repeat,
            sum(o.orders)::INTEGER AS orders,
            coalesce(sum(o.revenue), 0)::BIGINT AS revenue,
            coalesce(sum(o.revenue) FILTER (WHERE NOT o.is_first), 0)::BIGINT AS repeat_revenue
          FROM ${MONTH_TABLE} o WHERE ${filters.join(' AND ')}
          GROUP BY o.month`,
    params,
  });
  // A month without an order has no row: zeros.
  return buyerMonths(
    query,
    rows.map((r) => buyerRowOf(toText(r.month ?? null), (c) => toNumber(r[c] ?? null))),
  );
}

/**
 * What customers are worth so far (src/domain/analytics/value.ts), in one statement: each part of
 * the answer a set of rows tagged by `part`, over the customers' values computed once.
 */
export async function valueFigures(
  connection: DuckDBConnection,
  ctx: DashboardContext,
  definition: SegmentDefinition | null,
  query: BuyersQuery,
  channels: readonly OrderChannel[],
): Promise<ValueFigures> {
  const empty = domainValueFigures([], null, query, channels);
  if (!isMonth(query.from) || !isMonth(query.to)) return empty;
  const { filters, params } = monthFilters(ctx, definition, query);
  const band = `CASE ${VALUE_BANDS_CENTS.map((upper, i) => `WHEN value < ${upper} THEN ${i}`).join(' ')} ELSE ${VALUE_BANDS_CENTS.length} END`;
  const pareto = PARETO_SHARES.map(
    (p) =>
      `SELECT 'pareto', '${p}', ((${p} * n + 99) // 100)::BIGINT,
         coalesce(sum(value) FILTER (WHERE rk <= (${p} * n + 99) // 100), 0)::BIGINT, 0
       FROM ranked GROUP BY n`,
  );
  const rows = await runSegmentStatement(connection, {
    sql: `WITH per AS (
            SELECT o.customer_no, sum(o.revenue)::BIGINT AS value, sum(o.orders)::BIGINT AS orders
            FROM ${MONTH_TABLE} o WHERE ${filters.join(' AND ')}
            GROUP BY o.customer_no),
          v AS MATERIALIZED (
            SELECT c.customer_id, per.value, per.orders, c.first_order_channel AS first_channel,
                   strftime(c.first_order_at, '%Y-%m') AS cohort
            FROM per JOIN segment_customers c ON c.customer_no = per.customer_no),
          -- Ranked by value alone: which of two equal values comes first changes no sum.
          ranked AS MATERIALIZED (
            SELECT value, row_number() OVER (ORDER BY value DESC) AS rk,
                   (SELECT count(*) FROM v) AS n
            FROM v)
          SELECT 'band' AS part, (${band})::VARCHAR AS key, count(*)::BIGINT AS customers,
                 sum(value)::BIGINT AS value, 0::BIGINT AS orders FROM v GROUP BY 2
          UNION ALL ${pareto.join(' UNION ALL ')}
          UNION ALL SELECT 'cohort', cohort, count(*), sum(value), 0 FROM v GROUP BY cohort
          UNION ALL SELECT 'first', first_channel, count(*), sum(value), 0 FROM v GROUP BY first_channel
          UNION ALL (SELECT 'top', customer_id, 1, value, orders FROM v
                     ORDER BY value DESC, customer_id LIMIT ${TOP_CUSTOMERS})`,
    params,
  });
  const part = (name: string) => rows.filter((r) => toText(r.part ?? null) === name);
  const figure = (r: (typeof rows)[number]) => ({
    key: toText(r.key ?? null),
    customers: toNumber(r.customers ?? null),
    value_cents: toNumber(r.value ?? null),
    orders: toNumber(r.orders ?? null),
  });
  const bands = empty.bands.map((b, i) => {
    const found = part('band')
      .map(figure)
      .find((r) => r.key === String(i));
    return found ? { ...b, customers: found.customers, value_cents: found.value_cents } : b;
  });
  const customers = bands.reduce((n, b) => n + b.customers, 0);
  const paretoRows = new Map(part('pareto').map((r) => [figure(r).key, figure(r)]));
  const byKey = (name: string) =>
    part(name)
      .map(figure)
      .map(({ key, customers: n, value_cents }) => ({ key, customers: n, value_cents }));
  const firsts = new Map(byKey('first').map((g) => [g.key, g]));
  return {
    customers,
    value_cents: bands.reduce((n, b) => n + b.value_cents, 0),
    bands,
    pareto: PARETO_SHARES.map((p) => {
      const r = paretoRows.get(String(p));
      return { top_percent: p, customers: r?.customers ?? 0, value_cents: r?.value_cents ?? 0 };
    }),
    cohorts: byKey('cohort').sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    first_channels: channels.flatMap((ch) => {
      const g = firsts.get(ch);
      return g ? [g] : [];
    }),
    top: part('top')
      .map(figure)
      .map((r) => ({ customer_id: r.key, value_cents: r.value_cents, orders: r.orders }))
      .sort(byValue),
  };
}

export const CAMPAIGN_TABLE = 'campaign_outcomes';

/**
 * Every campaign's recipients and held-out customers with what they did in their attribution
 * window (src/domain/analytics/campaigns.ts says how), on any channel and on each order channel:
 * built once per load on first use, so a request only filters and sums it.
 */
export async function buildCampaignTable(
  connection: DuckDBConnection,
  channels: readonly OrderChannel[],
): Promise<void> {
  const window = `INTERVAL ${ATTRIBUTION_WINDOW_DAYS} DAY`;
  const perChannel = channels.flatMap((ch) => [
    `count(o.order_id) FILTER (WHERE o.channel = ${sqlText(ch)}) > 0 AS converted_${ch}`,
    `coalesce(sum(o.total_cents) FILTER (WHERE o.channel = ${sqlText(ch)}), 0)::BIGINT AS revenue_${ch}`,
  ]);
  await connection.run(`CREATE OR REPLACE TABLE ${CAMPAIGN_TABLE} AS
    WITH units AS (
      SELECT m.campaign_id, m.customer_id, true AS treated, min(m.sent_at) AS t,
             count(*)::BIGINT AS messages,
             (count(*) FILTER (WHERE m.status <> 'bounced'))::BIGINT AS delivered,
             (count(*) FILTER (WHERE m.status IN ('opened', 'clicked')))::BIGINT AS opened,
             (count(*) FILTER (WHERE m.status = 'clicked'))::BIGINT AS clicked,
             min(m.channel) AS channel
      FROM messages m GROUP BY m.campaign_id, m.customer_id
      UNION ALL
      SELECT h.campaign_id, h.customer_id, false, min(h.held_at), 0, 0, 0, 0, NULL
      FROM holdouts h GROUP BY h.campaign_id, h.customer_id),
    sends AS (SELECT campaign_id, min(t) AS sent_at FROM units GROUP BY campaign_id),
    outcomes AS (
      SELECT u.campaign_id, u.customer_id, u.treated,
             count(o.order_id) > 0 AS converted_any,
             coalesce(sum(o.total_cents), 0)::BIGINT AS revenue_any,
             ${perChannel.join(',\n             ')}
      FROM units u LEFT JOIN orders o
        ON o.customer_id = u.customer_id AND o.status = 'completed'
       AND o.placed_at > u.t AND o.placed_at <= u.t + ${window}
      GROUP BY u.campaign_id, u.customer_id, u.treated),
    unsubscribed AS (
      SELECT DISTINCT u.campaign_id, u.customer_id
      FROM units u JOIN consents k
        ON k.customer_id = u.customer_id AND k.channel = u.channel
       AND k.status = 'withdrawn' AND k.at > u.t AND k.at <= u.t + ${window}
      WHERE u.treated)
    SELECT u.*, s.sent_at, x.* EXCLUDE (campaign_id, customer_id, treated),
           un.customer_id IS NOT NULL AS unsubscribed
    FROM units u
    JOIN sends s ON s.campaign_id = u.campaign_id
    JOIN outcomes x ON x.campaign_id = u.campaign_id AND x.customer_id = u.customer_id
                   AND x.treated = u.treated
    LEFT JOIN unsubscribed un
      ON u.treated AND un.campaign_id = u.campaign_id AND un.customer_id = u.customer_id
    ORDER BY s.sent_at, u.campaign_id`);
}

/**
 * Each campaign sent in the period, its messages and its recipients and holdout against their
 * orders (src/domain/analytics/campaigns.ts says the definition), summed from the campaign table:
 * a row per campaign and group.
 */
export async function campaignFigures(
  connection: DuckDBConnection,
  ctx: DashboardContext,
  definition: SegmentDefinition | null,
  query: BuyersQuery,
): Promise<CampaignFigures[]> {
  if (!isMonth(query.from) || !isMonth(query.to)) return [];
  const { start, end } = monthBounds(query.from, query.to);
  const members = definition === null ? null : memberRows(ctx, definition);
  const member = members === null ? '' : `AND u.customer_id IN (${members.ids})`;
  // The channel is an enum value, checked by the route: one of the table's column suffixes.
  const suffix = query.channel ?? 'any';
  const rows = await runSegmentStatement(connection, {
    sql: `SELECT u.campaign_id, u.treated,
                 strftime(any_value(u.sent_at), '%Y-%m-%dT%H:%M:%S.%gZ') AS sent_at,
                 min(u.channel) AS channel,
                 sum(u.messages)::BIGINT AS messages, sum(u.delivered)::BIGINT AS delivered,
                 sum(u.opened)::BIGINT AS opened, sum(u.clicked)::BIGINT AS clicked,
                 count(*)::BIGINT AS customers,
                 (count(*) FILTER (WHERE u.converted_${suffix}))::BIGINT AS converted,
                 sum(u.revenue_${suffix})::BIGINT AS revenue,
                 coalesce(var_samp(u.revenue_${suffix}::DOUBLE), 0) AS variance,
                 (count(*) FILTER (WHERE u.unsubscribed))::BIGINT AS unsubscribed
          FROM ${CAMPAIGN_TABLE} u
          WHERE u.sent_at >= ${sqlText(start)}::TIMESTAMP AND u.sent_at < ${sqlText(end)}::TIMESTAMP
            ${member}
          GROUP BY u.campaign_id, u.treated`,
    params: members?.params ?? [],
  });
  return campaignFiguresOf(
    rows.map((r) =>
      campaignRowOf(
        {
          campaign_id: toText(r.campaign_id ?? null),
          treated: r.treated === true,
          sent_at: toText(r.sent_at ?? null),
          channel: r.channel === null || r.channel === undefined ? null : toText(r.channel),
        },
        (c) => toNumber(r[c] ?? null),
      ),
    ),
  );
}

export const CHURN_TABLE = 'churn_months';

/** A customer's band at each cut-off as one number: month i's band (3 when none) × 4^i. */
const BAND_BASE = 4;
const NO_BAND = 3;

/**
 * Every customer's churn bands at the cut-offs of `trend` (server/scoring/churn-trend.ts) as one
 * code by customer_no (a band per month in base 4, NO_BAND before their first order or when no
 * model was fitted): written once per load, so that a request only counts a segment's members per
 * code — a few thousand trajectories — and adds them up by month here.
 */
export async function writeChurnTable(
  connection: DuckDBConnection,
  trend: ChurnTrend,
): Promise<void> {
  // 4^26 = 2^52: every code up to 26 months is an exact JavaScript number.
  if (trend.months.length > 26) throw new RangeError('Too many months for one code per customer.');
  await connection.run(
    'CREATE OR REPLACE TEMP TABLE churn_staging (customer_id VARCHAR, code BIGINT)',
  );
  const appender = await connection.createAppender('churn_staging');
  try {
    const chunk = DuckDBDataChunk.create([appender.columnType(0), appender.columnType(1)]);
    const ids = trend.customerIds;
    for (let from = 0; from < ids.length; from += CHUNK_ROWS) {
      const to = Math.min(ids.length, from + CHUNK_ROWS);
      const codes: bigint[] = [];
      for (let k = from; k < to; k += 1) {
        let code = 0;
        trend.months.forEach(({ bands }, i) => {
          const band = bands?.[k] ?? NOT_A_CUSTOMER;
          code += (band === NOT_A_CUSTOMER ? NO_BAND : band) * BAND_BASE ** i;
        });
        codes.push(BigInt(code));
      }
      chunk.reset();
      chunk.setColumns([ids.slice(from, to), codes]);
      appender.appendDataChunk(chunk);
    }
  } finally {
    appender.closeSync();
  }
  await connection.run(`CREATE OR REPLACE TABLE ${CHURN_TABLE} AS
    SELECT n.customer_no, s.code
    FROM churn_staging s JOIN segment_customers n ON n.customer_id = s.customer_id
    ORDER BY n.customer_no`);
  await connection.run('DROP TABLE churn_staging');
}

/** Each of `months` cut-offs' customers per band among `definition`'s members (or everyone). */
export async function churnCounts(
  connection: DuckDBConnection,
  ctx: DashboardContext,
  definition: SegmentDefinition | null,
  months: number,
): Promise<ChurnCounts[]> {
  const members = definition === null ? null : memberRows(ctx, definition);
  const member = members === null ? '' : `WHERE h.customer_no IN (${members.numbers})`;
  const rows = await runSegmentStatement(connection, {
    sql: `SELECT h.code, count(*)::BIGINT AS n FROM ${CHURN_TABLE} h ${member} GROUP BY h.code`,
    params: members?.params ?? [],
  });
  const counts = Array.from({ length: months }, () => [0, 0, 0, 0]);
  for (const r of rows) {
    let code = toNumber(r.code ?? null);
    const n = toNumber(r.n ?? null);
    for (const month of counts) {
      const band = code % BAND_BASE;
      month[band] = (month[band] ?? 0) + n;
      code = Math.floor(code / BAND_BASE);
    }
  }
  return counts.map(([low = 0, medium = 0, high = 0]) => ({
    customers: low + medium + high,
    low,
    medium,
    high,
  }));
}
