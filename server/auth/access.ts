// Who sends a request and whether they may (decision 035). Every /api request passes this gate
// after the body gate: it identifies the caller (an API token, a session cookie, or the fixed
// identity of the browser's demo and of tests), checks the route's need in permissions.ts, and
// refuses a state change that comes from another site or without the session's anti-forgery token.
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Role } from '../../src/api/contract.ts';
import { httpError } from '../http.ts';
import { randomToken, sha256, type Accounts, type SessionRecord } from './accounts.ts';
import { allows, needOf, type Need } from './permissions.ts';

export const SESSION_COOKIE = 'tact_session';
/** Readable by the page, which sends it back in CSRF_HEADER (a cross-site page cannot read it). */
export const CSRF_COOKIE = 'tact_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export interface Principal {
  kind: 'session' | 'token' | 'fixed';
  /** The user's id, the token's id, or the fixed identity's. */
  id: string;
  login: string;
  /** Who the documents they save name as author. */
  name: string;
  role: Role;
  /** The session's record (kind 'session'). */
  session?: SessionRecord;
}

/** Verifies and makes password hashes (argon2id in Node: server/auth/argon2.ts). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

export interface SessionLimits {
  /** A session unused this long ends (default 8 hours). */
  idleMs: number;
  /** A session ends this long after sign-in, used or not (default 7 days). */
  absoluteMs: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  idleMs: 8 * 3_600_000,
  absoluteMs: 7 * 24 * 3_600_000,
};

/** last_seen_at is written at most this often per session. */
const TOUCH_EVERY_MS = 60_000;

export type Access =
  | {
      kind: 'accounts';
      accounts: Accounts;
      passwords: PasswordHasher;
      limits: SessionLimits;
      /** Secure cookies: always, never, or when the request came over HTTPS ('auto'). */
      secureCookies: boolean | 'auto';
      now: () => number;
    }
  /** Everyone is this one identity: the browser's demo (an editor) and tests. */
  | { kind: 'fixed'; principal: Principal; demo: boolean };

export function accountsAccess(
  accounts: Accounts,
  passwords: PasswordHasher,
  options: { limits?: SessionLimits; secureCookies?: boolean | 'auto'; now?: () => number } = {},
): Access {
  return {
    kind: 'accounts',
    accounts,
    passwords,
    limits: options.limits ?? DEFAULT_SESSION_LIMITS,
    secureCookies: options.secureCookies ?? 'auto',
    now: options.now ?? Date.now,
  };
}

export function fixedAccess(
  role: Role,
  name: string,
  options: { demo?: boolean; login?: string } = {},
): Access {
  const login = options.login ?? name.toLowerCase().replace(/[^a-z0-9]+/g, '.');
  return {
    kind: 'fixed',
    demo: options.demo ?? false,
    principal: { kind: 'fixed', id: `fixed:${login}`, login, name, role },
  };
}

// The caller rides on the request's context (a route's body limit may replace the request itself).
declare module 'hono' {
  interface ContextVariableMap {
    principal: Principal | null;
  }
}

/** Who sent the request (the gate ran before every route but the public ones). */
export function principalOf(c: Context): Principal | null {
  return c.get('principal') ?? null;
}

/** The signed-in caller; a route that needs one was refused before it ran without one. */
export function callerOf(c: Context): Principal {
  const principal = principalOf(c);
  if (principal === null) throw httpError('sign_in_required', 'Sign in first.', {});
  return principal;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function accessGate(access: Access): MiddlewareHandler {
  return async (c, next) => {
    const line = needOf(c.req.method, c.req.path);
    const need = line?.need ?? 'signed_in';
    const principal = await identify(access, c, need);
    c.set('principal', principal);
    if (UNSAFE.has(c.req.method) && principal?.kind !== 'token' && access.kind === 'accounts')
      refuseCrossSite(c, principal);
    if (need === 'public') return next();
    if (principal === null) throw httpError('sign_in_required', 'Sign in to use the API.', {});
    if (!allows(principal.role, need))
      throw httpError(
        'role_required',
        `This needs the ${need} role; you are ${principal.role === 'admin' ? 'an' : 'a'} ${principal.role}.`,
        { role: need, current: principal.role },
      );
    return next();
  };
}

/**
 * A browser says where a request comes from: Origin on every cross-origin request and every POST,
 * Sec-Fetch-Site on every request of a modern browser. A session's writes must come from this
 * site and carry the anti-forgery token of the session (the sign-in, which has no session yet,
 * only the first two).
 */
function refuseCrossSite(c: Context, principal: Principal | null) {
  const origin = c.req.header('origin');
  if (origin !== undefined && origin !== new URL(c.req.url).origin)
    throw httpError('cross_site_refused', `A request from ${origin} may not change anything.`, {
      cause: 'origin',
    });
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none')
    throw httpError('cross_site_refused', `A ${site} request may not change anything.`, {
      cause: 'fetch_site',
    });
  if (principal?.kind === 'session' && c.req.header(CSRF_HEADER) !== principal.session?.csrf)
    throw httpError(
      'cross_site_refused',
      `A change needs the session's anti-forgery token in ${CSRF_HEADER}.`,
      { cause: 'token' },
    );
}

async function identify(access: Access, c: Context, need: Need): Promise<Principal | null> {
  if (access.kind === 'fixed') return access.principal;
  const { accounts } = access;
  const authorization = c.req.header('authorization');
  if (authorization !== undefined) {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    const token = bearer === undefined ? null : accounts.tokenByHash(await sha256(bearer));
    if (token === null || token.revoked_at !== null)
      throw httpError('invalid_token', 'The bearer token is unknown or revoked.', {});
    const now = new Date(access.now()).toISOString();
    if (
      token.last_used_at === null ||
      Date.parse(token.last_used_at) + TOUCH_EVERY_MS < access.now()
    )
      void accounts.putToken({ ...token, last_used_at: now }).catch(() => undefined);
    return {
      kind: 'token',
      id: token.token_id,
      login: `token:${token.name}`,
      name: token.name,
      role: token.role,
    };
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  if (cookie === undefined) return null;
  const hash = await sha256(cookie);
  const session = accounts.session(hash);
  const user = session === null ? null : accounts.user(session.user_id);
  const now = access.now();
  if (
    session === null ||
    user === null ||
    user.disabled ||
    Date.parse(session.last_seen_at) + access.limits.idleMs <= now ||
    Date.parse(session.created_at) + access.limits.absoluteMs <= now
  ) {
    if (session !== null) await accounts.removeSessions([session.hash]);
    clearSessionCookies(c);
    // A sign-in with a stale cookie still proceeds; anything else says why it is refused.
    if (need === 'public') return null;
    throw httpError('session_expired', 'Your session has ended: sign in again.', {});
  }
  if (Date.parse(session.last_seen_at) + TOUCH_EVERY_MS <= now)
    await accounts.putSession({ ...session, last_seen_at: new Date(now).toISOString() });
  return {
    kind: 'session',
    id: user.user_id,
    login: user.login,
    name: user.name,
    role: user.role,
    session,
  };
}

function secure(access: Extract<Access, { kind: 'accounts' }>, c: Context): boolean {
  if (access.secureCookies !== 'auto') return access.secureCookies;
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}

/** Starts a session for `userId`: its cookie (HttpOnly) and its anti-forgery token's (readable). */
export async function startSession(
  access: Extract<Access, { kind: 'accounts' }>,
  c: Context,
  userId: string,
): Promise<void> {
  const id = randomToken();
  const csrf = randomToken();
  const at = new Date(access.now()).toISOString();
  await access.accounts.putSession({
    hash: await sha256(id),
    user_id: userId,
    csrf,
    created_at: at,
    last_seen_at: at,
  });
  const maxAge = Math.floor(access.limits.absoluteMs / 1000);
  const common = { path: '/', sameSite: 'Lax', secure: secure(access, c), maxAge } as const;
  setCookie(c, SESSION_COOKIE, id, { ...common, httpOnly: true });
  setCookie(c, CSRF_COOKIE, csrf, { ...common, httpOnly: false });
}

export function clearSessionCookies(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
  deleteCookie(c, CSRF_COOKIE, { path: '/' });
}

/** The browser's demo: everyone is its editor, and the header says so. */
export const DEMO_ACCESS: Access = fixedAccess('editor', 'Demo editor', {
  demo: true,
  login: 'demo',
});
