// The customers' scores as DuckDB reads them in segment conditions: `customer_scores`, one row per
// scored customer with all of their scores as one JSON object (score id → number, string or
// null), read by sql.ts as it reads an event's properties. Derived from the data and the fitted
// models, so it is rewritten whole whenever the scores are (after each load), never migrated.
import { DuckDBDataChunk, type DuckDBConnection } from '@duckdb/node-api';
import type { ScoreValue } from '../scoring/score-fields.ts';

/** DuckDB's vector size: a data chunk holds at most this many rows (as the loader's). */
const CHUNK_ROWS = 2048;

/** Replaces `customer_scores` with `values` (customer id → score id → value). */
export async function writeCustomerScores(
  connection: DuckDBConnection,
  values: ReadonlyMap<string, ReadonlyMap<string, ScoreValue>>,
): Promise<void> {
  // No PRIMARY KEY: the ids are a Map's keys, hence unique, and counts hash-join on them; the
  // index would add a second to a million rows and serve no query.
  await connection.run(
    'CREATE OR REPLACE TABLE customer_scores (customer_id VARCHAR, scores JSON)',
  );
  const appender = await connection.createAppender('customer_scores');
  try {
    // One chunk reused for every flush (see the loader's TableWriter: chunks filled all at once).
    const chunk = DuckDBDataChunk.create([appender.columnType(0), appender.columnType(1)]);
    let ids: string[] = [];
    let objects: string[] = [];
    const flush = () => {
      if (ids.length === 0) return;
      chunk.reset();
      chunk.setColumns([ids, objects]);
      appender.appendDataChunk(chunk);
      ids = [];
      objects = [];
    };
    for (const [id, scores] of values) {
      ids.push(id);
      // Numbers are finite (score-fields.ts), so JSON.stringify writes each exactly as JS holds it.
      objects.push(JSON.stringify(Object.fromEntries(scores)));
      if (ids.length === CHUNK_ROWS) flush();
    }
    flush();
  } finally {
    appender.closeSync();
  }
}
