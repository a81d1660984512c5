// `npm start`: the built app and the profile API over the embedded DuckDB store on one port.
// Seeds the demo data on first start (progress printed) and reuses the file afterwards. With
// TACT_STORE=clickhouse, the data is read in ClickHouse (docs/scale.md).
import { segmentValues } from './routes/dashboards.ts';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { createApi } from './app.ts';
import { accountsAccess } from './auth/access.ts';
import { Accounts } from './auth/accounts.ts';
import { argon2Passwords } from './auth/argon2.ts';
import { firstStart } from './auth/first-start.ts';
import { checkWorkers } from './checks/check-workers.ts';
import { recommendationContextOf } from './routes/recommendations.ts';
import { seedClickHouseDemo, seedDemo, startingData } from './seed-demo.ts';
import { Server } from 'node:http';
import { drainer, lockedFileMessage, slowClientOptions } from './lifecycle.ts';
import { DEFAULT_LOAD_LIMITS } from './load-limits.ts';
import { cancelOnDisconnect, detached } from './request-scope.ts';
import { ImportJobs } from './import/jobs.ts';
import { importDirectory } from './import/run.ts';
import { allowedHosts, noSourceMaps, securityHeaders } from './security.ts';
import { ClickHouseStore, readClickHouseAsOf } from './stores/clickhouse-profile-store.ts';
import { openClickHouse } from './stores/clickhouse-open.ts';
import { openDuckDbStore, readMeta, type DuckDbStore } from './stores/duckdb.ts';
import { duckDbMemoryLimit } from './stores/duckdb-memory.ts';
import type { ProfileStore } from './store.ts';
import { workerRenderer } from './templates/worker-renderer.ts';

const port = Number(process.env.PORT ?? 3000);
// Loopback unless told otherwise: HOST=0.0.0.0 opens Tact to the network (sign-in protects it).
const host = process.env.HOST ?? '127.0.0.1';
const dbPath = process.env.TACT_DB ?? 'data/tact.duckdb';
const customers = Number(process.env.TACT_CUSTOMERS ?? 50_000);
const seed = Number(process.env.TACT_SEED ?? 42);
const staticRoot = process.env.TACT_STATIC ?? 'dist';
// Beside ClickHouse, the DuckDB file holding what Tact writes (TACT_DB names it there too).
const statePath = process.env.TACT_DB ?? 'data/tact-state.duckdb';
let clickhouseWhere = '';

if (!Number.isInteger(port) || port <= 0 || port > 65_535) {
  console.error(`PORT must be a port number, got "${process.env.PORT}".`);
  process.exit(1);
}
if (!Number.isInteger(customers) || customers < 100) {
  console.error(`TACT_CUSTOMERS must be an integer ≥ 100, got "${process.env.TACT_CUSTOMERS}".`);
  process.exit(1);
}

const engine = process.env.TACT_STORE ?? 'duckdb';
if (engine !== 'duckdb' && engine !== 'clickhouse') {
  console.error(`TACT_STORE must be "duckdb" or "clickhouse", got "${engine}".`);
  process.exit(1);
}
const onClickHouse = engine === 'clickhouse';

mkdirSync(path.dirname(dbPath), { recursive: true });
const memoryLimit = duckDbMemoryLimit();
// DuckDB holds the data, or beside ClickHouse only what Tact writes (documents, accounts, audit).
const duck = await openDuckDbStore({
  path: onClickHouse ? statePath : dbPath,
  memoryLimit,
  documentsOnly: onClickHouse,
}).catch((error: unknown) => {
  // Another server on the same file: one clear line, not a stack trace.
  const file = onClickHouse ? statePath : dbPath;
  const locked = lockedFileMessage(error, file);
  if (locked === null) throw error;
  console.error(locked);
  process.exit(1);
});
const store: ProfileStore = onClickHouse ? await openClickHouseStore(duck) : await openDuckDb(duck);

async function openDuckDb(store: DuckDbStore): Promise<DuckDbStore> {
  const meta = await readMeta(store);
  const starting = startingData(meta, { seed, customers });
  if (starting === 'seed' || meta === null) {
    await seedDemo(store, { seed, customers, log: (line) => console.log(line) });
  } else {
    console.log(
      `Using ${dbPath}: ${meta.customers.toLocaleString('en')} customers (${starting === 'imported' ? 'imported data' : `seed ${String(meta.seed)}`}).`,
    );
  }
  return store;
}

/**
 * The data in ClickHouse (docs/scale.md), Tact's own state in `state`. chDB on a folder with no
 * data yet gets the demo, as DuckDB does; a ClickHouse server is the retailer's, loaded by them.
 */
async function openClickHouseStore(state: DuckDbStore): Promise<ClickHouseStore> {
  const { runner, where, embedded } = await openClickHouse(process.env);
  clickhouseWhere = where;
  const asOf = await readClickHouseAsOf(runner).catch((error: unknown) => {
    console.error(
      `Cannot read ${where}: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  });
  if (asOf === null) {
    if (!embedded) {
      console.error(
        `${where} holds no Tact data yet: load it with "npm run clickhouse-load -- --dir DIR" (docs/scale.md).`,
      );
      process.exit(1);
    }
    await seedClickHouseDemo(runner, state, { seed, customers, log: (line) => console.log(line) });
  }
  const opened = await ClickHouseStore.open(runner, state);
  console.log(
    `Using ${where}: ${(await opened.customerCount()).toLocaleString('en')} customers; Tact's own documents in ${statePath}.`,
  );
  return opened;
}

// Users, sessions and tokens live in the same file and survive reloads of the data. On the first
// start, an admin with a random password (printed below, once) and, with TACT_BOOTSTRAP_TOKEN, an
// admin API token of that value for automation.
const accounts = await Accounts.open(duck.accountPersistence());
const firstAdmin = await firstStart(accounts, argon2Passwords, {
  bootstrapToken: process.env.TACT_BOOTSTRAP_TOKEN,
  now: Date.now(),
});

// Imports from the admin's screen: run for no request in particular (the start answers at once);
// once written, the scores and what the screens read are worked out again in the background.
// ClickHouse is loaded by its own command (npm run clickhouse-load): no import from the screen.
const imports = onClickHouse
  ? undefined
  : new ImportJobs((dir, run) =>
      detached(async () => {
        const report = await importDirectory(duck, dir, run);
        if (report.committed) void scoreInBackground();
        return report;
      }),
    );

const app = new Hono();
app.use('*', securityHeaders());
app.use('*', noSourceMaps());
// Store work of a request stops when its client disconnects (DuckDB's statement interrupted).
app.use('/api/*', cancelOnDisconnect());
// Templates render in worker threads: a slow one holds no other request. Campaigns' recipients are
// checked in worker threads too: both cores check, and the API answers meanwhile.
app.route(
  '/',
  createApi(store, {
    access: accountsAccess(accounts, argon2Passwords, {
      secureCookies: process.env.TACT_SECURE_COOKIES === 'true' ? true : 'auto',
    }),
    templates: workerRenderer().render,
    checks: checkWorkers(),
    hosts: allowedHosts(host, process.env.TACT_ALLOWED_HOSTS),
    auditTrail: duck.auditTrail(),
    load: DEFAULT_LOAD_LIMITS,
    ...(imports === undefined ? {} : { imports }),
  }),
);
if (existsSync(path.join(staticRoot, 'index.html'))) {
  app.use('/*', serveStatic({ root: staticRoot }));
  // The app routes in the browser: any other page is the app's index.
  app.get('*', serveStatic({ root: staticRoot, path: 'index.html' }));
} else {
  console.warn(
    `No built app in ${staticRoot}/ — run "npm start" (it builds first) to get the console.`,
  );
}

// Slow clients: the headers within 10 s, the whole request within 30 s (server/lifecycle.ts).
const serverOptions = slowClientOptions();
const server = serve({ fetch: app.fetch, port, hostname: host, serverOptions }, (info) => {
  const shown = host === '0.0.0.0' ? 'localhost' : host;
  const api = onClickHouse ? clickhouseWhere : `DuckDB: ${dbPath}`;
  console.log(`Tact is running at http://${shown}:${info.port}/ (API on ${api})`);
  if (firstAdmin !== null) {
    console.log(
      `First start: sign in as "${firstAdmin.login}" with the password ${firstAdmin.password}\n` +
        '  (shown this once; change it under Account once signed in, and add your team under Team).',
    );
  }
  if (firstAdmin?.bootstrapToken === true)
    console.log('TACT_BOOTSTRAP_TOKEN is an admin API token from now on (revoke it under Team).');
  void scoreInBackground();
});

/**
 * Fits the lifetime-value and propensity models and writes every customer's scores right away,
 * so that the first Customer 360 or score condition does not wait for them (the catalogue lists
 * the score fields once they are written), then counts the co-purchase statistics the
 * recommendations and the preview read. Requests meanwhile wait for these same runs.
 */
async function scoreInBackground() {
  const started = performance.now();
  console.log('Scoring customers (lifetime value, propensity, churn, RFM) in the background…');
  try {
    if (!onClickHouse) await duck.prepareSearch();
    await store.catalogue();
    const book = await store.scoreBook();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if ('unavailable' in book) {
      console.log(`No scores: ${book.unavailable}.`);
      return;
    }
    const card = book.card();
    const auc = card.holdout?.auc;
    console.log(
      `Scored the ${card.customers.toLocaleString('en')} customers with an order in ${seconds} s (model ${card.model_version}` +
        `${auc === null || auc === undefined ? '' : `, holdout AUC ${auc.toFixed(3)}`}).`,
    );
  } catch (error: unknown) {
    console.error('Scoring failed; scores will be retried on first use.', error);
    return;
  }
  // The co-purchase statistics every recommendation and preview reads: minutes at a million
  // customers, counted now rather than by the first preview.
  const counting = performance.now();
  try {
    const { stats } = await recommendationContextOf(store);
    const seconds = ((performance.now() - counting) / 1000).toFixed(1);
    console.log(
      `Counted the co-purchases of ${stats.customers.toLocaleString('en')} buyers in ${seconds} s.`,
    );
  } catch (error: unknown) {
    console.error('Counting co-purchases failed; it will be retried on first use.', error);
  }
  // Every campaign recipient's outcome and every customer's data quality, for the dashboards
  // (DuckDB's tables for them; on ClickHouse the dashboards read their rows on first use).
  if (!onClickHouse) {
    const preparing = performance.now();
    try {
      await duck.prepareDashboards();
      const seconds = ((performance.now() - preparing) / 1000).toFixed(1);
      console.log(`Prepared the campaign and data-quality dashboards in ${seconds} s.`);
    } catch (error: unknown) {
      console.error('Preparing the dashboards failed; it will be retried on first use.', error);
    }
  }
  // Every saved segment's predicted value, which the value dashboard lists (kept until a refit).
  const valuing = performance.now();
  try {
    const { segments } = await segmentValues(store);
    const seconds = ((performance.now() - valuing) / 1000).toFixed(1);
    console.log(`Valued the ${String(segments.length)} saved segments in ${seconds} s.`);
  } catch (error: unknown) {
    console.error('Valuing the saved segments failed; it will be retried on first use.', error);
  }
}

// SIGTERM (or Ctrl+C): the requests under way finish, then the store closes (server/lifecycle.ts).
if (!(server instanceof Server))
  throw new Error('Tact serves HTTP/1.1: an HTTP/1 server was expected.');
const stop = drainer(server, {
  close: async () => {
    await imports?.close();
    await store.close();
  },
});
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
