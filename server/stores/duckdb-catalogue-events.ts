// The catalogue's event types in SQL: counts, customers and channels per type by GROUP BY; property
// names, JSON types and value counts through json_each. JS merges the (small) grouped rows and
// ranks them with the shared rules, as memory-catalogue.ts does.
import { DuckDBListValue, type DuckDBConnection } from '@duckdb/node-api';
import type { CatalogueEventType } from '../../src/api/contract.ts';
import {
  eventTypeLabels,
  propertyType,
  rankSuggestions,
  SUGGESTION_MAX_DISTINCT,
  wantsSuggestions,
} from '../../src/domain/profile/catalogue.ts';
import { eventType as eventTypeSchema } from '../../src/domain/profile/schema.ts';
import { queryRows, toNumber, toText } from './duckdb-values.ts';
import { compareText } from '../../src/domain/compare.ts';

/** The event types' counts (DuckDB). */
const EVENT_TYPES_SQL = `SELECT type, count(*)::INTEGER AS n,
    count(DISTINCT customer_id)::INTEGER AS customers, list(DISTINCT channel) AS channels
  FROM events GROUP BY type`;

/**
 * Every (event type, property, JSON type, value as text) with its count, for properties with at
 * most SUGGESTION_MAX_DISTINCT values; for the others one row per JSON type (for the property's
 * type), with `values` > SUGGESTION_MAX_DISTINCT so that they get no suggestions.
 */
const PROPERTIES_SQL = `
  WITH kv AS (
    SELECT e.type, j.key, j.type AS json_type,
      CASE WHEN j.type = 'VARCHAR' THEN j.value ->> '$' ELSE j.value::VARCHAR END AS text
    FROM events e, json_each(e.properties) j
  ),
  g AS (SELECT type, key, json_type, text, count(*) AS n FROM kv GROUP BY ALL)
  SELECT type, key, json_type, text, n::INTEGER AS n,
    count(DISTINCT text) OVER (PARTITION BY type, key)::INTEGER AS "values"
  FROM g
  QUALIFY "values" <= ${SUGGESTION_MAX_DISTINCT}
       OR row_number() OVER (PARTITION BY type, key, json_type ORDER BY text) = 1`;

const NUMERIC = new Set(['BIGINT', 'UBIGINT', 'HUGEINT', 'DOUBLE', 'INTEGER']);

/** `String(value)` of a JSON value, as memory-catalogue's keys: numbers in JS's own notation. */
function keyText(jsonType: string, text: string): string {
  return NUMERIC.has(jsonType) ? String(Number(text)) : text;
}

/** An event type's counts, as an engine groups them. */
export interface EventTypeRow {
  type: string;
  n: number;
  customers: number;
  channels: readonly string[];
}

/** One (event type, property, JSON type, value as text) with its count (PROPERTIES_SQL). */
export interface EventPropertyRow {
  type: string;
  key: string;
  /** DuckDB's JSON type name: VARCHAR, BIGINT, UBIGINT, DOUBLE, BOOLEAN, NULL… */
  json_type: string;
  text: string;
  n: number;
  /** How many distinct values the property has. */
  values: number;
}

export async function readEventTypes(connection: DuckDBConnection): Promise<CatalogueEventType[]> {
  const types = (await queryRows(connection, EVENT_TYPES_SQL)).map((r): EventTypeRow => ({
    type: toText(r.type ?? null),
    n: toNumber(r.n ?? null),
    customers: toNumber(r.customers ?? null),
    channels: r.channels instanceof DuckDBListValue ? r.channels.items.map((c) => toText(c)) : [],
  }));
  const props = (await queryRows(connection, PROPERTIES_SQL)).map((r): EventPropertyRow => ({
    type: toText(r.type ?? null),
    key: toText(r.key ?? null),
    json_type: toText(r.json_type ?? null),
    text: toText(r.text ?? null),
    n: toNumber(r.n ?? null),
    values: toNumber(r.values ?? null),
  }));
  return eventTypesOf(types, props);
}

/** The catalogue's event types from an engine's grouped rows, ranked with the shared rules. */
export function eventTypesOf(
  typeRows: readonly EventTypeRow[],
  propertyRows: readonly EventPropertyRow[],
): CatalogueEventType[] {
  const types = new Map(typeRows.map((r) => [r.type, r]));
  interface Prop {
    seen: { string: boolean; number: boolean; boolean: boolean };
    counts: Map<string, number>;
    values: number;
  }
  const props = new Map<string, Map<string, Prop>>();
  for (const r of propertyRows) {
    const { type, key: name, json_type: jsonType } = r;
    let byName = props.get(type);
    if (!byName) props.set(type, (byName = new Map()));
    let prop = byName.get(name);
    if (!prop) {
      const seen = { string: false, number: false, boolean: false };
      prop = { seen, counts: new Map(), values: r.values };
      byName.set(name, prop);
    }
    if (jsonType === 'VARCHAR') prop.seen.string = true;
    else if (NUMERIC.has(jsonType)) prop.seen.number = true;
    else prop.seen.boolean = true;
    if (jsonType === 'NULL' || prop.values > SUGGESTION_MAX_DISTINCT) continue;
    const key = keyText(jsonType, r.text);
    prop.counts.set(key, (prop.counts.get(key) ?? 0) + r.n);
  }
  return eventTypeSchema.options
    .filter((type) => types.has(type))
    .map((type) => {
      const row = types.get(type);
      const byName = [...(props.get(type) ?? new Map<string, Prop>()).entries()].sort(([a], [b]) =>
        compareText(a, b),
      );
      return {
        type,
        label: eventTypeLabels[type],
        count: row?.n ?? 0,
        customers: row?.customers ?? 0,
        channels: [...(row?.channels ?? [])].sort(),
        properties: byName.map(([name, prop]) => {
          const t = propertyType(prop.seen);
          const distinct = prop.values > SUGGESTION_MAX_DISTINCT ? prop.values : prop.counts.size;
          const suggestions = wantsSuggestions(t, distinct) ? rankSuggestions(prop.counts) : [];
          return { name, type: t, suggestions };
        }),
      };
    });
}
