// Child process of the bench: the five reference segment counts on DuckDB and on ClickHouse
// (chDB, in this process) side by side, over the same customers: the DuckDB file's tables written
// in the import layout and loaded into ClickHouse once (kept beside the file), then each count
// run on DuckDB's segment tables (what the store runs), on DuckDB's loaded tables (the same SQL as
// ClickHouse's, in DuckDB's words) and on ClickHouse — interleaved, one of each in turn, so that
// the machine's load weighs on all three alike. Prints JSON.
import { existsSync, mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { exportTables } from '../server/import/export.ts';
import { definitionsById } from '../server/store.ts';
import { chdbRunner } from '../server/stores/chdb-runner.ts';
import { loadLayout } from '../server/stores/clickhouse.ts';
import { clickhouseCount, writeCustomerQuality } from '../server/stores/clickhouse-segments.ts';
import { openDuckDbStore } from '../server/stores/duckdb.ts';
import { countSegment } from '../server/stores/duckdb-segments.ts';
import { references } from './segment-references.ts';

const [file = 'data/bench-1000000.duckdb', runsArg = '5'] = process.argv.slice(2);
const runs = Number(runsArg);
const layoutDir = `${file}.layout`;
const chdbDir = `${file}.chdb`;
const seconds = (ms: number) => Number((ms / 1000).toFixed(1));

const store = await openDuckDbStore({ path: file, memoryLimit: '4GB' });
const setup: Record<string, number> = {};
if (!existsSync(layoutDir)) {
  const started = performance.now();
  await exportTables(store.connection, layoutDir, 'csv');
  setup.exportSeconds = seconds(performance.now() - started);
}
const fresh = !existsSync(chdbDir);
mkdirSync(chdbDir, { recursive: true });
const ch = chdbRunner(chdbDir);
if (fresh) {
  const started = performance.now();
  await loadLayout(ch, layoutDir, { ordered: false });
  await writeCustomerQuality(ch);
  setup.chdbLoadSeconds = seconds(performance.now() - started);
}

const saved = definitionsById(await store.savedSegments());
const customers = await store.customerCount();
const ctx = { asOf: store.asOf, segments: saved, customers };
type Engine = 'derived' | 'base' | 'clickhouse';
const ENGINES: readonly Engine[] = ['derived', 'base', 'clickhouse'];
const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const results: Record<string, unknown>[] = [];
for (const ref of references) {
  const times: Record<Engine, number[]> = {
    derived: [],
    base: [],
    clickhouse: [],
  };
  const counts: Record<Engine, number> = { derived: 0, base: 0, clickhouse: 0 };
  // One run of each first (cold), then `runs` more, one of each in turn.
  for (let i = 0; i <= runs; i += 1) {
    for (const engine of ENGINES) {
      const started = performance.now();
      counts[engine] =
        engine === 'clickhouse'
          ? await clickhouseCount(ch, ref.definition, { asOf: store.asOf, segments: saved })
          : await countSegment(store.connection, ref.definition, { ...ctx, tables: engine });
      if (i > 0) times[engine].push(performance.now() - started);
    }
  }
  results.push({
    name: ref.name,
    counts,
    p50: { derived: p50(times.derived), base: p50(times.base), clickhouse: p50(times.clickhouse) },
  });
}
ch.close();
await store.close();
console.log(JSON.stringify({ customers, runs, setup, loadAverage: loadavg()[0], results }));
