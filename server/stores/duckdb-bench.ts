// Measures the DuckDB store on generated data: load rate, then p50/p95 of profile, timeline and
// search, with and without ART indexes. Not a test.
//   npx tsx server/stores/duckdb-bench.ts [customers=50000] [file=/tmp/tact-bench.duckdb]
import { rmSync, statSync } from 'node:fs';
import type { TimelineRequest } from '../store.ts';
import { decodeTimelineCursor } from '../../src/domain/profile/timeline.ts';
import { createDuckDbSink, openDuckDbStore, type DuckDbStore } from './duckdb.ts';
import { loadSeedModule } from './duckdb-seed.ts';

const customers = Number(process.argv[2] ?? 50_000);
const file = process.argv[3] ?? '/tmp/tact-bench.duckdb';
const say = (line: string) => process.stdout.write(`${line}\n`);

function percentile(samples: readonly number[], p: number): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN).toFixed(1);
}

async function timed(label: string, ids: readonly string[], run: (id: string) => Promise<unknown>) {
  const samples: number[] = [];
  for (const id of ids) {
    const start = performance.now();
    await run(id);
    samples.push(performance.now() - start);
  }
  say(
    `  ${label.padEnd(34)} p50 ${percentile(samples, 0.5)} ms   p95 ${percentile(samples, 0.95)} ms`,
  );
}

async function latencies(store: DuckDbStore, ids: readonly string[], names: readonly string[]) {
  const all: TimelineRequest = { after: null, limit: 100, channels: [], kinds: [] };
  await timed('profile', ids, (id) => store.profile(id));
  await timed('timeline, first page of 100', ids, (id) => store.timeline(id, all));
  await timed('timeline, second page of 20', ids, async (id) => {
    const first = await store.timeline(id, { ...all, limit: 20 });
    const after = first?.next_cursor ? decodeTimelineCursor(first.next_cursor) : null;
    if (after) await store.timeline(id, { ...all, limit: 20, after });
  });
  await timed('timeline, orders on web or store', ids, (id) =>
    store.timeline(id, { ...all, kinds: ['order'], channels: ['web', 'store'] }),
  );
  await timed('search (name fragment)', names, (q) => store.search(q, 20));
}

const seed = await loadSeedModule();
if (seed === null) {
  say('mocks/seed/index.ts (generateDataset, streamDataset) is not there: nothing to measure.');
  process.exit(1);
}
rmSync(file, { force: true });
rmSync(`${file}.wal`, { force: true });

const store = await openDuckDbStore({ path: file });
const sink = await createDuckDbSink(store, { asOf: seed.DEMO_AS_OF, seed: 42 });
let loading = 0;
const started = performance.now();
seed.streamDataset(
  { seed: 42, customers },
  {
    reference(rows) {
      const t = performance.now();
      sink.reference(rows);
      loading += performance.now() - t;
    },
    customers(rows) {
      const t = performance.now();
      sink.customers(rows);
      loading += performance.now() - t;
    },
  },
);
const t = performance.now();
await sink.finish();
loading += performance.now() - t;
const total = (performance.now() - started) / 1000;
const rows = sink.rows;
say(`${customers.toLocaleString('en')} customers, ${rows.toLocaleString('en')} rows`);
say(`  generate + load ${total.toFixed(1)} s; load alone ${(loading / 1000).toFixed(1)} s`);
say(`  load rate ${Math.round(rows / (loading / 1000)).toLocaleString('en')} rows/s`);
say(`  file ${(statSync(file).size / 1e6).toFixed(0)} MB`);

const step = Math.max(1, Math.floor(customers / 400));
const ids: string[] = [];
for (let i = 1; i <= customers; i += step) ids.push(`C${String(i).padStart(7, '0')}`);
const names = ['mar', 'Dupont', 'lefèvre', 'jean', 'olivier.m', '+33 6 12', 'FID28', 'zz'];
const t0 = performance.now();
await store.catalogue();
say(`  catalogue (first, uncached) ${(performance.now() - t0).toFixed(0)} ms`);
const indexes = [
  ...[
    'customers',
    'identities',
    'consents',
    'preferences',
    'orders',
    'events',
    'messages',
    'offer_responses',
  ].map((table) => `${table}_by_customer ON ${table} (customer_id)`),
  'order_lines_by_order ON order_lines (order_id)',
];
await latencies(store, ids.slice(0, 20), names); // warm-up
say('zonemaps only (rows in customer order):');
await latencies(store, ids, names);
const t1 = performance.now();
for (const index of indexes) await store.connection.run(`CREATE INDEX ${index}`);
say(`with ART indexes (built in ${((performance.now() - t1) / 1000).toFixed(1)} s):`);
await store.reload(); // fresh connections: statements planned with the indexes
await latencies(store, ids, names);
for (const index of indexes) await store.connection.run(`DROP INDEX ${index.split(' ')[0]}`);
await store.reload();
say('zonemaps only, again:');
await latencies(store, ids, names);
await store.close();
