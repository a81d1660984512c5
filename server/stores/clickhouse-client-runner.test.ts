// The client path to a ClickHouse server, driven through ClickHouse's HTTP interface as the
// official client speaks it. No ClickHouse server runs here (Debian's package is years old; none
// may be downloaded), so the test answers that interface itself with ClickHouse's own engine
// (chDB): the query from the body, its format from the FORMAT clause the client appends, the
// parameters from `param_*`; an insert's statement from the URL and its rows from the body. What
// is checked is ours: statements and named parameters reach the engine as the dialect writes them,
// rows come back as the store reads them, and a load sends the files' bytes (no access to the
// server's disk) and keeps every row as written, in order.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { clickhouseClientRunner, type ClickHouseServerRunner } from './clickhouse-client-runner.ts';
import { Session } from 'chdb';
import { DEMO_AS_OF, generateDataset } from '../../mocks/seed/index.ts';
import { exportTables } from '../import/export.ts';
import { loadLayout, readHistories, readReference } from './clickhouse.ts';
import { loadDataset, openDuckDbStore } from './duckdb.ts';

let session: Session;
const scratch = mkdtempSync(join(tmpdir(), 'tact-ch-http-'));

/** `INSERT INTO t … FORMAT f` with its rows as the body: read by chDB from a file of them. */
function insertData(statement: string, format: string, rows: Buffer, url: URLSearchParams) {
  const table = /^INSERT INTO\s+([\w.]+)/i.exec(statement)?.[1] ?? '';
  const columns = JSON.parse(
    session.query(
      `SELECT groupArray(concat(name, ' ', type)) AS s FROM (SELECT name, type FROM system.columns WHERE table = '${table}' ORDER BY position)`,
      'JSONEachRow',
    ),
  ) as { s: string[] };
  const file = join(scratch, `${randomUUID()}.data`);
  writeFileSync(file, rows);
  const settings = [...url.entries()]
    .filter(([k]) => k.startsWith('input_format_') || k === 'max_threads')
    .map(([k, v]) => `${k} = ${v}`);
  session.query(
    `${statement} SELECT * FROM file('${file}', '${format}', '${columns.s.join(', ')}')${settings.length === 0 ? '' : ` SETTINGS ${settings.join(', ')}`}`,
    'CSV',
  );
}
let server: Server;
let runner: ClickHouseServerRunner;
const seen: { query: string; params: Record<string, string> }[] = [];

beforeAll(async () => {
  session = new Session();
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://clickhouse');
      const params: Record<string, string> = {};
      for (const [k, v] of url.searchParams) if (k.startsWith('param_')) params[k.slice(6)] = v;
      const body = Buffer.concat(chunks);
      // An INSERT with data names its statement in the URL and sends the rows as the body.
      const inserting = url.searchParams.get('query');
      let query = inserting ?? body.toString('utf8');
      const format = /\s+FORMAT\s+(\w+)\s*$/i.exec(query);
      if (format !== null) query = query.slice(0, format.index);
      seen.push({ query, params });
      try {
        if (inserting !== null) {
          insertData(query, format?.[1] ?? 'CSV', body, url.searchParams);
          res.writeHead(200, { 'content-type': 'text/plain; charset=UTF-8' });
          res.end('');
          return;
        }
        const result =
          Object.keys(params).length === 0
            ? session.query(query, format?.[1] ?? 'CSV')
            : session.queryBind(query, params, format?.[1] ?? 'CSV');
        res.writeHead(200, { 'content-type': 'text/plain; charset=UTF-8' });
        res.end(result);
      } catch (error: unknown) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`Code: 62. DB::Exception: ${error instanceof Error ? error.message : 'error'}`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  runner = clickhouseClientRunner({ url: `http://127.0.0.1:${String(port)}` });
});
afterAll(async () => {
  await runner.close();
  await new Promise((resolve) => server.close(resolve));
  session.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

test('statements run, rows come back typed, parameters are bound by name', async () => {
  await runner.run(
    "CREATE TABLE t (id String, n Int64, at DateTime64(3, 'UTC')) ENGINE = MergeTree ORDER BY id",
  );
  await runner.run(
    "INSERT INTO t VALUES ('a', 1, '2026-01-01 10:00:00.000'), ('b', 3000000000, '2026-02-01 00:00:00.000')",
  );
  const rows = await runner.rows(
    "SELECT id, n, at FROM t WHERE id >= {p1:String} AND at < fromUnixTimestamp64Milli({p2:Int64}, 'UTC') ORDER BY id",
    { p1: 'a', p2: Date.parse('2026-03-01T00:00:00Z') },
  );
  expect(rows).toEqual([
    { id: 'a', n: 1, at: '2026-01-01 10:00:00.000' },
    { id: 'b', n: 3_000_000_000, at: '2026-02-01 00:00:00.000' },
  ]);
  expect(seen.at(-1)?.params).toEqual({ p1: 'a', p2: String(Date.parse('2026-03-01T00:00:00Z')) });
  expect(await runner.rows('SELECT 1 AS one WHERE 0')).toEqual([]);
});

test('an engine error reaches the caller as an error, not as rows', async () => {
  await expect(runner.rows('SELECT nope FROM nowhere')).rejects.toThrow(
    /nowhere|UNKNOWN_TABLE|exist/i,
  );
});

test('the import layout loads through the client: every customer’s history as DuckDB holds it', async () => {
  const dir = join(scratch, 'layout');
  const { dataset } = generateDataset({ seed: 3, customers: 60, asOf: DEMO_AS_OF });
  const duck = await openDuckDbStore({ path: ':memory:', connections: 1 });
  try {
    await loadDataset(duck, dataset, { asOf: DEMO_AS_OF, seed: 3 });
    await exportTables(duck.connection, dir, 'csv');
    const loaded = await loadLayout(runner, dir);
    expect(loaded.customers).toBe(60);
    expect(loaded.orders).toBe(dataset.orders.length);
    expect(loaded.events).toBe(dataset.events.length);
    // Every row of every customer table, as written (a trailing space kept) and in the file's order.
    const ids = dataset.customers.map((c) => c.customer_id);
    const histories = await readHistories(runner, ids, await readReference(runner));
    expect(histories.map((h) => h.customer.customer_id)).toEqual(ids);
    for (const h of histories)
      expect(h, h.customer.customer_id).toEqual(await duck.history(h.customer.customer_id));
  } finally {
    await duck.close();
  }
  // The staging tables the client made are gone.
  expect(
    await runner.rows("SELECT name FROM system.tables WHERE name LIKE 'tact_staging_%'"),
  ).toEqual([]);
}, 120_000);
