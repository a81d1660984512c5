// An import from a directory of files in the import layout into the DuckDB store: read and check
// every file (read.ts), then, only when every row of every file was accepted, write them in one
// transaction (commit.ts) and let the store serve them (scores, catalogue and segment tables are
// worked out again from the new rows). Otherwise nothing changes.
import { dropResolved } from './resolve.ts';
import type { ImportStep } from '../../src/api/contract.ts';
import type { DuckDbStore } from '../stores/duckdb.ts';
import { quote } from '../stores/duckdb-schema.ts';
import { commitImport } from './commit.ts';
import { LAYOUT_TABLES } from './layout.ts';
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
  /** The files' rows replace all of the store's (default: they update it by key). */
  replace?: boolean;
  /** Told before each step, for a progress bar. */
  onStep?: (step: ImportStep) => void;
}

export async function importDirectory(
  store: DuckDbStore,
  dir: string,
  options: ImportOptions,
): Promise<ImportReport> {
  const connection = store.connection;
  try {
    const replace = options.replace === true;
    const onStep = options.onStep ?? (() => undefined);
    const read = await readImport(connection, dir, options.mapping ?? null, { replace, onStep });
    const clean = read.problems.length === 0 && read.unlisted === 0;
    if (!clean || options.check === true) return { ...read, committed: false };
    await commitImport(connection, { asOf: options.asOf, replace, onStep });
    onStep({ stage: 'reload', table: null });
    await store.reload();
    return { ...read, committed: true };
  } finally {
    for (const table of LAYOUT_TABLES)
      await connection.run(`DROP TABLE IF EXISTS temp.${quote(`stage_${table}`)}`);
    await dropResolved(connection);
  }
}
