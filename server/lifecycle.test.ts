// SIGTERM lets the requests under way finish (an export is sent whole), refuses new connections,
// closes the store and exits 0; past the drain timeout it cuts and exits 1. A second process on the
// same DuckDB file is told so in one line.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { expect, test } from 'vitest';
import { drainer, lockedFileMessage } from './lifecycle.ts';
import { openDuckDbStore } from './stores/duckdb.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function listen(app: Hono): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      if (server instanceof Object && 'closeIdleConnections' in server)
        resolve({ server: server as Server, port: info.port });
      else reject(new Error('not an HTTP/1 server'));
    });
  });
}

function get(port: number, pathname: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: pathname }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** An export of 10 rows written 80 ms apart. */
function exportingApp() {
  const app = new Hono();
  app.get('/export.csv', (c) =>
    stream(c, async (out) => {
      for (let i = 0; i < 10; i += 1) {
        await out.write(`row ${i}\n`);
        await sleep(80);
      }
    }),
  );
  app.get('/hang', () => new Promise<Response>(() => undefined));
  return app;
}

test('SIGTERM: the export under way is sent whole, new connections are refused, then exit 0', async () => {
  const { server, port } = await listen(exportingApp());
  const exits: number[] = [];
  let closed = 0;
  const stop = drainer(server, {
    close: async () => {
      closed += 1;
    },
    log: () => undefined,
    exit: (code) => exits.push(code),
  });
  const exporting = get(port, '/export.csv');
  await sleep(150);
  stop('SIGTERM');
  stop('SIGTERM');
  await expect(get(port, '/export.csv')).rejects.toThrow(/ECONNREFUSED|ECONNRESET/);
  const done = await exporting;
  expect(done.status).toBe(200);
  expect(done.body.trim().split('\n')).toHaveLength(10);
  await sleep(100);
  expect(closed).toBe(1);
  expect(exits).toEqual([0]);
});

test('past the drain timeout what is left is cut, the store still closed, exit 1', async () => {
  const { server, port } = await listen(exportingApp());
  const exits: number[] = [];
  let closed = 0;
  const stop = drainer(server, {
    timeoutMs: 300,
    close: async () => {
      closed += 1;
    },
    log: () => undefined,
    exit: (code) => exits.push(code),
  });
  const hanging = get(port, '/hang').catch((error: unknown) => error);
  await sleep(100);
  stop('SIGTERM');
  await sleep(600);
  expect(await hanging).toBeInstanceOf(Error);
  expect(closed).toBe(1);
  expect(exits).toEqual([1]);
});

test('a second process on the same DuckDB file gets one clear line', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tact-lock-'));
  const file = path.join(dir, 'tact.duckdb');
  try {
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const { DuckDBInstance } = require('@duckdb/node-api');
         DuckDBInstance.create(${JSON.stringify(file)}).then(() => { console.log('open'); setInterval(() => {}, 1000); });`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    const error = await openDuckDbStore({ path: file }).catch((e: unknown) => e);
    holder.kill();
    const line = lockedFileMessage(error, file);
    expect(line).toMatch(
      /is already open in another process \(PID \d+\): is Tact already running\?/,
    );
    expect(line).not.toContain('\n');
    expect(lockedFileMessage(new Error('disk full'), file)).toBeNull();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
