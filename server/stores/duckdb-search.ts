// Customer search in SQL (the rules of src/domain/profile/search.ts). Lookups go through two
// derived tables rebuilt after every load, so a search reads a few row groups instead of
// lower-casing every identity and name: `search_terms` (every identity value lower-cased, phones
// also compacted, and customer ids; sorted by term, so zonemaps prune `term = ?`) and
// `search_names` (lower-cased full name and email, in customer order).
import { INTEGER, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import type { SearchHit } from '../../src/api/contract.ts';
import { JS_SPACE_RE2 } from '../../src/domain/profile/catalogue.ts';
import { loyaltyTier } from '../../src/domain/profile/schema.ts';
import {
  bestHits,
  compactPhone,
  fullName,
  normaliseQuery,
  phoneForms,
  type RankedHit,
} from '../../src/domain/profile/search.ts';
import { queryRows, toNumber, toText, toTextOrNull } from './duckdb-values.ts';

/** JavaScript's `\s` in RE2 (shared with the catalogue's email check). */
export const JS_SPACE = JS_SPACE_RE2;
export const PHONE_PUNCTUATION = `[${JS_SPACE}.()\\-]`;

/** Rebuilds the derived search tables (created empty by `createSchema`) from the loaded rows. */
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
  await connection.run(`CREATE OR REPLACE TABLE search_names AS
    SELECT customer_id, lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) AS name,
           lower(email) AS email
    FROM customers ORDER BY rowid`);
}

/**
 * Candidates of every rank: $1 the normalised query, $2, $4, $5 its compact phone forms. A customer id
 * matches $1 only; an identity matches $1, or $2 when it is a phone (a phone whose lower-cased
 * value equals $2 also matches compacted, compacting twice changes nothing). Names contain $1 or
 * else emails start with it. Only the candidates of the best $3 customers (by best rank, then
 * id) come back; `bestHits` then picks each one's best match exactly as the memory store does.
 */
const SEARCH_SQL = `
  WITH candidates AS (
    SELECT customer_id, rank, kind, value FROM search_terms WHERE term = $1
    UNION ALL
    SELECT customer_id, rank, kind, value FROM search_terms
      WHERE term IN ($2, $4, $5) AND rank = 1 AND kind = 'phone'
    UNION ALL
    SELECT customer_id, 2, CASE WHEN contains(name, $1) THEN 'name' ELSE 'email' END, NULL
      FROM search_names WHERE contains(name, $1) OR starts_with(email, $1)
  ),
  best AS (
    SELECT customer_id FROM candidates GROUP BY customer_id
    ORDER BY min(rank), customer_id LIMIT $3
  )
  SELECT k.customer_id, k.rank, k.kind, k.value,
         c.customer_id IS NOT NULL AS known, c.first_name, c.last_name, c.email, c.city,
         c.loyalty_tier
    FROM candidates k JOIN best b ON b.customer_id = k.customer_id
    LEFT JOIN customers c ON c.customer_id = k.customer_id`;

function rankOf(value: number): RankedHit['rank'] {
  return value === 0 ? 0 : value === 1 ? 1 : 2;
}

export async function searchCustomers(
  connection: DuckDBConnection,
  query: string,
  limit: number,
): Promise<SearchHit[]> {
  const q = normaliseQuery(query);
  const top = Number.isFinite(limit) ? Math.max(0, Math.trunc(limit)) : 0;
  if (top === 0) return [];
  const [phone1, phone2, phone3] = phoneForms(compactPhone(q));
  const rows = await queryRows(
    connection,
    SEARCH_SQL,
    [q, phone1, top, phone2, phone3],
    [VARCHAR, VARCHAR, INTEGER, VARCHAR, VARCHAR],
  );
  const details = new Map<string, Omit<SearchHit, 'matched'>>();
  const candidates: RankedHit[] = rows.map((r) => {
    const customerId = toText(r.customer_id ?? null);
    const firstName = toTextOrNull(r.first_name ?? null);
    const lastName = toTextOrNull(r.last_name ?? null);
    const email = toTextOrNull(r.email ?? null);
    if (r.known === true) {
      details.set(customerId, {
        customer_id: customerId,
        first_name: firstName,
        last_name: lastName,
        email,
        city: toTextOrNull(r.city ?? null),
        loyalty_tier: loyaltyTier.parse(r.loyalty_tier),
      });
    }
    const kind = toText(r.kind ?? null);
    const value =
      kind === 'name' ? fullName(firstName, lastName) : (toTextOrNull(r.value ?? null) ?? email);
    return {
      customer_id: customerId,
      rank: rankOf(toNumber(r.rank ?? null)),
      kind,
      value: value ?? '',
    };
  });
  return bestHits(candidates, top).flatMap((hit) => {
    const c = details.get(hit.customer_id);
    return c ? [{ ...c, matched: { kind: hit.kind, value: hit.value } }] : [];
  });
}
