// The guardrail policy on the DuckDB store: the default policy at version 1, imported once per
// load (duckdb-documents.ts keeps it and its versions from then on) unless the file holds it.
import type { DuckDBConnection } from '@duckdb/node-api';
import { DEFAULT_POLICY_ID } from '../../src/domain/guardrails/policy.ts';
import { loadedPolicies } from '../documents/policies.ts';
import { importDocuments } from './duckdb-documents.ts';
import { toNumber } from './duckdb-values.ts';

/** Once per load: the default policy, made at `at`. Does nothing once done (a load drops it). */
export async function importDefaultPolicy(connection: DuckDBConnection, at: string): Promise<void> {
  // Prepared afresh, as every statement on tables a load replaces (see duckdb-documents.ts).
  const held = await connection.runAndReadAll(
    `SELECT count(*)::INTEGER AS n FROM documents WHERE kind = 'guardrail_policy' AND id = $1`,
    [DEFAULT_POLICY_ID],
  );
  const present = toNumber(held.getRowObjects()[0]?.n ?? null) > 0;
  await importDocuments(connection, 'guardrail_policy', present ? [] : loadedPolicies(at));
}
