// The segment side of the DuckDB store's ProfileStore: counts, sample members and breakdowns, on
// the SQL the segment compiler emits over the segment tables (duckdb-segment-layout.ts), with
// membership conditions reading the saved segments in ctx.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { MemberSummary } from '../../src/api/contract.ts';
import { rankBreakdown } from '../../src/domain/segment/breakdown.ts';
import type { SegmentDefinition } from '../../src/domain/segment/definition.ts';
import { compileDefinition } from '../../src/domain/segment/sql.ts';
import type { SegmentCountAnswer } from '../store.ts';
import { overSegmentTables } from './duckdb-segment-layout.ts';
import {
  countPlanned,
  runSegmentStatement,
  segmentMembers,
  type SegmentQueryContext,
} from './duckdb-segments.ts';
import { quote } from './duckdb-schema.ts';
import { queryRows, toNumber, toText, toTextOrNull, type Row } from './duckdb-values.ts';

function summary(id: string, r: Row): MemberSummary {
  return {
    customer_id: id,
    first_name: toTextOrNull(r.first_name ?? null),
    last_name: toTextOrNull(r.last_name ?? null),
    email: toTextOrNull(r.email ?? null),
    city: toTextOrNull(r.city ?? null),
  };
}

export async function segmentSample(
  connection: DuckDBConnection,
  ctx: SegmentQueryContext,
  definition: SegmentDefinition,
  limit: number,
  afterId?: string,
): Promise<MemberSummary[]> {
  const ids = await segmentMembers(connection, definition, ctx, limit, afterId);
  if (ids.length === 0) return [];
  const rows = await queryRows(
    connection,
    `SELECT customer_id, first_name, last_name, email, city FROM customers
      WHERE customer_id IN (SELECT unnest(string_split($1, ',')))`,
    [ids.join(',')],
  );
  const byId = new Map(rows.map((r) => [toText(r.customer_id ?? null), r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [summary(id, r)] : [];
  });
}

/**
 * Summaries of customers by customer_no (ascending, so in id order). segment_customers is stored
 * in customer_no order: the range prunes every row group but the few that hold them.
 */
async function summariesByNumber(
  connection: DuckDBConnection,
  numbers: readonly number[],
): Promise<MemberSummary[]> {
  if (numbers.length === 0) return [];
  // The same text every time, so the statement is prepared once per connection (queryRows): the
  // table only changes with a load, which replaces the pool's connections.
  const rows = await queryRows(
    connection,
    `SELECT customer_id, first_name, last_name, email, city FROM segment_customers
      WHERE customer_no BETWEEN $1 AND $2
        AND customer_no IN (SELECT unnest(string_split($3, ','))::INTEGER)
      ORDER BY customer_no`,
    [Math.min(...numbers), Math.max(...numbers), numbers.join(',')],
  );
  return rows.map((r) => summary(toText(r.customer_id ?? null), r));
}

/** `column` comes from the breakdown allowlist (src/domain/segment/breakdown.ts), never the user. */
export async function segmentBreakdown(
  connection: DuckDBConnection,
  ctx: SegmentQueryContext,
  definition: SegmentDefinition,
  column: string,
): Promise<{ value: string | null; count: number }[]> {
  const compiled = compileDefinition(definition, overSegmentTables(ctx));
  const rows = await runSegmentStatement(connection, {
    sql: `SELECT c.${quote(column)}::VARCHAR AS value, count(*)::INTEGER AS n
            FROM ${compiled.from} WHERE (${compiled.where}) GROUP BY 1`,
    params: compiled.params,
  });
  return rankBreakdown(
    rows.map((r) => ({ value: toTextOrNull(r.value ?? null), count: toNumber(r.n ?? null) })),
  );
}

/**
 * The count endpoint's answer: every definition, the total and the first members from one
 * statement (countPlanned), then the members' summaries; the breakdown (its own GROUP BY) on a
 * second connection meanwhile. `borrow` lends a pooled connection.
 */
export async function segmentCountAnswer(
  borrow: <T>(work: (connection: DuckDBConnection) => Promise<T>) => Promise<T>,
  ctx: SegmentQueryContext,
  definitions: readonly SegmentDefinition[],
  sample: number,
  column: string | null,
): Promise<SegmentCountAnswer> {
  const [first] = definitions;
  const [counted, breakdown] = await Promise.all([
    borrow(async (c) => {
      const counts = await countPlanned(c, definitions, ctx, sample);
      return { ...counts, sample: await summariesByNumber(c, counts.first) };
    }),
    column === null || first === undefined
      ? null
      : borrow((c) => segmentBreakdown(c, ctx, first, column)),
  ]);
  return { counts: counted.counts, total: counted.total, sample: counted.sample, breakdown };
}
