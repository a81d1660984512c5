// The members of a dashboard's segment as SQL the dashboards' statements filter on: the compiled
// definition, or — once the store has written them — the rows of `dashboard_members`, where each
// segment a dashboard was asked about is selected once and kept until the data, the scores or the
// saved segments change (the store drops them then). A segment's members are then read three to
// five times per dashboard request (its count, the figures, the churn bands) without selecting
// them again.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { SqlParam } from '../../src/domain/segment/sql-layout.ts';
import type { SegmentDefinition } from '../../src/domain/segment/definition.ts';
import { compileDefinition } from '../../src/domain/segment/sql.ts';
import { overSegmentTables } from './duckdb-segment-layout.ts';
import { runSegmentStatement, type SegmentQueryContext } from './duckdb-segments.ts';

export const MEMBER_TABLE = 'dashboard_members';

/** A kept member set: the definition it holds the members of, and its id in MEMBER_TABLE. */
export interface KeptMembers {
  definition: SegmentDefinition;
  setId: number;
}

/** The context of a dashboard statement, with the kept members of its definition if any. */
export type DashboardContext = SegmentQueryContext & { kept?: KeptMembers };

export interface MemberRows {
  /** A subquery of the members' customer_no. */
  numbers: string;
  /** A subquery of the members' customer_id. */
  ids: string;
  params: SqlParam[];
}

/** The members of `definition` as subqueries (the kept rows when the context has them). */
export function memberRows(ctx: DashboardContext, definition: SegmentDefinition): MemberRows {
  if (ctx.kept?.definition === definition) {
    const where = `FROM ${MEMBER_TABLE} WHERE set_id = ${String(ctx.kept.setId)}`;
    return {
      numbers: `SELECT customer_no ${where}`,
      ids: `SELECT customer_id ${where}`,
      params: [],
    };
  }
  const compiled = compileDefinition(definition, overSegmentTables(ctx));
  const from = `FROM ${compiled.from} WHERE (${compiled.where})`;
  return {
    numbers: `${compiled.with}SELECT c.customer_no ${from}`,
    ids: `${compiled.with}SELECT c.customer_id ${from}`,
    params: compiled.params,
  };
}

export async function createMemberTable(connection: DuckDBConnection): Promise<void> {
  await connection.run(
    `CREATE OR REPLACE TABLE ${MEMBER_TABLE} (set_id INTEGER, customer_no INTEGER, customer_id VARCHAR)`,
  );
}

/** Selects `definition`'s members into MEMBER_TABLE as set `setId`. */
export async function keepMembers(
  connection: DuckDBConnection,
  ctx: SegmentQueryContext,
  definition: SegmentDefinition,
  setId: number,
): Promise<void> {
  const compiled = compileDefinition(definition, overSegmentTables(ctx));
  await runSegmentStatement(connection, {
    sql: `INSERT INTO ${MEMBER_TABLE}
          ${compiled.with}SELECT ${String(setId)}, c.customer_no, c.customer_id
          FROM ${compiled.from} WHERE (${compiled.where})`,
    params: compiled.params,
  });
}

/** Drops the rows of the sets `setIds`. */
export async function dropMembers(
  connection: DuckDBConnection,
  setIds: readonly number[],
): Promise<void> {
  if (setIds.length === 0) return;
  await connection.run(
    `DELETE FROM ${MEMBER_TABLE} WHERE set_id IN (${setIds.map(String).join(', ')})`,
  );
}
