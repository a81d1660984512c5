// `npm run clickhouse-load -- --dir DIR [--mapping FILE] [--as-of INSTANT]`
//
// Loads a retailer's files into the ClickHouse `TACT_STORE=clickhouse` serves (TACT_CLICKHOUSE_URL,
// else chDB on TACT_CLICKHOUSE_PATH): first imported exactly as `npm run import -- --replace`
// imports them — every row checked, records per source system resolved, a report per file — into
// a DuckDB file of its own in a temporary folder; only when every row was accepted, written in the
// import layout and loaded into ClickHouse, replacing what its tables held. The server must be
// stopped when ClickHouse is chDB on a folder (the folder is the server's).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asOfFlag, cli, flags, mappingFlag, type Cli } from './args.ts';
import { exportTables } from '../import/export.ts';
import { formatReport } from '../import/report.ts';
import { importDirectory } from '../import/run.ts';
import { loadClickHouse } from '../stores/clickhouse-load.ts';
import { openClickHouse } from '../stores/clickhouse-open.ts';
import { openDuckDbStore } from '../stores/duckdb.ts';

const USAGE = `Usage: npm run clickhouse-load -- --dir DIR [--mapping FILE] [--as-of INSTANT]

  --dir DIR        the files, one per table, as for npm run import (docs/import.md)
  --mapping FILE   JSON: per table, the file's name, its column names, values to translate
  --as-of INSTANT  "today" for the data, such as 2026-11-16T00:00:00Z (default: now)

  ClickHouse: TACT_CLICKHOUSE_URL (with _USER, _PASSWORD, _DATABASE), else chDB in
  TACT_CLICKHOUSE_PATH (default data/clickhouse).`;

const command: Cli = cli(USAGE);
const values = flags(command, {
  dir: { type: 'string' },
  mapping: { type: 'string' },
  'as-of': { type: 'string' },
});
const dir = values.dir ?? command.fail('--dir is required.');
if (!existsSync(dir)) command.fail(`${dir} does not exist.`);
const asOf = asOfFlag(command, values['as-of']);
const mapping = mappingFlag(command, values.mapping);

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
const work = mkdtempSync(join(tmpdir(), 'tact-clickhouse-load-'));
try {
  const staging = await openDuckDbStore({ path: join(work, 'staging.duckdb') });
  try {
    const report = await importDirectory(staging, dir, { asOf, replace: true, mapping });
    process.stdout.write(`${formatReport(report)}\n`);
    if (!report.committed) {
      process.stdout.write('Nothing was loaded into ClickHouse.\n');
      process.exitCode = 1;
    } else {
      const layout = join(work, 'layout');
      await exportTables(staging.connection, layout, 'csv');
      const opened = await openClickHouse(process.env).catch((error: unknown) => {
        process.stderr.write(`Cannot open ClickHouse: ${message(error)}\n`);
        process.exit(1);
      });
      const { runner, where } = opened;
      try {
        const loaded = await loadClickHouse(runner, layout, asOf);
        const rows = Object.values(loaded).reduce((a, b) => a + b, 0);
        process.stdout.write(
          `Loaded ${rows.toLocaleString('en')} rows (${loaded.customers.toLocaleString('en')} customers) into ${where} in ${seconds()} s.\n`,
        );
      } catch (error: unknown) {
        // One line, not a stack trace; no as-of is left, so no server serves a partial load.
        process.stderr.write(`Loading ${where} failed: ${message(error)}\n`);
        process.exitCode = 1;
      } finally {
        await runner.close();
      }
    }
  } finally {
    await staging.close();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
