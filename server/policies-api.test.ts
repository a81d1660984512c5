// The guardrail policy endpoints on both stores: the default policy made on load, versions and
// preconditions, its shape and its rules, history and restore, the policy a check reads, and the
// DuckDB file keeping it across reopening (a new load starts it again).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import { describe, expect, test } from 'vitest';
import {
  apiError,
  policyVersion,
  policyVersionsResponse,
  savedPolicy,
  type SavedPolicy,
} from '../src/api/contract.ts';
import { DEFAULT_POLICY, type GuardrailPolicy } from '../src/domain/guardrails/policy.ts';
import { createApi } from './app.ts';
import { currentPolicy } from './documents/policies.ts';
import { FIXTURE_AS_OF, fixtureDataset } from './fixture.ts';
import type { ProfileStore } from './store.ts';
import { loadDataset, openDuckDbStore } from './stores/duckdb.ts';
import { MemoryStore } from './stores/memory.ts';
import { fixedAccess } from './auth/access.ts';
import { TEST_ACCESS } from './auth/test-access.ts';

type StoreKind = 'memory' | 'duckdb';

/** A fresh store of that kind over the fixture, its API, and how to close it. */
async function opened(kind: StoreKind) {
  if (kind === 'memory') {
    const store = new MemoryStore(fixtureDataset(), FIXTURE_AS_OF);
    return {
      store,
      api: createApi(store, { access: TEST_ACCESS, logErrors: false }),
      close: async () => undefined,
    };
  }
  const store = await openDuckDbStore({ path: ':memory:' });
  await loadDataset(store, fixtureDataset(), { asOf: FIXTURE_AS_OF });
  return {
    store,
    api: createApi(store, { access: TEST_ACCESS, logErrors: false }),
    close: () => store.close(),
  };
}

/** Another admin than the tests' one, over the same store, for what two people do. */
const adminNamed = (store: ProfileStore, name: string) =>
  createApi(store, { access: fixedAccess('admin', name), logErrors: false });

async function call(
  api: Hono,
  method: string,
  url: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
) {
  const res = await api.request(`/api/policies${url}`, {
    method,
    headers: { 'content-type': 'application/json', ...options.headers },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    etag: res.headers.get('etag'),
    body: text === '' ? null : (JSON.parse(text) as unknown),
  };
}

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

function bodyOf(saved: SavedPolicy): GuardrailPolicy {
  const { policy_id, version, author, created_at, updated_at, ...body } = saved;
  void [policy_id, version, author, created_at, updated_at];
  return body;
}

/** Store-bound steps, so each test reads as what a client does. */
function client(api: Hono) {
  return {
    get: async () => {
      const reply = await call(api, 'GET', '/default');
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      return { etag: reply.etag, policy: savedPolicy.parse(reply.body) };
    },
    put: (version: number, body: object) =>
      call(api, 'PUT', '/default', { body, headers: ifMatch(version) }),
    versions: async () =>
      policyVersionsResponse.parse((await call(api, 'GET', '/default/versions')).body).versions,
  };
}

const stricter = {
  ...DEFAULT_POLICY,
  min_discount_percent: 12.5,
  min_discount_cents: 1000,
  caps: { ...DEFAULT_POLICY.caps, all_30_days: 6 },
  quiet_hours: {
    ...DEFAULT_POLICY.quiet_hours,
    email: { ...DEFAULT_POLICY.quiet_hours.email, enabled: true, start: '09:00', end: '19:30' },
  },
};

describe.each(['memory', 'duckdb'] as const)('the guardrail policy on the %s store', (kind) => {
  test('the load made the default policy at version 1, and checks read it', async () => {
    const { store, api, close } = await opened(kind);
    try {
      const { etag, policy } = await client(api).get();
      expect(etag).toBe('"1"');
      expect(policy).toEqual({
        ...DEFAULT_POLICY,
        policy_id: 'default',
        version: 1,
        author: 'Tact',
        created_at: FIXTURE_AS_OF,
        updated_at: FIXTURE_AS_OF,
      });
      expect(await client(api).versions()).toEqual([
        {
          version: 1,
          name: DEFAULT_POLICY.name,
          author: 'Tact',
          at: FIXTURE_AS_OF,
          note: 'created',
        },
      ]);
      expect(await currentPolicy(store.documents)).toEqual({
        policy_id: 'default',
        version: 1,
        policy: DEFAULT_POLICY,
      });
    } finally {
      await close();
    }
  });

  test('a save with the right If-Match is the next version, with its author and note, and checks read it', async () => {
    const { store, api, close } = await opened(kind);
    try {
      const saved = await client(api).put(1, { ...stricter, note: 'Soldes' });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      expect(saved.etag).toBe('"2"');
      const policy = savedPolicy.parse(saved.body);
      expect(policy).toMatchObject({ version: 2, author: 'Test admin', created_at: FIXTURE_AS_OF });
      expect(bodyOf(policy)).toEqual(stricter);
      expect(await client(api).get()).toEqual({ etag: '"2"', policy });
      expect(await currentPolicy(store.documents)).toEqual({
        policy_id: 'default',
        version: 2,
        policy: stricter,
      });
      const history = await client(api).versions();
      expect(history.map((v) => [v.version, v.author, v.note])).toEqual([
        [2, 'Test admin', 'Soldes'],
        [1, 'Tact', 'created'],
      ]);
      const first = await call(api, 'GET', '/default/versions/1');
      expect(policyVersion.parse(first.body)).toMatchObject({ ...DEFAULT_POLICY, version: 1 });
    } finally {
      await close();
    }
  });

  test('a stale save is a 412 with the policy as saved now, and writes nothing', async () => {
    const { store, api, close } = await opened(kind);
    try {
      // Nadia saves first; Karim, still on version 1, is told who saved before him.
      expect((await client(adminNamed(store, 'Nadia')).put(1, stricter)).status).toBe(200);
      const stale = await client(adminNamed(store, 'Karim')).put(1, DEFAULT_POLICY);
      expect(stale.status).toBe(412);
      const body = apiError.extend({ current: savedPolicy }).parse(stale.body);
      expect(body.error).toMatchObject({
        reason: 'policy_version_conflict',
        params: { policy_id: 'default', version: 2, expected: 1, author: 'Nadia' },
      });
      expect(body.current).toMatchObject({
        version: 2,
        author: 'Nadia',
        min_discount_percent: 12.5,
      });
      expect((await client(api).get()).policy.version).toBe(2);
    } finally {
      await close();
    }
  });

  test('a save without If-Match is a 428, with a malformed one a 400', async () => {
    const { api, close } = await opened(kind);
    try {
      const body = { body: DEFAULT_POLICY };
      expect((await call(api, 'PUT', '/default', body)).status).toBe(428);
      const malformed = { ...body, headers: { 'if-match': 'W/"1"' } };
      expect((await call(api, 'PUT', '/default', malformed)).status).toBe(400);
      expect((await call(api, 'POST', '/default/versions/1/restore')).status).toBe(428);
      expect((await client(api).get()).etag).toBe('"1"');
    } finally {
      await close();
    }
  });

  test('figures out of range are a 400 at their paths; figures that break a rule a 422; neither writes', async () => {
    const { api, close } = await opened(kind);
    try {
      const shape = await client(api).put(1, {
        ...DEFAULT_POLICY,
        min_discount_percent: 150,
        caps: { ...DEFAULT_POLICY.caps, all_7_days: 2.5 },
        colour: 'red',
      });
      expect(shape.status).toBe(400);
      expect(
        (apiError.parse(shape.body).error.issues ?? []).map((i) => [i.code, i.path.join('.')]),
      ).toEqual([
        ['too_big', 'body.min_discount_percent'],
        ['invalid_type', 'body.caps.all_7_days'],
        ['unrecognized_keys', 'body'],
      ]);

      const rules = await client(api).put(1, {
        ...DEFAULT_POLICY,
        caps: { ...DEFAULT_POLICY.caps, channel_7_days: 5 },
        quiet_hours: {
          ...DEFAULT_POLICY.quiet_hours,
          sms: { ...DEFAULT_POLICY.quiet_hours.sms, start: '21:00', end: '08:00' },
        },
      });
      expect(rules.status).toBe(422);
      const { error } = apiError.parse(rules.body);
      expect(error).toMatchObject({ reason: 'invalid_policy', params: { count: 3 } });
      expect((error.issues ?? []).map((i) => [i.code, i.path.join('.')])).toEqual([
        ['quiet_hours_reversed', 'quiet_hours.sms.end'],
        ['cap_week_above_month', 'caps.channel_7_days'],
        ['cap_channel_above_all', 'caps.channel_7_days'],
      ]);
      expect((await client(api).get()).etag).toBe('"1"');
    } finally {
      await close();
    }
  });

  test('an unknown policy or version is a 404 naming what is held', async () => {
    const { api, close } = await opened(kind);
    try {
      const policy = await call(api, 'GET', '/seasonal');
      expect(policy.status).toBe(404);
      expect(apiError.parse(policy.body).error).toMatchObject({
        reason: 'policy_not_found',
        params: { policy_id: 'seasonal' },
      });
      expect((await call(api, 'GET', '/seasonal/versions')).status).toBe(404);
      expect((await call(api, 'PUT', '/seasonal', { body: {}, headers: ifMatch(1) })).status).toBe(
        404,
      );
      const version = await call(api, 'GET', '/default/versions/4');
      expect(version.status).toBe(404);
      expect(apiError.parse(version.body).error.message).toBe(
        "Policy 'default' has no version 4: only version 1 is recorded.",
      );
      expect((await call(api, 'GET', '/default/versions/zero')).status).toBe(400);
    } finally {
      await close();
    }
  });

  test('a restore appends the old version as the newest, noting which', async () => {
    const { store, api, close } = await opened(kind);
    try {
      // Restored by someone other than who saved version 2 (or version 1, 'Tact').
      expect((await client(api).put(1, stricter)).status).toBe(200);
      const restored = await call(
        adminNamed(store, 'Camille'),
        'POST',
        '/default/versions/1/restore',
        { headers: ifMatch(2) },
      );
      expect(restored.status, JSON.stringify(restored.body)).toBe(200);
      expect(restored.etag).toBe('"3"');
      expect(bodyOf(savedPolicy.parse(restored.body))).toEqual(DEFAULT_POLICY);
      expect((await client(api).versions())[0]).toMatchObject({
        version: 3,
        author: 'Camille',
        note: 'restored from version 1',
      });
      const stale = await call(api, 'POST', '/default/versions/1/restore', { headers: ifMatch(2) });
      expect(stale.status).toBe(412);
    } finally {
      await close();
    }
  });
});

test('the DuckDB file keeps the policy when reopened; a new load starts from the default again', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tact-policies-'));
  const file = path.join(dir, 'tact.duckdb');
  const version = async (store: ProfileStore) => (await currentPolicy(store.documents)).version;
  try {
    let store = await openDuckDbStore({ path: file });
    await loadDataset(store, fixtureDataset(), { asOf: FIXTURE_AS_OF });
    expect((await client(createApi(store, { access: TEST_ACCESS })).put(1, stricter)).status).toBe(
      200,
    );
    await store.close();

    store = await openDuckDbStore({ path: file });
    expect(await currentPolicy(store.documents)).toMatchObject({ version: 2, policy: stricter });
    await loadDataset(store, fixtureDataset(), { asOf: FIXTURE_AS_OF });
    expect(await currentPolicy(store.documents)).toEqual({
      policy_id: 'default',
      version: 1,
      policy: DEFAULT_POLICY,
    });
    await store.close();
    store = await openDuckDbStore({ path: file });
    expect(await version(store)).toBe(1);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
