// The tables derived from the loaded ones: the segment tables (duckdb-segment-tables.ts says what
// they hold and why) and the packed histories (duckdb-histories.ts). Built after every load, and
// once when a store opens a file of an older schema version that lacks them: version 2
// (none of these), 3 (segment tables without the lower-cased copies), 4 (no packed histories),
// 5 and 6 (histories perhaps packed as JSON objects, without the index), 7 (search_names, now
// unused), 8 (segment tables without each customer's first order), 10 (segment tables without
// the consent records' presence and the usable first name), 11 and 12 (segment tables without the
// cross-profile facts). A version 9 file is not migrated but
// reseeded: its generated data predates the planted experiments and their holdouts.
// Migrating the segment tables takes 1.5–2 minutes at 1 M customers on 2 busy cores, where a
// reload takes five.
import type { DuckDBConnection } from '@duckdb/node-api';
import { buildHistoryTable } from './duckdb-histories.ts';
import { buildSearchTables } from './duckdb-search.ts';
import { SCHEMA_VERSION } from './duckdb-schema.ts';
import { DERIVED_TABLE_SQL } from './duckdb-segment-tables.ts';
import { queryRows, toNumber } from './duckdb-values.ts';

/** Schema versions whose files only lack derived tables as this version builds them. */
const MIGRATES_FROM: ReadonlySet<number> = new Set([2, 3, 4, 5, 6, 7, 8, 10, 11, 12]);

/** (Re)builds the segment tables from the loaded ones. */
export async function buildSegmentTables(connection: DuckDBConnection): Promise<void> {
  for (const sql of DERIVED_TABLE_SQL) await connection.run(sql);
}

/**
 * Brings a file of version 2 to 8, 10 or 11 to the current version: (re)builds what it lacks and bumps
 * `meta`, in one transaction (a crash leaves the file as it was, to be migrated again). Any other
 * version is left alone (readMeta then says it must be reseeded). Answers whether it migrated.
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
  if (!MIGRATES_FROM.has(version)) return false;
  await connection.run('BEGIN TRANSACTION');
  try {
    // Version 13: segment_customers says what only the other profiles tell (shared device,
    // duplicate e-mail or phone).
    if (version < 13) await buildSegmentTables(connection);
    // Version 12 packs an identity's record and link rule in the histories.
    if (version < 12) await buildHistoryTable(connection);
    if (version < 8) await buildSearchTables(connection);
    await connection.run('UPDATE meta SET schema_version = $1', [SCHEMA_VERSION]);
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
  await connection.run('CHECKPOINT');
  return true;
}
