// The dashboards' figures on DuckDB: the definitions of src/domain/analytics said in SQL over the
// segment tables (segment_orders holds the completed orders with each customer's number), the
// members of a segment from the segment compiler. Held to the memory store's domain functions by
// the differential test (dashboards-differential.test.ts).
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import {
  isMonth,
  monthBounds,
  monthsBetween,
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
import type { OrderChannel } from '../../src/domain/profile/schema.ts';
import type { SegmentDefinition } from '../../src/domain/segment/definition.ts';
import { compileDefinition } from '../../src/domain/segment/sql.ts';
import { overSegmentTables } from './duckdb-segment-layout.ts';
import { runSegmentStatement, type SegmentQueryContext } from './duckdb-segments.ts';
import { toNumber, toText } from './duckdb-values.ts';

/** A constant of the query as SQL text: checked months and enum channels, quoted all the same. */
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * What narrows segment_orders (alias `o`) to the query: its period and channel, and the members
 * of `definition` (whose compiled parameters the statement binds).
 */
function orderFilters(
  ctx: SegmentQueryContext,
  definition: SegmentDefinition | null,
  query: BuyersQuery,
) {
  const { start, end } = monthBounds(query.from, query.to);
  const compiled =
    definition === null ? null : compileDefinition(definition, overSegmentTables(ctx));
  const filters = [
    `o.placed_at >= ${literal(start)}::TIMESTAMP`,
    `o.placed_at < ${literal(end)}::TIMESTAMP`,
    ...(query.channel === null ? [] : [`o.channel = ${literal(query.channel)}`]),
    ...(compiled === null
      ? []
      : [
          `o.customer_no IN (SELECT c.customer_no FROM ${compiled.from} WHERE (${compiled.where}))`,
        ]),
  ];
  return { filters, compiled };
}

export async function buyersByMonth(
  connection: DuckDBConnection,
  ctx: SegmentQueryContext,
  definition: SegmentDefinition | null,
  query: BuyersQuery,
): Promise<BuyerMonth[]> {
  if (!isMonth(query.from) || !isMonth(query.to)) return [];
  const { filters, compiled } = orderFilters(ctx, definition, query);
  const rows = await runSegmentStatement(connection, {
    // Orders summed per customer and month first (no DISTINCT), then per month. A buyer's first
    // order is never after an order of theirs, so "not first this month" is "first before it".
    sql: `WITH per AS (
            SELECT date_trunc('month', o.placed_at) AS m, o.customer_no, count(*) AS n,
                   sum(o.total_cents) AS revenue
            FROM segment_orders o WHERE ${filters.join(' AND ')}
            GROUP BY 1, 2),
          j AS (
            SELECT per.*, date_trunc('month', c.first_order_at) = per.m AS first
            FROM per JOIN segment_customers c ON c.customer_no = per.customer_no)
          SELECT strftime(m, '%Y-%m') AS month,
            (count(*) FILTER (WHERE first))::INTEGER AS first_time,
            (count(*) FILTER (WHERE NOT first))::INTEGER AS repeat,
            sum(n)::INTEGER AS orders,
            coalesce(sum(revenue), 0)::BIGINT AS revenue,
            coalesce(sum(revenue) FILTER (WHERE NOT first), 0)::BIGINT AS repeat_revenue
          FROM j GROUP BY m`,
    params: compiled?.params ?? [],
  });
  const byMonth = new Map(rows.map((r) => [toText(r.month ?? null), r]));
  return monthsBetween(query.from, query.to).map((month) => {
    const r = byMonth.get(month);
    // A month without an order has no row: zeros.
    const n = (v: DuckDBValue | undefined) => (v === undefined ? 0 : toNumber(v));
    return {
      month,
      first_time: n(r?.first_time),
      repeat: n(r?.repeat),
      orders: n(r?.orders),
      revenue_cents: n(r?.revenue),
      repeat_revenue_cents: n(r?.repeat_revenue),
    };
  });
}

/**
 * What customers are worth so far (src/domain/analytics/value.ts), in one statement: each part of
 * the answer a set of rows tagged by `part`, over the customers' values computed once.
 */
export async function valueFigures(
  connection: DuckDBConnection,
  ctx: SegmentQueryContext,
  definition: SegmentDefinition | null,
  query: BuyersQuery,
  channels: readonly OrderChannel[],
): Promise<ValueFigures> {
  const empty = domainValueFigures([], null, query, channels);
  if (!isMonth(query.from) || !isMonth(query.to)) return empty;
  const { filters, compiled } = orderFilters(ctx, definition, query);
  const band = `CASE ${VALUE_BANDS_CENTS.map((upper, i) => `WHEN value < ${upper} THEN ${i}`).join(' ')} ELSE ${VALUE_BANDS_CENTS.length} END`;
  const pareto = PARETO_SHARES.map(
    (p) =>
      `SELECT 'pareto', '${p}', ((${p} * n + 99) // 100)::BIGINT,
         coalesce(sum(value) FILTER (WHERE rk <= (${p} * n + 99) // 100), 0)::BIGINT, 0
       FROM ranked GROUP BY n`,
  );
  const rows = await runSegmentStatement(connection, {
    sql: `WITH per AS (
            SELECT o.customer_no, sum(o.total_cents)::BIGINT AS value, count(*)::BIGINT AS orders
            FROM segment_orders o WHERE ${filters.join(' AND ')}
            GROUP BY o.customer_no),
          v AS MATERIALIZED (
            SELECT c.customer_id, per.value, per.orders, c.first_order_channel AS first_channel,
                   strftime(c.first_order_at, '%Y-%m') AS cohort
            FROM per JOIN segment_customers c ON c.customer_no = per.customer_no),
          ranked AS MATERIALIZED (
            SELECT value, row_number() OVER (ORDER BY value DESC, customer_id) AS rk,
                   count(*) OVER () AS n
            FROM v)
          SELECT 'band' AS part, (${band})::VARCHAR AS key, count(*)::BIGINT AS customers,
                 sum(value)::BIGINT AS value, 0::BIGINT AS orders FROM v GROUP BY 2
          UNION ALL ${pareto.join(' UNION ALL ')}
          UNION ALL SELECT 'cohort', cohort, count(*), sum(value), 0 FROM v GROUP BY cohort
          UNION ALL SELECT 'first', first_channel, count(*), sum(value), 0 FROM v GROUP BY first_channel
          UNION ALL (SELECT 'top', customer_id, 1, value, orders FROM v
                     ORDER BY value DESC, customer_id LIMIT ${TOP_CUSTOMERS})`,
    params: compiled?.params ?? [],
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
