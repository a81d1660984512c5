// The segment tables (src/domain/segment/sql-tables.ts says what they hold and why): built after
// every load, and once when a store opens a file loaded by schema version 2, which had all the
// loaded tables but not these. Migrating that way takes about a minute at 1 M customers, where a
// reload takes five.
import type { DuckDBConnection } from '@duckdb/node-api';
import { DERIVED_TABLE_SQL } from '../../src/domain/segment/sql-tables.ts';
import { SCHEMA_VERSION } from './duckdb-schema.ts';
import { queryRows, toNumber } from './duckdb-values.ts';

/** The last schema version whose files only lack the segment tables. */
const MIGRATES_FROM = 2;

/** (Re)builds the segment tables from the loaded ones. */
export async function buildSegmentTables(connection: DuckDBConnection): Promise<void> {
  for (const sql of DERIVED_TABLE_SQL) await connection.run(sql);
}

/**
 * Brings a file loaded at version 2 to the current version: builds the segment tables and bumps
 * `meta`, in one transaction (a crash leaves the file at version 2, to be migrated again). Any
 * other version is left alone (readMeta then says it must be reseeded). Answers whether it migrated.
 */
export async function migrateSegmentTables(connection: DuckDBConnection): Promise<boolean> {
  let version: number;
  try {
    const [row] = await queryRows(
      connection,
      'SELECT schema_version FROM meta ORDER BY loaded_at DESC LIMIT 1',
    );
    if (row === undefined) return false;
    version = toNumber(row.schema_version ?? null);
  } catch {
    return false; // no `meta`, or one of another layout
  }
  if (version !== MIGRATES_FROM) return false;
  await connection.run('BEGIN TRANSACTION');
  try {
    await buildSegmentTables(connection);
    await connection.run('UPDATE meta SET schema_version = $1', [SCHEMA_VERSION]);
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
  await connection.run('CHECKPOINT');
  return true;
}
