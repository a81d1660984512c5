// The client path to a ClickHouse server, driven through ClickHouse's HTTP interface as the
// official client speaks it. No ClickHouse server runs here (Debian's package is years old; none
// may be downloaded), so the test answers that interface itself with ClickHouse's own engine
// (chDB): the query from the body, its format from the FORMAT clause the client appends, the
// parameters from `param_*`. What is checked is ours: statements and named parameters reach the
// engine as the dialect writes them, and rows come back as the store reads them.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { clickhouseClientRunner, type ClickHouseServerRunner } from './clickhouse-client-runner.ts';
import { Session } from 'chdb';

let session: Session;
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
      let query = Buffer.concat(chunks).toString('utf8') || (url.searchParams.get('query') ?? '');
      const format = /\s+FORMAT\s+(\w+)\s*$/i.exec(query);
      if (format !== null) query = query.slice(0, format.index);
      seen.push({ query, params });
      try {
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
