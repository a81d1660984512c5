// An import from a directory of files in the import layout into the DuckDB store: read and check
// every file (read.ts), then, only when every row of every file was accepted, write them in one
// transaction (commit.ts) and let the store serve them (scores, catalogue and segment tables are
// worked out again from the new rows). Otherwise nothing changes.
import type { DuckDbStore } from '../stores/duckdb.ts';
import { quote } from '../stores/duckdb-schema.ts';
import { commitImport } from './commit.ts';
import { IMPORT_TABLES } from './layout.ts';
import type { ImportMapping } from './mapping.ts';
import { readImport } from './read.ts';
import type { ImportReport } from './report.ts';

export interface ImportOptions {
  /** "Today" for the imported data (ISO instant). */
  asOf: string;
  /** Read and check only. */
  check?: boolean;
  /** How the files differ from the layout (mapping.ts). */
  mapping?: ImportMapping | null;
}

export async function importDirectory(
  store: DuckDbStore,
  dir: string,
  options: ImportOptions,
): Promise<ImportReport> {
  const connection = store.connection;
  try {
    const read = await readImport(connection, dir, options.mapping ?? null);
    const clean = read.problems.length === 0 && read.unlisted === 0;
    if (!clean || options.check === true) return { ...read, committed: false };
    await commitImport(connection, { asOf: options.asOf });
    await store.reload();
    return { ...read, committed: true };
  } finally {
    for (const table of IMPORT_TABLES)
      await connection.run(`DROP TABLE IF EXISTS temp.${quote(`stage_${table}`)}`);
  }
}
