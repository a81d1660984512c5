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
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { ImportResolution } from '../../src/api/contract.ts';
import {
  resolveIdentities,
  type RecordLink,
  type SourceRecord,
} from '../../src/domain/profile/identity-resolution.ts';
import { identityKind } from '../../src/domain/profile/schema.ts';
import { quote } from '../stores/duckdb-schema.ts';
import { sqlText } from '../stores/duckdb-values.ts';
import { columnsOf, REFERENCES, stagedTable } from './layout.ts';

const text = (value: DuckDBValue | undefined) =>
  typeof value === 'string' ? value : String(value);
const MAP = 'temp.stage_record_map';

/** Resolves the staged records, rewrites the staged files; null when no records were sent. */
export async function resolveStaged(
  connection: DuckDBConnection,
): Promise<ImportResolution | null> {
  const rows = await connection.runAndReadAll(
    `SELECT record_id, source, kind, value, verified, first_seen, last_seen
       FROM ${stagedTable('source_records')} ORDER BY __row`,
  );
  const found = rows.getRowObjects();
  if (found.length === 0) return null;
  const records = new Map<
    string,
    SourceRecord & { identities: SourceRecord['identities'][number][] }
  >();
  for (const r of found) {
    const id = text(r.record_id);
    const kind = identityKind.safeParse(r.kind);
    if (!kind.success) continue; // refused by the row checks already
    const record = records.get(id) ?? { record_id: id, source: text(r.source), identities: [] };
    record.identities.push({
      kind: kind.data,
      value: text(r.value),
      verified: r.verified === true,
      first_seen: text(r.first_seen),
      last_seen: text(r.last_seen),
    });
    records.set(id, record);
  }
  const linkRows = await connection.runAndReadAll(
    `SELECT record_a, record_b FROM ${stagedTable('record_links')} ORDER BY __row`,
  );
  const links: RecordLink[] = linkRows
    .getRowObjects()
    .map((l) => ({ a: text(l.record_a), b: text(l.record_b) }));
  const resolution = resolveIdentities([...records.values()], links);

  // Each record's profile.
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE stage_record_map (record_id VARCHAR, customer_id VARCHAR)`,
  );
  const pairs = resolution.profiles.flatMap((p) =>
    p.records.map((record) => [record, p.records[0] ?? record] as const),
  );
  for (let at = 0; at < pairs.length; at += 1_000) {
    const values = pairs
      .slice(at, at + 1_000)
      .map(([record, customer]) => `(${sqlText(record)}, ${sqlText(customer)})`)
      .join(', ');
    await connection.run(`INSERT INTO ${MAP} VALUES ${values}`);
  }

  // One customers row per profile.
  const customers = columnsOf('customers');
  const merged = customers
    .filter((c) => c.name !== 'customer_id')
    .map((c) =>
      c.name === 'created_at'
        ? `min(s.created_at) AS created_at`
        : `first(s.${quote(c.name)} ORDER BY s.customer_id) FILTER (WHERE s.${quote(c.name)} IS NOT NULL) AS ${quote(c.name)}`,
    );
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE stage_customers AS
       SELECT min(s.__row) AS __row, '' AS __lost, coalesce(m.customer_id, s.customer_id) AS customer_id,
              ${merged.join(', ')}
         FROM ${stagedTable('customers')} s LEFT JOIN ${MAP} m ON m.record_id = s.customer_id
        GROUP BY coalesce(m.customer_id, s.customer_id)`,
  );
  // Every other file names the profile.
  for (const ref of REFERENCES)
    if (ref.to === 'customers' && ref.table !== 'identities')
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
  for (const profile of resolution.profiles) {
    const customer = profile.records[0] ?? '';
    for (const i of profile.identities) {
      const key = JSON.stringify([customer, i.kind, i.value, i.source]);
      const seen = kept.get(key);
      if (seen === undefined)
        kept.set(key, {
          customer,
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
  await connection.run(`DROP TABLE IF EXISTS ${MAP}`);

  return {
    records: resolution.report.records,
    profiles: resolution.report.profiles,
    merges: { ...resolution.report.merges },
    conflicts: resolution.report.conflicts.length,
    shared_devices: resolution.shared.map((s) => ({
      kind: s.kind,
      value: s.value,
      profiles: s.profiles,
    })),
    unknown_links: resolution.report.unknownLinks,
  };
}
