// Each caller's expensive requests are rate-limited with Retry-After; past the requests allowed in
// flight, new ones are shed at once with 503 rather than queued.
import { expect, test } from 'vitest';
import { apiError } from '../src/api/contract.ts';
import type { SegmentDefinition } from '../src/domain/segment/definition.ts';
import { createApi } from './app.ts';
import { accountsAccess, fixedAccess } from './auth/access.ts';
import { Accounts } from './auth/accounts.ts';
import { argon2Passwords } from './auth/argon2.ts';
import { newToken } from './routes/auth.ts';
import { FIXTURE_AS_OF, fixtureDataset } from './fixture.ts';
import { RATE_RULES } from './load-limits.ts';
import type { SegmentCountAnswer } from './store.ts';
import { MemoryStore } from './stores/memory.ts';

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
const count = {
  method: 'POST',
  body: JSON.stringify({ definition: lyon }),
  headers: { 'content-type': 'application/json' },
};

test('a caller past their budget for counts waits, said with Retry-After; others do not', async () => {
  let now = 1_000_000;
  const accounts = await Accounts.open(null);
  const tokens: Record<string, string> = {};
  for (const who of ['eve', 'ada']) {
    const { token, record } = await newToken(who, 'editor', 'test', now);
    await accounts.putToken(record);
    tokens[who] = token;
  }
  const api = createApi(new MemoryStore(fixtureDataset(), FIXTURE_AS_OF), {
    access: accountsAccess(accounts, argon2Passwords),
    load: { inFlight: 32, rules: RATE_RULES, now: () => now },
    logErrors: false,
  });
  const as = (who: string, init: RequestInit = {}) =>
    api.request('/api/segments/count', {
      ...count,
      ...init,
      headers: { ...count.headers, authorization: `Bearer ${tokens[who] ?? ''}` },
    });
  const counts = RATE_RULES.find((r) => r.group === 'counts');
  if (counts === undefined) throw new Error('no counts rule');
  for (let i = 0; i < counts.burst; i += 1) expect((await as('eve')).status).toBe(200);
  const refused = await as('eve');
  expect(refused.status).toBe(429);
  expect(refused.headers.get('retry-after')).toBe('1');
  expect(apiError.parse(await refused.json()).error.params).toEqual({
    group: 'counts',
    seconds: 1,
  });
  // Reads are not counted against it; another caller has their own budget.
  const read = await api.request('/api/catalogue', {
    headers: { authorization: `Bearer ${tokens.eve ?? ''}` },
  });
  expect(read.status).toBe(200);
  expect((await as('ada')).status).toBe(200);
  now += counts.perMs;
  expect((await as('eve')).status).toBe(200);
  expect((await as('eve')).status).toBe(429);
});

/** A store whose counts take 300 ms. */
class SlowStore extends MemoryStore {
  override async segmentCountAnswer(
    definitions: readonly SegmentDefinition[],
    sample: number,
    breakdown: string | null,
  ): Promise<SegmentCountAnswer> {
    await new Promise((resolve) => setTimeout(resolve, 300));
    return super.segmentCountAnswer(definitions, sample, breakdown);
  }
}

test('past the requests in flight, new ones are shed at once with 503, then served again', async () => {
  const api = createApi(new SlowStore(fixtureDataset(), FIXTURE_AS_OF), {
    access: fixedAccess('editor', 'Ève'),
    load: { inFlight: 2, rules: [], now: Date.now },
    logErrors: false,
  });
  const started = performance.now();
  const timed = async () => {
    const res = await api.request('/api/segments/count', count);
    return {
      status: res.status,
      ms: performance.now() - started,
      retry: res.headers.get('retry-after'),
    };
  };
  const replies = await Promise.all(Array.from({ length: 6 }, timed));
  const served = replies.filter((r) => r.status === 200);
  const shed = replies.filter((r) => r.status === 503);
  expect(served).toHaveLength(2);
  expect(shed).toHaveLength(4);
  for (const r of shed) {
    expect(r.ms).toBeLessThan(250);
    expect(r.retry).toBe('1');
  }
  expect((await timed()).status).toBe(200);
});
