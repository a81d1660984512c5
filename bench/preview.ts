// Child process of the bench: the per-recipient preview of the demo campaign (the box set to the
// film buyers of the last 12 months) over HTTP, against bench/serve.ts over a DuckDB file with
// templates rendered in worker threads, as `npm start` serves it. Prints one JSON line:
// - the cold costs, each on its own and in this order: the score book (one customer's scores),
//   the field catalogue (it validates the pinned segment), the recommendation context (one recommendation request: the co-purchase statistics counted
//   from every buyer's orders), the first preview;
// - one preview at a time for `samples` members spread over the file: p50 / p95;
// - `clients` clients in a closed loop for `seconds` s after `warmUp` s, each stepping through
//   its own run of consecutive members as a marketer pressing « next »: previews/s and
//   percentiles;
// - with `list`: the recipients list's first page (every recipient checked), then a page again.
// Members are read from the segment's members endpoint (recipients and the held-out tenth alike:
// a preview costs the same), so the stepping needs no list.
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { NODE_FLAGS } from '../server/node-flags.ts';

const file = process.argv[2] ?? 'data/bench-1000000.duckdb';
const customers = Number(process.argv[3] ?? 1_000_000);
const samples = Number(process.argv[4] ?? 200);
const clients = Number(process.argv[5] ?? 10);
const seconds = Number(process.argv[6] ?? 15);
const warmUp = Number(process.argv[7] ?? 10);
const withList = process.argv[8] === 'list';

const CAMPAIGN = 'cmp_coffret_noel';
const SEGMENT = 'seg_cinephiles';

const server = spawn(
  process.execPath,
  [...NODE_FLAGS, '--import', 'tsx', 'bench/serve.ts', file, '--render-workers'],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const port = await new Promise<number>((resolve, reject) => {
  server.once('exit', (code) => reject(new Error(`bench/serve.ts exited with ${code}`)));
  createInterface({ input: server.stdout }).once('line', (line) => {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed === 'object' && parsed !== null && 'port' in parsed)
      resolve(Number(parsed.port));
  });
});

async function request(path: string, init?: RequestInit): Promise<{ ms: number; body: unknown }> {
  const started = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}${path}`, init);
  const text = await res.text();
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return { ms, body: JSON.parse(text) };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const idAt = (n: number) => `C${String(Math.max(0, Math.min(customers, n))).padStart(7, '0')}`;

/** `count` consecutive members after the customer at `fraction` of the file. */
async function membersFrom(fraction: number, count: number): Promise<string[]> {
  const cursor = idAt(Math.floor(fraction * customers));
  const { body } = await request(
    `/api/segments/${SEGMENT}/members?limit=${count}&cursor=${cursor}`,
  );
  const members =
    typeof body === 'object' && body !== null && 'members' in body && Array.isArray(body.members)
      ? body.members
      : [];
  return members.flatMap((m: unknown) =>
    typeof m === 'object' && m !== null && 'customer_id' in m && typeof m.customer_id === 'string'
      ? [m.customer_id]
      : [],
  );
}

const preview = (id: string) => request(`/api/campaigns/${CAMPAIGN}/preview/${id}`);

try {
  const cold = {
    scoreBookMs: (await request('/api/customers/C0000001/scores')).ms,
    // The field catalogue validates the pinned segment (npm start warms it at start).
    catalogueMs: (await request('/api/catalogue')).ms,
    recommendationContextMs: (
      await request('/api/recommendations', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ customer_ids: ['C0000001'], strategy: 'complements', count: 3 }),
      })
    ).ms,
    firstPreviewMs: (await preview((await membersFrom(0.5, 1))[0] ?? 'C0000001')).ms,
  };

  // One at a time: members spread over the whole file, a few from each place.
  const spread = (
    await Promise.all(Array.from({ length: 20 }, (_, i) => membersFrom(i / 20, samples / 20)))
  ).flat();
  for (const id of spread.slice(0, 20)) await preview(id);
  const one: number[] = [];
  for (const id of spread) one.push((await preview(id)).ms);
  one.sort((a, b) => a - b);

  // C clients, each stepping through its own run of consecutive members.
  const runs = await Promise.all(
    Array.from({ length: clients }, (_, i) => membersFrom((i + 0.37) / clients, 500)),
  );
  async function closedLoop(duration: number) {
    const times: number[] = [];
    const until = performance.now() + duration * 1000;
    const started = performance.now();
    await Promise.all(
      runs.map(async (run, c) => {
        let step = c * 7;
        while (performance.now() < until) {
          const id = run[step % run.length] ?? 'C0000001';
          step += 1;
          times.push((await preview(id)).ms);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    times.sort((a, b) => a - b);
    return {
      previews: times.length,
      perSecond: times.length / elapsed,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      p99: percentile(times, 99),
    };
  }
  await closedLoop(warmUp);
  const loadAverage = loadavg()[0];
  const loop = await closedLoop(seconds);

  let list: { firstMs: number; againMs: number; total: number; flagged: number } | null = null;
  if (withList) {
    const first = await request(`/api/campaigns/${CAMPAIGN}/recipients?limit=100`);
    const again = await request(`/api/campaigns/${CAMPAIGN}/recipients?limit=100&flagged=true`);
    const figure = (key: string) =>
      typeof first.body === 'object' && first.body !== null && key in first.body
        ? Number(Object.entries(first.body).find(([k]) => k === key)?.[1])
        : NaN;
    list = {
      firstMs: first.ms,
      againMs: again.ms,
      total: figure('total'),
      flagged: figure('flagged'),
    };
  }

  console.log(
    JSON.stringify({
      customers,
      samples: one.length,
      clients,
      seconds,
      warmUp,
      loadAverage,
      cold,
      oneAtATime: { p50: percentile(one, 50), p95: percentile(one, 95), max: one.at(-1) ?? NaN },
      loop,
      list,
    }),
  );
} finally {
  server.kill('SIGTERM');
}
