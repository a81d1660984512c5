// Child process of the bench: generates N customers straight into a fresh DuckDB file and prints
// one JSON line with the load time (generation included), rows and peak memory.
import { mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { seedDemo } from '../server/seed-demo.ts';
import { openDuckDbStore } from '../server/stores/duckdb.ts';

const customers = Number(process.argv[2] ?? 1_000_000);
const file = process.argv[3] ?? `data/bench-${customers}.duckdb`;
mkdirSync(dirname(file), { recursive: true });
rmSync(file, { force: true });
rmSync(`${file}.wal`, { force: true });
const memoryLimit = process.env.TACT_DUCKDB_MEMORY ?? '2GB';
const store = await openDuckDbStore({ path: file, memoryLimit });
const started = performance.now();
await seedDemo(store, { seed: 42, customers, log: (line) => console.error(line) });
const ms = performance.now() - started;
await store.close();
console.log(
  JSON.stringify({ customers, file, ms, peakRssBytes: process.resourceUsage().maxRSS * 1024 }),
);
