// The loaded campaigns on the DuckDB store: imported once per load as campaign documents
// (duckdb-documents.ts keeps them from then on), from the loaded campaigns, the offers and products
// they point to, their first messages and the segment documents imported just before.
import type { DuckDBConnection } from '@duckdb/node-api';
import { importedCampaigns } from '../documents/campaign-import.ts';
import { addDocuments, importDocuments } from './duckdb-documents.ts';
import { readHistoryReference } from './duckdb-histories.ts';
import { INSTANT_FORMAT } from './duckdb-schema.ts';
import { toNumber, toText } from './duckdb-values.ts';

/** Once per load; does nothing, reading nothing more, once done (a load drops the record). */
export async function importLoadedCampaigns(connection: DuckDBConnection): Promise<void> {
  // Prepared afresh, as every statement on tables a load replaces (see duckdb-documents.ts).
  const done = await connection.runAndReadAll(
    `SELECT count(*)::INTEGER AS n FROM document_imports WHERE kind = 'campaign'`,
  );
  if (toNumber(done.getRowObjects()[0]?.n ?? null) > 0) return;
  await importDocuments(connection, 'campaign', await loadedCampaignDocuments(connection));
}

/**
 * Inside an import's transaction (server/import), after it added rows to the loaded campaigns:
 * those without a document become documents; the others keep theirs, edits included.
 */
export async function importNewCampaigns(connection: DuckDBConnection): Promise<number> {
  return addDocuments(connection, 'campaign', await loadedCampaignDocuments(connection));
}

/** The loaded campaigns as documents, with what they point to. */
async function loadedCampaignDocuments(connection: DuckDBConnection) {
  const reference = await readHistoryReference(connection);
  const sends = await connection.runAndReadAll(
    `SELECT campaign_id, strftime(min(sent_at), '${INSTANT_FORMAT}') AS first_send
       FROM messages GROUP BY campaign_id`,
  );
  const segments = await connection.runAndReadAll(
    `SELECT id, version FROM documents WHERE kind = 'segment'`,
  );
  return importedCampaigns([...reference.campaigns.values()], {
    offers: reference.offers,
    products: reference.products,
    firstSends: new Map(
      sends
        .getRowObjects()
        .map((row) => [toText(row.campaign_id ?? null), toText(row.first_send ?? null)]),
    ),
    segmentVersions: new Map(
      segments
        .getRowObjects()
        .map((row) => [toText(row.id ?? null), toNumber(row.version ?? null)]),
    ),
  });
}
