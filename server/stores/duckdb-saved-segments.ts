// What the DuckDB store reads for saved segments from the loaded tables: the loaded `segments`,
// imported once per load as segment documents (duckdb-documents.ts keeps them from then on).
import type { DuckDBConnection } from '@duckdb/node-api';
import { importedSegments } from '../documents/segments.ts';
import { importDocuments } from './duckdb-documents.ts';
import { INSTANT_FORMAT } from './duckdb-schema.ts';
import { toNumber, toText } from './duckdb-values.ts';

function jsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Once per load: the loaded `segments` whose definitions parse become segment documents, their
 * history starting at their loaded version. Does nothing once done (a load drops the record).
 */
export async function importLoadedSegments(connection: DuckDBConnection): Promise<void> {
  // Prepared afresh, as every statement on tables a load replaces (see duckdb-documents.ts).
  const reader = await connection.runAndReadAll(
    `SELECT segment_id, name, definition::VARCHAR AS definition, version, author,
            strftime(updated_at, '${INSTANT_FORMAT}') AS updated_at
       FROM segments ORDER BY segment_id`,
  );
  const rows = reader.getRowObjects().map((row) => ({
    segment_id: toText(row.segment_id ?? null),
    name: toText(row.name ?? null),
    definition: row.definition === null ? null : jsonOrNull(toText(row.definition ?? null)),
    version: toNumber(row.version ?? null),
    author: toText(row.author ?? null),
    updated_at: toText(row.updated_at ?? null),
  }));
  await importDocuments(connection, 'segment', importedSegments(rows));
}
