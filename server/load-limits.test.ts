// Each caller's expensive requests are rate-limited with Retry-After; past the requests allowed in
// flight, new ones are shed at once with 503 rather than queued.
import { describe, expect, test } from 'vitest';
import { apiError } from '../src/api/contract.ts';
import type { SegmentDefinition } from '../src/domain/segment/definition.ts';
import { createApi } from './app.ts';
import { accountsAccess, fixedAccess } from './auth/access.ts';
import { Accounts } from './auth/accounts.ts';
import { argon2Passwords } from './auth/argon2.ts';
import { newToken } from './routes/auth.ts';
import { FIXTURE_AS_OF, fixtureDataset } from './fixture.ts';
import { Congestion, RATE_RULES } from './load-limits.ts';
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
    load: { inFlight: 32, queue: null, rules: RATE_RULES, now: () => now },
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
    load: { inFlight: 2, queue: null, rules: [], now: Date.now },
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

describe('a standing queue', () => {
  const target = { targetMs: 50, intervalMs: 100, confirm: 1, surge: 3, memoryMs: 0, floor: 2 };
  /** In the 100 ms interval k, two requests end, taking `ms` and `ms + 30`. */
  const endTwo = (queue: Congestion, k: number, ms: number) => {
    queue.ended(ms, k * 100 + 20);
    queue.ended(ms + 30, k * 100 + 70);
  };

  test('is told by the fastest request of an interval, and sheds only past the floor', () => {
    const queue = new Congestion(target, 0);
    queue.ended(10, 20);
    queue.ended(400, 60);
    expect(queue.sheds(5, 110)).toBe(false); // the interval's fastest took 10 ms
    queue.ended(60, 150);
    queue.ended(51, 190);
    expect(queue.sheds(5, 195)).toBe(false); // the interval is not over
    expect(queue.sheds(5, 205)).toBe(true); // every request of the interval took over 50 ms
    expect(queue.sheds(2, 216)).toBe(true);
    expect(queue.sheds(1, 217)).toBe(false); // below the floor: let in
    // One whose fastest is quick lifts it; so does one in which nothing ended.
    queue.ended(49, 250);
    expect(queue.sheds(5, 299)).toBe(true);
    expect(queue.sheds(5, 300)).toBe(false);
    queue.ended(400, 330);
    expect(queue.sheds(5, 405)).toBe(true);
    expect(queue.sheds(5, 530)).toBe(false); // nothing ended from 425 to 530
  });

  test('a pause then its backlog is no queue: only one standing for `confirm` intervals in a row', () => {
    // Intervals of 100 ms from 0; requests end within each, the check comes as the next begins.
    const queue = new Congestion({ ...target, confirm: 3 }, 0);
    const during = (k: number, ms: number) => endTwo(queue, k, ms);
    const shedsAfter = (k: number) => queue.sheds(20, (k + 1) * 100);
    during(0, 10);
    expect(shedsAfter(0)).toBe(false);
    // The process stops, then every request ends slow for two intervals (its backlog).
    during(1, 250);
    expect(shedsAfter(1)).toBe(false);
    during(2, 180);
    expect(shedsAfter(2)).toBe(false);
    during(3, 20);
    expect(shedsAfter(3)).toBe(false);
    // Slow three intervals in a row: a queue the server does not clear.
    during(4, 120);
    expect(shedsAfter(4)).toBe(false);
    during(5, 130);
    expect(shedsAfter(5)).toBe(false);
    during(6, 140);
    expect(shedsAfter(6)).toBe(true);
    expect(queue.sheds(1, 701)).toBe(false); // below the floor
    during(7, 200);
    expect(shedsAfter(7)).toBe(true);
    // One quick interval lifts it, and the count starts again.
    during(8, 40);
    expect(shedsAfter(8)).toBe(false);
    during(9, 300);
    during(10, 300);
    expect(shedsAfter(10)).toBe(false);
    // So does an interval in which nothing ended.
    expect(shedsAfter(11)).toBe(false);
    during(12, 300);
    during(13, 300);
    expect(shedsAfter(13)).toBe(false);
    during(14, 300);
    expect(shedsAfter(14)).toBe(true);
  });

  test('a burst stands after one slow interval; a pause bringing its waiting requests does not', () => {
    const queue = new Congestion({ ...target, confirm: 3 }, 0);
    /** Interval k: `arrivals` requests arrive, two end taking `ms`; the check as the next begins. */
    const during = (k: number, arrivals: number, ms: number) => {
      for (let i = 0; i < arrivals; i += 1) queue.sheds(1, k * 100 + 10 + i * (80 / arrivals));
      endTwo(queue, k, ms);
    };
    const shedsAfter = (k: number) => queue.sheds(20, (k + 1) * 100);
    // 100 intervals at 5 requests each (the check's own arrival makes 6): usual is about 5.7.
    for (let k = 0; k < 100; k += 1) during(k, 5, 10);
    expect(shedsAfter(99)).toBe(false);
    // A pause: its waiting requests arrive at once after it (12, under 3 × usual), all slow.
    during(101, 12, 300);
    expect(shedsAfter(101)).toBe(false);
    during(102, 5, 10);
    expect(shedsAfter(102)).toBe(false);
    // A burst: 20 requests (over 3 × usual), all slow: shed at once.
    during(103, 20, 300);
    expect(shedsAfter(103)).toBe(true);
    // As many requests, quick: no queue, however many.
    during(104, 40, 10);
    expect(shedsAfter(104)).toBe(false);
  });

  test('a queue that stood moments ago stands again after one slow interval', () => {
    const queue = new Congestion({ ...target, confirm: 3, memoryMs: 1_000 }, 0);
    const during = (k: number, ms: number) => endTwo(queue, k, ms);
    const shedsAfter = (k: number) => queue.sheds(20, (k + 1) * 100);
    for (const k of [0, 1]) {
      during(k, 200);
      expect(shedsAfter(k)).toBe(false);
    }
    during(2, 200);
    expect(shedsAfter(2)).toBe(true); // stood at 300
    during(3, 10); // shedding: quick
    expect(shedsAfter(3)).toBe(false);
    during(4, 200); // one slow interval, 200 ms after it stood
    expect(shedsAfter(4)).toBe(true); // stood again at 500
    during(5, 10);
    expect(shedsAfter(5)).toBe(false);
    for (let k = 6; k < 15; k += 1) during(k, 10);
    expect(shedsAfter(14)).toBe(false);
    during(15, 200); // 1,100 ms after it last stood: forgotten
    expect(shedsAfter(15)).toBe(false);
  });

  test('an interval of exactly the target is no queue; a quiet start is none either', () => {
    const queue = new Congestion(target, 1_000);
    expect(queue.sheds(30, 1_000)).toBe(false);
    expect(queue.sheds(30, 5_000)).toBe(false);
    queue.ended(50, 5_010);
    expect(queue.sheds(30, 5_100)).toBe(false);
  });
});

/** A store whose counts end when the test opens the gate. */
class GatedStore extends MemoryStore {
  private opens: (() => void)[] = [];

  open(): void {
    for (const open of this.opens.splice(0)) open();
  }

  override async segmentCountAnswer(
    definitions: readonly SegmentDefinition[],
    sample: number,
    breakdown: string | null,
  ): Promise<SegmentCountAnswer> {
    await new Promise<void>((resolve) => this.opens.push(resolve));
    return super.segmentCountAnswer(definitions, sample, breakdown);
  }
}

test('when every request waits, new ones are shed at once with 503 until one is quick again', async () => {
  let now = 0;
  const store = new GatedStore(fixtureDataset(), FIXTURE_AS_OF);
  const api = createApi(store, {
    access: fixedAccess('editor', 'Ève'),
    load: {
      inFlight: 100,
      queue: { targetMs: 50, intervalMs: 100, confirm: 1, surge: 3, memoryMs: 0, floor: 1 },
      rules: [],
      now: () => now,
    },
    logErrors: false,
  });
  const countNow = () => api.request('/api/segments/count', count);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
  const first = [countNow(), countNow()];
  await settle();
  now = 200;
  store.open();
  for (const res of await Promise.all(first)) expect(res.status).toBe(200); // 200 ms each
  const third = countNow();
  await settle();
  now = 350;
  const shed = await countNow();
  expect(shed.status).toBe(503);
  expect(shed.headers.get('retry-after')).toBe('1');
  expect(apiError.parse(await shed.json()).error.reason).toBe('overloaded');
  now = 360;
  store.open();
  expect((await third).status).toBe(200); // 160 ms: still a queue
  now = 470;
  expect((await api.request('/api/catalogue')).status).toBe(200); // none in flight: let in, quick
  now = 580;
  const again = countNow();
  await settle();
  store.open();
  expect((await again).status).toBe(200);
});
