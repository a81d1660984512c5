// `npm run export-demo -- --dir DIR [--customers N] [--seed S] [--format csv|parquet]`
//
// Writes the generated demo data in the import layout (docs/import.md), one file per table, so
// that an import can be tried end to end: `npm run import -- --dir DIR --as-of 2026-11-16T00:00:00Z`
// rebuilds the demo store.
import { parseArgs } from 'node:util';
import { DEMO_AS_OF, streamDataset } from '../../mocks/seed/index.ts';
import { exportTables } from '../import/export.ts';
import { createDuckDbSink, openDuckDbStore } from '../stores/duckdb.ts';

const USAGE = `Usage: npm run export-demo -- --dir DIR [--customers N] [--seed S] [--format csv|parquet]`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      dir: { type: 'string' },
      customers: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '42' },
      format: { type: 'string', default: 'csv' },
    },
  }));
} catch (error: unknown) {
  fail(error instanceof Error ? error.message : String(error));
}
const dir = values.dir ?? fail('--dir is required.');
const customers = Number(values.customers);
const seed = Number(values.seed);
if (!Number.isSafeInteger(customers) || customers < 1)
  fail('--customers must be a whole number ≥ 1.');
if (!Number.isSafeInteger(seed)) fail('--seed must be a whole number.');
const format = values.format === 'parquet' ? 'parquet' : values.format === 'csv' ? 'csv' : null;
if (format === null) fail('--format must be csv or parquet.');

const store = await openDuckDbStore({ path: ':memory:' });
try {
  const sink = await createDuckDbSink(store.connection, { asOf: DEMO_AS_OF, seed });
  streamDataset({ seed, customers, asOf: DEMO_AS_OF }, sink);
  await sink.finish();
  for (const written of await exportTables(store.connection, dir, format)) {
    process.stdout.write(`${written.file}: ${written.rows.toLocaleString('en')} rows\n`);
  }
  process.stdout.write(`As of ${DEMO_AS_OF} (pass it to the import with --as-of).\n`);
} finally {
  await store.close();
}
