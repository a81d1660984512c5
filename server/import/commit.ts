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
import { quote, type ColumnSpec } from '../stores/duckdb-schema.ts';
import { IMPORT_TABLES, KEYS, REPLACED_BY, columnsOf, stagedTable } from './layout.ts';

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
    if (info.replace === true)
      for (const table of IMPORT_TABLES) await connection.run(`DELETE FROM ${quote(table)}`);
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
