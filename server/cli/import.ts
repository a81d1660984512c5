// `npm run import -- --dir DIR [--mapping FILE] [--db FILE] [--as-of INSTANT] [--check] [--replace]`
//
// Imports a directory of files in the import layout (docs/import.md) into the DuckDB file the
// server serves: every file read and every row checked, a report per file printed, and the rows
// written only when every one of them was accepted (all or nothing). Exits 1 when nothing was
// imported. The server must be stopped: the file is locked while it runs.
import { existsSync } from 'node:fs';
import { lockedFileMessage } from '../lifecycle.ts';
import { asOfFlag, cli, flags, mappingFlag, type Cli } from './args.ts';
import { importDirectory } from '../import/run.ts';
import { formatReport } from '../import/report.ts';
import { openDuckDbStore } from '../stores/duckdb.ts';

const USAGE = `Usage: npm run import -- --dir DIR [--mapping FILE] [--db FILE] [--as-of INSTANT] [--check] [--replace]

  --dir DIR        the files, one per table: customers.csv (or .parquet), orders.csv…
  --mapping FILE   JSON: per table, the file's name, its column names, values to translate
  --db FILE        the DuckDB file (default: TACT_DB, else data/tact.duckdb)
  --as-of INSTANT  "today" for the data, such as 2026-11-16T00:00:00Z (default: now)
  --check          read and check the files, import nothing
  --replace        the files replace all of the store's data (needed for records per source system)`;

const command: Cli = cli(USAGE);
const values = flags(command, {
  dir: { type: 'string' },
  mapping: { type: 'string' },
  db: { type: 'string' },
  'as-of': { type: 'string' },
  check: { type: 'boolean' },
  replace: { type: 'boolean' },
});
const dir = values.dir ?? command.fail('--dir is required.');
if (!existsSync(dir)) command.fail(`${dir} does not exist.`);
const asOf = asOfFlag(command, values['as-of']);
const db = values.db ?? process.env.TACT_DB ?? 'data/tact.duckdb';
const mapping = mappingFlag(command, values.mapping);

const store = await openDuckDbStore({ path: db }).catch((error: unknown) => {
  command.fail(
    lockedFileMessage(error, db) ?? (error instanceof Error ? error.message : String(error)),
  );
});
const started = performance.now();
try {
  const report = await importDirectory(store, dir, {
    asOf,
    check: values.check === true,
    replace: values.replace === true,
    mapping,
  });
  process.stdout.write(`${formatReport(report)}\n`);
  process.stdout.write(`(${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  process.exitCode = report.committed || values.check === true ? 0 : 1;
} finally {
  await store.close();
}
