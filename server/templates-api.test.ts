// The templates endpoints on both stores, and the proof that a template running into its limits
// holds no other request when the server renders in worker threads (over real HTTP: a blocked
// event loop shows only there).
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  apiError,
  templateFieldsResponse,
  templateRenderResponse,
  type TemplateRenderResponse,
} from '../src/api/contract.ts';
import { createApi } from './app.ts';
import { FIXTURE_AS_OF, fixtureDataset } from './fixture.ts';
import { loadDataset, openDuckDbStore, type DuckDbStore } from './stores/duckdb.ts';
import { MemoryStore } from './stores/memory.ts';
import type { TemplateRenderer } from './routes/templates.ts';
import { workerRenderer, type WorkerRenderer } from './templates/worker-renderer.ts';
import { TEST_ACCESS } from './auth/test-access.ts';

const NOW = '2026-11-16T09:00:00.000Z';
const LONG_BUDGET = 3_000;
let duck: DuckDbStore;
const apis = new Map<string, Hono>();

beforeAll(async () => {
  apis.set(
    'memory',
    createApi(new MemoryStore(fixtureDataset(), FIXTURE_AS_OF), {
      access: TEST_ACCESS,
      logErrors: false,
    }),
  );
  duck = await openDuckDbStore({ path: ':memory:' });
  await loadDataset(duck, fixtureDataset(), { asOf: FIXTURE_AS_OF });
  apis.set('duckdb', createApi(duck, { access: TEST_ACCESS, logErrors: false }));
});
afterAll(() => duck.close());

const STORES = ['memory', 'duckdb'] as const;

function call(store: string, method: string, path: string, body?: unknown, raw?: string) {
  const api = apis.get(store);
  if (!api) throw new Error('API not ready');
  return api.request(path, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(raw !== undefined
      ? { body: raw }
      : body !== undefined
        ? { body: JSON.stringify(body) }
        : {}),
  });
}

const demo = {
  channel: 'email',
  customer_id: 'C0000001',
  template: {
    subject: "{{ customer.first_name | default: 'Bonjour' }}, c'est nouveau, il vous les faut !",
    preheader: '{{ offer.title }} à {{ offer.price | money }}',
    html: '<p>{{ customer.civility }} {{ customer.last_name }}, {{ offer.price | money }} au lieu de {{ offer.regular_price | money }}</p>{% for r in recommendations %}<a href="{{ r.url }}">{{ r.title }}</a>{% endfor %}',
  },
  offer: {
    title: 'Le coffret Blu-ray',
    price_cents: 9999,
    regular_price_cents: 10032,
    valid_to: '2026-12-24',
  },
  recommendations: [
    { title: 'Manette', url: 'https://shop.example/p/1' },
    { title: 'Piège', url: 'javascript:alert(1)' },
  ],
  campaign: { name: 'Nouveautés films' },
  now: NOW,
};

async function renderOn(store: string, body: unknown): Promise<TemplateRenderResponse> {
  const response = await call(store, 'POST', '/api/templates/render', body);
  expect(response.status).toBe(200);
  return templateRenderResponse.parse(await response.json());
}

describe('GET /api/templates/fields', () => {
  test.each(STORES)(
    '%s: the personalisation context’s fields, described in both languages',
    async (store) => {
      const response = await call(store, 'GET', '/api/templates/fields');
      expect(response.status).toBe(200);
      const { fields } = templateFieldsResponse.parse(await response.json());
      expect(fields.find((f) => f.path === 'customer.first_name')).toMatchObject({
        type: 'text',
        salutation: true,
        description: { fr: expect.any(String), en: expect.any(String) },
      });
      expect(fields.map((f) => f.path)).toContain('recommendations[].reason');
      expect(fields.map((f) => f.path)).not.toContain('customer.email');
    },
  );
});

describe('POST /api/templates/render', () => {
  test.each(STORES)('%s: the demo campaign for Olivier, links checked', async (store) => {
    const result = await renderOn(store, demo);
    expect(result).toMatchObject({
      ok: true,
      message: {
        channel: 'email',
        subject: "Olivier, c'est nouveau, il vous les faut !",
        preheader: 'Le coffret Blu-ray à 99,99\u00a0€',
        html: '<p>Monsieur Marchand, 99,99\u00a0€ au lieu de 100,32\u00a0€</p><a href="https://shop.example/p/1">Manette</a><a>Piège</a>',
      },
      fallbacks: [],
      removed_links: [{ part: 'html', url: 'javascript:alert(1)', reason: 'dangerous_scheme' }],
    });
  });

  test('both stores render every fixture customer alike', async () => {
    for (const customer_id of ['C0000001', 'C0000002', 'C0000003']) {
      const [memory, duckdb] = await Promise.all(
        STORES.map((s) => renderOn(s, { ...demo, customer_id })),
      );
      expect(duckdb, customer_id).toEqual(memory);
    }
  });

  test.each(STORES)(
    '%s: a hostile first name is escaped, a missing one falls back',
    async (store) => {
      const hostile = await renderOn(store, {
        ...demo,
        customer_id: 'C0000002',
        template: { ...demo.template, html: '<p>{{ customer.first_name }}</p>' },
      });
      expect(hostile).toMatchObject({
        ok: true,
        message: { html: '<p>&lt;img src=x onerror=alert(1)&gt;</p>' },
      });
      const missing = await renderOn(store, { ...demo, customer_id: 'C0000003' });
      expect(missing).toMatchObject({
        ok: true,
        message: { subject: "Bonjour, c'est nouveau, il vous les faut !" },
        fallbacks: [
          {
            part: 'subject',
            field: 'customer.first_name',
            raw: null,
            reason: 'missing',
            replacement: 'Bonjour',
          },
        ],
      });
    },
  );

  test.each(STORES)('%s: an SMS with its counter', async (store) => {
    const result = await renderOn(store, {
      channel: 'sms',
      customer_id: 'C0000001',
      template: { text: '{{ customer.first_name }}, -10 % ! STOP au 36111' },
    });
    expect(result).toMatchObject({
      ok: true,
      message: { text: 'Olivier, -10 % ! STOP au 36111', sms: { parts: 1, encoding: 'gsm7' } },
    });
  });

  test.each(STORES)('%s: a template error is an answer with its line and column', async (store) => {
    const result = await renderOn(store, {
      ...demo,
      template: { ...demo.template, html: 'a\n{{ customer.city | nope }}' },
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'unknown_filter',
        message: 'Unknown filter "nope".',
        part: 'html',
        line: 2,
        column: 20,
        params: { filter: 'nope' },
      },
    });
  });

  test.each(STORES)('%s: errors of the request keep the envelope’s reasons', async (store) => {
    const cases = [
      { body: { ...demo, customer_id: 'C9999999' }, status: 404, reason: 'customer_not_found' },
      { body: { ...demo, channel: 'fax' }, status: 400, reason: 'invalid_body' },
      { body: { ...demo, template: { text: 'x' } }, status: 400, reason: 'invalid_body' },
      {
        body: { ...demo, template: { ...demo.template, html: 'x'.repeat(200_001) } },
        status: 400,
        reason: 'invalid_body',
      },
      {
        body: { ...demo, recommendations: Array.from({ length: 21 }, () => ({ title: 'x' })) },
        status: 400,
        reason: 'invalid_body',
      },
    ];
    for (const { body, status, reason } of cases) {
      const response = await call(store, 'POST', '/api/templates/render', body);
      expect(response.status, reason).toBe(status);
      expect(apiError.parse(await response.json()).error.reason).toBe(reason);
    }
    const notJson = await call(store, 'POST', '/api/templates/render', undefined, '{');
    expect(notJson.status).toBe(400);
    expect(apiError.parse(await notJson.json()).error.reason).toBe('body_not_json');
    const huge = await call(
      store,
      'POST',
      '/api/templates/render',
      undefined,
      'x'.repeat(1024 * 1024 + 1),
    );
    expect(huge.status).toBe(413);
  });
});

// ---------------------------------------------------------------- not blocking the server

/** 2^35 passes over two recommendations: the engine's time limit (500 ms) stops it. */
const looping = {
  ...demo,
  template: {
    ...demo.template,
    html: '{% for r in recommendations %}'.repeat(35) + 'x' + '{% endfor %}'.repeat(35),
  },
};

interface Server {
  url: string;
  close: () => Promise<void>;
}

function listen(templates: TemplateRenderer): Promise<Server> {
  const api = createApi(new MemoryStore(fixtureDataset(), FIXTURE_AS_OF), {
    access: TEST_ACCESS,
    logErrors: false,
    templates,
  });
  return new Promise((resolve) => {
    const server: ServerType = serve(
      { fetch: api.fetch, port: 0, hostname: '127.0.0.1' },
      (info: AddressInfo) =>
        resolve({
          url: `http://127.0.0.1:${info.port}`,
          close: () => new Promise<void>((done) => server.close(() => done())),
        }),
    );
  });
}

/** Sends the looping render, then `others` while it runs: each one's answer time, and the render's. */
async function whileLooping(server: Server, others: { path: string; body?: unknown }[]) {
  const started = performance.now();
  const post = (body: unknown) =>
    fetch(`${server.url}/api/templates/render`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const slow = post(looping).then(async (r) => ({
    ms: performance.now() - started,
    body: templateRenderResponse.parse(await r.json()),
  }));
  await new Promise((resolve) => setTimeout(resolve, 100));
  const answered = await Promise.all(
    others.map(async ({ path, body }) => {
      const response = body === undefined ? await fetch(`${server.url}${path}`) : await post(body);
      expect(response.status, path).toBe(200);
      await response.json();
      return performance.now() - started;
    }),
  );
  return { slow: await slow, answered };
}

describe('a template running into its limits holds no other request', () => {
  let pool: WorkerRenderer;
  let server: Server;

  beforeAll(async () => {
    // The looping render is given 3 s instead of the usual 500 ms, so that what is answered
    // meanwhile is told apart from what waited, however busy the machine is.
    pool = workerRenderer({ size: 2, deadlineMs: 10_000 });
    server = await listen((request) => pool.render({ ...request, budgetMs: LONG_BUDGET }));
    // Both workers loaded before timing anything.
    await pool.ready();
  }, 30_000);
  afterAll(async () => {
    await server.close();
    await pool.close();
  });

  test('other requests, and another render, are answered while it renders', async () => {
    const { slow, answered } = await whileLooping(server, [
      { path: '/api/templates/fields' },
      { path: '/api/customers/C0000001' },
      { path: '/api/templates/render', body: demo },
    ]);
    expect(slow.body).toMatchObject({
      ok: false,
      error: { code: 'render_time', params: { max_ms: LONG_BUDGET } },
    });
    expect(slow.ms).toBeGreaterThan(LONG_BUDGET);
    for (const ms of answered) expect(ms).toBeLessThan(slow.ms - 1_000);
  });

  test('a render past the hard deadline is stopped, and its worker replaced', async () => {
    // Under the engine's own 500 ms budget, yet long enough for a cold worker's first render of
    // the demo on a loaded machine (150 ms was not, under the whole suite).
    const strict = workerRenderer({ size: 1, deadlineMs: 400 });
    const strictServer = await listen(strict.render);
    try {
      const response = await fetch(`${strictServer.url}/api/templates/render`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(looping),
      });
      expect(templateRenderResponse.parse(await response.json())).toMatchObject({
        ok: false,
        error: { code: 'timeout', params: { max_ms: 400 } },
      });
      await strict.ready();
      const next = await fetch(`${strictServer.url}/api/templates/render`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(demo),
      });
      expect(templateRenderResponse.parse(await next.json())).toMatchObject({ ok: true });
    } finally {
      await strictServer.close();
      await strict.close();
    }
  }, 30_000);

  test('rendering in the server’s own thread would hold them (why the workers)', async () => {
    const inThread = await listen((request) =>
      import('../src/domain/template/render.ts').then((m) =>
        m.renderTemplate({ ...request, budgetMs: 1_000 }),
      ),
    );
    try {
      const { slow, answered } = await whileLooping(inThread, [{ path: '/api/templates/fields' }]);
      expect(slow.body).toMatchObject({ ok: false, error: { code: 'render_time' } });
      for (const ms of answered) expect(ms).toBeGreaterThan(slow.ms - 50);
    } finally {
      await inThread.close();
    }
  });
});
