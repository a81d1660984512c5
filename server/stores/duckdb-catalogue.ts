// The field catalogue in SQL: column stats and value counts by GROUP BY, per-customer aggregates and
// latest consents computed in SQL, event property names and types through DuckDB's JSON functions.
// JS only ranks the (small) grouped counts with the shared rules, as memory-catalogue.ts does.
import { DOUBLE, type DuckDBConnection } from '@duckdb/node-api';
import type { CatalogueField, CatalogueResponse } from '../../src/api/contract.ts';
import {
  aggregateFields,
  columnFields,
  rankSuggestions,
  reachabilityFields,
  VALID_EMAIL_RE2,
  wantsSuggestions,
  type ColumnFieldSpec,
  type FieldSpec,
} from '../../src/domain/profile/catalogue.ts';
import { FIRST_NAME_JUNK_SQL } from '../../src/domain/template/salutation.ts';
import { readEventTypes } from './duckdb-catalogue-events.ts';
import { INSTANT_FORMAT, quote, tables } from './duckdb-schema.ts';
import { epochMs, queryRows, toNumber, toNumberOrNull, toText, type Row } from './duckdb-values.ts';

/** Orders that count as purchases: everything not returned or cancelled (as `orderFigures`). */
const COMPLETED = `status NOT IN ('returned', 'cancelled')`;

export interface Stats {
  present: number;
  missing: number;
  distinct: number;
  min: string | number | null;
  max: string | number | null;
}

/** A field from its stats and value counts, with `describeValues`'s rules. */
export function field(
  spec: FieldSpec,
  stats: Stats,
  counts: Iterable<[string, number]>,
): CatalogueField {
  const ranged = spec.type === 'number' || spec.type === 'date';
  return {
    id: spec.id,
    group: spec.group,
    label: spec.label,
    type: spec.type,
    stats: { ...stats, min: ranged ? stats.min : null, max: ranged ? stats.max : null },
    suggestions: wantsSuggestions(spec.type, stats.distinct) ? rankSuggestions(counts) : [],
  };
}

function countsOf(rows: readonly Row[]): [string, number][] {
  return rows.map((r) => [toText(r.value ?? null), toNumber(r.n ?? null)]);
}

/** The rows a column field counts, and the expression of its value. */
function sourceOf(spec: ColumnFieldSpec): { from: string; value: string; format: string | null } {
  const kind = tables[spec.table].find((c) => c.name === spec.column)?.kind;
  if (kind === undefined) throw new Error(`No column ${spec.table}.${spec.column}`);
  const from =
    spec.table === 'products'
      ? 'order_lines l LEFT JOIN products t ON t.sku = l.sku'
      : `${quote(spec.table)} t`;
  const format = kind === 'instant' ? INSTANT_FORMAT : kind === 'date' ? '%Y-%m-%d' : null;
  return { from, value: `t.${quote(spec.column)}`, format };
}

async function columnField(connection: DuckDBConnection, spec: ColumnFieldSpec) {
  const { from, value, format } = sourceOf(spec);
  const bound = (agg: string) =>
    format === null ? `${agg}(${value})` : `strftime(${agg}(${value}), '${format}')`;
  const [row] = await queryRows(
    connection,
    `SELECT count(${value})::INTEGER AS present, (count(*) - count(${value}))::INTEGER AS missing,
       count(DISTINCT ${value})::INTEGER AS "distinct", ${bound('min')} AS mn, ${bound('max')} AS mx
     FROM ${from}`,
  );
  const stats = statsOf(row);
  const counts =
    wantsSuggestions(spec.type, stats.distinct) && stats.present > 0
      ? countsOf(
          await queryRows(
            connection,
            `SELECT ${value}::VARCHAR AS value, count(*)::INTEGER AS n FROM ${from}
             WHERE ${value} IS NOT NULL GROUP BY ${value}`,
          ),
        )
      : [];
  return field(spec, stats, counts);
}

function statsOf(row: Row | undefined): Stats {
  if (row === undefined) throw new Error('DuckDB store: a stats query returned no row');
  const extreme = (v: Row[string] | undefined) =>
    typeof v === 'string' ? v : toNumberOrNull(v ?? null);
  return {
    present: toNumber(row.present ?? null),
    missing: toNumber(row.missing ?? null),
    distinct: toNumber(row.distinct ?? null),
    min: extreme(row.mn),
    max: extreme(row.mx),
  };
}

/** Per customer (every customer, with or without orders) the four aggregate figures. */
const AGGREGATES_SQL = `
  WITH a AS (
    SELECT customer_id,
      count(*) FILTER (WHERE ${COMPLETED}) AS n,
      sum(total_cents) FILTER (WHERE ${COMPLETED}) AS spend,
      max(placed_at) FILTER (WHERE ${COMPLETED}) AS last_at
    FROM orders GROUP BY customer_id
  ),
  per AS (
    SELECT
      coalesce(a.n, 0)::BIGINT AS order_count,
      coalesce(a.spend, 0)::BIGINT AS total_spend_cents,
      CASE WHEN coalesce(a.n, 0) = 0 THEN NULL ELSE a.spend::DOUBLE / a.n END AS x,
      CASE WHEN a.last_at IS NULL THEN NULL
           ELSE floor(($1 - epoch_ms(a.last_at)::DOUBLE) / 86400000.0) END AS days_since_last_order
    FROM customers c LEFT JOIN a ON a.customer_id = c.customer_id
  ),
  v AS (
    SELECT *,
      -- roundHalfEven (figures.ts) on the same doubles.
      CASE WHEN x - floor(x) > 0.5 THEN floor(x) + 1
           WHEN x - floor(x) < 0.5 THEN floor(x)
           WHEN floor(x) % 2 = 0 THEN floor(x)
           ELSE floor(x) + 1 END AS average_order_cents
    FROM per
  )
  SELECT ${aggregateFields
    .map((f) => {
      const c = f.id.replace('aggregate.', '');
      return `count(${c})::INTEGER AS "${c}.present", (count(*) - count(${c}))::INTEGER AS "${c}.missing",
        count(DISTINCT ${c})::INTEGER AS "${c}.distinct", min(${c}) AS "${c}.mn", max(${c}) AS "${c}.mx"`;
    })
    .join(', ')}
  FROM v`;

async function aggregates(connection: DuckDBConnection, asOf: string): Promise<CatalogueField[]> {
  const [row] = await queryRows(connection, AGGREGATES_SQL, [epochMs(asOf)], [DOUBLE]);
  return aggregateFields.map((spec) => {
    const c = spec.id.replace('aggregate.', '');
    const pick: Row = {};
    for (const k of ['present', 'missing', 'distinct', 'mn', 'mx'])
      pick[k] = row?.[`${c}.${k}`] ?? null;
    return field(spec, statsOf(pick), []);
  });
}

const EMAIL_PATTERN = VALID_EMAIL_RE2;

const REACH_SQL = `
  WITH latest AS (
    SELECT customer_id, channel, status FROM consents
    QUALIFY row_number() OVER (PARTITION BY customer_id, channel ORDER BY "at" DESC, consent_id DESC) = 1
  ),
  v AS (
    SELECT 'consent_' || ch.channel AS field, coalesce(l.status, 'unknown') AS value
      FROM customers c CROSS JOIN (VALUES ('email'), ('sms'), ('push'), ('phone')) ch(channel)
      LEFT JOIN latest l ON l.customer_id = c.customer_id AND l.channel = ch.channel
    UNION ALL
    SELECT 'valid_email', regexp_matches(coalesce(email, ''), '${EMAIL_PATTERN}')::VARCHAR FROM customers
    UNION ALL
    SELECT 'has_phone', (phone IS NOT NULL AND phone <> '')::VARCHAR FROM customers
    UNION ALL
    SELECT 'usable_first_name', (${FIRST_NAME_JUNK_SQL}(first_name, email) IS NULL)::VARCHAR
      FROM customers
    UNION ALL
    SELECT unnest(['shared_device', 'duplicate_email', 'duplicate_phone']),
           unnest([shared_device, duplicate_email, duplicate_phone])::VARCHAR
      FROM segment_customers
    UNION ALL
    SELECT 'known_consent_' || ch.channel, (l.status IS NOT NULL)::VARCHAR
      FROM customers c CROSS JOIN (VALUES ('email'), ('sms'), ('push'), ('phone')) ch(channel)
      LEFT JOIN latest l ON l.customer_id = c.customer_id AND l.channel = ch.channel
  )
  SELECT field, value, count(*)::INTEGER AS n FROM v GROUP BY field, value`;

async function reachability(connection: DuckDBConnection): Promise<CatalogueField[]> {
  const rows = await queryRows(connection, REACH_SQL);
  return reachabilityFields.map((spec) => {
    const name = spec.id.replace('reachability.', '');
    const counts = countsOf(rows.filter((r) => r.field === name));
    const present = counts.reduce((sum, [, n]) => sum + n, 0);
    return field(
      spec,
      { present, missing: 0, distinct: counts.length, min: null, max: null },
      counts,
    );
  });
}

export async function readCatalogue(
  connection: DuckDBConnection,
  asOf: string,
): Promise<CatalogueResponse> {
  const fields: CatalogueField[] = [];
  for (const spec of columnFields) fields.push(await columnField(connection, spec));
  fields.push(...(await aggregates(connection, asOf)));
  fields.push(...(await reachability(connection)));
  const [count] = await queryRows(connection, 'SELECT count(*)::INTEGER AS n FROM customers');
  return {
    customers: toNumber(count?.n ?? null),
    fields,
    event_types: await readEventTypes(connection),
  };
}
