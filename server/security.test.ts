// The server's answers carry the security headers, the API's are never cached, source maps are not
// served, and a Host this server does not know is refused (a DNS-rebinding page cannot reach it).
import { Hono } from 'hono';
import { expect, test } from 'vitest';
import { apiError } from '../src/api/contract.ts';
import { createApi } from './app.ts';
import { TEST_ACCESS } from './auth/test-access.ts';
import { FIXTURE_AS_OF, fixtureDataset } from './fixture.ts';
import { allowedHosts, noSourceMaps, securityHeaders } from './security.ts';
import { MemoryStore } from './stores/memory.ts';

/** The server as server/node.ts assembles it, with a page and a source map beside the API. */
function server(hosts = new Set(['localhost', '127.0.0.1', '[::1]'])) {
  const app = new Hono();
  app.use('*', securityHeaders());
  app.use('*', noSourceMaps());
  app.route(
    '/',
    createApi(new MemoryStore(fixtureDataset(), FIXTURE_AS_OF), {
      access: TEST_ACCESS,
      logErrors: false,
      hosts,
    }),
  );
  app.get('/assets/index.js', (c) => c.text('console.log(1)'));
  app.get('/assets/index.js.map', (c) => c.text('{"version":3}'));
  app.get('*', (c) => c.html('<!doctype html><div id="root"></div>'));
  return app;
}

const at = (host: string) => ({ headers: { host } });

test('a Host the server does not know is refused before anything runs', async () => {
  const app = server();
  for (const host of ['rebound.example', 'rebound.example:3000', 'localhost.evil.example', '']) {
    const res = await app.request('http://x/api/health', at(host));
    expect(res.status, host).toBe(400);
    expect(apiError.parse(await res.json()).error.reason).toBe('host_not_allowed');
  }
  for (const host of ['localhost:3000', '127.0.0.1:3000', 'LOCALHOST', '[::1]:3000']) {
    expect((await app.request('http://x/api/health', at(host))).status, host).toBe(200);
  }
  // The page itself too: a rebinding page cannot load the app from another name.
  expect((await app.request('http://x/segments', at('rebound.example'))).status).toBe(400);
});

test('the names answered: loopback, the address listened on, and TACT_ALLOWED_HOSTS', () => {
  const local = allowedHosts('127.0.0.1', undefined);
  expect([...local]).toEqual(expect.arrayContaining(['localhost', '127.0.0.1', '[::1]']));
  expect(local.has('tact.example.com')).toBe(false);
  const proxied = allowedHosts('127.0.0.1', 'Tact.Example.com, crm.internal ');
  expect(proxied.has('tact.example.com')).toBe(true);
  expect(proxied.has('crm.internal')).toBe(true);
  expect(allowedHosts('10.1.2.3', undefined).has('10.1.2.3')).toBe(true);
});

test('every answer carries the security headers; the policy allows no inline script', async () => {
  const app = server();
  for (const path of ['/segments', '/api/health', '/assets/index.js']) {
    const res = await app.request(`http://x${path}`, at('localhost'));
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp, path).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
  }
});

test('the API’s answers are never cached; source maps are not served', async () => {
  const app = server();
  const api = await app.request('http://x/api/customers/C0000001', at('localhost'));
  expect(api.headers.get('cache-control')).toBe('no-store');
  const refused = await app.request('http://x/api/customers/C9999999', at('localhost'));
  expect(refused.headers.get('cache-control')).toBe('no-store');
  expect((await app.request('http://x/assets/index.js.map', at('localhost'))).status).toBe(404);
  expect((await app.request('http://x/assets/index.js', at('localhost'))).status).toBe(200);
});
