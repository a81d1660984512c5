// Writes an import's staged rows (read.ts, every one accepted) into the store in one transaction:
// each table's rows replace those with the same key (an order's lines: all of that order's) and
// join the others (importing the same files again changes nothing; newer files append and update),
// or, replacing, all of the store's rows; then the derived tables (segment tables,
// packed histories, search) and `meta` are rebuilt, and campaigns new to the store become campaign
// documents. Anything failing rolls all of it back.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ImportStep } from '../../src/api/contract.ts';
import { buildSegmentTables } from '../stores/duckdb-derived.ts';
import { buildHistoryTable } from '../stores/duckdb-histories.ts';
import { importNewCampaigns } from '../stores/duckdb-campaigns.ts';
import { writeMeta } from '../stores/duckdb-loader.ts';
import { buildSearchTables } from '../stores/duckdb-search.ts';
import { fillResolutionRecords, quote, type ColumnSpec } from '../stores/duckdb-schema.ts';
import { IMPORT_TABLES, KEYS, REFERENCES, REPLACED_BY, columnsOf, stagedTable } from './layout.ts';

/** The tables whose rows name a customer. */
const CUSTOMER_TABLES = REFERENCES.filter((r) => r.to === 'customers').map((r) => r.table);

/** A staged column as the store keeps it. */
function stored(column: ColumnSpec): string {
  const ref = `s.${quote(column.name)}`;
  switch (column.kind) {
    case 'instant':
      return `(${ref}::TIMESTAMPTZ AT TIME ZONE 'UTC')`;
    case 'json':
      return `${ref}::JSON`;
    case 'int':
    case 'cents':
      return `${ref}::INTEGER`;
    default:
      return ref;
  }
}

export async function commitImport(
  connection: DuckDBConnection,
  info: { asOf: string; replace?: boolean; onStep?: (step: ImportStep) => void },
): Promise<{ customers: number }> {
  const step = info.onStep ?? (() => undefined);
  await connection.run('BEGIN TRANSACTION');
  let customers: number;
  try {
    // Replaced: the store's rows go first, the files' rows are then all there is.
    if (info.replace === true) {
      for (const table of IMPORT_TABLES) await connection.run(`DELETE FROM ${quote(table)}`);
      await connection.run('DELETE FROM resolution_records');
    } else await mergeAbsorbed(connection);
    for (const table of IMPORT_TABLES) {
      step({ stage: 'write', table });
      const t = quote(table);
      const same = (REPLACED_BY[table] ?? KEYS[table])
        .map((k) => `${t}.${quote(k)} = s.${quote(k)}`)
        .join(' AND ');
      await connection.run(`DELETE FROM ${t} USING ${stagedTable(table)} s WHERE ${same}`);
      const columns = columnsOf(table);
      await connection.run(
        `INSERT INTO ${t} (${columns.map((c) => quote(c.name)).join(', ')})
           SELECT ${columns.map(stored).join(', ')} FROM ${stagedTable(table)} s ORDER BY s.__row`,
      );
    }
    await storeResolvedRecords(connection);
    // Identities that name their record, imported without the records (an export of resolved
    // data): their records are kept as on opening an older file.
    await fillResolutionRecords(connection);
    const counted = await connection.runAndReadAll('SELECT count(*)::INTEGER AS n FROM customers');
    customers = Number(counted.getRowObjects()[0]?.n ?? 0);
    step({ stage: 'rebuild', table: 'search' });
    await buildSearchTables(connection);
    step({ stage: 'rebuild', table: 'segment_tables' });
    await buildSegmentTables(connection);
    step({ stage: 'rebuild', table: 'histories' });
    await buildHistoryTable(connection);
    await writeMeta(connection, { asOf: info.asOf, seed: null }, customers);
    // The sending platform's campaigns as documents, where they have none yet.
    await importNewCampaigns(connection);
    await connection.run('COMMIT');
  } catch (error: unknown) {
    // A failed COMMIT has already ended the transaction: the error to tell is the first one.
    await connection.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
  // Committed: a checkpoint that fails now is retried by DuckDB later, not a failed import.
  await connection.run('CHECKPOINT').catch(() => undefined);
  return { customers };
}

/** Whether this connection holds a temporary table of that name (resolve.ts's). */
async function hasTemp(connection: DuckDBConnection, name: string): Promise<boolean> {
  const found = await connection.runAndReadAll(
    `SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE temporary AND table_name = '${name}'`,
  );
  return Number(found.getRowObjects()[0]?.n ?? 0) > 0;
}

/**
 * Stored profiles an update's records showed to be one (resolve.ts, `stage_absorbed`): each
 * absorbed profile's rows move to its survivor (one row per key: moveKeyed), its customers row
 * fills the survivor's empty values and goes, its records are the survivor's, and the files' rows
 * naming it name the survivor.
 */
async function mergeAbsorbed(connection: DuckDBConnection): Promise<void> {
  if (!(await hasTemp(connection, 'stage_absorbed'))) return;
  const absorbed = `temp.stage_absorbed`;
  const columns = columnsOf('customers').filter((c) => c.name !== 'customer_id');
  const fill = columns.map((c) =>
    c.name === 'created_at'
      ? 'created_at = least(c.created_at, f.created_at)'
      : `${quote(c.name)} = coalesce(c.${quote(c.name)}, f.${quote(c.name)})`,
  );
  const firsts = columns.map((c) =>
    c.name === 'created_at'
      ? 'min(x.created_at) AS created_at'
      : `first(x.${quote(c.name)} ORDER BY x.customer_id) FILTER (WHERE x.${quote(c.name)} IS NOT NULL) AS ${quote(c.name)}`,
  );
  await connection.run(
    `UPDATE customers c SET ${fill.join(', ')}
       FROM (SELECT a.survivor AS customer_id, ${firsts.join(', ')}
               FROM customers x JOIN ${absorbed} a ON a.absorbed = x.customer_id
              GROUP BY a.survivor) f
      WHERE c.customer_id = f.customer_id`,
  );
  await connection.run(
    `DELETE FROM customers WHERE customer_id IN (SELECT absorbed FROM ${absorbed})`,
  );
  for (const table of CUSTOMER_TABLES) {
    const t = quote(table);
    const others = KEYS[table].filter((k) => k !== 'customer_id');
    if (others.length < KEYS[table].length) await moveKeyed(connection, table, others);
    else
      await connection.run(
        `UPDATE ${t} SET customer_id = a.survivor FROM ${absorbed} a WHERE ${t}.customer_id = a.absorbed`,
      );
    // The files' rows naming an absorbed profile name its survivor (written next).
    await connection.run(
      `UPDATE ${stagedTable(table)} s SET customer_id = a.survivor
         FROM ${absorbed} a WHERE s.customer_id = a.absorbed`,
    );
  }
  await connection.run(
    `UPDATE resolution_records SET customer_id = a.survivor
       FROM ${absorbed} a WHERE resolution_records.customer_id = a.absorbed`,
  );
}

/**
 * A table keyed with the customer (identities, preferences, holds): the survivor's and the absorbed
 * profiles' rows become the survivor's, one row per key — the survivor's own, else the first
 * absorbed profile's by id — an identity seen first and last as the earliest and latest of them.
 */
async function moveKeyed(
  connection: DuckDBConnection,
  table: (typeof CUSTOMER_TABLES)[number],
  others: readonly string[],
): Promise<void> {
  const t = quote(table);
  const absorbed = 'temp.stage_absorbed';
  const owner = 'coalesce(a.survivor, x.customer_id)';
  const key = [owner, ...others.map((k) => `x.${quote(k)}`)].join(', ');
  const seen =
    table === 'identities'
      ? `, min(x.first_seen) OVER (PARTITION BY ${key}) AS __first,
           max(x.last_seen) OVER (PARTITION BY ${key}) AS __last`
      : '';
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE stage_moved AS
       SELECT x.*, ${owner} AS __owner,
              row_number() OVER (PARTITION BY ${key}
                                 ORDER BY x.customer_id <> ${owner}, x.customer_id) AS __k${seen}
         FROM ${t} x LEFT JOIN ${absorbed} a ON a.absorbed = x.customer_id
        WHERE x.customer_id IN (SELECT absorbed FROM ${absorbed} UNION SELECT survivor FROM ${absorbed})`,
  );
  await connection.run(
    `DELETE FROM ${t} WHERE customer_id IN (SELECT customer_id FROM temp.stage_moved)`,
  );
  const columns = columnsOf(table).map((c) =>
    c.name === 'customer_id'
      ? '__owner'
      : table === 'identities' && c.name === 'first_seen'
        ? '__first'
        : table === 'identities' && c.name === 'last_seen'
          ? '__last'
          : quote(c.name),
  );
  await connection.run(
    `INSERT INTO ${t} (${columnsOf(table)
      .map((c) => quote(c.name))
      .join(', ')})
       SELECT ${columns.join(', ')} FROM temp.stage_moved WHERE __k = 1`,
  );
  await connection.run('DROP TABLE temp.stage_moved');
}

/** The files' records (resolve.ts, `stage_resolved_records`) replace those of the same ids. */
async function storeResolvedRecords(connection: DuckDBConnection): Promise<void> {
  if (!(await hasTemp(connection, 'stage_resolved_records'))) return;
  await connection.run(
    `DELETE FROM resolution_records
      WHERE record_id IN (SELECT record_id FROM temp.stage_resolved_records)`,
  );
  await connection.run(
    `INSERT INTO resolution_records
       SELECT record_id, customer_id, source, kind, value, verified, first_seen, last_seen, linked_by
         FROM temp.stage_resolved_records`,
  );
}
