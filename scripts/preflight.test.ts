// `npm start` checks before it builds: a Tact server already on the port or on the database file
// stops it with one line, so dist/ is never rebuilt under a running server (issue 13: the live
// server answered 404 for the app while the build ran).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, expect, test } from 'vitest';

const dir = mkdtempSync(path.join(tmpdir(), 'tact-preflight-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function preflight(env: Record<string, string>) {
  const run = spawnSync(process.execPath, ['scripts/preflight.js'], {
    encoding: 'utf8',
    env: { ...process.env, HOST: '127.0.0.1', ...env },
  });
  return { status: run.status, stderr: run.stderr.trim() };
}

function listening(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : 0 });
    });
  });
}

test('npm start runs the check before it builds', () => {
  const manifest: unknown = JSON.parse(readFileSync('package.json', 'utf8'));
  const start =
    typeof manifest === 'object' && manifest !== null && 'scripts' in manifest
      ? JSON.stringify(manifest.scripts)
      : '';
  expect(start).toMatch(/"start":"node scripts\/preflight\.js && vite build && /);
});

test('a port already listened on stops it with one line', async () => {
  const { server, port } = await listening();
  try {
    const run = preflight({ PORT: String(port), TACT_DB: path.join(dir, 'none.duckdb') });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `Port ${port} on 127.0.0.1 is in use: is Tact already running? Stop it first, or set PORT.`,
    );
  } finally {
    server.close();
  }
});

test('a database file another process holds stops it with one line', async () => {
  const file = path.join(dir, 'held.duckdb');
  const held = await DuckDBInstance.create(file);
  const free = await listening();
  const port = free.port;
  await new Promise((resolve) => free.server.close(resolve));
  try {
    const run = preflight({ PORT: String(port), TACT_DB: file });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is already open in another process \\(PID \\d+\\): is Tact already running\\? Stop it first, or set TACT_DB to another file\\.$`,
      ),
    );
  } finally {
    held.closeSync();
  }
  // Once it is let go, the start goes on.
  expect(preflight({ PORT: String(port), TACT_DB: file })).toEqual({ status: 0, stderr: '' });
});
