// Child process of the bench: p50/p95 of the profile and timeline endpoints through the real Hono
// app over a DuckDB file, for customers drawn evenly across the file.
import { createApi } from '../server/app.ts';
import { openDuckDbStore, readMeta } from '../server/stores/duckdb.ts';

const file = process.argv[2] ?? 'data/bench-1000000.duckdb';
const samples = Number(process.argv[3] ?? 300);
const store = await openDuckDbStore({ path: file });
const meta = await readMeta(store);
if (meta === null) throw new Error(`${file} holds no loaded data.`);
const api = createApi(store);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function measure(path: (id: string) => string) {
  const times: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const n = 1 + Math.floor((((i * 7919) % samples) * (meta?.customers ?? 1)) / samples);
    const id = `C${String(n).padStart(7, '0')}`;
    const started = performance.now();
    const res = await api.request(path(id));
    await res.text();
    times.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`${path(id)} answered ${res.status}`);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1) ?? NaN };
}

// Warm up the file's pages and the prepared statements, as a running server would be.
await measure((id) => `/api/customers/${id}`);
const result = {
  customers: meta.customers,
  samples,
  profile: await measure((id) => `/api/customers/${id}`),
  timeline: await measure((id) => `/api/customers/${id}/timeline?limit=100`),
  timelineFiltered: await measure(
    (id) => `/api/customers/${id}/timeline?limit=100&kind=order,consent`,
  ),
  search: await measure((id) => `/api/customers?q=${id}`),
};
await store.close();
console.log(JSON.stringify(result));
