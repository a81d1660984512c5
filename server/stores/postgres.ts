// Segments on PostgreSQL (issue 14, decision 043), for retailers whose CRM data sits there: the
// logical model's tables (the import layout's, the same columns as the DuckDB store's) loaded from
// the layout's CSV files by PostgreSQL's own COPY, and the same definitions compiled by the same
// walk in PostgreSQL's dialect. As in ClickHouse, two facts the walk cannot compute in SQL sit
// beside the tables: each customer's scores (JSON, as DuckDB keeps them) and whether their first
// name can greet them (the domain's firstNameJunk, run here at load). Queries go through a
// `PostgresRunner`: PGlite in-process, or a PostgreSQL server through node-postgres.
import { join, resolve } from 'node:path';
import { IMPORT_TABLES, type ImportTable } from '../../src/api/contract.ts';
import type { SegmentDefinition } from '../../src/domain/segment/definition.ts';
import {
  POSTGRES,
  compileDefinition,
  countQuery,
  membersQuery,
} from '../../src/domain/segment/sql.ts';
import type { SqlLayout } from '../../src/domain/segment/sql-layout.ts';
import { firstNameJunk } from '../../src/domain/template/salutation.ts';
import { quote, tables, type ColumnSpec } from './duckdb-schema.ts';

/** Runs statements and reads rows on a PostgreSQL, embedded or remote. */
export interface PostgresRunner {
  /** One statement or several, no parameters. */
  run(sql: string): Promise<void>;
  rows(sql: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
  /** Loads a CSV file with a header into `table` by COPY (the columns in the file's order). */
  copyCsv(table: string, columns: readonly string[], path: string): Promise<void>;
  close(): Promise<void>;
}

const TYPES: Readonly<Record<ColumnSpec['kind'], string>> = {
  text: 'text',
  instant: 'timestamptz',
  date: 'date',
  int: 'integer',
  cents: 'integer',
  double: 'double precision',
  bool: 'boolean',
  json: 'jsonb',
};

/** How `table` is made: the model's columns; a customer's rows found by an index on its id. */
export function postgresDdl(table: ImportTable): string {
  const columns = tables[table].map(
    (c) => `${quote(c.name)} ${TYPES[c.kind]}${c.nullable ? '' : ' NOT NULL'}`,
  );
  const byCustomer = tables[table].some((c) => c.name === 'customer_id')
    ? `; CREATE INDEX ON ${quote(table)} (customer_id)`
    : '';
  return `DROP TABLE IF EXISTS ${quote(table)}; CREATE TABLE ${quote(table)} (${columns.join(', ')})${byCustomer}`;
}

/**
 * Loads a directory in the import layout (as `npm run export-demo` writes it, checked by the import
 * first) into the tables, each file by COPY. Answers the rows of each table.
 */
export async function loadLayoutIntoPostgres(
  pg: PostgresRunner,
  dir: string,
): Promise<Record<ImportTable, number>> {
  const loaded: Partial<Record<ImportTable, number>> = {};
  for (const table of IMPORT_TABLES) {
    await pg.run(postgresDdl(table));
    const columns = tables[table].map((c) => c.name);
    await pg.copyCsv(table, columns, resolve(join(dir, `${table}.csv`)));
    const [counted] = await pg.rows(`SELECT count(*)::integer AS n FROM ${quote(table)}`);
    loaded[table] = Number(counted?.n ?? 0);
  }
  await pg.run('ANALYZE');
  const complete = (l: Partial<Record<ImportTable, number>>): l is Record<ImportTable, number> =>
    IMPORT_TABLES.every((t) => l[t] !== undefined);
  if (!complete(loaded)) throw new Error('A table was not loaded.');
  return loaded;
}

const rowsOf = <T>(values: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let at = 0; at < values.length; at += size) out.push(values.slice(at, at + size));
  return out;
};

/** Every customer's first-name verdict (NULL: usable), computed by the domain. */
export async function writePostgresCustomerQuality(pg: PostgresRunner): Promise<void> {
  await pg.run(
    'DROP TABLE IF EXISTS customer_quality; CREATE TABLE customer_quality (customer_id text PRIMARY KEY, junk text)',
  );
  const rows = await pg.rows('SELECT customer_id, first_name, email FROM customers');
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  for (const batch of rowsOf(rows, 2_000)) {
    const ids = batch.map((r) => String(r.customer_id));
    const junk = batch.map((r) => firstNameJunk(text(r.first_name), text(r.email)));
    await pg.rows('INSERT INTO customer_quality SELECT * FROM unnest($1::text[], $2::text[])', [
      ids,
      junk,
    ]);
  }
}

/** Each customer's scores as one JSON object, as the walk reads them (`customer_scores`). */
export async function writePostgresCustomerScores(
  pg: PostgresRunner,
  values: ReadonlyMap<string, ReadonlyMap<string, string | number | null>>,
): Promise<void> {
  await pg.run(
    'DROP TABLE IF EXISTS customer_scores; CREATE TABLE customer_scores (customer_id text PRIMARY KEY, scores jsonb NOT NULL)',
  );
  for (const batch of rowsOf([...values], 2_000)) {
    await pg.rows('INSERT INTO customer_scores SELECT * FROM unnest($1::text[], $2::jsonb[])', [
      batch.map(([id]) => id),
      batch.map(([, scores]) => JSON.stringify(Object.fromEntries(scores))),
    ]);
  }
}

/** The loaded customers, with the first-name verdict beside each row. */
const layout = (): SqlLayout => ({
  from: () =>
    '(SELECT cu.*, q.junk AS first_name_junk FROM customers cu ' +
    'LEFT JOIN customer_quality q ON q.customer_id = cu.customer_id) c',
  reach: (check) => (check.type === 'usable_first_name' ? 'c.first_name_junk IS NULL' : undefined),
});

export interface PostgresSegmentContext {
  asOf: string;
  segments: ReadonlyMap<string, SegmentDefinition>;
  /** The score ids `customer_scores` holds. */
  scores?: ReadonlySet<string>;
}

function compile(definition: SegmentDefinition, ctx: PostgresSegmentContext) {
  return compileDefinition(definition, {
    asOf: ctx.asOf,
    segments: ctx.segments,
    dialect: POSTGRES,
    ...(ctx.scores === undefined ? {} : { scores: ctx.scores }),
    layout,
  });
}

/** At most `limit` member ids of `definition`, in id order. */
export async function postgresMembers(
  pg: PostgresRunner,
  definition: SegmentDefinition,
  ctx: PostgresSegmentContext,
  limit: number,
): Promise<string[]> {
  const statement = membersQuery(compile(definition, ctx), limit);
  const rows = await pg.rows(
    statement.sql,
    statement.params.map((p) => p.value),
  );
  return rows.map((r) => String(r.customer_id));
}

/** How many customers `definition` selects. */
export async function postgresCount(
  pg: PostgresRunner,
  definition: SegmentDefinition,
  ctx: PostgresSegmentContext,
): Promise<number> {
  const statement = countQuery(compile(definition, ctx));
  const [row] = await pg.rows(
    statement.sql,
    statement.params.map((p) => p.value),
  );
  return Number(row?.n ?? 0);
}
