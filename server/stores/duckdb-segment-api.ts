// The segment side of the DuckDB store's ProfileStore: counts, sample members and breakdowns, on
// the SQL the segment compiler emits, with membership conditions reading the saved segments in ctx.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { MemberSummary } from '../../src/api/contract.ts';
import { rankBreakdown } from '../../src/domain/segment/breakdown.ts';
import type { SegmentDefinition } from '../../src/domain/segment/definition.ts';
import { compileDefinition } from '../../src/domain/segment/sql.ts';
import {
  runSegmentStatement,
  segmentMembers,
  type SegmentQueryContext,
} from './duckdb-segments.ts';
import { quote } from './duckdb-schema.ts';
import { queryRows, toNumber, toText, toTextOrNull } from './duckdb-values.ts';

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
    if (!r) return [];
    return [
      {
        customer_id: id,
        first_name: toTextOrNull(r.first_name ?? null),
        last_name: toTextOrNull(r.last_name ?? null),
        email: toTextOrNull(r.email ?? null),
        city: toTextOrNull(r.city ?? null),
      },
    ];
  });
}

/** `column` comes from the breakdown allowlist (src/domain/segment/breakdown.ts), never the user. */
export async function segmentBreakdown(
  connection: DuckDBConnection,
  ctx: SegmentQueryContext,
  definition: SegmentDefinition,
  column: string,
): Promise<{ value: string | null; count: number }[]> {
  const compiled = compileDefinition(definition, { ...ctx, dialect: 'duckdb' });
  const rows = await runSegmentStatement(connection, {
    sql: `SELECT c.${quote(column)}::VARCHAR AS value, count(*)::INTEGER AS n
            FROM customers c WHERE (${compiled.where}) GROUP BY 1`,
    params: compiled.params,
  });
  return rankBreakdown(
    rows.map((r) => ({ value: toTextOrNull(r.value ?? null), count: toNumber(r.n ?? null) })),
  );
}
