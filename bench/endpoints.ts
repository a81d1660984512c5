// Child process of the bench: p50/p95 of the profile and timeline endpoints through the real Hono
// app over a DuckDB file, for customers drawn evenly across the file.
import { createApi } from '../server/app.ts';
import { openDuckDbStore, readMeta } from '../server/stores/duckdb.ts';
import { TEST_ACCESS } from '../server/auth/test-access.ts';

const file = process.argv[2] ?? 'data/bench-1000000.duckdb';
const samples = Number(process.argv[3] ?? 300);
const store = await openDuckDbStore({ path: file });
const meta = await readMeta(store);
if (meta === null) throw new Error(`${file} holds no loaded data.`);
const api = createApi(store, { access: TEST_ACCESS });

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function sampleId(i: number): string {
  const n = 1 + Math.floor((((i * 7919) % samples) * (meta?.customers ?? 1)) / samples);
  return `C${String(n).padStart(7, '0')}`;
}

async function measure(path: (id: string, i: number) => string) {
  const times: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const id = sampleId(i);
    const started = performance.now();
    const res = await api.request(path(id, i));
    await res.text();
    times.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`${path(id, i)} answered ${res.status}`);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1) ?? NaN };
}

// The search index, as the server reads it in the background after it starts.
const indexing = performance.now();
await store.prepareSearch();
const searchIndexMs = performance.now() - indexing;
// Warm up the file's pages and the prepared statements, as a running server would be; keep the
// sampled customers' names and emails for the searches a marketer types.
await measure((id) => `/api/customers/${id}`);
const people = await Promise.all(
  Array.from({ length: samples }, async (_, i) => {
    const [hit] = await store.search(sampleId(i), 1);
    return {
      first: hit?.first_name ?? 'x',
      last: hit?.last_name ?? 'x',
      email: hit?.email ?? 'x@x',
    };
  }),
);
const person = (i: number) => people[i] ?? { first: 'x', last: 'x', email: 'x@x' };
/** One letter of the last name changed (a typo), from the second letter on. */
const typo = (word: string, i: number) => {
  const at = 1 + (i % Math.max(1, word.length - 1));
  return word.slice(0, at) + (word[at] === 'z' ? 'y' : 'z') + word.slice(at + 1);
};
const q = (text: string) => `/api/customers?q=${encodeURIComponent(text)}`;
const result = {
  customers: meta.customers,
  samples,
  searchIndexMs,
  profile: await measure((id) => `/api/customers/${id}`),
  timeline: await measure((id) => `/api/customers/${id}/timeline?limit=100`),
  timelineFiltered: await measure(
    (id) => `/api/customers/${id}/timeline?limit=100&kind=order,consent`,
  ),
  search: await measure((id) => q(id)),
  searchName: await measure((_, i) => q(`${person(i).first} ${person(i).last}`)),
  searchNameBare: await measure((_, i) =>
    q(`${person(i).first} ${person(i).last}`.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()),
  ),
  searchTypo: await measure((_, i) => q(`${person(i).first} ${typo(person(i).last, i)}`)),
  searchLastName: await measure((_, i) => q(person(i).last)),
  searchPrefix: await measure((_, i) => q(person(i).last.slice(0, 3))),
  searchEmail: await measure((_, i) => q(person(i).email.slice(0, 8))),
};
await store.close();
console.log(JSON.stringify(result));
