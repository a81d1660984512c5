// Child process of the bench: the pre-send audit of the demo campaign (the box set to the film
// buyers of the last 12 months), started and followed over the API as the screen does it
// (POST /audits, then GET every 100 ms until done). Prints one JSON line.
// - `memory`: the 5,000-customer demo in the memory store, templates rendered in this thread (the
//   browser's mock); then the campaign planned, audited again, marked ready over its blocks and
//   exported: the export's rows per second.
// - a DuckDB file: bench/serve.ts over it with templates rendered and recipients checked in worker
//   threads, as `npm start`: a first audit (cold), one after planning the send (warm, every
//   recipient checked anew), the same again (the check reused).
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { BROWSER_DEMO_CUSTOMERS, DEMO_SEED } from '../mocks/demo.ts';
import { DEMO_AS_OF, generateDataset } from '../mocks/seed/index.ts';
import { createApi } from '../server/app.ts';
import { NODE_FLAGS } from '../server/node-flags.ts';
import { MemoryStore } from '../server/stores/memory.ts';

const target = process.argv[2] ?? 'memory';
const CAMPAIGN = 'cmp_coffret_noel';
const base = `/api/campaigns/${CAMPAIGN}`;

type Fetch = (path: string, init?: RequestInit) => Promise<Response>;

async function json(
  fetchIt: Fetch,
  path: string,
  init?: RequestInit,
): Promise<Record<string, unknown>> {
  const res = await fetchIt(path, init);
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${path} answered ${res.status}: ${text.slice(0, 300)}`);
  const parsed: unknown = JSON.parse(text);
  return typeof parsed === 'object' && parsed !== null
    ? Object.fromEntries(Object.entries(parsed))
    : {};
}
const post = (body: unknown, version?: unknown): RequestInit => ({
  method: 'POST',
  headers: {
    'content-type': 'application/json',
    ...(version === undefined ? {} : { 'if-match': `"${String(version)}"` }),
  },
  body: JSON.stringify(body),
});

const auditFigures = z.object({
  progress: z.object({ done: z.number(), rows: z.number() }),
  counts: z.object({ members: z.number(), flagged: z.number() }).nullable(),
});

/** One audit from its start to its end: wall time, recipients, rows read. */
async function audit(fetchIt: Fetch) {
  const started = performance.now();
  const { audit_id } = await json(fetchIt, `${base}/audits`, post({ by: 'bench' }));
  for (;;) {
    const a = await json(fetchIt, `${base}/audits/${String(audit_id)}`);
    if (a.state !== 'running') {
      const ms = performance.now() - started;
      const { progress, counts } = auditFigures.parse(a);
      return {
        ms,
        auditId: String(audit_id),
        state: a.state,
        members: counts?.members ?? 0,
        flagged: counts?.flagged ?? 0,
        rows: progress.rows,
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The campaign planned for a send time: new content, so the next audit checks every recipient anew. */
async function planSend(fetchIt: Fetch, sendAt: string) {
  const campaign = await json(fetchIt, base);
  const { campaign_id, version, author, created_at, updated_at, ...body } = campaign;
  void [campaign_id, author, created_at, updated_at];
  await json(fetchIt, base, {
    ...post({ ...body, status: 'draft', send_at: sendAt }, version),
    method: 'PUT',
  });
}

if (target === 'memory') {
  const { dataset } = generateDataset({
    seed: DEMO_SEED,
    customers: BROWSER_DEMO_CUSTOMERS,
    asOf: DEMO_AS_OF,
  });
  const api = createApi(new MemoryStore(dataset, DEMO_AS_OF), { logErrors: false });
  const fetchIt: Fetch = async (path, init) => api.request(path, init);
  const loadAverage = loadavg()[0];
  const first = await audit(fetchIt);
  // Planned, audited again, marked ready over its blocks, exported.
  await planSend(fetchIt, '2026-12-01T10:00');
  const second = await audit(fetchIt);
  const planned = await json(fetchIt, base);
  await json(
    fetchIt,
    `${base}/ready`,
    post({ audit_id: second.auditId, override_reason: 'bench' }, planned.version),
  );
  const exportStarted = performance.now();
  const res = await fetchIt(`${base}/export?format=csv`);
  const text = await res.text();
  const exportMs = performance.now() - exportStarted;
  const rows = text.split('\r\n').filter((l) => l !== '').length - 2;
  console.log(
    JSON.stringify({
      loadAverage,
      first,
      second,
      exportMs,
      exportRows: rows,
      exportBytes: text.length,
    }),
  );
} else {
  const server = spawn(
    process.execPath,
    [...NODE_FLAGS, '--import', 'tsx', 'bench/serve.ts', target, '--render-workers'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    server.once('exit', (code) => reject(new Error(`bench/serve.ts exited with ${code}`)));
    createInterface({ input: server.stdout }).once('line', (line) => {
      const parsed: unknown = JSON.parse(line);
      if (typeof parsed === 'object' && parsed !== null && 'port' in parsed)
        resolve(Number(parsed.port));
    });
  });
  const fetchIt: Fetch = (path, init) => fetch(`http://127.0.0.1:${port}${path}`, init);
  const loadAverage = loadavg()[0];
  // Cold: the scores and the co-purchase statistics are computed on the way.
  const first = await audit(fetchIt);
  // Warm: the campaign planned for another time, so every recipient is checked anew.
  await planSend(fetchIt, '2026-12-01T10:00');
  const second = await audit(fetchIt);
  // The same content again: the check is reused, as after an exclusion.
  const again = await audit(fetchIt);
  server.kill('SIGTERM');
  console.log(JSON.stringify({ loadAverage, first, second, again }));
}
