// Child process of the bench: p50/p95 of each dashboard endpoint through the real Hono app over a
// DuckDB file, each request with other filters (period shifted month by month, a saved segment or
// none, a channel or none), so no two in a row ask the same thing.
import { createApi } from '../server/app.ts';
import { openDuckDbStore, readMeta } from '../server/stores/duckdb.ts';
import { TEST_ACCESS } from '../server/auth/test-access.ts';

const file = process.argv[2] ?? 'data/bench-1000000.duckdb';
const samples = Number(process.argv[3] ?? 20);
const store = await openDuckDbStore({ path: file });
const meta = await readMeta(store);
if (meta === null) throw new Error(`${file} holds no loaded data.`);
const api = createApi(store, { access: TEST_ACCESS });
const segments = (await store.savedSegments()).map((s) => s.segment_id);
const CHANNELS = ['web', 'store', 'app'];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Twelve months ending `back` months before the as-of month. */
function period(back: number): string {
  const asOf = new Date(meta?.as_of ?? Date.now());
  const end = asOf.getUTCFullYear() * 12 + asOf.getUTCMonth() - back;
  const month = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
  return `from=${month(end - 11)}&to=${month(end)}`;
}

async function measure(query: (i: number) => string) {
  const times: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const started = performance.now();
    const res = await api.request(query(i));
    await res.text();
    times.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`${query(i)} answered ${res.status}`);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1) ?? NaN };
}

const segment = (i: number) => `&segment=${segments[i % segments.length] ?? ''}`;
const channel = (i: number) => `&channel=${CHANNELS[i % CHANNELS.length] ?? 'web'}`;
// Warm up as a running server would be: the file's pages, and the scores (fitted once per load)
// that some saved segments read.
/** One request's time: the first of a kind, which builds what that dashboard reads once per load. */
async function firstMs(url: string): Promise<number> {
  const started = performance.now();
  await (await api.request(url)).text();
  return performance.now() - started;
}

// The catalogue (field values over every customer) is read once at a server's start; the saved
// segments' values are worked out after it (server/node.ts): the first value-by-segment request
// is timed apart as that work.
const catalogueStarted = performance.now();
await store.catalogue();
const catalogueMs = performance.now() - catalogueStarted;
// The first buyers request builds the month table (once per load): timed apart.
const monthsFirstMs = await firstMs(`/api/dashboards/buyers?${period(0)}`);
const warming = performance.now();
for (const id of segments) await api.request(`/api/dashboards/buyers?${period(0)}&segment=${id}`);
const warmUpMs = performance.now() - warming;
const result = {
  customers: meta.customers,
  samples,
  savedSegments: segments.length,
  catalogueMs,
  warmUpMs,
  monthsFirstMs,
  buyers: await measure((i) => `/api/dashboards/buyers?${period(i)}`),
  buyersSegment: await measure((i) => `/api/dashboards/buyers?${period(i)}${segment(i)}`),
  buyersChannel: await measure((i) => `/api/dashboards/buyers?${period(i)}${channel(i)}`),
  value: await measure((i) => `/api/dashboards/value?${period(i)}`),
  valueSegment: await measure((i) => `/api/dashboards/value?${period(i)}${segment(i)}`),
  valueChannel: await measure((i) => `/api/dashboards/value?${period(i)}${channel(i)}`),
  // The first propensity request works out the churn trend (a refit per month, once per load).
  churnFirstMs: await firstMs(`/api/dashboards/propensity?${period(0)}`),
  propensity: await measure((i) => `/api/dashboards/propensity?${period(i)}`),
  propensitySegment: await measure((i) => `/api/dashboards/propensity?${period(i)}${segment(i)}`),
  segmentValueFirstMs: await firstMs(`/api/dashboards/segments?${period(0)}`),
  segmentValue: await measure((i) => `/api/dashboards/segments?${period(i)}`),
  // The quality table is built on the first quality request after a load: timed apart.
  qualityFirstMs: await firstMs(`/api/dashboards/quality?${period(0)}`),
  quality: await measure((i) => `/api/dashboards/quality?${period(i)}`),
  qualitySegment: await measure((i) => `/api/dashboards/quality?${period(i)}${segment(i)}`),
  qualityList: await measure(
    (i) => `/api/dashboards/quality/customers?${period(i)}&list=email_invalid&offset=${50 * i}`,
  ),
  // So is the campaign table (every recipient's outcome) on the first campaigns request.
  campaignsFirstMs: await firstMs(`/api/dashboards/campaigns?${period(0)}`),
  campaigns: await measure((i) => `/api/dashboards/campaigns?${period(i)}`),
  campaignsSegment: await measure((i) => `/api/dashboards/campaigns?${period(i)}${segment(i)}`),
  campaignsChannel: await measure((i) => `/api/dashboards/campaigns?${period(i)}${channel(i)}`),
};
await store.close();
console.log(JSON.stringify(result));
