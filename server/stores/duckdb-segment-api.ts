// The segment side of the DuckDB store's ProfileStore: counts, sample members and breakdowns, on
// the SQL the segment compiler emits over the segment tables (duckdb-segment-layout.ts), with
// membership conditions reading the saved segments in ctx.
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { MemberSummary } from '../../src/api/contract.ts';
import type { ScoreTotals } from '../store.ts';
import {
  PROPENSITY_BANDS,
  VALUE_BAND_EUROS,
  VALUE_BANDS,
  breakdownSource,
  rankBreakdown,
  type ScoreBands,
} from '../../src/domain/segment/breakdown.ts';
import type { Condition, SegmentDefinition } from '../../src/domain/segment/definition.ts';
import { countByConditions } from './duckdb-condition-bits.ts';
import type { MemberBits } from './member-bits.ts';
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
import { SCORE_COLUMNS, scoreColumn } from './duckdb-scores.ts';
import { memberRows, type DashboardContext } from './duckdb-members.ts';
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

/**
 * A score breakdown's value of the member joined as `s` on score_columns (NULL when missing): a
 * band's index in SQL (an integer groups fast; building its text per member took half the time),
 * named after grouping by `label`.
 */
function scoreValue(source: { score: string; bands: ScoreBands }): {
  sql: string;
  label: (value: DuckDBValue) => string | null;
} {
  const column = `s.${scoreColumn(source.score)}`;
  const finite = `${column} IS NOT NULL AND isfinite(${column})`;
  const named = (bands: readonly string[]) => (value: DuckDBValue) =>
    value === null ? null : (bands[toNumber(value)] ?? null);
  switch (source.bands) {
    case 'propensity':
      return {
        sql: `CASE WHEN ${finite} THEN least(9, greatest(0, floor(${column} / 10)))::INTEGER END`,
        label: named(PROPENSITY_BANDS),
      };
    case 'value':
      return {
        sql: `CASE WHEN NOT (${finite}) THEN NULL ${VALUE_BAND_EUROS.map(
          (upper, i) => `WHEN ${column} < ${upper} THEN ${String(i)}`,
        ).join(' ')} ELSE ${String(VALUE_BANDS.length - 1)} END`,
        label: named(VALUE_BANDS),
      };
    case null:
      // Unbanded: the enum scores, whose column holds their text.
      return { sql: `${column}::VARCHAR`, label: toTextOrNull };
  }
}

/**
 * Several score breakdowns of one definition's members in one statement (a grouping set per
 * score), each as segmentBreakdown gives it.
 */
export async function scoreBreakdowns(
  connection: DuckDBConnection,
  ctx: DashboardContext,
  definition: SegmentDefinition,
  fieldIds: readonly string[],
): Promise<{ value: string | null; count: number }[][]> {
  const sources = fieldIds.map((id) => {
    const source = breakdownSource(id);
    if (source?.kind !== 'score') throw new Error(`Not a score breakdown: ${id}`);
    return source;
  });
  if (sources.length === 0) return [];
  const { numbers: members, params } = memberRows(ctx, definition);
  const read = sources.map((source) =>
    ctx.scores?.has(source.score)
      ? scoreValue(source)
      : { sql: 'NULL::VARCHAR', label: () => null },
  );
  const values = read.map((r, i) => `${r.sql} AS v${String(i)}`);
  const columns = sources.map((_, i) => `v${String(i)}`);
  const rows = await runSegmentStatement(connection, {
    sql: `SELECT ${columns.join(', ')}, ${columns.map((v) => `GROUPING(${v}) AS g${v}`).join(', ')},
                 count(*)::INTEGER AS n
          FROM (SELECT ${values.join(', ')}
                FROM (${members}) m LEFT JOIN ${SCORE_COLUMNS} s ON s.customer_no = m.customer_no)
          GROUP BY GROUPING SETS (${columns.map((v) => `(${v})`).join(', ')})`,
    params,
  });
  return fieldIds.map((id, i) =>
    rankBreakdown(
      rows
        .filter((r) => toNumber(r[`gv${String(i)}`] ?? null) === 0)
        .map((r) => ({
          value: read[i]?.label(r[`v${String(i)}`] ?? null) ?? null,
          count: toNumber(r.n ?? null),
        })),
      id,
    ),
  );
}

/**
 * The members per value of `source` (from the breakdown allowlist, src/domain/segment/breakdown.ts,
 * never the user's text), as breakdownReader says for the memory store: one value per member, or
 * for the channels one row per channel a member has (NULL when none). A score the store does not
 * expose (no model) is missing for every member.
 */
export async function segmentBreakdown(
  connection: DuckDBConnection,
  ctx: SegmentQueryContext,
  definition: SegmentDefinition,
  fieldId: string,
): Promise<{ value: string | null; count: number }[]> {
  const source = breakdownSource(fieldId);
  if (source === null) throw new Error(`Not a breakdown: ${fieldId}`);
  const compiled = compileDefinition(definition, overSegmentTables(ctx));
  const members = `${compiled.with}SELECT c.* FROM ${compiled.from} WHERE (${compiled.where})`;
  let sql: string;
  switch (source.kind) {
    case 'column':
      sql = `SELECT m.${quote(source.column)}::VARCHAR AS value, count(*)::INTEGER AS n
               FROM (${members}) m GROUP BY 1`;
      break;
    case 'score': {
      if (!ctx.scores?.has(source.score)) {
        sql = `SELECT NULL::VARCHAR AS value, count(*)::INTEGER AS n FROM (${members}) m`;
        break;
      }
      const { sql: value, label } = scoreValue(source);
      const rows = await runSegmentStatement(connection, {
        sql: `SELECT ${value} AS value, count(*)::INTEGER AS n
              FROM (${members}) m LEFT JOIN ${SCORE_COLUMNS} s ON s.customer_no = m.customer_no
              GROUP BY 1`,
        params: compiled.params,
      });
      return rankBreakdown(
        rows.map((r) => ({ value: label(r.value ?? null), count: toNumber(r.n ?? null) })),
        fieldId,
      );
    }
    case 'reach': {
      const on = {
        email: 'm.email_granted AND m.valid_email',
        sms: 'm.sms_granted AND m.valid_phone',
        push: 'm.push_granted',
      };
      const counts = Object.entries(on).map(
        ([channel, test]) => `count(*) FILTER (WHERE ${test})::INTEGER AS ${channel}`,
      );
      const none = `count(*) FILTER (WHERE NOT (${Object.values(on).join(' OR ')}))::INTEGER AS none`;
      const rows = await runSegmentStatement(connection, {
        sql: `SELECT ${[...counts, none].join(', ')} FROM (${members}) m`,
        params: compiled.params,
      });
      const [row] = rows;
      const tally = (v: string | null, key: string) => ({
        value: v,
        count: toNumber(row?.[key] ?? null),
      });
      return rankBreakdown(
        [...Object.keys(on).map((channel) => tally(channel, channel)), tally(null, 'none')],
        fieldId,
      );
    }
    case 'order_channel':
      sql = `WITH m AS (${members}),
               ch AS (SELECT DISTINCT o.customer_no, o.channel::VARCHAR AS channel
                        FROM segment_orders o SEMI JOIN m ON m.customer_no = o.customer_no)
             SELECT channel AS value, count(*)::INTEGER AS n FROM ch GROUP BY 1
             UNION ALL
             SELECT NULL, count(*)::INTEGER FROM m ANTI JOIN ch ON ch.customer_no = m.customer_no`;
      break;
  }
  const rows = await runSegmentStatement(connection, { sql, params: compiled.params });
  return rankBreakdown(
    rows.map((r) => ({ value: toTextOrNull(r.value ?? null), count: toNumber(r.n ?? null) })),
    fieldId,
  );
}

/**
 * The count endpoint's answer: every definition, the total and the first members — from one
 * statement (countPlanned), or given `setOf` from the conditions' member sets (countByConditions)
 * — then the members' summaries; the breakdown (its own GROUP BY) on a second connection
 * meanwhile. `borrow` lends a pooled connection.
 */
export async function segmentCountAnswer(
  borrow: <T>(work: (connection: DuckDBConnection) => Promise<T>) => Promise<T>,
  ctx: SegmentQueryContext,
  definitions: readonly SegmentDefinition[],
  sample: number,
  breakdownId: string | null,
  setOf?: (condition: Condition, key: string) => Promise<MemberBits>,
): Promise<SegmentCountAnswer> {
  const [first] = definitions;
  const [counted, breakdown] = await Promise.all([
    setOf === undefined
      ? borrow(async (c) => {
          const counts = await countPlanned(c, definitions, ctx, sample);
          return { ...counts, sample: await summariesByNumber(c, counts.first) };
        })
      : countByConditions(definitions, ctx, sample, setOf).then(async (counts) => ({
          ...counts,
          sample: await borrow((c) => summariesByNumber(c, counts.first)),
        })),
    breakdownId === null || first === undefined
      ? null
      : borrow((c) => segmentBreakdown(c, ctx, first, breakdownId)),
  ]);
  return { counts: counted.counts, total: counted.total, sample: counted.sample, breakdown };
}

/**
 * A definition's members, those with the score, and the score summed in cents (each member's
 * value rounded to the cent first, as the memory store sums them). The members are selected
 * first, and only they join the scores: a statement for several definitions (a column each)
 * joined every customer's and computed every condition for every customer — at 1,000,000
 * customers, 10 definitions together took 8.4 s, one alone 80–125 ms.
 */
export async function segmentScoreTotal(
  connection: DuckDBConnection,
  ctx: SegmentQueryContext,
  definition: SegmentDefinition,
  scoreId: string,
): Promise<ScoreTotals> {
  const compiled = compileDefinition(definition, overSegmentTables(ctx));
  const members = `${compiled.with}SELECT c.customer_no FROM ${compiled.from} WHERE (${compiled.where})`;
  const number = `s.${scoreColumn(scoreId)}`;
  const value = ctx.scores?.has(scoreId)
    ? `CASE WHEN isfinite(${number}) THEN ${number} END`
    : 'NULL::DOUBLE';
  const [row] = await runSegmentStatement(connection, {
    sql: `SELECT count(*)::BIGINT AS members, count(v)::BIGINT AS scored,
                 coalesce(sum(round(v * 100)::BIGINT), 0)::BIGINT AS cents
          FROM (SELECT ${value} AS v
                FROM (${members}) m LEFT JOIN ${SCORE_COLUMNS} s ON s.customer_no = m.customer_no)`,
    params: compiled.params,
  });
  return {
    members: toNumber(row?.members ?? null),
    scored: toNumber(row?.scored ?? null),
    total_cents: toNumber(row?.cents ?? null),
  };
}
