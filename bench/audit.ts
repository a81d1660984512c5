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
import { TEST_ACCESS } from '../server/auth/test-access.ts';

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
async function audit(fetchIt: Fetch, campaign = base) {
  const started = performance.now();
  const { audit_id } = await json(fetchIt, `${campaign}/audits`, post({ by: 'bench' }));
  for (;;) {
    const a = await json(fetchIt, `${campaign}/audits/${String(audit_id)}`);
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

/** The campaign's body as it is saved now, and its version. */
async function bodyOf(fetchIt: Fetch, campaign: string) {
  const saved = await json(fetchIt, campaign);
  const { campaign_id, version, author, created_at, updated_at, ...body } = saved;
  void [campaign_id, author, created_at, updated_at];
  return { body, version };
}

/** The campaign saved with `changes`: new content, so the next audit checks every recipient anew. */
async function edit(fetchIt: Fetch, campaign: string, changes: Record<string, unknown>) {
  const { body, version } = await bodyOf(fetchIt, campaign);
  return json(fetchIt, campaign, {
    ...post({ ...body, status: 'draft', ...changes }, version),
    method: 'PUT',
  });
}

/**
 * Plans the send at 10:00 on 1 December, or 11:00 when a run before this one (on a reused file)
 * already planned 10:00: either way the content changes and every recipient is checked anew.
 */
async function planSend(fetchIt: Fetch) {
  const { body } = await bodyOf(fetchIt, base);
  const sendAt = body.send_at === '2026-12-01T10:00' ? '2026-12-01T11:00' : '2026-12-01T10:00';
  return edit(fetchIt, base, { send_at: sendAt });
}

/**
 * A campaign of about 100,000 recipients: the demo campaign on its segment narrowed to postcodes
 * starting with the first digits, as many as it takes to reach 100,000 members (counted first),
 * and a holdout leaving about 100,000 of them (the holdout is a hash of the customer id: within a
 * few hundred).
 */
async function hundredThousand(fetchIt: Fetch): Promise<{ campaign: string; segment: string }> {
  const demo = z
    .object({ segment: z.object({ segment_id: z.string() }) })
    .parse(await json(fetchIt, base));
  const segment = z
    .object({ definition: z.object({ root: z.unknown() }) })
    .parse(await json(fetchIt, `/api/segments/${demo.segment.segment_id}`));
  const postcodes = (digits: number) => ({
    id: 'bench_postcodes',
    kind: 'group',
    negate: false,
    combinator: 'or',
    children: Array.from({ length: digits }, (_, d) => ({
      id: `bench_postcode_${d}`,
      kind: 'attribute',
      negate: false,
      field: 'customer.postcode',
      test: { operator: 'starts_with', value: String(d) },
    })),
  });
  const definition = (digits: number) => ({
    version: 1,
    root: {
      id: 'bench_root',
      kind: 'group',
      negate: false,
      combinator: 'and',
      children: [segment.definition.root, postcodes(digits)],
    },
  });
  const sizeOf = async (digits: number) =>
    z
      .object({ count: z.number() })
      .parse(
        await json(
          fetchIt,
          '/api/segments/count',
          post({ definition: definition(digits), sample: 0 }),
        ),
      ).count;
  let digits = 1;
  let size = await sizeOf(digits);
  while (digits < 10 && size < 100_000) {
    digits += 1;
    size = await sizeOf(digits);
  }
  const created = z
    .object({ segment_id: z.string(), version: z.number() })
    .parse(
      await json(
        fetchIt,
        '/api/segments',
        post({ name: `Bench 100k ${Date.now()}`, definition: definition(digits), author: 'bench' }),
      ),
    );
  const holdout = size > 100_000 ? Math.min(0.5, 1 - 100_000 / size) : 0;
  const { body } = await bodyOf(fetchIt, base);
  const campaign = z.object({ campaign_id: z.string() }).parse(
    await json(
      fetchIt,
      '/api/campaigns',
      post({
        ...body,
        name: 'Bench 100k',
        status: 'draft',
        exclusions: [],
        holdout_share: Math.round(holdout * 10_000) / 10_000,
        segment: { segment_id: created.segment_id, version: created.version },
      }),
    ),
  );
  return {
    campaign: `/api/campaigns/${campaign.campaign_id}`,
    segment: `/api/segments/${created.segment_id}`,
  };
}

/** Deletes what a run saved (its version read first), so the bench file keeps the demo's only. */
async function remove(fetchIt: Fetch, path: string): Promise<void> {
  const etag = (await fetchIt(path)).headers.get('etag') ?? '';
  const res = await fetchIt(path, { method: 'DELETE', headers: { 'if-match': etag } });
  if (res.status !== 204)
    console.error(`${path} was not deleted: ${res.status} ${await res.text()}`);
}

if (target === 'memory') {
  const { dataset } = generateDataset({
    seed: DEMO_SEED,
    customers: BROWSER_DEMO_CUSTOMERS,
    asOf: DEMO_AS_OF,
  });
  const api = createApi(new MemoryStore(dataset, DEMO_AS_OF), {
    access: TEST_ACCESS,
    logErrors: false,
  });
  const fetchIt: Fetch = async (path, init) => api.request(path, init);
  const loadAverage = loadavg()[0];
  const first = await audit(fetchIt);
  // Planned, audited again, marked ready over its blocks, exported.
  await planSend(fetchIt);
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
  // However this script ends, its server goes with it (it holds the DuckDB file's lock).
  process.once('exit', () => server.kill('SIGTERM'));
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
  await planSend(fetchIt);
  const second = await audit(fetchIt);
  // The same content again: the check is reused, as after an exclusion.
  const again = await audit(fetchIt);
  // About 100,000 recipients, warm. A failure here still prints what was measured before it.
  let hundred: Awaited<ReturnType<typeof audit>> | null = null;
  let saved: { campaign: string; segment: string } | null = null;
  try {
    saved = await hundredThousand(fetchIt);
    hundred = await audit(fetchIt, saved.campaign);
  } catch (error: unknown) {
    console.error('The 100,000-recipient audit failed:', error);
  }
  if (saved !== null) {
    await remove(fetchIt, saved.campaign);
    await remove(fetchIt, saved.segment);
  }
  server.kill('SIGTERM');
  console.log(JSON.stringify({ loadAverage, first, second, again, hundred }));
}
