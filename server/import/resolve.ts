// Identity resolution at import (issue 14, docs/import.md): when the files hold the retailer's
// records per source system (`source_records`, `record_links`) rather than customers already
// joined, the records are merged into profiles by the domain's rules (src/domain/profile/
// identity-resolution.ts, written once: SQL only reads the staged rows and writes the answer), and
// the staged files are rewritten as if they had come joined:
//   - each profile's customer id is its first record's id (the same files resolve to the same ids);
//   - every other file's customer_id naming a record names its profile instead;
//   - the customers rows of one profile become one: each value from the first record (in record
//     order) that has it, the earliest created_at;
//   - each record's identities become the profile's, with their source, first and last seen, the
//     record they came from and the rule that linked that record (null for the first).
// On an updating import the records are resolved against those the store holds
// (`resolution_records`, src/domain/profile/identity-update.ts): a record meeting a stored profile
// joins it under its id, and the profile's customers row keeps its values where the files have
// none; stored profiles the new records show to be one are merged at commit (commit.ts moves the
// absorbed ones' rows, `stage_absorbed`). The records resolved are kept (`stage_resolved_records`)
// for the commit to store.
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { ImportResolution } from '../../src/api/contract.ts';
import {
  LINK_RULES,
  resolveIdentities,
  type RecordIdentity,
  type RecordLink,
  type ResolvedIdentity,
  type SourceRecord,
} from '../../src/domain/profile/identity-resolution.ts';
import { resolveUpdate, type StoredRecord } from '../../src/domain/profile/identity-update.ts';
import { z } from 'zod';

const linkRule = z.enum(LINK_RULES);
import { identityKind } from '../../src/domain/profile/schema.ts';
import { quote, type ColumnSpec } from '../stores/duckdb-schema.ts';
import { sqlText } from '../stores/duckdb-values.ts';
import { columnsOf, REFERENCES, stagedTable } from './layout.ts';

const text = (value: DuckDBValue | undefined) =>
  typeof value === 'string' ? value : String(value);
const MAP = 'temp.stage_record_map';
/** Stored profiles merged into another by this import: absorbed → survivor. */
export const ABSORBED = 'temp.stage_absorbed';
/** The files' records with their profile, as `resolution_records` will hold them. */
export const RESOLVED = 'temp.stage_resolved_records';
const ISO = `'%Y-%m-%dT%H:%M:%S.%gZ'`;

/** Forgets what a resolution left for its commit. */
export async function dropResolved(connection: DuckDBConnection): Promise<void> {
  await connection.run(`DROP TABLE IF EXISTS ${ABSORBED}`);
  await connection.run(`DROP TABLE IF EXISTS ${RESOLVED}`);
}

/** A stored value as the staged table holds it (instants and JSON as text; see readType). */
function asStaged(column: ColumnSpec, ref: string): string {
  if (column.kind === 'instant') return `strftime(${ref}, ${ISO})`;
  if (column.kind === 'json') return `${ref}::VARCHAR`;
  return ref;
}

/**
 * Rows of one identity each (record_id, kind, value, verified, first_seen, last_seen, and what
 * `start` reads) as records holding their identities, in the rows' order.
 */
function recordsOf<H extends object>(
  rows: readonly Record<string, DuckDBValue>[],
  start: (row: Record<string, DuckDBValue>, id: string) => H,
): (H & { identities: RecordIdentity[] })[] {
  const byId = new Map<string, H & { identities: RecordIdentity[] }>();
  for (const r of rows) {
    const kind = identityKind.safeParse(r.kind);
    if (!kind.success) continue; // refused by the row checks already
    const id = text(r.record_id);
    const record = byId.get(id) ?? { ...start(r, id), identities: [] };
    record.identities.push({
      kind: kind.data,
      value: text(r.value),
      verified: r.verified === true,
      first_seen: text(r.first_seen),
      last_seen: text(r.last_seen),
    });
    byId.set(id, record);
  }
  return [...byId.values()];
}

/** The records the store holds, each with its identities and its profile. */
async function storedRecords(connection: DuckDBConnection): Promise<StoredRecord[]> {
  const rows = await connection.runAndReadAll(
    `SELECT record_id, customer_id, source, kind, value, verified,
            strftime(first_seen, ${ISO}) AS first_seen, strftime(last_seen, ${ISO}) AS last_seen,
            linked_by
       FROM resolution_records ORDER BY record_id, kind, value`,
  );
  return recordsOf(rows.getRowObjects(), (r, id) => {
    const rule = linkRule.safeParse(r.linked_by);
    return {
      record_id: id,
      customer_id: text(r.customer_id),
      source: text(r.source),
      linked_by: rule.success ? rule.data : null,
    };
  });
}

/** Resolves the staged records, rewrites the staged files; null when no records were sent. */
export async function resolveStaged(
  connection: DuckDBConnection,
  options: { replace: boolean },
): Promise<ImportResolution | null> {
  await dropResolved(connection);
  const rows = await connection.runAndReadAll(
    `SELECT record_id, source, kind, value, verified, first_seen, last_seen
       FROM ${stagedTable('source_records')} ORDER BY __row`,
  );
  const found = rows.getRowObjects();
  if (found.length === 0) return null;
  const incoming: SourceRecord[] = recordsOf(found, (r, id) => ({
    record_id: id,
    source: text(r.source),
  }));
  const linkRows = await connection.runAndReadAll(
    `SELECT record_a, record_b FROM ${stagedTable('record_links')} ORDER BY __row`,
  );
  const links: RecordLink[] = linkRows
    .getRowObjects()
    .map((l) => ({ a: text(l.record_a), b: text(l.record_b) }));
  const resolved = options.replace
    ? replacing(incoming, links)
    : updating(await storedRecords(connection), incoming, links);

  // Each record's profile: the files' records, and on an update the stored ones (another file may
  // name one), the absorbed profiles' under their survivor.
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE stage_record_map (record_id VARCHAR, customer_id VARCHAR)`,
  );
  await insertPairs(connection, MAP, resolved.pairs);
  await connection.run(`CREATE TEMP TABLE stage_absorbed (absorbed VARCHAR, survivor VARCHAR)`);
  await insertPairs(connection, ABSORBED, resolved.absorbed);
  if (!options.replace)
    await connection.run(
      `INSERT INTO ${MAP}
         SELECT DISTINCT r.record_id, coalesce(a.survivor, r.customer_id)
           FROM resolution_records r LEFT JOIN ${ABSORBED} a ON a.absorbed = r.customer_id
          WHERE r.record_id NOT IN (SELECT record_id FROM ${MAP})`,
    );

  // One customers row per profile.
  const customers = columnsOf('customers');
  await connection.run(options.replace ? mergedCustomers(customers) : updatedCustomers(customers));
  // Every other file names the profile.
  for (const ref of REFERENCES)
    if (ref.to === 'customers')
      await connection.run(
        `UPDATE ${stagedTable(ref.table)} s SET ${quote(ref.column)} = m.customer_id
           FROM ${MAP} m WHERE s.${quote(ref.column)} = m.record_id`,
      );

  // The records' identities, each once per profile, kind, value and source.
  const kept = new Map<
    string,
    {
      customer: string;
      kind: string;
      value: string;
      source: string;
      first: string;
      last: string;
      record: string;
      rule: string | null;
    }
  >();
  for (const i of resolved.identities) {
    const key = JSON.stringify([i.customer_id, i.kind, i.value, i.source]);
    const seen = kept.get(key);
    if (seen === undefined)
      kept.set(key, {
        customer: i.customer_id,
        kind: i.kind,
        value: i.value,
        source: i.source,
        first: i.first_seen,
        last: i.last_seen,
        record: i.record_id,
        rule: i.linked_by,
      });
    else {
      if (i.first_seen < seen.first) seen.first = i.first_seen;
      if (i.last_seen > seen.last) seen.last = i.last_seen;
    }
  }
  const identities = [...kept.values()];
  const next = await connection.runAndReadAll(
    `SELECT coalesce(max(__row), 0)::BIGINT AS n FROM ${stagedTable('identities')}`,
  );
  let row = Number(next.getRowObjects()[0]?.n ?? 0);
  for (let at = 0; at < identities.length; at += 1_000) {
    const values = identities
      .slice(at, at + 1_000)
      .map((i) => {
        row += 1;
        return `(${row}, '', ${[i.customer, i.kind, i.value, i.source, i.first, i.last, i.record].map(sqlText).join(', ')}, ${i.rule === null ? 'NULL' : sqlText(i.rule)})`;
      })
      .join(', ');
    await connection.run(
      `INSERT INTO ${stagedTable('identities')} (__row, __lost, customer_id, kind, value, source, first_seen, last_seen, record_id, linked_by) VALUES ${values}`,
    );
  }
  // The records as the store will hold them, each with its profile and the rule that linked it.
  await connection.run(
    'CREATE OR REPLACE TEMP TABLE stage_record_rules (record_id VARCHAR, rule VARCHAR)',
  );
  const rules = new Map(resolved.identities.map((i) => [i.record_id, i.linked_by]));
  await insertPairs(
    connection,
    'temp.stage_record_rules',
    [...rules].flatMap(([record, rule]) => (rule === null ? [] : [[record, rule] as const])),
  );
  await connection.run(
    `CREATE TEMP TABLE stage_resolved_records AS
       SELECT s.record_id, m.customer_id, s.source, s.kind, s.value, s.verified,
              (s.first_seen::TIMESTAMPTZ AT TIME ZONE 'UTC') AS first_seen,
              (s.last_seen::TIMESTAMPTZ AT TIME ZONE 'UTC') AS last_seen, r.rule AS linked_by
         FROM ${stagedTable('source_records')} s JOIN ${MAP} m ON m.record_id = s.record_id
         LEFT JOIN temp.stage_record_rules r ON r.record_id = s.record_id`,
  );
  await connection.run('DROP TABLE temp.stage_record_rules');
  await connection.run(`DROP TABLE IF EXISTS ${MAP}`);
  return resolved.report;
}

interface Resolved {
  /** Each of the files' records and its profile's customer id. */
  pairs: (readonly [string, string])[];
  absorbed: (readonly [string, string])[];
  identities: (ResolvedIdentity & { customer_id: string })[];
  report: ImportResolution;
}

/** The files' records among themselves: each profile named by its first record. */
function replacing(incoming: SourceRecord[], links: RecordLink[]): Resolved {
  const resolution = resolveIdentities(incoming, links);
  return {
    pairs: resolution.profiles.flatMap((p) =>
      p.records.map((record) => [record, p.records[0] ?? record] as const),
    ),
    absorbed: [],
    identities: resolution.profiles.flatMap((p) =>
      p.identities.map((i) => ({ ...i, customer_id: p.records[0] ?? '' })),
    ),
    report: {
      records: resolution.report.records,
      profiles: resolution.report.profiles,
      joined: 0,
      merged: 0,
      merges: { ...resolution.report.merges },
      conflicts: resolution.report.conflicts.length,
      shared_devices: resolution.shared.map((d) => ({
        kind: d.kind,
        value: d.value,
        profiles: d.profiles,
      })),
      unknown_links: resolution.report.unknownLinks,
    },
  };
}

/** The files' records against the stored ones (identity-update.ts). */
function updating(stored: StoredRecord[], incoming: SourceRecord[], links: RecordLink[]): Resolved {
  const update = resolveUpdate(stored, incoming, links);
  return {
    pairs: [...update.profileOf],
    absorbed: [...update.absorbed],
    identities: update.identities,
    report: {
      records: update.report.records,
      profiles: update.report.profiles,
      joined: update.report.joined,
      merged: update.report.merged,
      merges: { ...update.report.merges },
      conflicts: update.report.conflicts,
      shared_devices: update.shared.map((d) => ({
        kind: d.kind,
        value: d.value,
        profiles: d.profiles,
      })),
      unknown_links: update.report.unknownLinks,
    },
  };
}

async function insertPairs(
  connection: DuckDBConnection,
  table: string,
  pairs: readonly (readonly [string, string])[],
): Promise<void> {
  for (let at = 0; at < pairs.length; at += 1_000) {
    const values = pairs
      .slice(at, at + 1_000)
      .map(([a, b]) => `(${sqlText(a)}, ${sqlText(b)})`)
      .join(', ');
    await connection.run(`INSERT INTO ${table} VALUES ${values}`);
  }
}

/** The files' customers rows per profile: each value from its first record (by id) that has it. */
function mergedCustomers(customers: readonly ColumnSpec[]): string {
  const merged = customers
    .filter((c) => c.name !== 'customer_id')
    .map((c) =>
      c.name === 'created_at'
        ? `min(s.created_at) AS created_at`
        : `first(s.${quote(c.name)} ORDER BY s.customer_id) FILTER (WHERE s.${quote(c.name)} IS NOT NULL) AS ${quote(c.name)}`,
    );
  return `CREATE OR REPLACE TEMP TABLE stage_customers AS
       SELECT min(s.__row) AS __row, '' AS __lost, coalesce(m.customer_id, s.customer_id) AS customer_id,
              ${merged.join(', ')}
         FROM ${stagedTable('customers')} s LEFT JOIN ${MAP} m ON m.record_id = s.customer_id
        GROUP BY coalesce(m.customer_id, s.customer_id)`;
}

/**
 * On an update, the files' customers rows per profile, a stored profile's values kept: each value
 * from the profile's own row sent again (keyed by its customer id: an update by key), else the
 * stored profile's (its own values first, then an absorbed profile's, by id), else the first other
 * record (by id) that has it — another system's record fills what the profile lacks, it does not
 * overwrite it (and sending it again changes nothing); the earliest creation of them all.
 */
function updatedCustomers(customers: readonly ColumnSpec[]): string {
  const columns = customers.filter((c) => c.name !== 'customer_id');
  const owner = 'coalesce(a.survivor, c.customer_id)';
  const stored = columns.map((c) =>
    c.name === 'created_at'
      ? 'min(c.created_at) AS created_at'
      : `first(${asStaged(c, `c.${quote(c.name)}`)} ORDER BY c.customer_id <> ${owner}, c.customer_id)
           FILTER (WHERE c.${quote(c.name)} IS NOT NULL) AS ${quote(c.name)}`,
  );
  const pick = (c: ColumnSpec, which: string) =>
    `first(s.${quote(c.name)} ORDER BY s.customer_id) FILTER (WHERE ${which} AND s.${quote(c.name)} IS NOT NULL)`;
  const values = columns.map((c) =>
    c.name === 'created_at'
      ? `strftime(least(min(s.created_at::TIMESTAMPTZ AT TIME ZONE 'UTC'), any_value(f.created_at)), ${ISO}) AS created_at`
      : `coalesce(${pick(c, 's.own_row')}, any_value(f.${quote(c.name)}), ${pick(c, 'NOT s.own_row')}) AS ${quote(c.name)}`,
  );
  return `CREATE OR REPLACE TEMP TABLE stage_customers AS
    WITH s AS (
      SELECT s.*, coalesce(m.customer_id, s.customer_id) AS profile,
             s.customer_id = coalesce(m.customer_id, s.customer_id)
               AND s.customer_id IN (SELECT customer_id FROM main.customers) AS own_row
        FROM ${stagedTable('customers')} s LEFT JOIN ${MAP} m ON m.record_id = s.customer_id),
    f AS (
      SELECT ${owner} AS customer_id, ${stored.join(', ')}
        FROM main.customers c LEFT JOIN ${ABSORBED} a ON a.absorbed = c.customer_id
       WHERE ${owner} IN (SELECT profile FROM s)
       GROUP BY ${owner})
    SELECT min(s.__row) AS __row, '' AS __lost, s.profile AS customer_id, ${values.join(', ')}
      FROM s LEFT JOIN f ON f.customer_id = s.profile
     GROUP BY s.profile`;
}
