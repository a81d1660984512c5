// The field catalogue on ClickHouse: the same figures as the DuckDB store's (duckdb-catalogue.ts),
// in ClickHouse's SQL — column stats and value counts by GROUP BY, per-customer aggregates, the
// latest consents by argMax, event properties through ClickHouse's JSON functions. JS ranks the
// (small) grouped rows with the shared rules (`field`, `eventTypesOf`). Held to the DuckDB store
// on the same rows by clickhouse-store.test.ts.
import type { CatalogueField, CatalogueResponse } from '../../src/api/contract.ts';
import {
  aggregateFields,
  columnFields,
  reachabilityFields,
  SUGGESTION_MAX_DISTINCT,
  VALID_EMAIL_RE2,
  wantsSuggestions,
  type ColumnFieldSpec,
} from '../../src/domain/profile/catalogue.ts';
import { halfEven } from '../../src/domain/segment/sql-layout.ts';
import { chString, type ClickHouseRunner } from './clickhouse.ts';
import { eventTypesOf, type EventPropertyRow } from './duckdb-catalogue-events.ts';
import { field, type Stats } from './duckdb-catalogue.ts';
import { quote, tables } from './duckdb-schema.ts';

/** Outer joins give NULL where nothing matches (not the type's default); 64-bit counts as numbers. */
const SETTINGS = ' SETTINGS join_use_nulls = 1, output_format_json_quote_64bit_integers = 0';

/** Orders that count as purchases: everything not returned or cancelled (as `orderFigures`). */
const COMPLETED = `status NOT IN ('returned', 'cancelled')`;

const num = (v: unknown): number => Number(v ?? 0);
const txt = (v: unknown): string => (typeof v === 'string' ? v : String(v));

/** An instant as the model writes it (ISO UTC with milliseconds); a date as YYYY-MM-DD. */
function asText(kind: string | undefined, x: string): string {
  if (kind === 'instant') return `concat(replaceOne(toString(${x}), ' ', 'T'), 'Z')`;
  return `toString(${x})`;
}

function statsOf(row: Record<string, unknown> | undefined, ranged: boolean): Stats {
  const present = num(row?.present);
  const extreme = (v: unknown) =>
    present === 0 || !ranged || v === null || v === undefined
      ? null
      : typeof v === 'string'
        ? v
        : Number(v);
  return {
    present,
    missing: num(row?.missing),
    distinct: num(row?.distinct),
    min: extreme(row?.mn),
    max: extreme(row?.mx),
  };
}

async function columnField(ch: ClickHouseRunner, spec: ColumnFieldSpec): Promise<CatalogueField> {
  const kind = tables[spec.table].find((c) => c.name === spec.column)?.kind;
  if (kind === undefined) throw new Error(`No column ${spec.table}.${spec.column}`);
  const from =
    spec.table === 'products'
      ? 'order_lines l LEFT JOIN products t ON t.sku = l.sku'
      : `${quote(spec.table)} t`;
  const value = `t.${quote(spec.column)}`;
  const ranged = kind === 'instant' || kind === 'date';
  const bound = (agg: string) => (ranged ? asText(kind, `${agg}(${value})`) : `${agg}(${value})`);
  const [row] = await ch.rows(
    `SELECT count(${value}) AS present, count() - count(${value}) AS missing,
            count(DISTINCT ${value}) AS distinct, ${bound('min')} AS mn, ${bound('max')} AS mx
       FROM ${from}${SETTINGS}`,
  );
  const stats = statsOf(row, spec.type === 'number' || spec.type === 'date');
  const counts: [string, number][] =
    wantsSuggestions(spec.type, stats.distinct) && stats.present > 0
      ? (
          await ch.rows(
            `SELECT toString(${value}) AS value, count() AS n FROM ${from}
              WHERE ${value} IS NOT NULL GROUP BY ${value}${SETTINGS}`,
          )
        ).map((r) => [txt(r.value), num(r.n)])
      : [];
  return field(spec, stats, counts);
}

/** Per customer (every customer, with or without orders) the four aggregate figures. */
function aggregatesSql(asOfMs: number): string {
  const x = 'x';
  return `
    WITH a AS (
      SELECT customer_id, countIf(${COMPLETED}) AS n, sumIf(total_cents, ${COMPLETED}) AS spend,
             maxIf(placed_at, ${COMPLETED}) AS last_at
        FROM orders GROUP BY customer_id
    ),
    per AS (
      SELECT toInt64(coalesce(a.n, 0)) AS order_count,
             toInt64(coalesce(a.spend, 0)) AS total_spend_cents,
             if(coalesce(a.n, 0) = 0, NULL, toFloat64(a.spend) / a.n) AS x,
             if(coalesce(a.n, 0) = 0, NULL,
                floor((${String(asOfMs)} - toFloat64(toUnixTimestamp64Milli(a.last_at))) / 86400000.0))
               AS days_since_last_order
        FROM customers c LEFT JOIN a ON a.customer_id = c.customer_id
    ),
    v AS (SELECT *, ${halfEven(x)} AS average_order_cents FROM per)
    SELECT ${aggregateFields
      .map((f) => {
        const c = f.id.replace('aggregate.', '');
        return `count(${c}) AS "${c}.present", count() - count(${c}) AS "${c}.missing",
          count(DISTINCT ${c}) AS "${c}.distinct", min(${c}) AS "${c}.mn", max(${c}) AS "${c}.mx"`;
      })
      .join(', ')}
    FROM v${SETTINGS}`;
}

async function aggregates(ch: ClickHouseRunner, asOf: string): Promise<CatalogueField[]> {
  const [row] = await ch.rows(aggregatesSql(Date.parse(asOf)));
  return aggregateFields.map((spec) => {
    const c = spec.id.replace('aggregate.', '');
    const pick: Record<string, unknown> = {};
    for (const k of ['present', 'missing', 'distinct', 'mn', 'mx']) pick[k] = row?.[`${c}.${k}`];
    return field(spec, statsOf(pick, true), []);
  });
}

const CHANNELS = "['email', 'sms', 'push', 'phone']";
const yesNo = (test: string) => `if(${test}, 'true', 'false')`;

/** Reach figures; `customer_quality` holds the first names' verdicts (clickhouse-segments.ts). */
const REACH_SQL = `
  WITH latest AS (
    SELECT customer_id, channel, argMax(status, ("at", consent_id)) AS status
      FROM consents GROUP BY customer_id, channel
  ),
  cc AS (
    SELECT c.customer_id AS customer_id, ch AS channel FROM customers c ARRAY JOIN ${CHANNELS} AS ch
  ),
  v AS (
    SELECT concat('consent_', cc.channel) AS field, coalesce(l.status, 'unknown') AS value
      FROM cc LEFT JOIN latest l ON l.customer_id = cc.customer_id AND l.channel = cc.channel
    UNION ALL
    SELECT 'valid_email', ${yesNo(`match(coalesce(email, ''), ${chString(VALID_EMAIL_RE2)})`)} FROM customers
    UNION ALL
    SELECT 'has_phone', ${yesNo("phone IS NOT NULL AND phone <> ''")} FROM customers
    UNION ALL
    SELECT 'usable_first_name', ${yesNo('q.junk IS NULL')}
      FROM customers c LEFT JOIN customer_quality q ON q.customer_id = c.customer_id
    UNION ALL
    SELECT fact.1, ${yesNo('fact.2')}
      FROM quality_customers
      ARRAY JOIN [('shared_device', shared_device), ('duplicate_email', duplicate_email),
                  ('duplicate_phone', duplicate_phone)] AS fact
    UNION ALL
    SELECT concat('known_consent_', cc.channel), ${yesNo('l.status IS NOT NULL')}
      FROM cc LEFT JOIN latest l ON l.customer_id = cc.customer_id AND l.channel = cc.channel
  )
  SELECT field, value, count() AS n FROM v GROUP BY field, value${SETTINGS}`;

async function reachability(ch: ClickHouseRunner): Promise<CatalogueField[]> {
  const rows = await ch.rows(REACH_SQL);
  return reachabilityFields.map((spec) => {
    const name = spec.id.replace('reachability.', '');
    const counts: [string, number][] = rows
      .filter((r) => r.field === name)
      .map((r) => [txt(r.value), num(r.n)]);
    const present = counts.reduce((sum, [, n]) => sum + n, 0);
    return field(
      spec,
      { present, missing: 0, distinct: counts.length, min: null, max: null },
      counts,
    );
  });
}

/** ClickHouse's JSON type names as DuckDB's, which `eventTypesOf` reads. */
const JSON_TYPE = `multiIf(t = 'String', 'VARCHAR', t = 'Int64', 'BIGINT', t = 'UInt64', 'UBIGINT',
  t = 'Double', 'DOUBLE', t = 'Bool', 'BOOLEAN', t = 'Null', 'NULL', t = 'Object', 'OBJECT', 'ARRAY')`;

const PROPERTIES_SQL = `
  WITH kv AS (
    SELECT type, kv.1 AS key, JSONType(kv.2) AS t, ${JSON_TYPE} AS json_type,
           if(t = 'String', JSONExtractString(kv.2), kv.2) AS text
      FROM events ARRAY JOIN JSONExtractKeysAndValuesRaw(properties) AS kv
  ),
  g AS (SELECT type, key, json_type, text, count() AS n FROM kv GROUP BY type, key, json_type, text)
  SELECT type, key, json_type, text, n,
         uniqExact(text) OVER (PARTITION BY type, key) AS values,
         row_number() OVER (PARTITION BY type, key, json_type ORDER BY text) AS nth
    FROM g
  QUALIFY values <= ${String(SUGGESTION_MAX_DISTINCT)} OR nth = 1${SETTINGS}`;

async function eventTypes(ch: ClickHouseRunner) {
  const types = await ch.rows(
    `SELECT toString(type) AS type, count() AS n, count(DISTINCT customer_id) AS customers,
            groupUniqArray(toString(channel)) AS channels
       FROM events GROUP BY type${SETTINGS}`,
  );
  const props = await ch.rows(PROPERTIES_SQL);
  return eventTypesOf(
    types.map((r) => ({
      type: txt(r.type),
      n: num(r.n),
      customers: num(r.customers),
      channels: Array.isArray(r.channels) ? r.channels.map(txt) : [],
    })),
    props.map((r): EventPropertyRow => ({
      type: txt(r.type),
      key: txt(r.key),
      json_type: txt(r.json_type),
      text: txt(r.text),
      n: num(r.n),
      values: num(r.values),
    })),
  );
}

export async function readClickHouseCatalogue(
  ch: ClickHouseRunner,
  asOf: string,
): Promise<CatalogueResponse> {
  const fields: CatalogueField[] = [];
  for (const spec of columnFields) fields.push(await columnField(ch, spec));
  fields.push(...(await aggregates(ch, asOf)));
  fields.push(...(await reachability(ch)));
  const [count] = await ch.rows(`SELECT count() AS n FROM customers${SETTINGS}`);
  return { customers: num(count?.n), fields, event_types: await eventTypes(ch) };
}
