// Child process of the bench: the profile API alone over a DuckDB file, on a free port of
// 127.0.0.1, as `npm start` serves it (4 read connections) but without the app or background
// scoring; with `--render-workers`, templates render and recipients are checked in worker threads
// as `npm start` does it. With `--as-server`, also as `npm start` guards it: sign-in (an editor's
// API tokens, ten editors', printed), the rate limits, load shedding and the SIGTERM drain. Prints
// `{"port": N, "token": "…", "tokens": […]}` once it listens.
import { Server } from 'node:http';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createApi } from '../server/app.ts';
import { recommendationContextOf } from '../server/routes/recommendations.ts';
import { accountsAccess } from '../server/auth/access.ts';
import { Accounts } from '../server/auth/accounts.ts';
import { argon2Passwords } from '../server/auth/argon2.ts';
import { TEST_ACCESS } from '../server/auth/test-access.ts';
import { drainer, slowClientOptions } from '../server/lifecycle.ts';
import { DEFAULT_LOAD_LIMITS } from '../server/load-limits.ts';
import { cancelOnDisconnect } from '../server/request-scope.ts';
import { newToken } from '../server/routes/auth.ts';
import { openDuckDbStore, readMeta } from '../server/stores/duckdb.ts';
import { duckDbMemoryLimit } from '../server/stores/duckdb-memory.ts';
import { checkWorkers } from '../server/checks/check-workers.ts';
import { workerRenderer } from '../server/templates/worker-renderer.ts';

const file = process.argv[2] ?? 'data/bench-1000000.duckdb';
const store = await openDuckDbStore({
  path: file,
  memoryLimit: duckDbMemoryLimit(),
});
if ((await readMeta(store)) === null) throw new Error(`${file} holds no loaded data.`);
const workers = process.argv.includes('--render-workers');
const asServer = process.argv.includes('--as-server');
const templates = workers ? workerRenderer() : null;
const checks = workers ? checkWorkers() : null;
let token: string | null = null;
// Ten marketers' tokens: a load is many people's, each within their own rate limits.
const tokens: string[] = [];
let access = TEST_ACCESS;
if (asServer) {
  const accounts = await Accounts.open(null);
  for (let i = 1; i <= 10; i += 1) {
    const made = await newToken(`bench-${String(i)}`, 'editor', 'bench', Date.now());
    await accounts.putToken(made.record);
    tokens.push(made.token);
  }
  token = tokens[0] ?? null;
  access = accountsAccess(accounts, argon2Passwords);
}
if (asServer) {
  // As `npm start` prepares in the background before anyone uses it: search, catalogue, the models'
  // scores, the co-purchase statistics previews read (minutes at a million), the dashboards.
  await store.prepareSearch();
  await store.catalogue();
  await store.scoreBook();
  await recommendationContextOf(store);
  await store.prepareDashboards();
}
const api = createApi(store, {
  access,
  ...(asServer ? { load: DEFAULT_LOAD_LIMITS, auditTrail: store.auditTrail() } : {}),
  ...(templates === null || checks === null ? {} : { templates: templates.render, checks }),
});
let listening = performance.now();
// As `npm start` does: a request's store work stops when its client goes away.
const app = new Hono();
// The slowest requests, said on stderr with when they ended (TACT_BENCH_SLOW_MS, default off).
const slowMs = Number(process.env.TACT_BENCH_SLOW_MS ?? 0);
if (slowMs > 0)
  app.use('/api/*', async (c, next) => {
    const began = performance.now();
    await next();
    const took = performance.now() - began;
    if (took > slowMs)
      console.error(
        `slow ${c.req.method} ${c.req.path} ${String(c.res.status)} ${took.toFixed(0)} ms, ended at ${((performance.now() - listening) / 1000).toFixed(1)} s`,
      );
  });
app.use('/api/*', cancelOnDisconnect());
app.route('/', api);
// Listening keeps the process alive while the workers load (idle workers do not).
// The pauses a load would feel: every garbage collection over 100 ms, said on stderr with the
// time since the server listened (a run's stalls are then told apart from its steady work).
const GC_KINDS = new Map([
  [constants.NODE_PERFORMANCE_GC_MAJOR, 'major'],
  [constants.NODE_PERFORMANCE_GC_MINOR, 'minor'],
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL, 'incremental'],
  [constants.NODE_PERFORMANCE_GC_WEAKCB, 'weak callbacks'],
]);
new PerformanceObserver((list) => {
  for (const entry of list.getEntries())
    if (entry.duration > 100) {
      const detail: unknown = 'detail' in entry ? entry.detail : null;
      const kind =
        typeof detail === 'object' && detail !== null && 'kind' in detail
          ? (GC_KINDS.get(Number(detail.kind)) ?? String(detail.kind))
          : '?';
      console.error(
        `gc pause ${entry.duration.toFixed(0)} ms (${kind}) at ${((entry.startTime - listening) / 1000).toFixed(1)} s`,
      );
    }
}).observe({ entryTypes: ['gc'] });
// And every second in which the event loop was held over 100 ms (a request, even one shed at once,
// waits that long to be read).
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
setInterval(() => {
  const maxMs = loopDelay.max / 1e6;
  if (maxMs > 100)
    console.error(
      `event loop held ${maxMs.toFixed(0)} ms in the second to ${((performance.now() - listening) / 1000).toFixed(1)} s`,
    );
  loopDelay.reset();
}, 1_000).unref();
const server = serve(
  {
    fetch: app.fetch,
    port: 0,
    hostname: '127.0.0.1',
    serverOptions: asServer ? slowClientOptions() : {},
  },
  (info) => {
    listening = performance.now();
    void Promise.all([templates?.ready(), checks?.ready()]).then(() =>
      console.log(JSON.stringify({ port: info.port, token, tokens })),
    );
  },
);
if (!(server instanceof Server)) throw new Error('An HTTP/1 server was expected.');
const stop = drainer(server, {
  close: async () => {
    await Promise.all([store.close(), templates?.close(), checks?.close()]);
  },
  log: (line) => console.error(line),
});
process.on('SIGTERM', () => stop('SIGTERM'));
