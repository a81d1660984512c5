// Child process of the bench: p50/p95 of POST /api/segments/count for five reference definitions,
// each beside a hand-written SQL query answering the same question, on a DuckDB file; or, with
// `memory N`, the same definitions on the memory store over N generated customers. Beside the
// endpoint, its parts timed alone: what validation reads (catalogue, saved segments) and the
// store's answer to the count plan (counts, total, sample); on DuckDB also the segment's count
// alone (`countOnly`, store.segmentCounts of the one definition).
import { DuckDBInstance } from '@duckdb/node-api';
import { DEMO_AS_OF, generateDataset } from '../mocks/seed/index.ts';
import { createApi } from '../server/app.ts';
import { openDuckDbStore } from '../server/stores/duckdb.ts';
import { MemoryStore } from '../server/stores/memory.ts';
import { countPlan } from '../src/domain/segment/count-plan.ts';
import type { SegmentDefinition } from '../src/domain/segment/definition.ts';
import type { ProfileStore } from '../server/store.ts';
import { TEST_ACCESS } from '../server/auth/test-access.ts';

import { references } from './segment-references.ts';

function percentiles(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95) };
}

async function time(runs: number, work: () => Promise<unknown>) {
  await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return percentiles(times);
}

/** The endpoint's parts, each timed alone. */
async function parts(store: ProfileStore, definition: SegmentDefinition) {
  const plan = countPlan(definition);
  return {
    validationReads: await time(runs, () =>
      Promise.all([store.catalogue(), store.savedSegments()]),
    ),
    planAnswer: await time(runs, () => store.segmentCountAnswer(plan.definitions, 20, null)),
  };
}

const [mode = 'duckdb', arg = 'data/bench-1000000.duckdb'] = process.argv.slice(2);
const runs = Number(process.argv[4] ?? 30);
const results: Record<string, unknown>[] = [];

if (mode === 'memory') {
  const customers = Number(arg);
  const { dataset } = generateDataset({ seed: 42, customers, asOf: DEMO_AS_OF });
  const store = new MemoryStore(dataset, DEMO_AS_OF);
  const api = createApi(store, { access: TEST_ACCESS });
  for (const ref of references) {
    const body = JSON.stringify({ definition: ref.definition, sample: 20 });
    const endpoint = await time(runs, async () => {
      const res = await api.request('/api/segments/count', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      if (res.status !== 200) throw new Error(`${ref.name}: ${res.status} ${await res.text()}`);
      await res.text();
    });
    results.push({ name: ref.name, endpoint, ...(await parts(store, ref.definition)) });
  }
} else {
  const store = await openDuckDbStore({ path: arg, memoryLimit: '2GB' });
  const api = createApi(store, { access: TEST_ACCESS });
  for (const ref of references) {
    const body = JSON.stringify({ definition: ref.definition, sample: 20 });
    let count = 0;
    const endpoint = await time(runs, async () => {
      const res = await api.request('/api/segments/count', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      if (res.status !== 200) throw new Error(`${ref.name}: ${res.status} ${await res.text()}`);
      const parsed: unknown = await res.json();
      count =
        typeof parsed === 'object' && parsed !== null && 'count' in parsed
          ? Number(parsed.count)
          : NaN;
    });
    const countOnly = await time(runs, () => store.segmentCounts([ref.definition]));
    results.push({
      name: ref.name,
      count,
      endpoint,
      countOnly,
      ...(await parts(store, ref.definition)),
    });
  }
  await store.close();
  // The hand-written queries on their own connection to the same file, opened read-only.
  const instance = await DuckDBInstance.create(arg, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  for (const [i, ref] of references.entries()) {
    let n = 0;
    const handWritten = await time(runs, async () => {
      const reader = await connection.runAndReadAll(ref.sql);
      n = Number(reader.getRows()[0]?.[0] ?? NaN);
    });
    Object.assign(results[i] ?? {}, { handWritten, handWrittenCount: n });
  }
  connection.closeSync();
  instance.closeSync();
}
console.log(JSON.stringify({ mode, arg, runs, results }));
