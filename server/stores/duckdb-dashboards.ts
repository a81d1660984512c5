// The dashboards' figures on DuckDB: the definitions of src/domain/analytics said in SQL over the
// segment tables (segment_orders holds the completed orders with each customer's number), the
// members of a segment from the segment compiler. Held to the memory store's domain functions by
// the differential test (dashboards-differential.test.ts).
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  isMonth,
  monthBounds,
  monthsBetween,
  type BuyerMonth,
  type BuyersQuery,
} from '../../src/domain/analytics/buyers.ts';
import type { SegmentDefinition } from '../../src/domain/segment/definition.ts';
import { compileDefinition } from '../../src/domain/segment/sql.ts';
import { overSegmentTables } from './duckdb-segment-layout.ts';
import { runSegmentStatement, type SegmentQueryContext } from './duckdb-segments.ts';
import { toNumber, toText } from './duckdb-values.ts';

/** A constant of the query as SQL text: checked months and enum channels, quoted all the same. */
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

export async function buyersByMonth(
  connection: DuckDBConnection,
  ctx: SegmentQueryContext,
  definition: SegmentDefinition | null,
  query: BuyersQuery,
): Promise<BuyerMonth[]> {
  if (!isMonth(query.from) || !isMonth(query.to)) return [];
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
  const rows = await runSegmentStatement(connection, {
    sql: `WITH firsts AS (
            SELECT customer_no, strftime(min(placed_at), '%Y-%m') AS first_month
            FROM segment_orders GROUP BY customer_no),
          o AS (
            SELECT o.customer_no, strftime(o.placed_at, '%Y-%m') AS month, o.total_cents,
                   f.first_month
            FROM segment_orders o JOIN firsts f ON f.customer_no = o.customer_no
            WHERE ${filters.join(' AND ')})
          SELECT month,
            (count(DISTINCT customer_no) FILTER (WHERE first_month = month))::INTEGER AS first_time,
            (count(DISTINCT customer_no) FILTER (WHERE first_month < month))::INTEGER AS repeat,
            count(*)::INTEGER AS orders,
            coalesce(sum(total_cents), 0)::BIGINT AS revenue,
            coalesce(sum(total_cents) FILTER (WHERE first_month < month), 0)::BIGINT AS repeat_revenue
          FROM o GROUP BY month`,
    params: compiled?.params ?? [],
  });
  const byMonth = new Map(rows.map((r) => [toText(r.month ?? null), r]));
  return monthsBetween(query.from, query.to).map((month) => {
    const r = byMonth.get(month);
    return {
      month,
      first_time: toNumber(r?.first_time ?? null),
      repeat: toNumber(r?.repeat ?? null),
      orders: toNumber(r?.orders ?? null),
      revenue_cents: toNumber(r?.revenue ?? null),
      repeat_revenue_cents: toNumber(r?.repeat_revenue ?? null),
    };
  });
}
