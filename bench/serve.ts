// Child process of the bench: the profile API alone over a DuckDB file, on a free port of
// 127.0.0.1, as `npm start` serves it (4 read connections) but without the app or background
// scoring. Prints `{"port": N}` once it listens; stops on SIGTERM.
import { serve } from '@hono/node-server';
import { createApi } from '../server/app.ts';
import { openDuckDbStore, readMeta } from '../server/stores/duckdb.ts';

const file = process.argv[2] ?? 'data/bench-1000000.duckdb';
const store = await openDuckDbStore({
  path: file,
  memoryLimit: process.env.TACT_DUCKDB_MEMORY ?? '2GB',
});
if ((await readMeta(store)) === null) throw new Error(`${file} holds no loaded data.`);
const server = serve({ fetch: createApi(store).fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
  console.log(JSON.stringify({ port: info.port })),
);
process.on('SIGTERM', () => {
  server.close();
  void store.close().then(() => process.exit(0));
});
