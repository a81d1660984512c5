// Segment counts and members on the DuckDB store: the definition compiled to SQL
// (src/domain/segment/sql.ts) over the segment tables through their layout
// (duckdb-segment-layout.ts), or over the loaded tables when the context says 'base', and run with
// every value bound. Each definition is new SQL, so the statement is prepared for this one run and
// not cached (queryRows' cache would grow per edit). Several definitions are counted by one
// statement: one scan of the customers, each subquery joined once (duckdb-segment-plan.ts).
import { DUCKDB } from '../../src/domain/segment/sql-dialect.ts';
import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  DuckDBListValue,
  TIMESTAMP,
  VARCHAR,
  timestampValue,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { SegmentDefinition } from '../../src/domain/segment/definition.ts';
import {
  compileColumns,
  compileDefinition,
  countQuery,
  membersQuery,
  type SqlContext,
  type SqlParam,
  type SqlStatement,
} from '../../src/domain/segment/sql.ts';
import { overSegmentTables, type SegmentTablesContext } from './duckdb-segment-layout.ts';
import { compileCountPlan, countPlanQuery, countsQuery } from './duckdb-segment-plan.ts';
import { toNumber, toText } from './duckdb-values.ts';

export interface SegmentQueryContext extends SegmentTablesContext {
  /** 'derived' (default): the segment tables; 'base': the loaded tables only (for comparisons). */
  tables?: 'base' | 'derived';
}

function sqlContext(ctx: SegmentQueryContext): SqlContext {
  if (ctx.tables !== 'base') return overSegmentTables(ctx);
  return { asOf: ctx.asOf, segments: ctx.segments, scores: ctx.scores, dialect: DUCKDB };
}

function bound(param: SqlParam): { value: DuckDBValue; type: DuckDBType } {
  const { type, value } = param;
  switch (type) {
    case 'VARCHAR':
      return { value: String(value), type: VARCHAR };
    case 'DOUBLE':
      return { value: Number(value), type: DOUBLE };
    case 'BIGINT':
      return { value: BigInt(Number(value)), type: BIGINT };
    case 'BOOLEAN':
      return { value: value === true, type: BOOLEAN };
    case 'TIMESTAMP':
      // Epoch milliseconds; DuckDB's TIMESTAMP counts microseconds.
      return { value: timestampValue(BigInt(Number(value)) * 1000n), type: TIMESTAMP };
  }
}

/** Runs a compiled statement with its parameters bound by type; prepared for this run only. */
export async function runSegmentStatement(connection: DuckDBConnection, statement: SqlStatement) {
  const params = statement.params.map(bound);
  const reader = await connection.runAndReadAll(
    statement.sql,
    params.map((p) => p.value),
    params.map((p) => p.type),
  );
  return reader.getRowObjects();
}

/** How many customers the definition selects. Throws UnknownFieldError on a field outside the allowlist. */
export async function countSegment(
  connection: DuckDBConnection,
  definition: SegmentDefinition,
  ctx: SegmentQueryContext,
): Promise<number> {
  const compiled = compileDefinition(definition, sqlContext(ctx));
  const [row] = await runSegmentStatement(connection, countQuery(compiled));
  return toNumber(row?.n ?? null);
}

export interface SegmentCounts {
  /** Customers each definition selects, in order. */
  counts: number[];
  total: number;
  /** customer_no of the first `sample` members of the first definition, ascending (by id). */
  first: number[];
}

/** Every definition counted by one statement over the segment tables (see countsQuery). */
export async function countSegments(
  connection: DuckDBConnection,
  definitions: readonly SegmentDefinition[],
  ctx: SegmentQueryContext,
  sample = 0,
): Promise<SegmentCounts> {
  const compiled = compileColumns(definitions, overSegmentTables(ctx));
  return runCounts(connection, countsQuery(compiled, sample));
}

/**
 * A count plan (first definition = the segment) in one statement over the segment tables,
 * compiled once: members first when the plan joins nothing, else one inner column per condition
 * (compileCountPlan).
 */
export async function countPlanned(
  connection: DuckDBConnection,
  definitions: readonly SegmentDefinition[],
  ctx: SegmentQueryContext,
  sample: number,
): Promise<SegmentCounts> {
  return runCounts(connection, countPlanQuery(compileCountPlan(definitions, ctx), sample));
}

async function runCounts(
  connection: DuckDBConnection,
  query: SqlStatement & { countColumns: string[] },
): Promise<SegmentCounts> {
  const [row] = await runSegmentStatement(connection, query);
  const first = row?.first;
  return {
    counts: query.countColumns.map((name) => toNumber(row?.[name] ?? null)),
    total: toNumber(row?.total ?? null),
    first: first instanceof DuckDBListValue ? first.items.map((n) => toNumber(n)) : [],
  };
}

/** At most `limit` member ids after `afterId`, in id order. */
export async function segmentMembers(
  connection: DuckDBConnection,
  definition: SegmentDefinition,
  ctx: SegmentQueryContext,
  limit: number,
  afterId?: string,
): Promise<string[]> {
  const compiled = compileDefinition(definition, sqlContext(ctx));
  const rows = await runSegmentStatement(connection, membersQuery(compiled, limit, afterId));
  return rows.map((row) => toText(row.customer_id ?? null));
}
