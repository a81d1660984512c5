// Customer search in SQL and in memory (the rules of src/domain/profile/search.ts). Ids and
// identities (ranks 0 and 1) go through `search_terms`, rebuilt after every load: every identity
// value lower-cased, phones also compacted, and customer ids, sorted by term so zonemaps prune
// `term = ?`. Names and emails (ranks 2 and 3) go through a CustomerSearchIndex built from the
// customers once per load, as the memory store's: a scan of a million names in SQL took 70 ms
// for an exact name, and its word and typo tables 130 ms.
import { VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import type { SearchHit } from '../../src/api/contract.ts';
import { JS_SPACE_RE2 } from '../../src/domain/profile/catalogue.ts';
import { loyaltyTier } from '../../src/domain/profile/schema.ts';
import type { HeldIdentity } from '../../src/domain/profile/shared-devices.ts';
import {
  bestHits,
  compactPhone,
  normaliseQuery,
  phoneForms,
  type RankedHit,
} from '../../src/domain/profile/search.ts';
import {
  CustomerSearchIndex,
  type IndexedCustomer,
} from '../../src/domain/profile/search-index.ts';
import { queryRows, toNumber, toText, toTextOrNull } from './duckdb-values.ts';

/** JavaScript's `\s` in RE2 (shared with the catalogue's email check). */
export const JS_SPACE = JS_SPACE_RE2;
export const PHONE_PUNCTUATION = `[${JS_SPACE}.()\\-]`;

/** Rebuilds the derived search table (created empty by `createSchema`) from the loaded rows. */
export async function buildSearchTables(connection: DuckDBConnection): Promise<void> {
  await connection.run(`CREATE OR REPLACE TABLE search_terms AS
    SELECT * FROM (
      SELECT lower(customer_id) AS term, 0 AS rank, customer_id, 'customer_id' AS kind,
             customer_id AS value FROM customers
      UNION ALL
      SELECT lower(value), 1, customer_id, kind, value FROM identities
      UNION ALL
      SELECT regexp_replace(lower(value), '${PHONE_PUNCTUATION}', '', 'g'), 1, customer_id, kind, value
        FROM identities WHERE kind = 'phone'
    ) ORDER BY term`);
  for (const table of ['search_names', 'search_emails', 'search_words', 'search_variants'])
    await connection.run(`DROP TABLE IF EXISTS ${table}`);
}

/**
 * The customers' names and emails, indexed for search (once per load). Read column by column:
 * about twice as fast as row objects at a million customers (5 s against 10).
 */
export async function readSearchIndex(connection: DuckDBConnection): Promise<CustomerSearchIndex> {
  const reader = await connection.runAndReadAll(
    'SELECT customer_id, first_name, last_name, email, city, loyalty_tier FROM customers',
  );
  const [ids = [], firsts = [], lasts = [], emails = [], cities = [], tiers = []] =
    reader.getColumns();
  return new CustomerSearchIndex(
    ids.map((id, i): IndexedCustomer => ({
      customer_id: toText(id),
      first_name: toTextOrNull(firsts[i] ?? null),
      last_name: toTextOrNull(lasts[i] ?? null),
      email: toTextOrNull(emails[i] ?? null),
      city: toTextOrNull(cities[i] ?? null),
      loyalty_tier: loyaltyTier.parse(tiers[i]),
    })),
  );
}

/**
 * Ids and identities: $1 the normalised query, $2 to $4 its compact phone forms. A customer id
 * matches $1 only; an identity matches $1, or a phone form when it is a phone (a phone whose
 * lower-cased value equals a form also matches compacted, compacting twice changes nothing).
 */
const SEARCH_SQL = `
  SELECT customer_id, rank, kind, value FROM search_terms WHERE term = $1
  UNION ALL
  SELECT customer_id, rank, kind, value FROM search_terms
    WHERE term IN ($2, $3, $4) AND rank = 1 AND kind = 'phone'`;

function rankOf(value: number): RankedHit['rank'] {
  return value === 0 ? 0 : 1;
}

export async function searchCustomers(
  connection: DuckDBConnection,
  index: CustomerSearchIndex,
  query: string,
  limit: number,
): Promise<SearchHit[]> {
  const q = normaliseQuery(query);
  const top = Number.isFinite(limit) ? Math.max(0, Math.trunc(limit)) : 0;
  if (top === 0) return [];
  const rows = await queryRows(
    connection,
    SEARCH_SQL,
    [q, ...phoneForms(compactPhone(q))],
    [VARCHAR, VARCHAR, VARCHAR, VARCHAR],
  );
  const candidates: RankedHit[] = rows.map((r) => ({
    customer_id: toText(r.customer_id ?? null),
    rank: rankOf(toNumber(r.rank ?? null)),
    kind: toText(r.kind ?? null),
    value: toText(r.value ?? null),
  }));
  candidates.push(...index.search(q, top));
  return bestHits(candidates, top).flatMap((hit) => {
    const c = index.customer(hit.customer_id);
    return c ? [{ ...c, matched: { kind: hit.kind, value: hit.value } }] : [];
  });
}

/**
 * Every holder of a device several profiles hold (a few thousand rows at a million customers),
 * read once per load: the Customer 360 then marks shared devices without a query of its own.
 */
export async function readSharedDeviceHolders(
  connection: DuckDBConnection,
): Promise<HeldIdentity[]> {
  const rows = await queryRows(
    connection,
    `WITH d AS (SELECT DISTINCT customer_id, kind, value FROM identities
                 WHERE kind IN ('app_device', 'web_cookie'))
     SELECT customer_id, kind, value FROM d
      WHERE (kind, value) IN (SELECT kind, value FROM d GROUP BY kind, value HAVING count(*) > 1)`,
  );
  return rows.map((r) => ({
    customer_id: toText(r.customer_id ?? null),
    kind: toText(r.kind ?? null),
    value: toText(r.value ?? null),
  }));
}
