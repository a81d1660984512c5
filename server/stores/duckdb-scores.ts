// The customers' scores as DuckDB reads them in segment conditions: `customer_scores`, one row per
// scored customer with all of their scores as one JSON object (score id → number, string or
// null), read by sql.ts as it reads an event's properties. Derived from the data and the fitted
// models, so it is rewritten whole whenever the scores are (after each load), never migrated.
// Beside it, `score_columns`: the same values typed, one column per score named by its id, keyed by
// customer_no — what breakdowns and sums over every member read (a JSON object parsed per member
// per request cost 0.7 s a breakdown at 1 M customers; the typed column 0.17 s).
import { DuckDBDataChunk, type DuckDBConnection } from '@duckdb/node-api';
import { SCORE_FIELDS, type ScoreValue } from '../scoring/score-fields.ts';
import { propertyPointer } from '../../src/domain/segment/sql-comparison.ts';
import { quote } from './duckdb-schema.ts';
import { CHUNK_ROWS, sqlText } from './duckdb-values.ts';

/** The typed scores' table and a score's column in it. */
export const SCORE_COLUMNS = 'score_columns';
export const scoreColumn = (scoreId: string): string => quote(scoreId);

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
  // Each value read from the JSON as the segment conditions read it: a number cast as it is, an
  // enum's text; a customer of customer_scores without a segment_customers row has no number.
  const columns = SCORE_FIELDS.map((field) => {
    const pointer = sqlText(propertyPointer(field.id));
    const read =
      field.type === 'number'
        ? `TRY_CAST(json_extract(s.scores, ${pointer}) AS DOUBLE)`
        : `json_extract_string(s.scores, ${pointer})`;
    return `${read} AS ${scoreColumn(field.id)}`;
  });
  await connection.run(
    `CREATE OR REPLACE TABLE ${SCORE_COLUMNS} AS
     SELECT n.customer_no, ${columns.join(', ')}
     FROM customer_scores s JOIN segment_customers n ON n.customer_id = s.customer_id
     ORDER BY n.customer_no`,
  );
}
