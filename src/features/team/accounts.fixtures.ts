// The accounts routes for component tests. The mock API runs as a fixed admin with no accounts
// behind it (decision 035), so its users, tokens and password routes answer 403: these handlers
// keep a few users and tokens in memory instead, read each body with the contract's schema and
// refuse as the server does (invalid body, login taken, last admin, wrong password).
import { http, HttpResponse } from 'msw';
import {
  changePasswordRequest,
  createTokenRequest,
  createUserRequest,
  updateUserRequest,
  type TokenSummary,
  type UserSummary,
} from '../../api/contract/auth.ts';
import type { ApiError } from '../../api/contract/errors.ts';
import { safeParseCoded, type CodedIssue } from '../../domain/zod-issue.ts';

/** The current password of the signed-in user, at first. */
export const CURRENT_PASSWORD = 'correct horse battery';

export const seedUsers: readonly UserSummary[] = [
  {
    user_id: 'usr_chloe',
    login: 'chloe.petit',
    name: 'Chloé Petit',
    role: 'viewer',
    disabled: true,
    created_at: '2026-01-12T08:30:00Z',
    updated_at: '2026-02-03T16:00:00Z',
  },
  {
    user_id: 'usr_admin',
    login: 'admin',
    name: 'Alice Martin',
    role: 'admin',
    disabled: false,
    created_at: '2026-01-05T09:00:00Z',
    updated_at: '2026-01-05T09:00:00Z',
  },
  {
    user_id: 'usr_bruno',
    login: 'bruno.durand',
    name: 'Bruno Durand',
    role: 'editor',
    disabled: false,
    created_at: '2026-01-10T10:15:00Z',
    updated_at: '2026-01-10T10:15:00Z',
  },
];

export const seedTokens: readonly TokenSummary[] = [
  {
    token_id: 'tok_old',
    name: 'Old export',
    role: 'viewer',
    created_by: 'admin',
    created_at: '2026-01-06T11:00:00Z',
    last_used_at: '2026-02-01T02:00:00Z',
    revoked_at: '2026-02-20T14:45:00Z',
  },
  {
    token_id: 'tok_crm',
    name: 'CRM sync',
    role: 'editor',
    created_by: 'admin',
    created_at: '2026-02-01T09:00:00Z',
    last_used_at: null,
    revoked_at: null,
  },
];

/** A request the handlers received, its body as sent. */
export interface Received {
  method: string;
  path: string;
  body: unknown;
}

const refuse = (status: number, error: ApiError['error']) =>
  HttpResponse.json({ error }, { status });

function invalidBody(issues: CodedIssue[]) {
  const located = issues.map((issue) => ({ ...issue, path: ['body', ...issue.path] }));
  return refuse(400, {
    code: 'bad_request',
    reason: 'invalid_body',
    message: 'Invalid body.',
    params: { count: located.length, field: located[0]?.path.slice(1).join('.') ?? '' },
    issues: located,
  });
}

export function fakeAccounts(
  seed: { users?: readonly UserSummary[]; tokens?: readonly TokenSummary[] } = {},
) {
  const users = (seed.users ?? seedUsers).map((user) => ({ ...user }));
  const tokens = (seed.tokens ?? seedTokens).map((token) => ({ ...token }));
  const received: Received[] = [];
  let password = CURRENT_PASSWORD;
  let clock = Date.parse('2026-03-02T09:00:00Z');
  const now = () => new Date((clock += 60_000)).toISOString();
  let serial = 0;
  const record = async (request: Request, path: string) => {
    const text = await request.text();
    const body: unknown = text === '' ? undefined : JSON.parse(text);
    received.push({ method: request.method, path, body });
    return body;
  };

  const handlers = [
    http.get('*/api/users', () => HttpResponse.json({ users })),
    http.post('*/api/users', async ({ request }) => {
      const read = safeParseCoded(createUserRequest, await record(request, '/api/users'));
      if (!read.ok) return invalidBody(read.issues);
      const { login, name, role } = read.data;
      if (users.some((user) => user.login === login))
        return refuse(409, {
          code: 'conflict',
          reason: 'login_taken',
          message: `A user '${login}' exists already.`,
          params: { login },
        });
      const at = now();
      const user: UserSummary = {
        user_id: `usr_${++serial}`,
        login,
        name,
        role,
        disabled: false,
        created_at: at,
        updated_at: at,
      };
      users.push(user);
      return HttpResponse.json(user, { status: 201 });
    }),
    http.patch('*/api/users/:id', async ({ request, params }) => {
      const id = String(params['id']);
      const read = safeParseCoded(updateUserRequest, await record(request, `/api/users/${id}`));
      if (!read.ok) return invalidBody(read.issues);
      const index = users.findIndex((user) => user.user_id === id);
      const user = users[index];
      if (user === undefined)
        return refuse(404, {
          code: 'not_found',
          reason: 'user_not_found',
          message: `No user '${id}'.`,
          params: { user_id: id },
        });
      const role = read.data.role ?? user.role;
      const disabled = read.data.disabled ?? user.disabled;
      const otherAdmins = users.filter(
        (other) => other.user_id !== id && other.role === 'admin' && !other.disabled,
      ).length;
      if (
        user.role === 'admin' &&
        !user.disabled &&
        (role !== 'admin' || disabled) &&
        otherAdmins === 0
      )
        return refuse(409, {
          code: 'conflict',
          reason: 'last_admin',
          message: `${user.login} is the only active admin; nothing changed.`,
          params: { user_id: id },
        });
      const next = {
        ...user,
        name: read.data.name ?? user.name,
        role,
        disabled,
        updated_at: now(),
      };
      users[index] = next;
      return HttpResponse.json(next);
    }),
    // Summaries only: a token is in the answer to its creation and nowhere else.
    http.get('*/api/tokens', () => HttpResponse.json({ tokens })),
    http.post('*/api/tokens', async ({ request }) => {
      const read = safeParseCoded(createTokenRequest, await record(request, '/api/tokens'));
      if (!read.ok) return invalidBody(read.issues);
      const summary: TokenSummary = {
        token_id: `tok_${++serial}`,
        name: read.data.name,
        role: read.data.role,
        created_by: 'test.admin',
        created_at: now(),
        last_used_at: null,
        revoked_at: null,
      };
      tokens.push(summary);
      return HttpResponse.json(
        { ...summary, token: `tact_secret${serial}xK8dQ2mZ7vR4pL9wN3bT6yH1cF5gJ0aE` },
        { status: 201 },
      );
    }),
    http.delete('*/api/tokens/:id', async ({ request, params }) => {
      const id = String(params['id']);
      await record(request, `/api/tokens/${id}`);
      const token = tokens.find((t) => t.token_id === id);
      if (token === undefined)
        return refuse(404, {
          code: 'not_found',
          reason: 'token_not_found',
          message: `No token '${id}'.`,
          params: { token_id: id },
        });
      token.revoked_at ??= now();
      return new HttpResponse(null, { status: 204 });
    }),
    http.put('*/api/auth/password', async ({ request }) => {
      const read = safeParseCoded(
        changePasswordRequest,
        await record(request, '/api/auth/password'),
      );
      if (!read.ok) return invalidBody(read.issues);
      if (read.data.current !== password)
        return refuse(403, {
          code: 'forbidden',
          reason: 'wrong_password',
          message: 'The current password is wrong; nothing changed.',
          params: {},
        });
      password = read.data.next;
      return new HttpResponse(null, { status: 204 });
    }),
  ];

  return { users, tokens, received, handlers, password: () => password };
}
