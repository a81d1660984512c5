// SIGTERM lets the requests under way finish (an export is sent whole), refuses new connections,
// closes the store and exits 0; past the drain timeout it cuts and exits 1. A second process on the
// same DuckDB file is told so in one line.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { request, type Server, type ServerOptions } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { describe, expect, test } from 'vitest';
import { drainer, lockedFileMessage, SLOW_CLIENT_LIMITS, slowClientOptions } from './lifecycle.ts';
import { openDuckDbStore } from './stores/duckdb.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function listen(
  app: Hono,
  serverOptions: ServerOptions = {},
): Promise<{ server: Server; port: number }> {
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port: 0, hostname: '127.0.0.1', serverOptions },
      (info) => {
        if (server instanceof Object && 'closeIdleConnections' in server)
          resolve({ server: server as Server, port: info.port });
        else reject(new Error('not an HTTP/1 server'));
      },
    );
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

describe('slow clients', () => {
  const limits = { headersMs: 300, requestMs: 700, checkMs: 50 };

  /** A server with `limits`: reads a POST's body, answers `/late` after 1 s (past requestMs). */
  async function limited(): Promise<{ server: Server; port: number }> {
    const app = new Hono();
    app.get('/', (c) => c.text('ok'));
    app.post('/', async (c) => c.text(`${String((await c.req.text()).length)} characters`));
    app.get('/late', async (c) => {
      await sleep(1_000);
      return c.text('late but whole');
    });
    return listen(app, slowClientOptions(limits));
  }

  /**
   * Writes `head` then `drip` one character every 100 ms until the server answers or closes;
   * resolves with what it answered and when the connection ended (ms from the first byte).
   */
  function trickle(port: number, head: string, drip: string) {
    return new Promise<{ answer: string; ms: number }>((resolve, reject) => {
      const started = performance.now();
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      let at = 0;
      const timer = setInterval(() => {
        if (at < drip.length && !socket.destroyed) socket.write(drip[at] ?? '');
        at += 1;
      }, 100);
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (answer += chunk));
      socket.on('error', reject);
      socket.on('close', () => {
        clearInterval(timer);
        resolve({ answer, ms: performance.now() - started });
      });
      socket.write(head);
    });
  }

  test('the server waits 10 s for headers and 30 s for a whole request, checked every second', () => {
    expect(SLOW_CLIENT_LIMITS).toEqual({ headersMs: 10_000, requestMs: 30_000, checkMs: 1_000 });
    expect(slowClientOptions()).toEqual({
      headersTimeout: 10_000,
      requestTimeout: 30_000,
      connectionsCheckingInterval: 1_000,
    });
  });

  test('headers sent a byte at a time get 408 and the connection closed', async () => {
    const { server, port } = await limited();
    try {
      const { answer, ms } = await trickle(
        port,
        'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n',
        'X-Slow: ' + 'a'.repeat(100),
      );
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(ms).toBeGreaterThanOrEqual(limits.headersMs - 50);
      expect(ms).toBeLessThan(limits.requestMs + 500);
    } finally {
      server.close();
    }
  });

  test('a body sent a byte at a time gets 408 and the connection closed', async () => {
    const { server, port } = await limited();
    try {
      const { answer, ms } = await trickle(
        port,
        'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
          'Content-Length: 200\r\n\r\n',
        '"' + 'a'.repeat(198) + '"',
      );
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(ms).toBeGreaterThanOrEqual(limits.requestMs - 50);
      expect(ms).toBeLessThan(limits.requestMs + 1_000);
    } finally {
      server.close();
    }
  });

  test('a request sent at once is answered, and an answer may take longer than the limits', async () => {
    const { server, port } = await limited();
    try {
      expect(await get(port, '/')).toEqual({ status: 200, body: 'ok' });
      expect(await get(port, '/late')).toEqual({ status: 200, body: 'late but whole' });
      const whole = await trickle(
        port,
        'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
          'Content-Length: 4\r\nConnection: close\r\n\r\n"ab"',
        '',
      );
      expect(whole.answer).toMatch(/^HTTP\/1\.1 200 [^]*4 characters$/);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
