// The DuckDB store's tables: one per Dataset table, columns named and ordered exactly as the zod
// schemas in src/domain/profile/schema.ts, plus `meta`. One column list drives the DDL, the loader
// (JS → DuckDB values) and the readers (DuckDB → JS), so the three cannot drift apart.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Dataset } from '../../src/domain/profile/schema.ts';
import { DERIVED_TABLES } from './duckdb-segment-tables.ts';

/**
 * Bumped whenever a table's layout changes: a file with another version is reseeded.
 * 2: saved segments (saved_segments, segment_versions, segment_idempotency_keys).
 * 3: segment tables (segment_customers, segment_orders, segment_lines, segment_events; built from
 *    the loaded tables, so a version 2 file is migrated on open rather than reseeded:
 *    duckdb-derived.ts).
 * 4: the segment tables hold lower-cased copies of string fields (versions 2 and 3 migrate).
 * 5: customer_histories, each customer's rows packed in one row (duckdb-histories.ts; versions 2
 *    to 4 migrate).
 * 6: versioned documents (documents, document_versions, document_idempotency_keys,
 *    document_imports) replace the saved-segment tables (versions 2 to 5 migrate on open:
 *    duckdb-documents-migration.ts).
 * 7: customer_histories packed as tuples and indexed by customer id (a version 5 or 6 file may
 *    hold the first packing, JSON objects without an index: versions 2 to 6 rebuild it).
 * 8: no search_names: names and emails are searched in memory (duckdb-search.ts); versions 2 to
 *    7 rebuild the search tables on open.
 * 9: segment_customers holds each customer's first completed order (first_order_at,
 *    first_order_channel) for the dashboards; versions 2 to 8 rebuild the segment tables on open.
 * 10: holdouts, the customers each campaign targeted and did not send (the campaign dashboard's
 *    control groups). A version 9 file is reseeded (its demo data predates the planted
 *    experiments); older versions still migrate their derived tables, their holdouts empty.
 * 11: segment_customers says whether each reach channel has a consent record (`<channel>_known`)
 *    and whether the first name can greet them (`usable_first_name`); versions 2 to 8 and 10
 *    rebuild the segment tables on open.
 * 12: identities keep the record they came from and the rule that linked it (versions 2 to 11
 *    rebuild the packed histories on open).
 * 13: segment_customers says whether a device of the customer's is another profile's too and
 *    whether another profile has the same e-mail or phone (src/domain/profile/cross-profile.ts);
 *    versions 2 to 8 and 10 to 12 rebuild the segment tables on open.
 */
export const SCHEMA_VERSION = 13;

/**
 * How a field is stored. Instants are TIMESTAMP (UTC, no zone), dates DATE, money BIGINT cents,
 * small counts INTEGER, event properties and segment definitions JSON.
 */
export type ColumnKind = 'text' | 'instant' | 'date' | 'int' | 'cents' | 'double' | 'bool' | 'json';

export interface ColumnSpec {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly nullable: boolean;
}

export type TableName = keyof Dataset;

const sqlTypes: Record<ColumnKind, string> = {
  text: 'VARCHAR',
  instant: 'TIMESTAMP',
  date: 'DATE',
  int: 'INTEGER',
  cents: 'INTEGER',
  double: 'DOUBLE',
  bool: 'BOOLEAN',
  json: 'JSON',
};

/** `name:kind`, with a trailing `?` when the column may be NULL. */
function columns(...specs: string[]): ColumnSpec[] {
  return specs.map((spec) => {
    const [name = '', rawKind = ''] = spec.split(':');
    const nullable = rawKind.endsWith('?');
    const kind = nullable ? rawKind.slice(0, -1) : rawKind;
    const known = Object.keys(sqlTypes).find((k): k is ColumnKind => k === kind);
    if (known === undefined) throw new Error(`Unknown column kind in "${spec}"`);
    return { name, kind: known, nullable };
  });
}

/** Every table in Dataset order; the columns in each zod schema's order. */
export const tables: Readonly<Record<TableName, readonly ColumnSpec[]>> = {
  customers: columns(
    'customer_id:text',
    'first_name:text?',
    'last_name:text?',
    'email:text?',
    'phone:text?',
    'gender:text',
    'birth_date:date?',
    'city:text?',
    'postcode:text?',
    'country:text',
    'loyalty_tier:text',
    'created_at:instant',
    'language:text',
  ),
  identities: columns(
    'customer_id:text',
    'kind:text',
    'value:text',
    'source:text',
    'first_seen:instant',
    'last_seen:instant',
    'record_id:text?',
    'linked_by:text?',
  ),
  consents: columns(
    'consent_id:text',
    'customer_id:text',
    'channel:text',
    'purpose:text',
    'status:text',
    'at:instant',
    'source:text',
  ),
  preferences: columns(
    'customer_id:text',
    'topic:text',
    'value:text',
    'stated_at:instant',
    'source:text',
  ),
  stores: columns('store_id:text', 'name:text', 'city:text', 'postcode:text'),
  products: columns(
    'sku:text',
    'title:text',
    'category:text',
    'subcategory:text',
    'brand:text',
    'format:text?',
    'price_cents:cents',
    'currency:text',
    'launched_at:instant',
    'requires:text?',
    'work_id:text?',
    'online_stock:int',
    'discontinued:bool',
  ),
  store_stock: columns('sku:text', 'store_id:text', 'quantity:int'),
  orders: columns(
    'order_id:text',
    'customer_id:text',
    'channel:text',
    'store_id:text?',
    'placed_at:instant',
    'status:text',
    'promo_code:text?',
    'payment_method:text',
    'currency:text',
    'total_cents:cents',
  ),
  order_lines: columns(
    'order_id:text',
    'line_no:int',
    'sku:text',
    'qty:int',
    'unit_price_cents:cents',
    'discount_cents:cents',
  ),
  events: columns(
    'event_id:text',
    'customer_id:text',
    'type:text',
    'channel:text',
    'at:instant',
    'properties:json',
  ),
  messages: columns(
    'message_id:text',
    'customer_id:text',
    'campaign_id:text',
    'channel:text',
    'sent_at:instant',
    'status:text',
    'offer_id:text?',
  ),
  holdouts: columns('customer_id:text', 'campaign_id:text', 'held_at:instant'),
  offers: columns(
    'offer_id:text',
    'title:text',
    'sku:text?',
    'category:text?',
    'discount_percent:int?',
    'discount_cents:cents?',
    'currency:text',
    'valid_from:instant',
    'valid_to:instant',
  ),
  offer_responses: columns(
    'response_id:text',
    'customer_id:text',
    'offer_id:text',
    'channel:text',
    'response:text',
    'at:instant',
  ),
  campaigns: columns(
    'campaign_id:text',
    'name:text',
    'channel:text',
    'template:text',
    'offer_id:text?',
    'recommendation_slot:bool',
    'segment_id:text?',
    'holdout_share:double',
    'status:text',
    'version:int',
    'author:text',
    'updated_at:instant',
  ),
  segments: columns(
    'segment_id:text',
    'name:text',
    'definition:json?',
    'version:int',
    'author:text',
    'updated_at:instant',
  ),
};

export const tableNames: readonly TableName[] = [
  'customers',
  'identities',
  'consents',
  'preferences',
  'stores',
  'products',
  'store_stock',
  'orders',
  'order_lines',
  'events',
  'messages',
  'holdouts',
  'offers',
  'offer_responses',
  'campaigns',
  'segments',
];

/** A double-quoted identifier (every name here is ours: a table or column of this file). */
export function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

export const INSTANT_FORMAT = '%Y-%m-%dT%H:%M:%S.%gZ';

/** The SQL expression of a column in its JSON-API form: ISO instants and dates, JSON as JSON. */
export function jsonExpression(column: ColumnSpec, alias: string): string {
  const ref = `${alias}.${quote(column.name)}`;
  switch (column.kind) {
    case 'instant':
      return `strftime(${ref}, '${INSTANT_FORMAT}')`;
    case 'date':
      return `strftime(${ref}, '%Y-%m-%d')`;
    default:
      return ref;
  }
}

/**
 * `json_object('col', …)` of one row of `table` (aliased `alias`), every column in schema order,
 * plus `extra` name/expression pairs: what the API answers, built by DuckDB in one value.
 */
export function jsonObject(table: TableName, alias: string, extra: readonly string[] = []): string {
  const pairs = tables[table].map((c) => `'${c.name}', ${jsonExpression(c, alias)}`);
  return `json_object(${[...pairs, ...extra].join(', ')})`;
}

export function tableDdl(table: TableName): string {
  const body = tables[table]
    .map((c) => `${quote(c.name)} ${sqlTypes[c.kind]}${c.nullable ? '' : ' NOT NULL'}`)
    .join(', ');
  return `CREATE TABLE IF NOT EXISTS ${quote(table)} (${body})`;
}

export const META_DDL =
  'CREATE TABLE IF NOT EXISTS meta (as_of TIMESTAMP NOT NULL, seed BIGINT, ' +
  'customers INTEGER NOT NULL, schema_version INTEGER NOT NULL, loaded_at TIMESTAMP NOT NULL)';

/** Derived from customers and identities after each load, for search (see duckdb-search.ts). */
const SEARCH_DDL = [
  `CREATE TABLE IF NOT EXISTS search_terms
     (term VARCHAR, rank INTEGER, customer_id VARCHAR, kind VARCHAR, value VARCHAR)`,
];

/**
 * Versioned documents of every kind (segments, campaigns, guardrail policies), written by the API
 * (duckdb-documents.ts). The loaded tables keep the data as loaded; after each load a kind's loaded
 * rows are imported once into these tables, which `document_imports` records, and from then on
 * these tables are the truth.
 */
export const DOCUMENT_TABLES = [
  'documents',
  'document_versions',
  'document_idempotency_keys',
  'document_imports',
] as const;
const DOCUMENT_DDL = [
  `CREATE TABLE IF NOT EXISTS documents (
     kind VARCHAR NOT NULL, id VARCHAR NOT NULL, version INTEGER NOT NULL, body JSON NOT NULL,
     author VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL,
     PRIMARY KEY (kind, id))`,
  `CREATE TABLE IF NOT EXISTS document_versions (
     kind VARCHAR NOT NULL, id VARCHAR NOT NULL, version INTEGER NOT NULL, body JSON NOT NULL,
     author VARCHAR NOT NULL, "at" TIMESTAMP NOT NULL, note VARCHAR NOT NULL,
     PRIMARY KEY (kind, id, version))`,
  `CREATE TABLE IF NOT EXISTS document_idempotency_keys (
     kind VARCHAR NOT NULL, "key" VARCHAR NOT NULL, fingerprint VARCHAR NOT NULL,
     id VARCHAR NOT NULL, "at" TIMESTAMP NOT NULL, PRIMARY KEY (kind, "key"))`,
  `CREATE TABLE IF NOT EXISTS document_imports (
     kind VARCHAR PRIMARY KEY, "at" TIMESTAMP NOT NULL)`,
];
/**
 * The saved-segment tables of versions 2 to 5: duckdb-documents-migration.ts moves their rows into
 * the document tables, and a load drops them with the rest.
 */
export const LEGACY_SAVED_SEGMENT_TABLES = [
  'saved_segments',
  'segment_versions',
  'segment_idempotency_keys',
  'saved_segments_import',
] as const;

/**
 * The records per source system an import resolved, each identity a row with the profile it is in:
 * an updating import's records are resolved against them (server/import/resolve.ts). Not a table
 * of the layout: the files' records become profiles, this is how they were made.
 */
const RESOLUTION_RECORDS_DDL = `CREATE TABLE IF NOT EXISTS resolution_records (
  record_id VARCHAR NOT NULL, customer_id VARCHAR NOT NULL, source VARCHAR NOT NULL,
  kind VARCHAR NOT NULL, value VARCHAR NOT NULL, verified BOOLEAN NOT NULL,
  first_seen TIMESTAMP NOT NULL, last_seen TIMESTAMP NOT NULL, linked_by VARCHAR)`;

/**
 * Records kept from the identities that name them, when none are kept yet: a file whose records
 * were resolved before the table existed, or data imported with its identities' records but
 * without the records (whether an e-mail was proved is not kept there: read as not proved).
 */
export async function fillResolutionRecords(connection: DuckDBConnection): Promise<void> {
  await connection.run(
    `INSERT INTO resolution_records
       SELECT record_id, customer_id, source, kind, value, false, first_seen, last_seen, linked_by
         FROM identities
        WHERE record_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM resolution_records)`,
  );
}

/** Creates every table (and `meta`, the search and saved-segment tables) that does not exist yet. */
export async function createSchema(connection: DuckDBConnection): Promise<void> {
  for (const table of tableNames) await connection.run(tableDdl(table));
  // Version 12: an identity's record and the rule that linked it (identity resolution at import).
  await connection.run('ALTER TABLE identities ADD COLUMN IF NOT EXISTS record_id VARCHAR');
  await connection.run('ALTER TABLE identities ADD COLUMN IF NOT EXISTS linked_by VARCHAR');
  await connection.run(RESOLUTION_RECORDS_DDL);
  await fillResolutionRecords(connection);
  for (const ddl of SEARCH_DDL) await connection.run(ddl);
  for (const ddl of DOCUMENT_DDL) await connection.run(ddl);
  await connection.run(META_DDL);
}

/** Drops every table of ours: the next load starts from empty tables in a fresh layout. */
export async function dropSchema(connection: DuckDBConnection): Promise<void> {
  await connection.run('DROP TABLE IF EXISTS meta');
  await connection.run('DROP TABLE IF EXISTS search_terms');
  await connection.run('DROP TABLE IF EXISTS search_names');
  await connection.run('DROP TABLE IF EXISTS customer_histories');
  await connection.run('DROP TABLE IF EXISTS resolution_records');
  for (const table of DERIVED_TABLES) await connection.run(`DROP TABLE IF EXISTS ${table}`);
  for (const table of [...DOCUMENT_TABLES, ...LEGACY_SAVED_SEGMENT_TABLES])
    await connection.run(`DROP TABLE IF EXISTS ${table}`);
  for (const table of tableNames) await connection.run(`DROP TABLE IF EXISTS ${quote(table)}`);
}
