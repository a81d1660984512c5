// The dashboards' figures on ClickHouse (issue 14, decision 044): the definitions of
// src/domain/analytics said in ClickHouse's SQL over the loaded tables, aggregated where the data
// is — a request reads sums, never the rows. The members of a segment are the segment compiler's
// walk in ClickHouse's dialect, as a condition of the statement (clickhouseMemberFilter). Data
// quality reads `quality_customers`, a table of every customer's quality Tact writes once per load
// beside customer_quality (whose first-name verdicts the domain computes). Each figure is held to
// the DuckDB store's on the same rows by clickhouse-dashboards.test.ts.
import { isMonth, type BuyerMonth, type BuyersQuery } from '../../src/domain/analytics/buyers.ts';
import {
  ATTRIBUTION_WINDOW_DAYS,
  type CampaignFigures,
} from '../../src/domain/analytics/campaigns.ts';
import {
  DEVICE_KINDS,
  QUALITY_CONSENT_CHANNELS,
  qualityFiguresOfGroups,
  type QualityFigures,
  type QualityList,
  type QualityListPage,
} from '../../src/domain/analytics/quality.ts';
import {
  PARETO_SHARES,
  TOP_CUSTOMERS,
  VALUE_BANDS_CENTS,
  byValue,
  valueFigures as domainValueFigures,
  type ValueFigures,
} from '../../src/domain/analytics/value.ts';
import { VALID_EMAIL_RE2 } from '../../src/domain/profile/catalogue.ts';
import { CLICKHOUSE, emailKeySql, phoneKeySql } from '../../src/domain/segment/sql-dialect.ts';
import type { OrderChannel } from '../../src/domain/profile/schema.ts';
import { MIN_PHONE_DIGITS } from '../../src/domain/segment/facts.ts';
import { chString, type ClickHouseParams, type ClickHouseRunner } from './clickhouse.ts';
import { SETTINGS, writeCustomerQuality } from './clickhouse-segments.ts';
import { buyerMonths, buyerRowOf, campaignFiguresOf, campaignRowOf } from './dashboard-rows.ts';
import { monthNumber } from './duckdb-dashboards.ts';
import {
  QUALITY_LIST_SQL,
  QUALITY_TABLE,
  qualityGroupOf,
  qualityGroupsSql,
} from './duckdb-quality.ts';

/** Whether a row's customer is a member (a condition on a column), and what the condition binds. */
export interface MemberFilter {
  of: (column: string) => string;
  params: ClickHouseParams;
}

type Row = Record<string, unknown>;
const n = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const rows = (ch: ClickHouseRunner, sql: string, members: MemberFilter): Promise<Row[]> =>
  ch.rows(sql + SETTINGS, members.params);

/** A DateTime64 column's month as the month tables number them (year × 12 + month − 1). */
const monthOf = (column: string) => `(toYear(${column}) * 12 + toMonth(${column}) - 1)`;

/** Orders on the query's channel (any without one). */
const onChannel = (query: BuyersQuery) =>
  query.channel === null ? '' : `AND channel = ${chString(query.channel)}`;

/** Completed orders of the query's months and channel, of members. */
function periodOrders(query: BuyersQuery, members: MemberFilter): string {
  return `status = 'completed'
      AND ${monthOf('placed_at')} BETWEEN ${monthNumber(query.from)} AND ${monthNumber(query.to)}
      ${onChannel(query)}
      AND ${members.of('customer_id')}`;
}

/** Each customer's first completed order ever, on any channel (the earliest order id on a tie). */
const FIRSTS = `SELECT customer_id, min(placed_at) AS first_at,
         argMin(channel, (placed_at, order_id)) AS first_channel
    FROM orders WHERE status = 'completed' GROUP BY customer_id`;

export async function buyersByMonth(
  ch: ClickHouseRunner,
  members: MemberFilter,
  query: BuyersQuery,
): Promise<BuyerMonth[]> {
  if (!isMonth(query.from) || !isMonth(query.to)) return [];
  const found = await rows(
    ch,
    `WITH per AS (
       SELECT ${monthOf('placed_at')} AS month, customer_id, count() AS orders,
              sum(total_cents) AS revenue
         FROM orders WHERE ${periodOrders(query, members)}
        GROUP BY month, customer_id),
     firsts AS (${FIRSTS})
     SELECT concat(toString(intDiv(p.month, 12)), '-', leftPad(toString(p.month % 12 + 1), 2, '0')) AS month,
            countIf(p.first) AS first_time, countIf(NOT p.first) AS repeat,
            sum(p.orders) AS orders, sum(p.revenue) AS revenue,
            sumIf(p.revenue, NOT p.first) AS repeat_revenue
       FROM (SELECT per.*, ${monthOf('f.first_at')} = per.month AS first
               FROM per JOIN firsts f ON f.customer_id = per.customer_id) p
      GROUP BY p.month`,
    members,
  );
  return buyerMonths(
    query,
    found.map((r) => buyerRowOf(String(r.month), (c) => n(r[c]))),
  );
}

/** What customers are worth so far (src/domain/analytics/value.ts): four statements over `v`. */
export async function valueFigures(
  ch: ClickHouseRunner,
  members: MemberFilter,
  query: BuyersQuery,
  channels: readonly OrderChannel[],
): Promise<ValueFigures> {
  const empty = domainValueFigures([], null, query, channels);
  if (!isMonth(query.from) || !isMonth(query.to)) return empty;
  const v = `WITH v AS (
      SELECT per.customer_id AS customer_id, per.value AS value, per.orders AS orders,
             f.first_channel AS first_channel, formatDateTime(f.first_at, '%Y-%m') AS cohort
        FROM (SELECT customer_id, sum(total_cents) AS value, count() AS orders FROM orders
               WHERE ${periodOrders(query, members)} GROUP BY customer_id) per
        JOIN (${FIRSTS}) f ON f.customer_id = per.customer_id)`;
  const band = `multiIf(${VALUE_BANDS_CENTS.map((upper, i) => `value < ${upper}, ${i}`).join(', ')}, ${VALUE_BANDS_CENTS.length})`;
  const bandRows = await rows(
    ch,
    `${v} SELECT ${band} AS band, count() AS customers, sum(value) AS worth FROM v GROUP BY band`,
    members,
  );
  // Ranked by value alone: which of two equal values comes first changes no sum.
  const [pareto] = await rows(
    ch,
    `${v} SELECT ${PARETO_SHARES.map(
      (p) => `sumIf(value, rk <= intDiv(${p} * ranked + 99, 100)) AS p${p}`,
    ).join(', ')}, any(ranked) AS customers
      FROM (SELECT value, row_number() OVER (ORDER BY value DESC) AS rk, count() OVER () AS ranked
              FROM v)`,
    members,
  );
  const grouped = async (column: string) =>
    (
      await rows(
        ch,
        `${v} SELECT ${column} AS key, count() AS customers, sum(value) AS worth FROM v GROUP BY key`,
        members,
      )
    ).map((r) => ({ key: String(r.key), customers: n(r.customers), value_cents: n(r.worth) }));
  const top = await rows(
    ch,
    `${v} SELECT customer_id, value, orders FROM v
        ORDER BY value DESC, customer_id LIMIT ${TOP_CUSTOMERS}`,
    members,
  );
  const bands = empty.bands.map((b, i) => {
    const r = bandRows.find((row) => Number(row.band) === i);
    return r === undefined ? b : { ...b, customers: n(r.customers), value_cents: n(r.worth) };
  });
  const customers = n(pareto?.customers);
  const firsts = new Map((await grouped('first_channel')).map((g) => [g.key, g]));
  return {
    customers,
    value_cents: bands.reduce((sum, b) => sum + b.value_cents, 0),
    bands,
    pareto: PARETO_SHARES.map((p) => ({
      top_percent: p,
      customers: Math.floor((p * customers + 99) / 100),
      value_cents: n(pareto?.[`p${p}`]),
    })),
    cohorts: (await grouped('cohort')).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    first_channels: channels.flatMap((c) => {
      const g = firsts.get(c);
      return g ? [g] : [];
    }),
    top: top
      .map((r) => ({
        customer_id: String(r.customer_id),
        value_cents: n(r.value),
        orders: n(r.orders),
      }))
      .sort(byValue),
  };
}

/**
 * Each campaign sent in the period with its messages and its recipients and holdout against their
 * orders and consents in their windows (src/domain/analytics/campaigns.ts): a row per campaign and
 * group. A campaign's send is its earliest message or hold over everyone, whoever the filter keeps.
 */
export async function campaignFigures(
  ch: ClickHouseRunner,
  members: MemberFilter,
  query: BuyersQuery,
): Promise<CampaignFigures[]> {
  if (!isMonth(query.from) || !isMonth(query.to)) return [];
  const window = (at: string, start: string) =>
    `${at} > ${start} AND ${at} <= ${start} + INTERVAL ${ATTRIBUTION_WINDOW_DAYS} DAY`;
  const found = await rows(
    ch,
    `WITH all_units AS (
       SELECT campaign_id, customer_id, 1 AS treated, min(sent_at) AS t, count() AS messages,
              countIf(status <> 'bounced') AS delivered,
              countIf(status IN ('opened', 'clicked')) AS opened,
              countIf(status = 'clicked') AS clicked, CAST(min(channel) AS Nullable(String)) AS channel
         FROM messages GROUP BY campaign_id, customer_id
       UNION ALL
       SELECT campaign_id, customer_id, 0, min(held_at), 0, 0, 0, 0, CAST(NULL AS Nullable(String))
         FROM holdouts GROUP BY campaign_id, customer_id),
     sends AS (SELECT campaign_id, min(t) AS sent_at FROM all_units GROUP BY campaign_id),
     units AS (
       SELECT u.*, s.sent_at AS sent_at FROM all_units u JOIN sends s ON s.campaign_id = u.campaign_id
        WHERE ${monthOf('s.sent_at')} BETWEEN ${monthNumber(query.from)} AND ${monthNumber(query.to)}
          AND ${members.of('u.customer_id')}),
     outcomes AS (
       SELECT u.campaign_id AS campaign_id, u.customer_id AS customer_id, u.treated AS treated,
              countIf(${window('o.placed_at', 'u.t')}) > 0 AS converted,
              coalesce(sumIf(o.total_cents, ${window('o.placed_at', 'u.t')}), 0) AS revenue
         FROM units u LEFT JOIN (
           SELECT customer_id, placed_at, total_cents FROM orders
            WHERE status = 'completed'
              ${onChannel(query)}
              AND customer_id IN (SELECT customer_id FROM units)) o ON o.customer_id = u.customer_id
        GROUP BY u.campaign_id, u.customer_id, u.treated),
     unsubscribed AS (
       SELECT u.campaign_id AS campaign_id, u.customer_id AS customer_id
         FROM units u JOIN (
           SELECT customer_id, channel, at FROM consents
            WHERE status = 'withdrawn' AND customer_id IN (SELECT customer_id FROM units)) k
           ON k.customer_id = u.customer_id
        WHERE u.treated = 1 AND k.channel = u.channel AND ${window('k.at', 'u.t')}
        GROUP BY u.campaign_id, u.customer_id)
     SELECT u.campaign_id AS campaign_id, u.treated AS treated,
            concat(replaceOne(toString(any(u.sent_at)), ' ', 'T'), 'Z') AS sent_at,
            min(u.channel) AS channel,
            sum(u.messages) AS messages, sum(u.delivered) AS delivered,
            sum(u.opened) AS opened, sum(u.clicked) AS clicked,
            count() AS customers, countIf(x.converted) AS converted, sum(x.revenue) AS revenue,
            if(count() > 1, varSampStable(toFloat64(x.revenue)), 0) AS variance,
            countIf(un.customer_id IS NOT NULL) AS unsubscribed
       FROM units u
       JOIN outcomes x ON x.campaign_id = u.campaign_id AND x.customer_id = u.customer_id
                      AND x.treated = u.treated
       LEFT JOIN unsubscribed un ON un.campaign_id = u.campaign_id AND un.customer_id = u.customer_id
                                AND u.treated = 1
      GROUP BY u.campaign_id, u.treated`,
    members,
  );
  return campaignFiguresOf(
    found.map((r) =>
      campaignRowOf(
        {
          campaign_id: String(r.campaign_id),
          treated: n(r.treated) === 1,
          sent_at: String(r.sent_at),
          channel: text(r.channel),
        },
        (c) => n(r[c]),
      ),
    ),
  );
}

const digits = (column: string) => `replaceRegexpAll(coalesce(${column}, ''), '[^0-9]', '')`;

/**
 * (Re)writes `quality_customers` (src/domain/analytics/quality.ts says each column), the first
 * name's verdict from customer_quality: written into a table of its own, then exchanged with the
 * one requests read, so that no request reads it half written.
 */
export async function writeQualityTable(ch: ClickHouseRunner): Promise<void> {
  const staging = `${QUALITY_TABLE}_next`;
  const consentColumns = QUALITY_CONSENT_CHANNELS.map((c) => `consent_${c} String`).join(', ');
  const columns = `customer_id String, first_name Nullable(String), email String, phone String,
    ${consentColumns}, identities Int64, shared_device Bool, duplicate_email Bool,
    duplicate_phone Bool`;
  await ch.run(`DROP TABLE IF EXISTS ${staging}`);
  await ch.run(`CREATE TABLE ${staging} (${columns}) ENGINE = MergeTree ORDER BY customer_id`);
  await ch.run(`CREATE TABLE IF NOT EXISTS ${QUALITY_TABLE} (${columns})
    ENGINE = MergeTree ORDER BY customer_id`);
  const devices = [...DEVICE_KINDS].map(chString).join(', ');
  await ch.run(`INSERT INTO ${staging}
    WITH ids AS (SELECT customer_id, count() AS n FROM identities GROUP BY customer_id),
    shared AS (
      SELECT DISTINCT customer_id FROM identities
       WHERE kind IN (${devices}) AND (kind, value) IN (
         SELECT kind, value FROM identities WHERE kind IN (${devices})
          GROUP BY kind, value HAVING uniqExact(customer_id) > 1)),
    latest AS (
      SELECT customer_id, channel, argMax(status, at) AS status
        FROM consents GROUP BY customer_id, channel),
    cons AS (
      SELECT customer_id,
             ${QUALITY_CONSENT_CHANNELS.map((c) => `anyIf(status, channel = ${chString(c)}) AS consent_${c}`).join(', ')},
             groupArray(channel) AS known
        FROM latest GROUP BY customer_id),
    keys AS (
      SELECT customer_id,
             ${emailKeySql(CLICKHOUSE, 'email')} AS ek, ${phoneKeySql(CLICKHOUSE, 'phone')} AS pk
        FROM customers),
    ek AS (SELECT ek, count() AS n FROM keys WHERE ek IS NOT NULL GROUP BY ek),
    pk AS (SELECT pk, count() AS n FROM keys WHERE pk IS NOT NULL GROUP BY pk)
    SELECT c.customer_id, q.junk,
      multiIf(c.email IS NULL OR c.email = '', 'missing',
              match(c.email, ${chString(VALID_EMAIL_RE2)}), 'valid', 'invalid'),
      multiIf(c.phone IS NULL OR c.phone = '', 'missing',
              length(${digits('c.phone')}) >= ${MIN_PHONE_DIGITS}, 'valid', 'invalid'),
      ${QUALITY_CONSENT_CHANNELS.map((c) => `if(has(cons.known, ${chString(c)}), cons.consent_${c}, 'unknown')`).join(', ')},
      coalesce(ids.n, 0), shared.customer_id IS NOT NULL,
      coalesce(ek.n, 0) > 1, coalesce(pk.n, 0) > 1
    FROM customers c
    JOIN keys ON keys.customer_id = c.customer_id
    LEFT JOIN customer_quality q ON q.customer_id = c.customer_id
    LEFT JOIN ids ON ids.customer_id = c.customer_id
    LEFT JOIN shared ON shared.customer_id = c.customer_id
    LEFT JOIN cons ON cons.customer_id = c.customer_id
    LEFT JOIN ek ON ek.ek = keys.ek
    LEFT JOIN pk ON pk.pk = keys.pk
    SETTINGS join_use_nulls = 1`);
  await ch.run(`EXCHANGE TABLES ${staging} AND ${QUALITY_TABLE}`);
  await ch.run(`DROP TABLE ${staging}`);
}

/**
 * The facts Tact writes beside a load: each first name's verdict (customer_quality), then each
 * customer's quality with what only the other profiles tell (quality_customers) — both read by
 * the segment walk, the second by the quality dashboard too.
 */
export async function writeCustomerFacts(ch: ClickHouseRunner): Promise<void> {
  await writeCustomerQuality(ch);
  await writeQualityTable(ch);
}

export async function qualityFigures(
  ch: ClickHouseRunner,
  members: MemberFilter,
): Promise<QualityFigures> {
  const groups = await rows(ch, qualityGroupsSql(members.of('q.customer_id')), members);
  return qualityFiguresOfGroups(groups.map(qualityGroupOf));
}

export async function qualityList(
  ch: ClickHouseRunner,
  members: MemberFilter,
  list: QualityList,
  page: { limit: number; offset: number },
): Promise<QualityListPage> {
  const where = `${QUALITY_LIST_SQL[list]} AND ${members.of('q.customer_id')}`;
  const [total] = await rows(
    ch,
    `SELECT count() AS n FROM ${QUALITY_TABLE} q WHERE ${where}`,
    members,
  );
  const found = await rows(
    ch,
    `SELECT q.customer_id AS customer_id, c.first_name AS first_name, c.last_name AS last_name,
            c.email AS email, c.phone AS phone
       FROM ${QUALITY_TABLE} q JOIN customers c ON c.customer_id = q.customer_id
      WHERE ${where} ORDER BY q.customer_id
      LIMIT ${Math.trunc(page.limit)} OFFSET ${Math.trunc(page.offset)}`,
    members,
  );
  return {
    total: n(total?.n),
    customers: found.map((r) => ({
      customer_id: String(r.customer_id),
      first_name: text(r.first_name),
      last_name: text(r.last_name),
      email: text(r.email),
      phone: text(r.phone),
    })),
  };
}
