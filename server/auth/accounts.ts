// Users, their sessions and the API tokens (decision 035). Few rows, read on every request: held in
// memory and written through to a persistence (DuckDB's tables on the server, nothing in tests),
// one write at a time, the persistence first, so that a failed write changes nothing. Session ids
// and tokens are random and kept only as their SHA-256: a copy of the file signs nobody in.
import type { Role } from '../../src/api/contract.ts';

export interface UserRecord {
  user_id: string;
  login: string;
  name: string;
  role: Role;
  /** An argon2id PHC string. */
  password_hash: string;
  disabled: boolean;
  created_at: string;
  updated_at: string;
}

export interface SessionRecord {
  /** SHA-256 of the cookie's value, hex. */
  hash: string;
  user_id: string;
  /** The anti-forgery token this session's writes carry. */
  csrf: string;
  created_at: string;
  last_seen_at: string;
}

export interface TokenRecord {
  token_id: string;
  /** SHA-256 of the token, hex. */
  hash: string;
  name: string;
  role: Role;
  /** The login of the admin who created it. */
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AccountRows {
  users: UserRecord[];
  sessions: SessionRecord[];
  tokens: TokenRecord[];
}

export type AccountChange =
  | { table: 'users'; put: UserRecord }
  | { table: 'sessions'; put: SessionRecord }
  | { table: 'sessions'; remove: string[] }
  | { table: 'tokens'; put: TokenRecord };

/** Where accounts outlive the process. */
export interface AccountPersistence {
  load(): Promise<AccountRows>;
  /** Writes every change or none. */
  write(changes: readonly AccountChange[]): Promise<void>;
}

/** Random bytes as base64url (no padding). */
export function randomToken(bytes = 32): string {
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  let text = '';
  for (const byte of buffer) text += String.fromCharCode(byte);
  return btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export class Accounts {
  private readonly users = new Map<string, UserRecord>();
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly tokens = new Map<string, TokenRecord>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly persistence: AccountPersistence | null) {}

  /** Accounts read from `persistence`, or held in memory only (null). */
  static async open(persistence: AccountPersistence | null): Promise<Accounts> {
    const accounts = new Accounts(persistence);
    if (persistence !== null) {
      const rows = await persistence.load();
      for (const user of rows.users) accounts.users.set(user.user_id, user);
      for (const session of rows.sessions) accounts.sessions.set(session.hash, session);
      for (const token of rows.tokens) accounts.tokens.set(token.token_id, token);
    }
    return accounts;
  }

  /** Applies `changes` after the persistence took them, one batch at a time. */
  private apply(changes: readonly AccountChange[]): Promise<void> {
    const run = this.queue.then(async () => {
      if (this.persistence !== null) await this.persistence.write(changes);
      for (const change of changes) {
        if (change.table === 'users') this.users.set(change.put.user_id, change.put);
        else if (change.table === 'tokens') this.tokens.set(change.put.token_id, change.put);
        else if ('put' in change) this.sessions.set(change.put.hash, change.put);
        else for (const hash of change.remove) this.sessions.delete(hash);
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  userCount(): number {
    return this.users.size;
  }

  /** Every user, by login. */
  listUsers(): UserRecord[] {
    return [...this.users.values()].sort((a, b) => (a.login < b.login ? -1 : 1));
  }

  user(userId: string): UserRecord | null {
    return this.users.get(userId) ?? null;
  }

  userByLogin(login: string): UserRecord | null {
    for (const user of this.users.values()) if (user.login === login) return user;
    return null;
  }

  /** Active admins other than `userId`. */
  otherActiveAdmins(userId: string): number {
    let count = 0;
    for (const user of this.users.values())
      if (user.user_id !== userId && user.role === 'admin' && !user.disabled) count += 1;
    return count;
  }

  async putUser(user: UserRecord, endSessions = false): Promise<void> {
    const ended = endSessions ? this.sessionHashesOf(user.user_id) : [];
    await this.apply([
      { table: 'users', put: user },
      ...(ended.length > 0 ? [{ table: 'sessions' as const, remove: ended }] : []),
    ]);
  }

  private sessionHashesOf(userId: string): string[] {
    return [...this.sessions.values()].filter((s) => s.user_id === userId).map((s) => s.hash);
  }

  session(hash: string): SessionRecord | null {
    return this.sessions.get(hash) ?? null;
  }

  async putSession(session: SessionRecord): Promise<void> {
    await this.apply([{ table: 'sessions', put: session }]);
  }

  async removeSessions(hashes: readonly string[]): Promise<void> {
    if (hashes.length > 0) await this.apply([{ table: 'sessions', remove: [...hashes] }]);
  }

  /** Sessions that are past `isOver`, removed. */
  async sweepSessions(isOver: (session: SessionRecord) => boolean): Promise<number> {
    const over = [...this.sessions.values()].filter(isOver).map((s) => s.hash);
    await this.removeSessions(over);
    return over.length;
  }

  listTokens(): TokenRecord[] {
    return [...this.tokens.values()].sort((a, b) => (a.created_at < b.created_at ? 1 : -1));
  }

  token(tokenId: string): TokenRecord | null {
    return this.tokens.get(tokenId) ?? null;
  }

  tokenByHash(hash: string): TokenRecord | null {
    for (const token of this.tokens.values()) if (token.hash === hash) return token;
    return null;
  }

  async putToken(token: TokenRecord): Promise<void> {
    await this.apply([{ table: 'tokens', put: token }]);
  }
}
