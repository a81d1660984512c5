// Seeds the DuckDB store (or a ClickHouse) with the generated demo data on first start, printing
// progress.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_AS_OF, generateDataset, streamDataset } from '../mocks/seed/index.ts';
import { importedSegments } from './documents/segments.ts';
import { exportTables } from './import/export.ts';
import type { ClickHouseRunner } from './stores/clickhouse.ts';
import { loadClickHouse } from './stores/clickhouse-load.ts';
import {
  createDuckDbSink,
  loadDataset,
  openDuckDbStore,
  type DuckDbStore,
} from './stores/duckdb.ts';

export async function seedDemo(
  store: DuckDbStore,
  options: { seed: number; customers: number; log: (line: string) => void },
): Promise<void> {
  const { seed, customers, log } = options;
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  log(`Seeding ${customers.toLocaleString('en')} demo customers (seed ${seed}) into DuckDB…`);
  const sink = await createDuckDbSink(store, { asOf: DEMO_AS_OF, seed });
  let done = 0;
  let shownTenth = 0;
  streamDataset(
    { seed, customers, asOf: DEMO_AS_OF },
    {
      reference: (rows) => sink.reference(rows),
      customers: (rows) => {
        sink.customers(rows);
        done += rows.customers.length;
        const tenth = Math.floor((done * 10) / customers);
        if (tenth > shownTenth) {
          shownTenth = tenth;
          log(
            `  ${tenth * 10}% · ${done.toLocaleString('en')} customers · ${sink.rows.toLocaleString('en')} rows · ${seconds()} s`,
          );
        }
      },
    },
  );
  await sink.finish();
  log(`Seeded ${sink.rows.toLocaleString('en')} rows in ${seconds()} s.`);
}

/**
 * What `npm start` does with the file it opens: data a retailer imported (no seed) is served as it
 * is, never replaced by the demo; demo data of the asked seed and size is kept; anything else (an
 * empty file, another seed or size) is seeded again.
 */
export function startingData(
  meta: { seed: number | null; customers: number } | null,
  demo: { seed: number; customers: number },
): 'imported' | 'demo' | 'seed' {
  if (meta !== null && meta.seed === null) return 'imported';
  if (meta !== null && meta.seed === demo.seed && meta.customers === demo.customers) return 'demo';
  return 'seed';
}

/**
 * Seeds a ClickHouse (chDB for a one-machine trial) with the demo data as a retailer would load
 * theirs: written in the import layout, loaded by the ClickHouse loader; the demo's saved segments
 * become documents of Tact's state file.
 */
export async function seedClickHouseDemo(
  ch: ClickHouseRunner,
  state: DuckDbStore,
  options: { seed: number; customers: number; log: (line: string) => void },
): Promise<void> {
  const { seed, customers, log } = options;
  const started = performance.now();
  log(`Seeding ${customers.toLocaleString('en')} demo customers (seed ${seed}) into ClickHouse…`);
  const { dataset } = generateDataset({ seed, customers, asOf: DEMO_AS_OF });
  const dir = mkdtempSync(join(tmpdir(), 'tact-clickhouse-seed-'));
  const staging = await openDuckDbStore({ path: ':memory:', connections: 1 });
  try {
    await loadDataset(staging, dataset, { asOf: DEMO_AS_OF, seed });
    await exportTables(staging.connection, dir, 'csv');
    await loadClickHouse(ch, dir, DEMO_AS_OF);
  } finally {
    await staging.close();
    rmSync(dir, { recursive: true, force: true });
  }
  await state.documents.importOnce('segment', importedSegments(dataset.segments));
  log(`Seeded ClickHouse in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}
