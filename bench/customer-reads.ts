// Child process of the bench: per-customer reads under load. Starts bench/serve.ts over a DuckDB
// file and drives it over HTTP with a closed loop (each of C clients sends its next request as
// soon as its last answer is read, as autocannon does) for D seconds per endpoint, customers
// spread over the whole file; prints requests/s and latency percentiles as one JSON line.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { loadavg } from 'node:os';
import { NODE_FLAGS } from '../server/node-flags.ts';
import { spreadCustomerIds } from './customer-ids.ts';

const file = process.argv[2] ?? 'data/bench-1000000.duckdb';
const customers = Number(process.argv[3] ?? 1_000_000);
const clients = Number(process.argv[4] ?? 10);
const seconds = Number(process.argv[5] ?? 15);
const warmUp = Number(process.argv[6] ?? 20);

const server = spawn(process.execPath, [...NODE_FLAGS, '--import', 'tsx', 'bench/serve.ts', file], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const port = await new Promise<number>((resolve, reject) => {
  server.once('exit', (code) => reject(new Error(`bench/serve.ts exited with ${code}`)));
  createInterface({ input: server.stdout }).once('line', (line) => {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed === 'object' && parsed !== null && 'port' in parsed)
      resolve(Number(parsed.port));
  });
});

const customerId = spreadCustomerIds(customers);

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function closedLoop(path: (id: string) => string, duration: number) {
  const times: number[] = [];
  let failed = 0;
  const until = performance.now() + duration * 1000;
  const client = async () => {
    while (performance.now() < until) {
      const started = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}${path(customerId())}`);
      await res.arrayBuffer();
      if (res.status !== 200) failed += 1;
      times.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, client));
  const elapsed = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return {
    requests: times.length,
    failed,
    perSecond: times.length / elapsed,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
  };
}

const profile = (id: string) => `/api/customers/${id}`;
const timeline = (id: string) => `/api/customers/${id}/timeline?limit=100`;
try {
  // Whichever endpoint ran first paid for the cold pages (measured: 250/s then 500/s for the same
  // profile read), so both warm up, alternately, before either is measured.
  await closedLoop((id) => (id.endsWith('0') ? timeline(id) : profile(id)), warmUp);
  const load = loadavg()[0];
  const result = {
    clients,
    seconds,
    warmUp,
    loadAverage: load,
    profile: await closedLoop(profile, seconds),
    timeline: await closedLoop(timeline, seconds),
  };
  console.log(JSON.stringify(result));
} finally {
  server.kill('SIGTERM');
}
