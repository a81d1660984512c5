// Child process of the bench: the profile API alone over a DuckDB file, on a free port of
// 127.0.0.1, as `npm start` serves it (4 read connections) but without the app or background
// scoring; with `--render-workers`, templates render and recipients are checked in worker threads
// as `npm start` does it. Prints `{"port": N}` once it listens; stops on SIGTERM.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createApi } from '../server/app.ts';
import { cancelOnDisconnect } from '../server/request-scope.ts';
import { TEST_ACCESS } from '../server/auth/test-access.ts';
import { openDuckDbStore, readMeta } from '../server/stores/duckdb.ts';
import { checkWorkers } from '../server/checks/check-workers.ts';
import { workerRenderer } from '../server/templates/worker-renderer.ts';

const file = process.argv[2] ?? 'data/bench-1000000.duckdb';
const store = await openDuckDbStore({
  path: file,
  memoryLimit: process.env.TACT_DUCKDB_MEMORY ?? '2GB',
});
if ((await readMeta(store)) === null) throw new Error(`${file} holds no loaded data.`);
const workers = process.argv.includes('--render-workers');
const templates = workers ? workerRenderer() : null;
const checks = workers ? checkWorkers() : null;
const api = createApi(
  store,
  templates === null || checks === null
    ? { access: TEST_ACCESS }
    : { access: TEST_ACCESS, templates: templates.render, checks },
);
// Listening keeps the process alive while the workers load (idle workers do not).
// As `npm start` does: a request's store work stops when its client goes away.
const app = new Hono();
app.use('/api/*', cancelOnDisconnect());
app.route('/', api);
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  void Promise.all([templates?.ready(), checks?.ready()]).then(() =>
    console.log(JSON.stringify({ port: info.port })),
  );
});
process.on('SIGTERM', () => {
  server.close();
  void Promise.all([store.close(), templates?.close(), checks?.close()]).then(() =>
    process.exit(0),
  );
});
