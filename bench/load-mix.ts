// Child process of the bench: the server as `npm start` guards it (bench/serve.ts --as-server:
// sign-in by token, rate limits, shedding, drain) under an open-loop load from autocannon, bounded
// and on loopback only. Three phases, printed as one JSON line:
//   steady — R req/s for D seconds mixing profile (40 %), timeline (30 %), count (20 %) and the
//            campaign preview (10 %): percentiles and non-2xx answers;
//   burst  — 250 req/s for B seconds: what was served (2xx) and shed (429 / 503), and how long the
//            slowest answers took (shedding must answer at once, not queue);
//   drain  — writes and exports under way when the server gets SIGTERM: every acknowledged write
//            is there after a restart, and no 200 export was cut short.
import { spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { z } from 'zod';
import { NODE_FLAGS } from '../server/node-flags.ts';
import { spreadCustomerIds } from './customer-ids.ts';

const file = process.argv[2] ?? 'data/bench-1000000.duckdb';
const customers = Number(process.argv[3] ?? 1_000_000);
const steadySeconds = Number(process.argv[4] ?? 600);
const rate = Number(process.argv[5] ?? 50);
const burstSeconds = Number(process.argv[6] ?? 10);

const created = z.object({ segment_id: z.string() });
const serverLine = z.object({
  port: z.number(),
  token: z.string(),
  tokens: z.array(z.string()).min(1),
});
const listing = z.object({ segments: z.array(created) });

interface Started {
  child: ChildProcess;
  port: number;
  token: string;
  /** Ten editors' tokens: the mix's requests go round them, as ten marketers' would. */
  tokens: string[];
}

async function start(): Promise<Started> {
  const child = spawn(
    process.execPath,
    [...NODE_FLAGS, '--import', 'tsx', 'bench/serve.ts', file, '--as-server', '--render-workers'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const stdout = child.stdout;
  if (stdout === null) throw new Error('no output from bench/serve.ts');
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench/serve.ts exited with ${String(code)}`)));
    createInterface({ input: stdout }).once('line', (line) => {
      const parsed: unknown = JSON.parse(line);
      const started = serverLine.safeParse(parsed);
      if (started.success) resolve({ child, ...started.data });
    });
  });
}

const customerId = spreadCustomerIds(customers);

const CITIES = ['Lyon', 'Paris', 'Lille', 'Nantes', 'Bordeaux', 'Rennes'];
/**
 * 360 distinct count definitions (6 cities × 3 order counts × 20 windows), asked in turn: a count
 * is computed the first time, then answered from the store's cache (kept until the data, the
 * scores or a saved segment change); a quick run asks each about once.
 */
const COUNT_DEFINITIONS = 360;
const definitionOf = (i: number) => ({
  version: 1,
  root: {
    id: 'root',
    kind: 'group',
    combinator: 'and',
    children: [
      {
        id: 'c1',
        kind: 'attribute',
        field: 'customer.city',
        test: { operator: 'equals', value: CITIES[i % 6] },
      },
      {
        id: 'c2',
        kind: 'behaviour',
        action: { type: 'order' },
        count: { operator: 'at_least', value: 1 + (Math.floor(i / 6) % 3) },
        window: { type: 'last_days', days: 30 * (1 + (Math.floor(i / 18) % 20)) },
        filters: [],
      },
    ],
  },
});
/** Counts asked so far, in every phase: the next count asks the next definition. */
let countsAsked = 0;
const nextCountBody = () => {
  countsAsked += 1;
  return JSON.stringify({ definition: definitionOf(countsAsked % COUNT_DEFINITIONS), sample: 0 });
};

function mixedRequests(tokens: readonly string[]): autocannon.Request[] {
  let i = 0;
  return [
    {
      setupRequest: (request) => {
        i += 1;
        const roll = i % 10;
        // The next marketer's token every ten requests: each asks one count a second or so.
        const token = tokens[Math.floor(i / 10) % tokens.length] ?? '';
        const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
        if (roll < 4)
          return { ...request, method: 'GET', path: `/api/customers/${customerId()}`, headers };
        if (roll < 7)
          return {
            ...request,
            method: 'GET',
            path: `/api/customers/${customerId()}/timeline?limit=50`,
            headers,
          };
        if (roll < 9)
          return {
            ...request,
            method: 'POST',
            path: '/api/segments/count',
            headers,
            body: nextCountBody(),
          };
        return {
          ...request,
          method: 'GET',
          path: `/api/campaigns/cmp_coffret_noel/preview/${customerId()}`,
          headers,
        };
      },
    },
  ];
}

/** Percentiles of `ms` (p50, p95, p97.5, max), or nulls when empty. */
function spread(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted.length === 0
      ? null
      : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? null);
  return {
    n: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p97_5: at(0.975),
    max: sorted.at(-1) ?? null,
  };
}

/** A run, with each answer's time kept by whether it was served or shed (429 / 503). */
function measured(options: autocannon.Options) {
  return new Promise<{
    result: autocannon.Result;
    served: number[];
    shed: number[];
    shedAt: number[];
  }>((resolve, reject) => {
    const served: number[] = [];
    const shed: number[] = [];
    /** When each shed answer came, in seconds from the phase's start. */
    const shedAt: number[] = [];
    const started = performance.now();
    const instance = autocannon(options, (error: unknown, result) => {
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve({ result, served, shed, shedAt });
    });
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status === 429 || status === 503) {
        shed.push(ms);
        shedAt.push((performance.now() - started) / 1000);
      } else served.push(ms);
    });
  });
}

/** The seconds of a phase in which answers were shed: how many in each, and the slowest's time. */
function shedSeconds(at: readonly number[], ms: readonly number[]): Record<string, string> {
  const count = new Map<number, number>();
  const slowest = new Map<number, number>();
  at.forEach((s, i) => {
    const second = Math.floor(s);
    count.set(second, (count.get(second) ?? 0) + 1);
    slowest.set(second, Math.max(slowest.get(second) ?? 0, ms[i] ?? 0));
  });
  const out: Record<string, string> = {};
  for (const [second, n] of count)
    out[String(second)] = `${String(n)} (max ${(slowest.get(second) ?? 0).toFixed(0)} ms)`;
  return out;
}

function summary({ result, served, shed, shedAt }: Awaited<ReturnType<typeof measured>>) {
  return {
    served: spread(served),
    shed: spread(shed),
    shedSeconds: shedSeconds(shedAt, shed),
    requests: result.requests.total,
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p95: result.latency.p97_5,
    p99: result.latency.p99,
    max: result.latency.max,
    status2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: result.statusCodeStats,
  };
}

const server = await start();
const base = `http://127.0.0.1:${server.port}`;
try {
  // Warm the pages the mix reads (the first reads of a cold file are slow).
  await autocannon({
    url: base,
    connections: 10,
    duration: Math.min(30, Math.max(5, steadySeconds / 10)),
    requests: mixedRequests(server.tokens),
  });
  const loadAverage = loadavg()[0];
  const steady = await measured({
    url: base,
    connections: 20,
    overallRate: rate,
    duration: steadySeconds,
    timeout: 10,
    requests: mixedRequests(server.tokens),
  });
  const burst = await measured({
    url: base,
    connections: 100,
    overallRate: 250,
    duration: burstSeconds,
    timeout: 10,
    requests: mixedRequests(server.tokens),
  });
  const drain = await drainUnderLoad(server);
  console.log(
    JSON.stringify({
      loadAverage,
      rate,
      steadySeconds,
      burstSeconds,
      countDefinitions: COUNT_DEFINITIONS,
      countsAsked,
      steady: summary(steady),
      burst: summary(burst),
      drain,
    }),
  );
} finally {
  server.child.kill('SIGKILL');
}

/**
 * Writers save segments and exporters download a saved segment's members while SIGTERM arrives;
 * then a server on the same file lists the segments: every save answered 201 is there, and every
 * export answered 200 ends with its last row.
 */
async function drainUnderLoad(running: Started) {
  const url = `http://127.0.0.1:${running.port}`;
  const headers = { authorization: `Bearer ${running.token}`, 'content-type': 'application/json' };
  const acknowledged: string[] = [];
  let refused = 0;
  const exports = { complete: 0, truncated: 0, refused: 0 };
  let stopping = false;
  const seed = await fetch(`${url}/api/segments`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      name: `Bench drain ${Date.now()}`,
      definition: definitionOf(0),
    }),
  });
  if (seed.status !== 201) throw new Error(`The drain's segment was refused: ${await seed.text()}`);
  const exported = created.parse(await seed.json()).segment_id;
  const writer = async (w: number) => {
    for (let i = 0; !stopping || i < 1; i += 1) {
      try {
        const res = await fetch(`${url}/api/segments`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            name: `Drain ${w}-${i}-${Date.now()}`,
            definition: definitionOf(i),
          }),
        });
        if (res.status === 201) acknowledged.push(created.parse(await res.json()).segment_id);
        else refused += 1;
      } catch {
        refused += 1;
        return;
      }
    }
  };
  const exporter = async () => {
    while (!stopping) {
      try {
        const res = await fetch(`${url}/api/segments/${exported}/members.csv`, { headers });
        if (res.status !== 200) {
          exports.refused += 1;
          await new Promise((resolve) => setTimeout(resolve, 200));
          continue;
        }
        const text = await res.text();
        if (text.endsWith('\r\n')) exports.complete += 1;
        else exports.truncated += 1;
      } catch {
        // A connection refused after the drain began is not a truncated answer.
        exports.refused += 1;
        return;
      }
    }
  };
  const work = Promise.all([...[0, 1, 2, 3].map(writer), exporter(), exporter()]);
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const signalled = performance.now();
  running.child.kill('SIGTERM');
  const exit = await new Promise<number | null>((resolve) => running.child.once('exit', resolve));
  const drainMs = performance.now() - signalled;
  stopping = true;
  await work;
  const again = await start();
  try {
    const listed = await fetch(`http://127.0.0.1:${again.port}/api/segments`, {
      headers: { authorization: `Bearer ${again.token}` },
    });
    const ids = new Set(listing.parse(await listed.json()).segments.map((s) => s.segment_id));
    // What this run saved goes again, so that the bench file holds only the demo's segments.
    let removed = 0;
    for (const id of [exported, ...acknowledged].filter((s) => ids.has(s))) {
      const gone = await fetch(`http://127.0.0.1:${again.port}/api/segments/${id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${again.token}`, 'if-match': '"1"' },
      });
      if (gone.ok) removed += 1;
    }
    return {
      removed,
      exitCode: exit,
      drainMs,
      acknowledged: acknowledged.length,
      lost: acknowledged.filter((id) => !ids.has(id)).length,
      refusedWrites: refused,
      exports,
    };
  } finally {
    again.child.kill('SIGKILL');
  }
}
