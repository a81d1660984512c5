// The first start creates one admin with a random password (and, with TACT_BOOTSTRAP_TOKEN, an
// admin token of that value), never again once a user exists; accounts live in the DuckDB file,
// across a reopen and a reload of the data.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { sessionResponse } from '../../src/api/contract.ts';
import { createApi } from '../app.ts';
import { FIXTURE_AS_OF, fixtureDataset } from '../fixture.ts';
import { loadDataset, openDuckDbStore } from '../stores/duckdb.ts';
import { accountsAccess } from './access.ts';
import { Accounts, sha256 } from './accounts.ts';
import { argon2Passwords } from './argon2.ts';
import { firstStart } from './first-start.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

test('the first start makes one admin with a long random password, and only once', async () => {
  const accounts = await Accounts.open(null);
  const first = await firstStart(accounts, argon2Passwords, { bootstrapToken: undefined, now: 0 });
  expect(first).toMatchObject({ login: 'admin', bootstrapToken: false });
  expect(first?.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
  const admin = accounts.userByLogin('admin');
  expect(admin?.role).toBe('admin');
  expect(await argon2Passwords.verify(admin?.password_hash ?? '', first?.password ?? '')).toBe(
    true,
  );
  expect(admin?.password_hash).toMatch(/^\$argon2id\$/);
  const again = await firstStart(accounts, argon2Passwords, {
    bootstrapToken: 'x'.repeat(30),
    now: 0,
  });
  expect(again).toBeNull();
  expect(accounts.userCount()).toBe(1);
  expect(accounts.listTokens()).toEqual([]);
});

test('a bootstrap token becomes an admin token, stored hashed; a short one is refused', async () => {
  const accounts = await Accounts.open(null);
  await expect(
    firstStart(accounts, argon2Passwords, { bootstrapToken: 'too-short', now: 0 }),
  ).rejects.toThrow(/at least 24 characters/);
  expect(accounts.userCount()).toBe(0);
  const value = 'a-bootstrap-token-long-enough-1234';
  const first = await firstStart(accounts, argon2Passwords, { bootstrapToken: value, now: 0 });
  expect(first?.bootstrapToken).toBe(true);
  const [token] = accounts.listTokens();
  expect(token).toMatchObject({ name: 'bootstrap', role: 'admin', hash: await sha256(value) });
  expect(JSON.stringify(token)).not.toContain(value);
});

test('users, sessions and tokens survive a reopen of the file and a reload of the data', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tact-accounts-'));
  dirs.push(dir);
  const file = path.join(dir, 'tact.duckdb');
  let store = await openDuckDbStore({ path: file });
  await loadDataset(store, fixtureDataset(), { asOf: FIXTURE_AS_OF });
  let accounts = await Accounts.open(store.accountPersistence());
  const first = await firstStart(accounts, argon2Passwords, {
    bootstrapToken: 'a-bootstrap-token-long-enough-1234',
    now: Date.now(),
  });
  let api = createApi(store, {
    access: accountsAccess(accounts, argon2Passwords),
    logErrors: false,
  });
  const signIn = await api.request('http://tact.test/api/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'admin', password: first?.password }),
  });
  expect(signIn.status).toBe(200);
  const cookie = signIn.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  // A reload of the data (a new seed or an import) keeps every account.
  await loadDataset(store, fixtureDataset(), { asOf: FIXTURE_AS_OF });
  await store.close();

  store = await openDuckDbStore({ path: file });
  accounts = await Accounts.open(store.accountPersistence());
  expect(accounts.userCount()).toBe(1);
  expect(
    await firstStart(accounts, argon2Passwords, { bootstrapToken: undefined, now: 0 }),
  ).toBeNull();
  api = createApi(store, { access: accountsAccess(accounts, argon2Passwords), logErrors: false });
  const me = await api.request('http://tact.test/api/auth/session', { headers: { cookie } });
  expect(sessionResponse.parse(await me.json()).user?.login).toBe('admin');
  const byToken = await api.request('http://tact.test/api/users', {
    headers: { authorization: 'Bearer a-bootstrap-token-long-enough-1234' },
  });
  expect(byToken.status).toBe(200);
  await store.close();
}, 60_000);
