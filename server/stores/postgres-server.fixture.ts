// A PostgreSQL server for the tests, when the machine has one (Debian's `postgresql` package): its
// own data directory and socket in a temporary folder, listening on no TCP port, made with the C
// collation and the C.UTF-8 character type as PGlite's is, and removed after. As root (CI's
// containers) it runs as the package's `postgres` user, since PostgreSQL refuses root. Absent
// binaries or user: null, and the suites that need it say so in their name.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { quote } from './duckdb-schema.ts';
import type { PostgresRunner } from './postgres.ts';

export interface PostgresServer {
  version: string;
  start(): Promise<PostgresRunner>;
  stop(): Promise<void>;
}

/** The newest installed server's binaries (/usr/lib/postgresql/<major>/bin), or null. */
function binaries(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const majors = readdirSync(root)
    .filter((d) => /^\d+$/.test(d))
    .sort((a, b) => Number(b) - Number(a));
  for (const major of majors) {
    const bin = join(root, major, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}

/** The uid and gid of the `postgres` user, when there is one. */
function postgresUser(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

export function postgresServer(): PostgresServer | null {
  const bin = binaries();
  if (bin === null) return null;
  const root = process.getuid?.() === 0;
  const owner = root ? postgresUser() : null;
  if (root && owner === null) return null;
  const as = (command: string, args: string[]) =>
    owner === null
      ? execFileSync(join(bin, command), args, { encoding: 'utf8' })
      : execFileSync('runuser', ['-u', 'postgres', '--', join(bin, command), ...args], {
          encoding: 'utf8',
        });
  const version = as('postgres', ['--version']).trim();
  const base = mkdtempSync(join(tmpdir(), 'tact-pg-server-'));
  const data = join(base, 'data');
  const socket = join(base, 'socket');
  const load = join(base, 'load');
  const port = 40_000 + Math.floor(Math.random() * 20_000);
  let client: pg.Client | null = null;
  return {
    version,
    async start() {
      chmodSync(base, 0o755);
      for (const dir of [socket, load]) mkdirSync(dir, { mode: 0o755 });
      if (owner !== null)
        for (const dir of [base, socket, load]) chownSync(dir, owner.uid, owner.gid);
      as('initdb', [
        '-D',
        data,
        '-U',
        'tact',
        '--auth=trust',
        '-E',
        'UTF8',
        '--locale=C',
        '--lc-ctype=C.UTF-8',
      ]);
      as('pg_ctl', [
        '-D',
        data,
        '-l',
        join(base, 'server.log'),
        '-o',
        `-k ${socket} -p ${String(port)} -c listen_addresses=''`,
        '-w',
        'start',
      ]);
      const connected = new pg.Client({
        host: socket,
        port,
        user: 'tact',
        database: 'postgres',
        options: '-c TimeZone=UTC',
      });
      await connected.connect();
      client = connected;
      return {
        async run(sql) {
          await connected.query(sql);
        },
        async rows(sql, params) {
          const result = await connected.query<Record<string, unknown>>(
            sql,
            params === undefined ? [] : [...params],
          );
          return result.rows;
        },
        async copyCsv(table, columns, path) {
          // The server reads the file itself: a copy where its user may read it.
          const readable = join(load, `${table}.csv`);
          copyFileSync(path, readable);
          chmodSync(readable, 0o644);
          await connected.query(
            `COPY ${quote(table)} (${columns.map(quote).join(', ')}) FROM '${readable.replaceAll("'", "''")}' WITH (FORMAT csv, HEADER true)`,
          );
        },
        async close() {
          await connected.end();
          client = null;
        },
      };
    },
    async stop() {
      await client?.end();
      try {
        as('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(base, { recursive: true, force: true });
      }
    },
  };
}
