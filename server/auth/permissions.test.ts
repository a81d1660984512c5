// Every route of the app declares what it needs, and the gate holds each role to it: walked route by
// route with no credentials and with a token of each role.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Hono } from 'hono';
import { apiError, ROLES, type Role } from '../../src/api/contract.ts';
import { createApi } from '../app.ts';
import { FIXTURE_AS_OF, fixtureDataset } from '../fixture.ts';
import { MemoryStore } from '../stores/memory.ts';
import { newToken } from '../routes/auth.ts';
import { accountsAccess } from './access.ts';
import { Accounts } from './accounts.ts';
import { argon2Passwords } from './argon2.ts';
import { allows, needOf, PERMISSIONS } from './permissions.ts';

let api: Hono;
const tokens = {} as Record<Role, string>;

beforeAll(async () => {
  const accounts = await Accounts.open(null);
  for (const role of ROLES) {
    const { token, record } = await newToken(role, role, 'test', Date.now());
    await accounts.putToken(record);
    tokens[role] = token;
  }
  api = createApi(new MemoryStore(fixtureDataset(), FIXTURE_AS_OF), {
    access: accountsAccess(accounts, argon2Passwords),
    logErrors: false,
  });
});

/** The app's routes, as Hono registered them (middleware and the 404 catch-all aside). */
function appRoutes(app: Hono): string[] {
  const routes = new Set<string>();
  for (const { method, path } of app.routes)
    if (method !== 'ALL' && path.startsWith('/api/')) routes.add(`${method} ${path}`);
  return [...routes].sort();
}

test('every route of the app has a line in the permission table, and every line a route', () => {
  const declared = PERMISSIONS.map(([method, path]) => `${method} ${path}`).sort();
  expect(appRoutes(api)).toEqual(declared);
  expect(new Set(declared).size).toBe(declared.length);
});

test('each line is what the gate finds for its own path', () => {
  for (const [method, pattern, need] of PERMISSIONS) {
    const path = pattern.replace(/:[A-Za-z]+/g, 'x1');
    expect(needOf(method, path), `${method} ${pattern}`).toEqual({ pattern, need });
  }
});

test('writes are never public nor open to a viewer, but for signing in and out', () => {
  for (const [method, pattern, need] of PERMISSIONS) {
    if (method === 'GET') continue;
    const readOnly = [
      '/api/segments/count',
      '/api/segments/overlap',
      '/api/segments/forecast',
      '/api/recommendations',
      '/api/templates/render',
    ];
    if (readOnly.includes(pattern)) expect(need, pattern).toBe('viewer');
    else if (pattern.startsWith('/api/auth/')) expect(need).not.toBe('viewer');
    else expect(['editor', 'admin'], `${method} ${pattern}`).toContain(need);
  }
});

describe.each([null, ...ROLES])('as %s', (role) => {
  test('every route answers as the table says', async () => {
    for (const [method, pattern, need] of PERMISSIONS) {
      const path = pattern.replace(/:[A-Za-z]+/g, 'x1');
      const res = await api.request(`http://tact.test${path}`, {
        method,
        headers: role === null ? {} : { authorization: `Bearer ${tokens[role]}` },
      });
      const where = `${method} ${pattern} as ${role ?? 'nobody'}`;
      const text = await res.text();
      if (need === 'public') {
        expect([401, 403], where).not.toContain(res.status);
      } else if (role === null) {
        expect(res.status, where).toBe(401);
        expect(apiError.parse(JSON.parse(text)).error.reason, where).toBe('sign_in_required');
      } else if (!allows(role, need)) {
        expect(res.status, where).toBe(403);
        expect(apiError.parse(JSON.parse(text)).error.params, where).toEqual({
          role: need,
          current: role,
        });
      } else {
        // Allowed: whatever the route answers to a request without its parameters, never 401/403.
        expect([401, 403], `${where}: ${text.slice(0, 200)}`).not.toContain(res.status);
      }
    }
  });
});
