// Users, sessions and API tokens in the DuckDB file (decision 035): three small tables that a load
// of demo or imported data never drops. server/auth/accounts.ts holds them in memory and writes
// each change through here, in one transaction.
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { z } from 'zod';
import { role } from '../../src/api/contract.ts';
import type { AccountChange, AccountPersistence, AccountRows } from '../auth/accounts.ts';
import type { ConnectionRunner } from './duckdb-documents.ts';

const DDL = [
  `CREATE TABLE IF NOT EXISTS account_users (
     user_id VARCHAR PRIMARY KEY, login VARCHAR NOT NULL, name VARCHAR NOT NULL,
     role VARCHAR NOT NULL, password_hash VARCHAR NOT NULL, disabled BOOLEAN NOT NULL,
     created_at VARCHAR NOT NULL, updated_at VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS account_sessions (
     hash VARCHAR PRIMARY KEY, user_id VARCHAR NOT NULL, csrf VARCHAR NOT NULL,
     created_at VARCHAR NOT NULL, last_seen_at VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS account_tokens (
     token_id VARCHAR PRIMARY KEY, hash VARCHAR NOT NULL, name VARCHAR NOT NULL,
     role VARCHAR NOT NULL, created_by VARCHAR NOT NULL, created_at VARCHAR NOT NULL,
     last_used_at VARCHAR, revoked_at VARCHAR)`,
];

// What the file holds is read through zod like any input: a hand-edited row fails loudly.
const userRow = z.object({
  user_id: z.string(),
  login: z.string(),
  name: z.string(),
  role,
  password_hash: z.string(),
  disabled: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});
const sessionRow = z.object({
  hash: z.string(),
  user_id: z.string(),
  csrf: z.string(),
  created_at: z.string(),
  last_seen_at: z.string(),
});
const tokenRow = z.object({
  token_id: z.string(),
  hash: z.string(),
  name: z.string(),
  role,
  created_by: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});

async function rows(connection: DuckDBConnection, sql: string): Promise<unknown[]> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjects();
}

async function exec(connection: DuckDBConnection, sql: string, values: DuckDBValue[]) {
  await connection.run(sql, values);
}

export async function createAccountTables(connection: DuckDBConnection): Promise<void> {
  for (const ddl of DDL) await connection.run(ddl);
}

export function duckDbAccounts(run: ConnectionRunner): AccountPersistence {
  return {
    load: () =>
      run(async (connection): Promise<AccountRows> => {
        await createAccountTables(connection);
        return {
          users: z.array(userRow).parse(await rows(connection, 'SELECT * FROM account_users')),
          sessions: z
            .array(sessionRow)
            .parse(await rows(connection, 'SELECT * FROM account_sessions')),
          tokens: z.array(tokenRow).parse(await rows(connection, 'SELECT * FROM account_tokens')),
        };
      }),
    write: (changes: readonly AccountChange[]) =>
      run(async (connection) => {
        await connection.run('BEGIN TRANSACTION');
        try {
          for (const change of changes) await writeOne(connection, change);
          await connection.run('COMMIT');
        } catch (error: unknown) {
          await connection.run('ROLLBACK');
          throw error;
        }
      }),
  };
}

async function writeOne(connection: DuckDBConnection, change: AccountChange): Promise<void> {
  if (change.table === 'users') {
    const u = change.put;
    await exec(
      connection,
      `INSERT OR REPLACE INTO account_users VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [u.user_id, u.login, u.name, u.role, u.password_hash, u.disabled, u.created_at, u.updated_at],
    );
  } else if (change.table === 'tokens') {
    const t = change.put;
    await exec(
      connection,
      `INSERT OR REPLACE INTO account_tokens VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        t.token_id,
        t.hash,
        t.name,
        t.role,
        t.created_by,
        t.created_at,
        t.last_used_at,
        t.revoked_at,
      ],
    );
  } else if ('put' in change) {
    const s = change.put;
    await exec(connection, `INSERT OR REPLACE INTO account_sessions VALUES ($1, $2, $3, $4, $5)`, [
      s.hash,
      s.user_id,
      s.csrf,
      s.created_at,
      s.last_seen_at,
    ]);
  } else {
    for (const hash of change.remove)
      await exec(connection, 'DELETE FROM account_sessions WHERE hash = $1', [hash]);
  }
}
