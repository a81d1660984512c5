// Child process of the bench: streams N demo customers through a counting sink and prints one JSON
// line with the time, the peak memory and the rows per table. Run alone so its peak is its own.
import { DEMO_AS_OF, streamDataset } from '../mocks/seed/index.ts';

const customers = Number(process.argv[2] ?? 100_000);
const counts: Record<string, number> = {};
const add = (rows: object) => {
  for (const [table, list] of Object.entries(rows)) {
    if (Array.isArray(list)) counts[table] = (counts[table] ?? 0) + list.length;
  }
};
const started = performance.now();
streamDataset({ seed: 42, customers, asOf: DEMO_AS_OF }, { reference: add, customers: add });
const ms = performance.now() - started;
console.log(
  JSON.stringify({ customers, ms, peakRssBytes: process.resourceUsage().maxRSS * 1024, counts }),
);
