// Child process of the bench: the import's throughput (issue 14). `export DIR CUSTOMERS` writes the
// generated demo in the import layout (CSV) and prints its rows; `import DIR FILE` imports DIR into
// a fresh DuckDB file and prints rows/s and this process's peak memory (what the import held).
import { rmSync } from 'node:fs';
import { DEMO_AS_OF, streamDataset } from '../mocks/seed/index.ts';
import { exportTables } from '../server/import/export.ts';
import { importDirectory } from '../server/import/run.ts';
import { createDuckDbSink, openDuckDbStore } from '../server/stores/duckdb.ts';

const [step, dir = 'data/bench-import', third = ''] = process.argv.slice(2);

if (step === 'export') {
  const customers = Number(third);
  const store = await openDuckDbStore({ path: ':memory:' });
  const started = performance.now();
  const sink = await createDuckDbSink(store.connection, { asOf: DEMO_AS_OF, seed: 42 });
  streamDataset({ seed: 42, customers, asOf: DEMO_AS_OF }, sink);
  await sink.finish();
  rmSync(dir, { recursive: true, force: true });
  const files = await exportTables(store.connection, dir, 'csv');
  await store.close();
  const rows = files.reduce((n, f) => n + f.rows, 0);
  console.log(JSON.stringify({ customers, rows, ms: performance.now() - started }));
} else if (step === 'import') {
  rmSync(third, { force: true });
  rmSync(`${third}.wal`, { force: true });
  const store = await openDuckDbStore({ path: third, memoryLimit: '4GB' });
  const started = performance.now();
  const report = await importDirectory(store, dir, { asOf: DEMO_AS_OF });
  const ms = performance.now() - started;
  await store.close();
  rmSync(third, { force: true });
  const rows = report.files.reduce((n, f) => n + f.read, 0);
  console.log(
    JSON.stringify({
      committed: report.committed,
      problems: report.problems.length,
      rows,
      ms,
      rowsPerSecond: rows / (ms / 1000),
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    }),
  );
} else {
  throw new Error('usage: bench/import.ts export DIR CUSTOMERS | import DIR FILE');
}
