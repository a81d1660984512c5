// Sign-in, sign-out, the caller's session and password; users and API tokens for admins
// (decision 035). What each route needs is declared in server/auth/permissions.ts.
import { Hono, type Context } from 'hono';
import {
  changePasswordRequest,
  createTokenRequest,
  createUserRequest,
  signInRequest,
  updateUserRequest,
  type SessionResponse,
  type TokenSummary,
  type UserSummary,
} from '../../src/api/contract.ts';
import {
  callerOf,
  clearSessionCookies,
  principalOf,
  startSession,
  type Access,
} from '../auth/access.ts';
import {
  randomToken,
  sha256,
  type Accounts,
  type TokenRecord,
  type UserRecord,
} from '../auth/accounts.ts';
import { SignInLimiter } from '../auth/sign-in-limiter.ts';
import { httpError, parseOr400 } from '../http.ts';
import { limitBody, readJson } from './versioned-http.ts';

const limitAuthBody = limitBody(8 * 1024, 'A sign-in or account request');

type AccountsAccess = Extract<Access, { kind: 'accounts' }>;

export const userSummaryOf = (user: UserRecord): UserSummary => ({
  user_id: user.user_id,
  login: user.login,
  name: user.name,
  role: user.role,
  disabled: user.disabled,
  created_at: user.created_at,
  updated_at: user.updated_at,
});

export const tokenSummaryOf = (token: TokenRecord): TokenSummary => ({
  token_id: token.token_id,
  name: token.name,
  role: token.role,
  created_by: token.created_by,
  created_at: token.created_at,
  last_used_at: token.last_used_at,
  revoked_at: token.revoked_at,
});

/**
 * A hash verified when the login is unknown, so that an unknown login takes as long as a wrong
 * password (the answer must not tell which logins exist).
 */
let decoy: Promise<string> | null = null;

export function authRoutes(access: Access, options: { limiter?: SignInLimiter } = {}): Hono {
  const app = new Hono();
  const limiter = options.limiter ?? new SignInLimiter();

  app.get('/auth/session', (c) => {
    const principal = principalOf(c);
    const body: SessionResponse = {
      user:
        principal === null
          ? null
          : {
              user_id: principal.id,
              login: principal.login,
              name: principal.name,
              role: principal.role,
            },
      demo: access.kind === 'fixed' && access.demo,
    };
    return c.json(body);
  });

  app.post('/auth/sign-in', limitAuthBody, async (c) => {
    const request = parseOr400(signInRequest, await readJson(c.req.raw), 'body');
    const accounts = requireAccounts(access);
    const address = clientAddress(c);
    const wait = limiter.wait(request.login, address, accounts.now());
    if (wait > 0) tooMany(c, wait);
    const user = accounts.accounts.userByLogin(request.login);
    decoy ??= accounts.passwords.hash(randomToken());
    const valid =
      user === null
        ? await accounts.passwords.verify(await decoy, request.password).then(() => false)
        : await accounts.passwords.verify(user.password_hash, request.password);
    if (user === null || !valid || user.disabled) {
      const next = limiter.failed(request.login, address, accounts.now());
      if (next > 0) tooMany(c, next);
      throw httpError('invalid_credentials', 'Wrong login or password.', {});
    }
    limiter.succeeded(request.login, address);
    // A session cookie already sent is replaced (no fixation): the old session ends.
    const previous = principalOf(c)?.session;
    if (previous !== undefined) await accounts.accounts.removeSessions([previous.hash]);
    await startSession(accounts, c, user.user_id);
    const body: SessionResponse = {
      user: { user_id: user.user_id, login: user.login, name: user.name, role: user.role },
      demo: false,
    };
    return c.json(body);
  });

  app.post('/auth/sign-out', async (c) => {
    const session = principalOf(c)?.session;
    if (access.kind === 'accounts' && session !== undefined)
      await access.accounts.removeSessions([session.hash]);
    clearSessionCookies(c);
    return c.body(null, 204);
  });

  app.put('/auth/password', limitAuthBody, async (c) => {
    const request = parseOr400(changePasswordRequest, await readJson(c.req.raw), 'body');
    const accounts = requireAccounts(access);
    const caller = callerOf(c);
    const user = accounts.accounts.user(caller.id);
    if (caller.kind !== 'session' || user === null)
      throw httpError('role_required', 'Only a signed-in user has a password.', {
        role: 'signed_in',
        current: caller.role,
      });
    if (!(await accounts.passwords.verify(user.password_hash, request.current)))
      throw httpError('wrong_password', 'The current password is wrong; nothing changed.', {});
    await accounts.accounts.putUser(
      {
        ...user,
        password_hash: await accounts.passwords.hash(request.next),
        updated_at: new Date(accounts.now()).toISOString(),
      },
      true,
    );
    // Every session of the user ended with the change: this one starts afresh.
    await startSession(accounts, c, user.user_id);
    return c.body(null, 204);
  });

  app.get('/users', (c) => {
    const { accounts } = requireAccounts(access);
    return c.json({ users: accounts.listUsers().map(userSummaryOf) });
  });

  app.post('/users', limitAuthBody, async (c) => {
    const request = parseOr400(createUserRequest, await readJson(c.req.raw), 'body');
    const accounts = requireAccounts(access);
    const user = await createUser(accounts.accounts, accounts.passwords, request, accounts.now());
    return c.json(userSummaryOf(user), 201);
  });

  app.patch('/users/:id', limitAuthBody, async (c) => {
    const request = parseOr400(updateUserRequest, await readJson(c.req.raw), 'body');
    const accounts = requireAccounts(access);
    const id = c.req.param('id');
    const user = accounts.accounts.user(id);
    if (user === null) throw httpError('user_not_found', `No user '${id}'.`, { user_id: id });
    const role = request.role ?? user.role;
    const disabled = request.disabled ?? user.disabled;
    if (
      user.role === 'admin' &&
      !user.disabled &&
      (role !== 'admin' || disabled) &&
      accounts.accounts.otherActiveAdmins(id) === 0
    )
      throw httpError('last_admin', `${user.login} is the only active admin; nothing changed.`, {
        user_id: id,
      });
    const next: UserRecord = {
      ...user,
      name: request.name ?? user.name,
      role,
      disabled,
      password_hash:
        request.password === undefined
          ? user.password_hash
          : await accounts.passwords.hash(request.password),
      updated_at: new Date(accounts.now()).toISOString(),
    };
    // A new password, role or a disabling ends the user's sessions: the next request signs in anew.
    const endSessions = request.password !== undefined || disabled || role !== user.role;
    await accounts.accounts.putUser(next, endSessions);
    return c.json(userSummaryOf(next));
  });

  app.get('/tokens', (c) => {
    const { accounts } = requireAccounts(access);
    return c.json({ tokens: accounts.listTokens().map(tokenSummaryOf) });
  });

  app.post('/tokens', limitAuthBody, async (c) => {
    const request = parseOr400(createTokenRequest, await readJson(c.req.raw), 'body');
    const accounts = requireAccounts(access);
    const { token, record } = await newToken(
      request.name,
      request.role,
      callerOf(c).login,
      accounts.now(),
    );
    await accounts.accounts.putToken(record);
    return c.json({ ...tokenSummaryOf(record), token }, 201);
  });

  app.delete('/tokens/:id', async (c) => {
    const accounts = requireAccounts(access);
    const id = c.req.param('id');
    const token = accounts.accounts.token(id);
    if (token === null) throw httpError('token_not_found', `No token '${id}'.`, { token_id: id });
    if (token.revoked_at === null)
      await accounts.accounts.putToken({
        ...token,
        revoked_at: new Date(accounts.now()).toISOString(),
      });
    return c.body(null, 204);
  });

  return app;
}

function requireAccounts(access: Access): AccountsAccess {
  if (access.kind === 'accounts') return access;
  // The demo has one fixed identity: nothing to sign in to or manage.
  throw httpError('role_required', 'The demo has no accounts: everyone is its editor.', {
    role: 'accounts',
    current: access.principal.role,
  });
}

function tooMany(c: Context, waitMs: number): never {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  c.header('Retry-After', String(seconds));
  throw httpError('too_many_sign_ins', `Too many failed sign-ins: try again in ${seconds} s.`, {
    seconds,
  });
}

/** The peer's address where the server knows it (Node sets it on the request's env). */
function clientAddress(c: Context): string {
  const env: unknown = c.env;
  if (typeof env === 'object' && env !== null && 'incoming' in env) {
    const incoming = env.incoming;
    if (typeof incoming === 'object' && incoming !== null && 'socket' in incoming) {
      const socket = incoming.socket;
      if (typeof socket === 'object' && socket !== null && 'remoteAddress' in socket)
        return String(socket.remoteAddress);
    }
  }
  return 'unknown';
}

export async function createUser(
  accounts: Accounts,
  passwords: { hash(password: string): Promise<string> },
  request: { login: string; name: string; role: UserRecord['role']; password: string },
  now: number,
): Promise<UserRecord> {
  if (accounts.userByLogin(request.login) !== null)
    throw httpError('login_taken', `A user '${request.login}' exists already.`, {
      login: request.login,
    });
  const at = new Date(now).toISOString();
  const user: UserRecord = {
    user_id: `usr_${randomToken(9)}`,
    login: request.login,
    name: request.name,
    role: request.role,
    password_hash: await passwords.hash(request.password),
    disabled: false,
    created_at: at,
    updated_at: at,
  };
  await accounts.putUser(user);
  return user;
}

/** A new token (`tact_` and 32 random bytes) and its record, which keeps only its hash. */
export async function newToken(
  name: string,
  role: TokenRecord['role'],
  createdBy: string,
  now: number,
  value?: string,
): Promise<{ token: string; record: TokenRecord }> {
  const token = value ?? `tact_${randomToken()}`;
  return {
    token,
    record: {
      token_id: `tok_${randomToken(9)}`,
      hash: await sha256(token),
      name,
      role,
      created_by: createdBy,
      created_at: new Date(now).toISOString(),
      last_used_at: null,
      revoked_at: null,
    },
  };
}
