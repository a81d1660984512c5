// Sign-in, sessions, the anti-forgery checks, users and tokens, over the real app (memory store,
// argon2id hashes). Each of these was wide open before the gate: anyone on the network read every
// profile, a text/plain POST from any site created segments, the author was free text.
import type { Hono } from 'hono';
import { beforeEach, describe, expect, test } from 'vitest';
import { apiError, savedSegment, sessionResponse } from '../../src/api/contract.ts';
import { createApi } from '../app.ts';
import { FIXTURE_AS_OF, fixtureDataset } from '../fixture.ts';
import { MemoryStore } from '../stores/memory.ts';
import { createUser, newToken } from '../routes/auth.ts';
import { accountsAccess, DEFAULT_SESSION_LIMITS } from './access.ts';
import { Accounts } from './accounts.ts';
import { argon2Passwords } from './argon2.ts';
import { SignInLimiter } from './sign-in-limiter.ts';

const ORIGIN = 'http://tact.test';
const lyon = {
  version: 1,
  root: {
    id: 'root',
    kind: 'group',
    combinator: 'and',
    children: [
      {
        id: 'c1',
        kind: 'attribute',
        field: 'customer.city',
        test: { operator: 'equals', value: 'Lyon' },
      },
    ],
  },
};

let clock = Date.parse('2026-12-01T09:00:00Z');
let accounts: Accounts;
let api: Hono;

beforeEach(async () => {
  clock = Date.parse('2026-12-01T09:00:00Z');
  accounts = await Accounts.open(null);
  for (const [login, name, role] of [
    ['ada', 'Ada Lovelace', 'admin'],
    ['eve', 'Ève Martin', 'editor'],
    ['vic', 'Victor Hugo', 'viewer'],
  ] as const)
    await createUser(
      accounts,
      argon2Passwords,
      { login, name, role, password: `${login} long password` },
      clock,
    );
  api = createApi(new MemoryStore(fixtureDataset(), FIXTURE_AS_OF), {
    access: accountsAccess(accounts, argon2Passwords, { now: () => clock }),
    logErrors: false,
  });
});

/** A browser on this site: it keeps the cookies and sends the anti-forgery header back. */
class Browser {
  readonly jar = new Map<string, string>();
  lastSetCookies: string[] = [];
  constructor(private readonly app: () => Hono) {}

  async send(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: unknown; headers: Headers }> {
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = this.jar.get('tact_csrf');
    const res = await this.app().request(`${ORIGIN}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(cookie === '' ? {} : { cookie }),
        ...(csrf === undefined || method === 'GET' ? {} : { 'x-csrf-token': csrf }),
        origin: ORIGIN,
        'sec-fetch-site': 'same-origin',
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    this.lastSetCookies = res.headers.getSetCookie();
    for (const line of this.lastSetCookies) {
      const [pair = ''] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      if (value === '' || /max-age=0/i.test(line)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    const text = await res.text();
    return {
      status: res.status,
      body: text === '' ? null : JSON.parse(text),
      headers: res.headers,
    };
  }

  signIn(login: string, password = `${login} long password`) {
    return this.send('POST', '/api/auth/sign-in', { login, password });
  }
}

const reasonOf = (body: unknown) => apiError.parse(body).error.reason;

describe('sign-in', () => {
  test('sets an HttpOnly, SameSite=Lax session cookie and a readable anti-forgery cookie', async () => {
    const browser = new Browser(() => api);
    const reply = await browser.signIn('eve');
    expect(reply.status).toBe(200);
    expect(sessionResponse.parse(reply.body).user).toMatchObject({ login: 'eve', role: 'editor' });
    const session = browser.lastSetCookies.find((line) => line.startsWith('tact_session='));
    const csrf = browser.lastSetCookies.find((line) => line.startsWith('tact_csrf='));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).toMatch(/Path=\//);
    expect(session).not.toMatch(/Secure/);
    expect(csrf).not.toMatch(/HttpOnly/);
    const me = await browser.send('GET', '/api/auth/session');
    expect(sessionResponse.parse(me.body)).toEqual({
      user: { user_id: expect.any(String), login: 'eve', name: 'Ève Martin', role: 'editor' },
      demo: false,
    });
  });

  test('behind HTTPS the cookies are Secure', async () => {
    const browser = new Browser(() => api);
    await browser.send(
      'POST',
      '/api/auth/sign-in',
      { login: 'eve', password: 'eve long password' },
      { 'x-forwarded-proto': 'https' },
    );
    expect(browser.lastSetCookies.every((line) => /Secure/.test(line))).toBe(true);
  });

  test('a wrong password and an unknown login get the same answer; logins ignore case', async () => {
    const browser = new Browser(() => api);
    const wrong = await browser.signIn('eve', 'not the password');
    const unknown = await browser.signIn('nobody', 'not the password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(reasonOf(wrong.body)).toBe('invalid_credentials');
    expect(browser.jar.size).toBe(0);
    expect((await browser.signIn('EVE', 'eve long password')).status).toBe(200);
  });

  test('a disabled user cannot sign in', async () => {
    const eve = accounts.userByLogin('eve');
    if (eve === null) throw new Error('no eve');
    await accounts.putUser({ ...eve, disabled: true });
    expect((await new Browser(() => api).signIn('eve')).status).toBe(401);
  });

  test('five failures for a login make it wait, with Retry-After; the window then reopens', async () => {
    const browser = new Browser(() => api);
    for (let i = 0; i < 4; i += 1)
      expect((await browser.signIn('eve', `wrong ${i}`)).status).toBe(401);
    const fifth = await browser.signIn('eve', 'wrong 5');
    expect(fifth.status).toBe(429);
    expect(reasonOf(fifth.body)).toBe('too_many_sign_ins');
    expect(Number(fifth.headers.get('retry-after'))).toBe(15 * 60);
    // Even the right password waits, and nothing is said about it being right.
    const right = await browser.signIn('eve');
    expect(right.status).toBe(429);
    expect(browser.jar.has('tact_session')).toBe(false);
    // Another login is not held up by eve's failures.
    expect((await new Browser(() => api).signIn('vic')).status).toBe(200);
    clock += 15 * 60_000 + 1;
    expect((await browser.signIn('eve')).status).toBe(200);
  });

  test('a sign-in replaces the session the browser had (no fixation)', async () => {
    const browser = new Browser(() => api);
    await browser.signIn('eve');
    const first = browser.jar.get('tact_session');
    await browser.signIn('vic');
    expect(browser.jar.get('tact_session')).not.toBe(first);
    const old = new Browser(() => api);
    old.jar.set('tact_session', first ?? '');
    expect((await old.send('GET', '/api/catalogue')).status).toBe(401);
  });
});

describe('sessions', () => {
  test('nothing but health and sign-in answers without a session', async () => {
    const browser = new Browser(() => api);
    expect((await browser.send('GET', '/api/health')).status).toBe(200);
    const me = await browser.send('GET', '/api/auth/session');
    expect(sessionResponse.parse(me.body).user).toBeNull();
    for (const path of ['/api/customers/C0000001', '/api/segments', '/api/catalogue']) {
      const reply = await browser.send('GET', path);
      expect(reply.status, path).toBe(401);
      expect(reasonOf(reply.body)).toBe('sign_in_required');
    }
    const csv = await browser.send('GET', '/api/segments/seg_a/members.csv');
    expect(csv.status).toBe(401);
  });

  test('sign-out ends the session on the server, not only in the browser', async () => {
    const browser = new Browser(() => api);
    await browser.signIn('eve');
    const stolen = browser.jar.get('tact_session') ?? '';
    expect((await browser.send('POST', '/api/auth/sign-out')).status).toBe(204);
    expect(browser.jar.has('tact_session')).toBe(false);
    const replay = new Browser(() => api);
    replay.jar.set('tact_session', stolen);
    const reply = await replay.send('GET', '/api/catalogue');
    expect(reply.status).toBe(401);
    expect(reasonOf(reply.body)).toBe('session_expired');
  });

  test('a session idle past its limit ends; one in use lasts until its absolute limit', async () => {
    const idle = new Browser(() => api);
    await idle.signIn('eve');
    const busy = new Browser(() => api);
    await busy.signIn('vic');
    const start = clock;
    // Busy every hour for most of a week; idle says nothing for 8 hours.
    while (clock - start < DEFAULT_SESSION_LIMITS.absoluteMs - 3_600_000) {
      clock += 3_600_000;
      expect((await busy.send('GET', '/api/catalogue')).status).toBe(200);
    }
    expect(reasonOf((await idle.send('GET', '/api/catalogue')).body)).toBe('session_expired');
    clock = start + DEFAULT_SESSION_LIMITS.absoluteMs;
    expect((await busy.send('GET', '/api/catalogue')).status).toBe(401);
  });

  test('an idle session lasts up to just under its limit', async () => {
    const browser = new Browser(() => api);
    await browser.signIn('eve');
    clock += DEFAULT_SESSION_LIMITS.idleMs - 1_000;
    expect((await browser.send('GET', '/api/catalogue')).status).toBe(200);
    clock += DEFAULT_SESSION_LIMITS.idleMs - 1_000;
    expect((await browser.send('GET', '/api/catalogue')).status).toBe(200);
  });

  test('the author of a save is the signed-in user, and a body cannot name another', async () => {
    const browser = new Browser(() => api);
    await browser.signIn('eve');
    const created = await browser.send('POST', '/api/segments', { name: 'Lyon', definition: lyon });
    expect(created.status).toBe(201);
    expect(savedSegment.parse(created.body).author).toBe('Ève Martin');
    const forged = await browser.send('POST', '/api/segments', {
      name: 'Lyon 2',
      definition: lyon,
      author: 'Ada Lovelace',
    });
    expect(forged.status).toBe(400);
    expect(apiError.parse(forged.body).error.issues?.[0]).toMatchObject({
      code: 'unrecognized_keys',
      params: { keys: ['author'] },
    });
  });
});

describe('cross-site requests', () => {
  test('a change without the session’s anti-forgery token is refused, and nothing is saved', async () => {
    const browser = new Browser(() => api);
    await browser.signIn('eve');
    const reply = await browser.send(
      'POST',
      '/api/segments',
      { name: 'Forged', definition: lyon },
      { 'x-csrf-token': 'guessed' },
    );
    expect(reply.status).toBe(403);
    expect(apiError.parse(reply.body).error.params).toEqual({ cause: 'token' });
    const list = await browser.send('GET', '/api/segments');
    expect(JSON.stringify(list.body)).not.toContain('Forged');
  });

  test('a change from another origin or site is refused even with the token', async () => {
    const browser = new Browser(() => api);
    await browser.signIn('eve');
    const fromOrigin = await browser.send(
      'POST',
      '/api/segments',
      { name: 'Forged', definition: lyon },
      { origin: 'https://evil.example' },
    );
    expect(fromOrigin.status).toBe(403);
    expect(apiError.parse(fromOrigin.body).error.params).toEqual({ cause: 'origin' });
    const fromSite = await browser.send('DELETE', '/api/segments/seg_a', undefined, {
      'sec-fetch-site': 'cross-site',
      origin: ORIGIN,
    });
    expect(fromSite.status).toBe(403);
    expect(apiError.parse(fromSite.body).error.params).toEqual({ cause: 'fetch_site' });
  });

  test('the classic forgery — a text/plain form post with the victim’s cookie — is refused', async () => {
    const browser = new Browser(() => api);
    await browser.signIn('eve');
    const reply = await browser.send('POST', '/api/segments', undefined, {
      'content-type': 'text/plain',
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
      'x-csrf-token': '',
    });
    expect([403, 415]).toContain(reply.status);
  });

  test('a sign-in posted from another site is refused (no login forgery)', async () => {
    const reply = await new Browser(() => api).send(
      'POST',
      '/api/auth/sign-in',
      { login: 'eve', password: 'eve long password' },
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    );
    expect(reply.status).toBe(403);
  });

  test('a bearer token needs no anti-forgery token (no browser sends one by itself)', async () => {
    const { token, record } = await newToken('script', 'editor', 'ada', clock);
    await accounts.putToken(record);
    const res = await api.request(`${ORIGIN}/api/segments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'By script', definition: lyon }),
    });
    expect(res.status).toBe(201);
    expect(savedSegment.parse(await res.json()).author).toBe('script');
  });
});

describe('users and tokens (admin)', () => {
  test('an admin creates a user who signs in; the list never shows a hash', async () => {
    const admin = new Browser(() => api);
    await admin.signIn('ada');
    const created = await admin.send('POST', '/api/users', {
      login: 'Zoe.Roy',
      name: 'Zoé Roy',
      role: 'editor',
      password: 'zoe long password',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ login: 'zoe.roy', role: 'editor', disabled: false });
    const list = await admin.send('GET', '/api/users');
    expect(JSON.stringify(list.body)).not.toContain('argon2');
    expect((await new Browser(() => api).signIn('zoe.roy', 'zoe long password')).status).toBe(200);
    const short = await admin.send('POST', '/api/users', {
      login: 'x1',
      name: 'X',
      role: 'viewer',
      password: 'short',
    });
    expect(short.status).toBe(400);
  });

  test('disabling a user or changing their role ends their sessions at once', async () => {
    const admin = new Browser(() => api);
    await admin.signIn('ada');
    const eve = new Browser(() => api);
    await eve.signIn('eve');
    const id = accounts.userByLogin('eve')?.user_id ?? '';
    expect((await admin.send('PATCH', `/api/users/${id}`, { role: 'viewer' })).status).toBe(200);
    expect((await eve.send('GET', '/api/catalogue')).status).toBe(401);
    await eve.signIn('eve');
    const asViewer = await eve.send('POST', '/api/segments', { name: 'L', definition: lyon });
    expect(asViewer.status).toBe(403);
    expect(apiError.parse(asViewer.body).error.params).toEqual({
      role: 'editor',
      current: 'viewer',
    });
    await admin.send('PATCH', `/api/users/${id}`, { disabled: true });
    expect((await eve.send('GET', '/api/catalogue')).status).toBe(401);
  });

  test('the last active admin cannot be demoted or disabled', async () => {
    const admin = new Browser(() => api);
    await admin.signIn('ada');
    const id = accounts.userByLogin('ada')?.user_id ?? '';
    for (const change of [{ role: 'editor' }, { disabled: true }]) {
      const reply = await admin.send('PATCH', `/api/users/${id}`, change);
      expect(reply.status).toBe(409);
      expect(reasonOf(reply.body)).toBe('last_admin');
    }
    expect(accounts.user(id)?.role).toBe('admin');
  });

  test('changing one’s password needs the current one and keeps one signed in', async () => {
    const eve = new Browser(() => api);
    await eve.signIn('eve');
    const other = new Browser(() => api);
    await other.signIn('eve');
    const wrong = await eve.send('PUT', '/api/auth/password', {
      current: 'not it',
      next: 'a brand new passphrase',
    });
    expect(wrong.status).toBe(403);
    const right = await eve.send('PUT', '/api/auth/password', {
      current: 'eve long password',
      next: 'a brand new passphrase',
    });
    expect(right.status).toBe(204);
    expect((await eve.send('GET', '/api/catalogue')).status).toBe(200);
    // The other browser's session ended with the old password.
    expect((await other.send('GET', '/api/catalogue')).status).toBe(401);
    expect((await new Browser(() => api).signIn('eve', 'a brand new passphrase')).status).toBe(200);
  });

  test('a token is shown once, stored hashed, scoped to its role and revocable', async () => {
    const admin = new Browser(() => api);
    await admin.signIn('ada');
    const created = await admin.send('POST', '/api/tokens', { name: 'Braze pull', role: 'viewer' });
    expect(created.status).toBe(201);
    const { token, token_id } = created.body as { token: string; token_id: string };
    expect(token).toMatch(/^tact_[A-Za-z0-9_-]{43}$/);
    const list = await admin.send('GET', '/api/tokens');
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect(JSON.stringify(list.body)).not.toContain('hash');
    const bearer = { authorization: `Bearer ${token}` };
    const read = await api.request(`${ORIGIN}/api/catalogue`, { headers: bearer });
    expect(read.status).toBe(200);
    const write = await api.request(`${ORIGIN}/api/segments`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'L', definition: lyon }),
    });
    expect(write.status).toBe(403);
    expect((await admin.send('DELETE', `/api/tokens/${token_id}`)).status).toBe(204);
    const revoked = await api.request(`${ORIGIN}/api/catalogue`, { headers: bearer });
    expect(revoked.status).toBe(401);
    expect(reasonOf(await revoked.json())).toBe('invalid_token');
  });

  test('accounts routes are an admin’s: an editor gets 403 with the role it needs', async () => {
    const eve = new Browser(() => api);
    await eve.signIn('eve');
    for (const [method, path] of [
      ['GET', '/api/users'],
      ['GET', '/api/tokens'],
    ] as const) {
      const reply = await eve.send(method, path);
      expect(reply.status).toBe(403);
      expect(apiError.parse(reply.body).error.params).toEqual({ role: 'admin', current: 'editor' });
    }
  });
});

test('the limiter counts per address too: twenty failures from one address across logins', () => {
  const limiter = new SignInLimiter();
  const now = 1_000_000;
  for (let i = 0; i < 19; i += 1) expect(limiter.failed(`user${i}`, '10.0.0.1', now)).toBe(0);
  expect(limiter.failed('user19', '10.0.0.1', now)).toBe(15 * 60_000);
  expect(limiter.wait('someone', '10.0.0.1', now + 60_000)).toBe(14 * 60_000);
  expect(limiter.wait('someone', '10.0.0.2', now)).toBe(0);
});
