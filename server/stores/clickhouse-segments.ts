// Segments on the ClickHouse store (issue 14, decision 042): the same definitions compiled by the
// same walk in ClickHouse's dialect, over the loaded tables, with two facts the walk cannot compute
// in ClickHouse supplied beside them — each customer's scores (as JSON, as DuckDB keeps them) and
// whether their first name can greet them (the domain's firstNameJunk, run here in JS at load).
import type { SegmentDefinition } from '../../src/domain/segment/definition.ts';
import {
  CLICKHOUSE,
  compileDefinition,
  countQuery,
  membersQuery,
  type SqlParam,
} from '../../src/domain/segment/sql.ts';
import type { SqlLayout } from '../../src/domain/segment/sql-layout.ts';
import { firstNameJunk } from '../../src/domain/template/salutation.ts';
import { chString, type ClickHouseParams, type ClickHouseRunner } from './clickhouse.ts';

/** Every customer's first-name verdict (NULL: usable), computed by the domain. */
export async function writeCustomerQuality(ch: ClickHouseRunner): Promise<void> {
  await ch.run(
    'CREATE OR REPLACE TABLE customer_quality (customer_id String, junk Nullable(String)) ENGINE = MergeTree ORDER BY customer_id',
  );
  const rows = await ch.rows('SELECT customer_id, first_name, email FROM customers');
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  for (let at = 0; at < rows.length; at += 5_000) {
    const values = rows.slice(at, at + 5_000).map((r) => {
      const junk = firstNameJunk(text(r.first_name), text(r.email));
      return `(${chString(String(r.customer_id))}, ${junk === null ? 'NULL' : chString(junk)})`;
    });
    if (values.length > 0) await ch.run(`INSERT INTO customer_quality VALUES ${values.join(', ')}`);
  }
}

/**
 * Each customer's scores as one JSON object, as the walk reads them (`customer_scores`): written
 * into a table of its own, then exchanged with the one statements read, so that no count reads the
 * scores half written while a refit writes them.
 */
export async function writeCustomerScores(
  ch: ClickHouseRunner,
  values: ReadonlyMap<string, ReadonlyMap<string, string | number | null>>,
): Promise<void> {
  const columns = '(customer_id String, scores String) ENGINE = MergeTree ORDER BY customer_id';
  await ch.run('DROP TABLE IF EXISTS customer_scores_next');
  await ch.run(`CREATE TABLE customer_scores_next ${columns}`);
  await ch.run(`CREATE TABLE IF NOT EXISTS customer_scores ${columns}`);
  const rows = [...values].map(
    ([id, scores]) => `(${chString(id)}, ${chString(JSON.stringify(Object.fromEntries(scores)))})`,
  );
  for (let at = 0; at < rows.length; at += 5_000)
    await ch.run(
      `INSERT INTO customer_scores_next VALUES ${rows.slice(at, at + 5_000).join(', ')}`,
    );
  await ch.run('EXCHANGE TABLES customer_scores_next AND customer_scores');
  await ch.run('DROP TABLE customer_scores_next');
}

/**
 * The loaded customers, with the first-name verdict beside each row and what only the other
 * profiles tell (`quality_customers`, written at start from customer_quality and the loaded
 * tables: clickhouse-dashboards.ts).
 */
const layout = (): SqlLayout => ({
  // One join: quality_customers holds the first name's verdict too (its `first_name`).
  from: () =>
    '(SELECT cu.*, x.first_name AS first_name_junk, x.shared_device AS x_shared_device, ' +
    'x.duplicate_email AS x_duplicate_email, x.duplicate_phone AS x_duplicate_phone ' +
    'FROM customers cu LEFT JOIN quality_customers x ON x.customer_id = cu.customer_id) c',
  reach: (check) => {
    if (check.type === 'usable_first_name') return 'c.first_name_junk IS NULL';
    if (
      check.type === 'shared_device' ||
      check.type === 'duplicate_email' ||
      check.type === 'duplicate_phone'
    )
      return `coalesce(c.x_${check.type}, false)`;
    return undefined;
  },
});

export interface ClickHouseSegmentContext {
  asOf: string;
  segments: ReadonlyMap<string, SegmentDefinition>;
  /** The score ids `customer_scores` holds. */
  scores?: ReadonlySet<string>;
}

/** The walk's parameters by name; a double as text (chDB refuses numbers past 2^53 as such). */
const named = (params: readonly SqlParam[]): ClickHouseParams =>
  Object.fromEntries(
    params.map((p, i) => [
      `p${String(i + 1)}`,
      p.type === 'DOUBLE' && typeof p.value === 'number' ? String(p.value) : p.value,
    ]),
  );

function compile(definition: SegmentDefinition, ctx: ClickHouseSegmentContext) {
  return compileDefinition(definition, {
    asOf: ctx.asOf,
    segments: ctx.segments,
    dialect: CLICKHOUSE,
    ...(ctx.scores === undefined ? {} : { scores: ctx.scores }),
    layout,
  });
}

/**
 * An aggregate over no rows is NULL, and so is a column of an outer join's missing side, as SQL
 * has it and the walk expects (ClickHouse answers the type's default — 0, '', 1970 — unless told:
 * an order line whose product is gone had the category '', which is "not video games").
 */
export const SETTINGS = ' SETTINGS aggregate_functions_null_for_empty = 1, join_use_nulls = 1';

/** At most `limit` member ids of `definition` after `afterId` (exclusive), in id order. */
export async function clickhouseMembers(
  ch: ClickHouseRunner,
  definition: SegmentDefinition,
  ctx: ClickHouseSegmentContext,
  limit: number,
  afterId?: string,
): Promise<string[]> {
  const statement = membersQuery(compile(definition, ctx), limit, afterId);
  return (await ch.rows(statement.sql + SETTINGS, named(statement.params))).map((r) =>
    String(r.customer_id),
  );
}

/** How many customers `definition` selects. */
export async function clickhouseCount(
  ch: ClickHouseRunner,
  definition: SegmentDefinition,
  ctx: ClickHouseSegmentContext,
): Promise<number> {
  const statement = countQuery(compile(definition, ctx));
  const [row] = await ch.rows(statement.sql + SETTINGS, named(statement.params));
  return Number(row?.n ?? 0);
}

/**
 * The rows of `over(members)`, where `members` selects the members' customers rows (every column,
 * the first-name verdict too): a statement of ours over the members, sharing their parameters.
 */
export async function clickhouseRows(
  ch: ClickHouseRunner,
  definition: SegmentDefinition,
  ctx: ClickHouseSegmentContext,
  over: (members: string) => string,
): Promise<Record<string, unknown>[]> {
  const compiled = compile(definition, ctx);
  const members = `${compiled.with}SELECT c.* FROM ${compiled.from} WHERE (${compiled.where})`;
  return ch.rows(over(members) + SETTINGS, named(compiled.params));
}

/**
 * Whether a row's customer is one of `definition`'s members (null: everyone), as a condition on
 * `column` of a statement of ours, with the parameters the condition binds; the statement ends
 * with SETTINGS.
 */
export function clickhouseMemberFilter(
  definition: SegmentDefinition | null,
  ctx: ClickHouseSegmentContext,
): { of: (column: string) => string; params: ClickHouseParams } {
  if (definition === null) return { of: () => 'true', params: {} };
  const compiled = compile(definition, ctx);
  const members = `${compiled.with}SELECT c.customer_id FROM ${compiled.from} WHERE (${compiled.where})`;
  return { of: (column) => `${column} IN (${members})`, params: named(compiled.params) };
}
