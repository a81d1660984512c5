// Files of schema versions 2 to 6 may keep saved segments in tables of their own (saved_segments,
// segment_versions, segment_idempotency_keys, saved_segments_import). On open their rows become
// documents of kind 'segment', and those tables go: nothing saved is lost, and a reseed is not
// needed.
import type { DuckDBConnection } from '@duckdb/node-api';
import { LEGACY_SAVED_SEGMENT_TABLES, SCHEMA_VERSION } from './duckdb-schema.ts';
import { toNumber } from './duckdb-values.ts';

/**
 * The versions whose saved-segment tables move. The current one too: a version 2–4 file is
 * bumped by the derived-table migration (duckdb-derived.ts) before this one runs, and a crash
 * between the two leaves a current file that still has them.
 */
const MIGRATES_FROM: ReadonlySet<number> = new Set([2, 3, 4, 5, 6, SCHEMA_VERSION]);

/** A segment's body as the segment document kind stores it (server/documents/segments.ts). */
const SEGMENT_BODY =
  "json_object('name', name, 'description', description, 'definition', definition)";

// Statements are prepared afresh (not duckdb-values' cache): `meta` changes under them.
async function schemaVersion(connection: DuckDBConnection): Promise<number | null> {
  try {
    const reader = await connection.runAndReadAll(
      'SELECT schema_version FROM meta ORDER BY loaded_at DESC LIMIT 1',
    );
    const [row] = reader.getRowObjects();
    return row === undefined ? null : toNumber(row.schema_version ?? null);
  } catch {
    return null; // no `meta`, or one of another layout
  }
}

async function hasTable(connection: DuckDBConnection, table: string): Promise<boolean> {
  const reader = await connection.runAndReadAll(
    "SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = $1",
    [table],
  );
  const [row] = reader.getRowObjects();
  return toNumber(row?.n ?? null) > 0;
}

/**
 * Moves a version 2–5 file's saved segments, their histories, Idempotency-Keys and import record
 * into the document tables, drops the old tables and sets `meta` to the current version, in one
 * transaction (a crash leaves the file as it was, to be migrated again). Runs after the
 * derived-table migration; any other file is left alone. Answers whether it migrated.
 */
export async function migrateSavedSegmentTables(connection: DuckDBConnection): Promise<boolean> {
  const version = await schemaVersion(connection);
  if (version === null || !MIGRATES_FROM.has(version)) return false;
  if (!(await hasTable(connection, 'saved_segments'))) return false;
  await connection.run('BEGIN TRANSACTION');
  try {
    await connection.run(
      `INSERT INTO documents
       SELECT 'segment', segment_id, version, ${SEGMENT_BODY}, author, created_at, updated_at
         FROM saved_segments`,
    );
    await connection.run(
      `INSERT INTO document_versions
       SELECT 'segment', segment_id, version, ${SEGMENT_BODY}, author, "at", note
         FROM segment_versions`,
    );
    await connection.run(
      `INSERT INTO document_idempotency_keys
       SELECT 'segment', "key", fingerprint, segment_id, "at" FROM segment_idempotency_keys`,
    );
    await connection.run(
      `INSERT INTO document_imports
       SELECT 'segment', min("at") FROM saved_segments_import HAVING count(*) > 0`,
    );
    for (const table of LEGACY_SAVED_SEGMENT_TABLES) {
      await connection.run(`DROP TABLE IF EXISTS ${table}`);
    }
    await connection.run('UPDATE meta SET schema_version = $1', [SCHEMA_VERSION]);
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
  await connection.run('CHECKPOINT');
  return true;
}
