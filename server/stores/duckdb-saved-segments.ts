// Saved segments on the DuckDB store: the current version of each in `saved_segments`, every
// version in `segment_versions`, creating Idempotency-Keys in `segment_idempotency_keys`. Each write
// is one transaction (all of it or nothing); the store runs writes one at a time.
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type {
  SavedSegment,
  SegmentVersion,
  SegmentVersionSummary,
} from '../../src/api/contract.ts';
import { campaign } from '../../src/domain/profile/schema.ts';
import { parseDefinition, type SegmentDefinition } from '../../src/domain/segment/definition.ts';
import {
  importedSegment,
  versionOf,
  type IdempotencyRecord,
  type SegmentCampaign,
  type SegmentDeleteResult,
  type SegmentSaveResult,
  type SegmentWrite,
} from '../store.ts';
import { INSTANT_FORMAT } from './duckdb-schema.ts';
import { instantValue, toNumber, toText, type Row } from './duckdb-values.ts';

const at = (column: string) => `strftime(${column}, '${INSTANT_FORMAT}') AS ${column}`;
const HEAD_COLUMNS = `segment_id, name, description, definition::VARCHAR AS definition, version,
  author, ${at('created_at')}, ${at('updated_at')}`;
const VERSION_COLUMNS = `segment_id, version, name, description, definition::VARCHAR AS definition,
  author, strftime("at", '${INSTANT_FORMAT}') AS "at", note`;

/** A stored definition: valid when written, so one that no longer parses is a broken file. */
function storedDefinition(segmentId: string, text: string): SegmentDefinition {
  const parsed = parseDefinition(jsonOrNull(text));
  if (!parsed.ok) throw new Error(`The stored definition of segment ${segmentId} does not parse.`);
  return parsed.definition;
}

function headOf(row: Row): SavedSegment {
  const segmentId = toText(row.segment_id ?? null);
  return {
    segment_id: segmentId,
    name: toText(row.name ?? null),
    description: toText(row.description ?? null),
    definition: storedDefinition(segmentId, toText(row.definition ?? null)),
    version: toNumber(row.version ?? null),
    author: toText(row.author ?? null),
    created_at: toText(row.created_at ?? null),
    updated_at: toText(row.updated_at ?? null),
  };
}

function versionSummaryOf(row: Row): SegmentVersionSummary {
  return {
    version: toNumber(row.version ?? null),
    name: toText(row.name ?? null),
    author: toText(row.author ?? null),
    at: toText(row.at ?? null),
    note: toText(row.note ?? null),
  };
}

/**
 * Runs `sql` with bound values, prepared afresh each time. Not through queryRows' statement cache:
 * DuckDB plans a prepared statement with the table statistics of the moment, and these tables
 * change under it. A SELECT … ORDER BY prepared on an empty table and run again after an insert
 * returned garbled strings, and a WHERE on a string column returned no rows (DuckDB 1.5.5).
 */
async function queryRows(
  connection: DuckDBConnection,
  sql: string,
  values: DuckDBValue[] = [],
): Promise<Row[]> {
  const reader = await connection.runAndReadAll(sql, values);
  return reader.getRowObjects();
}

function jsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

async function transaction<T>(connection: DuckDBConnection, work: () => Promise<T>): Promise<T> {
  await connection.run('BEGIN TRANSACTION');
  try {
    const result = await work();
    await connection.run('COMMIT');
    return result;
  } catch (error: unknown) {
    await connection.run('ROLLBACK');
    throw error;
  }
}

async function insertHead(connection: DuckDBConnection, s: SavedSegment): Promise<void> {
  await queryRows(
    connection,
    'INSERT INTO saved_segments VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [
      s.segment_id,
      s.name,
      s.description,
      JSON.stringify(s.definition),
      s.version,
      s.author,
      instantValue(s.created_at),
      instantValue(s.updated_at),
    ],
  );
}

async function insertVersion(connection: DuckDBConnection, v: SegmentVersion): Promise<void> {
  await queryRows(
    connection,
    'INSERT INTO segment_versions VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [
      v.segment_id,
      v.version,
      v.name,
      v.description,
      JSON.stringify(v.definition),
      v.author,
      instantValue(v.at),
      v.note,
    ],
  );
}

/**
 * Once per load: the loaded `segments` whose definitions parse become saved segments, their
 * history starting at their loaded version. Does nothing once done (the load drops the record).
 */
export async function importLoadedSegments(connection: DuckDBConnection): Promise<void> {
  await transaction(connection, async () => {
    const [done] = await queryRows(
      connection,
      'SELECT count(*)::INTEGER AS n FROM saved_segments_import',
    );
    if (toNumber(done?.n ?? null) > 0) return;
    const rows = await queryRows(
      connection,
      `SELECT segment_id, name, definition::VARCHAR AS definition, version, author, ${at('updated_at')}
         FROM segments ORDER BY segment_id`,
    );
    const seen = new Set<string>();
    for (const row of rows) {
      const segmentId = toText(row.segment_id ?? null);
      const text = row.definition === null ? 'null' : toText(row.definition ?? null);
      const definition = jsonOrNull(text);
      const imported = importedSegment({
        segment_id: segmentId,
        name: toText(row.name ?? null),
        definition,
        version: toNumber(row.version ?? null),
        author: toText(row.author ?? null),
        updated_at: toText(row.updated_at ?? null),
      });
      if (imported === null || seen.has(segmentId)) continue;
      seen.add(segmentId);
      await insertHead(connection, imported.segment);
      await insertVersion(connection, imported.version);
    }
    await queryRows(
      connection,
      'INSERT INTO saved_segments_import VALUES (current_timestamp::TIMESTAMP)',
    );
  });
}

export async function readSavedSegments(connection: DuckDBConnection): Promise<SavedSegment[]> {
  const rows = await queryRows(
    connection,
    `SELECT ${HEAD_COLUMNS} FROM saved_segments ORDER BY segment_id`,
  );
  return rows.map(headOf);
}

export async function readSavedSegment(
  connection: DuckDBConnection,
  segmentId: string,
): Promise<SavedSegment | null> {
  const [row] = await queryRows(
    connection,
    `SELECT ${HEAD_COLUMNS} FROM saved_segments WHERE segment_id = $1`,
    [segmentId],
  );
  return row ? headOf(row) : null;
}

export async function readSegmentVersions(
  connection: DuckDBConnection,
  segmentId: string,
): Promise<SegmentVersionSummary[] | null> {
  const rows = await queryRows(
    connection,
    `SELECT ${VERSION_COLUMNS} FROM segment_versions WHERE segment_id = $1 ORDER BY version DESC`,
    [segmentId],
  );
  return rows.length === 0 ? null : rows.map(versionSummaryOf);
}

export async function readSegmentVersion(
  connection: DuckDBConnection,
  segmentId: string,
  version: number,
): Promise<SegmentVersion | null> {
  const [row] = await queryRows(
    connection,
    `SELECT ${VERSION_COLUMNS} FROM segment_versions WHERE segment_id = $1 AND version = $2`,
    [segmentId, version],
  );
  if (!row) return null;
  return {
    ...versionSummaryOf(row),
    segment_id: segmentId,
    description: toText(row.description ?? null),
    definition: storedDefinition(segmentId, toText(row.definition ?? null)),
  };
}

const campaignStatus = campaign.shape.status;

export async function readSegmentCampaigns(
  connection: DuckDBConnection,
): Promise<SegmentCampaign[]> {
  const rows = await queryRows(
    connection,
    `SELECT campaign_id, name, status, segment_id FROM campaigns
      WHERE segment_id IS NOT NULL ORDER BY campaign_id`,
  );
  return rows.map((row) => ({
    campaign_id: toText(row.campaign_id ?? null),
    name: toText(row.name ?? null),
    status: campaignStatus.parse(row.status),
    segment_id: toText(row.segment_id ?? null),
  }));
}

export async function readIdempotencyRecord(
  connection: DuckDBConnection,
  key: string,
): Promise<IdempotencyRecord | null> {
  const [row] = await queryRows(
    connection,
    'SELECT fingerprint, segment_id FROM segment_idempotency_keys WHERE "key" = $1',
    [key],
  );
  if (!row) return null;
  return {
    key,
    fingerprint: toText(row.fingerprint ?? null),
    segmentId: toText(row.segment_id ?? null),
  };
}

function headFrom(segmentId: string, version: number, write: SegmentWrite, createdAt: string) {
  return {
    segment_id: segmentId,
    name: write.name,
    description: write.description,
    definition: write.definition,
    version,
    author: write.author,
    created_at: createdAt,
    updated_at: write.at,
  };
}

export function insertSegment(
  connection: DuckDBConnection,
  segmentId: string,
  write: SegmentWrite,
  idempotency: { key: string; fingerprint: string } | null,
): Promise<SavedSegment> {
  return transaction(connection, async () => {
    const segment = headFrom(segmentId, 1, write, write.at);
    await insertHead(connection, segment);
    await insertVersion(connection, versionOf(segment, write.note));
    if (idempotency) {
      await queryRows(connection, 'INSERT INTO segment_idempotency_keys VALUES ($1, $2, $3, $4)', [
        idempotency.key,
        idempotency.fingerprint,
        segmentId,
        instantValue(write.at),
      ]);
    }
    return segment;
  });
}

export function appendSegmentVersion(
  connection: DuckDBConnection,
  segmentId: string,
  expectedVersion: number,
  write: SegmentWrite,
): Promise<SegmentSaveResult> {
  return transaction(connection, async (): Promise<SegmentSaveResult> => {
    const current = await readSavedSegment(connection, segmentId);
    if (current === null) return { ok: false, reason: 'not_found' };
    if (current.version !== expectedVersion) return { ok: false, reason: 'stale', current };
    const segment = headFrom(segmentId, current.version + 1, write, current.created_at);
    await queryRows(
      connection,
      `UPDATE saved_segments SET name = $2, description = $3, definition = $4, version = $5,
         author = $6, updated_at = $7 WHERE segment_id = $1`,
      [
        segmentId,
        segment.name,
        segment.description,
        JSON.stringify(segment.definition),
        segment.version,
        segment.author,
        instantValue(segment.updated_at),
      ],
    );
    await insertVersion(connection, versionOf(segment, write.note));
    return { ok: true, segment };
  });
}

export function removeSegment(
  connection: DuckDBConnection,
  segmentId: string,
  expectedVersion: number | null,
): Promise<SegmentDeleteResult> {
  return transaction(connection, async (): Promise<SegmentDeleteResult> => {
    const current = await readSavedSegment(connection, segmentId);
    if (current === null) return { ok: false, reason: 'not_found' };
    if (expectedVersion !== null && current.version !== expectedVersion) {
      return { ok: false, reason: 'stale', current };
    }
    await queryRows(connection, 'DELETE FROM segment_versions WHERE segment_id = $1', [segmentId]);
    await queryRows(connection, 'DELETE FROM saved_segments WHERE segment_id = $1', [segmentId]);
    return { ok: true };
  });
}
