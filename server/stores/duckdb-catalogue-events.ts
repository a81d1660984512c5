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

export async function readEventTypes(connection: DuckDBConnection): Promise<CatalogueEventType[]> {
  const types = new Map((await queryRows(connection, EVENT_TYPES_SQL)).map((r) => [r.type, r]));
  interface Prop {
    seen: { string: boolean; number: boolean; boolean: boolean };
    counts: Map<string, number>;
    values: number;
  }
  const props = new Map<string, Map<string, Prop>>();
  for (const r of await queryRows(connection, PROPERTIES_SQL)) {
    const type = toText(r.type ?? null);
    const name = toText(r.key ?? null);
    const jsonType = toText(r.json_type ?? null);
    let byName = props.get(type);
    if (!byName) props.set(type, (byName = new Map()));
    let prop = byName.get(name);
    if (!prop) {
      const seen = { string: false, number: false, boolean: false };
      prop = { seen, counts: new Map(), values: toNumber(r.values ?? null) };
      byName.set(name, prop);
    }
    if (jsonType === 'VARCHAR') prop.seen.string = true;
    else if (NUMERIC.has(jsonType)) prop.seen.number = true;
    else prop.seen.boolean = true;
    if (jsonType === 'NULL' || prop.values > SUGGESTION_MAX_DISTINCT) continue;
    const key = keyText(jsonType, toText(r.text ?? null));
    prop.counts.set(key, (prop.counts.get(key) ?? 0) + toNumber(r.n ?? null));
  }
  return eventTypeSchema.options
    .filter((type) => types.has(type))
    .map((type) => {
      const row = types.get(type);
      const channels = row?.channels;
      const byName = [...(props.get(type) ?? new Map<string, Prop>()).entries()].sort(([a], [b]) =>
        compareText(a, b),
      );
      return {
        type,
        label: eventTypeLabels[type],
        count: toNumber(row?.n ?? null),
        customers: toNumber(row?.customers ?? null),
        channels:
          channels instanceof DuckDBListValue ? channels.items.map((c) => toText(c)).sort() : [],
        properties: byName.map(([name, prop]) => {
          const t = propertyType(prop.seen);
          const distinct = prop.values > SUGGESTION_MAX_DISTINCT ? prop.values : prop.counts.size;
          const suggestions = wantsSuggestions(t, distinct) ? rankSuggestions(prop.counts) : [];
          return { name, type: t, suggestions };
        }),
      };
    });
}
