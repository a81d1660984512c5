// `npm run export-demo -- --dir DIR [--customers N] [--seed S] [--format csv|parquet] [--fragments]`
//
// Writes the generated demo data in the import layout (docs/import.md), one file per table, so
// that an import can be tried end to end: `npm run import -- --dir DIR --as-of 2026-11-16T00:00:00Z`
// rebuilds the demo store. With --fragments, as an export per source system holds it: no customer
// ids, each customer's records per system (source_records, record_links) for identity resolution
// (import them with --replace).
import { cli, flags, type Cli } from './args.ts';
import { DEMO_AS_OF, streamDataset } from '../../mocks/seed/index.ts';
import { fragmentsOf } from '../../mocks/seed/fragments.ts';
import { exportRecordFragments, exportTables, layoutSelect } from '../import/export.ts';
import { identityKind } from '../../src/domain/profile/schema.ts';
import { createDuckDbSink, openDuckDbStore, type DuckDbStore } from '../stores/duckdb.ts';

const USAGE = `Usage: npm run export-demo -- --dir DIR [--customers N] [--seed S] [--format csv|parquet] [--fragments]`;

const command: Cli = cli(USAGE);
const fail: Cli['fail'] = command.fail;
const values = flags(command, {
  dir: { type: 'string' },
  customers: { type: 'string', default: '1000' },
  seed: { type: 'string', default: '42' },
  format: { type: 'string', default: 'csv' },
  fragments: { type: 'boolean' },
});
const dir = values.dir ?? fail('--dir is required.');
const customers = Number(values.customers);
const seed = Number(values.seed);
if (!Number.isSafeInteger(customers) || customers < 1)
  fail('--customers must be a whole number ≥ 1.');
if (!Number.isSafeInteger(seed)) fail('--seed must be a whole number.');
const format = values.format === 'parquet' ? 'parquet' : values.format === 'csv' ? 'csv' : null;
if (format === null) fail('--format must be csv or parquet.');

/** The demo's records per source system, from the customers and identities the store holds. */
async function fragmentsOfStore(store: DuckDbStore) {
  const customers = await store.connection.runAndReadAll(
    'SELECT customer_id FROM customers ORDER BY rowid',
  );
  const identities = await store.connection.runAndReadAll(layoutSelect('identities'));
  const text = (v: unknown) => (typeof v === 'string' ? v : String(v));
  return fragmentsOf({
    customers: customers.getRowObjects().map((r) => ({ customer_id: text(r.customer_id) })),
    identities: identities.getRowObjects().flatMap((r) => {
      const kind = identityKind.safeParse(r.kind);
      return kind.success
        ? [
            {
              customer_id: text(r.customer_id),
              kind: kind.data,
              value: text(r.value),
              source: text(r.source),
              first_seen: text(r.first_seen),
              last_seen: text(r.last_seen),
            },
          ]
        : [];
    }),
  });
}

const store = await openDuckDbStore({ path: ':memory:' });
try {
  const sink = await createDuckDbSink(store.connection, { asOf: DEMO_AS_OF, seed });
  streamDataset({ seed, customers, asOf: DEMO_AS_OF }, sink);
  await sink.finish();
  const written =
    values.fragments === true
      ? await exportRecordFragments(store.connection, dir, format, await fragmentsOfStore(store))
      : await exportTables(store.connection, dir, format);
  for (const w of written) process.stdout.write(`${w.file}: ${w.rows.toLocaleString('en')} rows\n`);
  process.stdout.write(
    `As of ${DEMO_AS_OF} (pass it to the import with --as-of${values.fragments === true ? ', and --replace' : ''}).\n`,
  );
} finally {
  await store.close();
}
