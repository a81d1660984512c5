// Work for a request whose client went away stops: a statement running is interrupted, a wait for
// a connection ends, and the connection serves the next request.
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { detached, RequestAbandoned, withSignal } from '../request-scope.ts';
import { ConnectionPool } from './duckdb-pool.ts';

let instance: DuckDBInstance;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:', { threads: '1' });
});
afterAll(() => instance.closeSync());

/** Seconds of work for one thread: far longer than the test waits. */
const SLOW = 'SELECT sum(i * i % 7) FROM range(20000000000) t(i)';

test('a statement of a request whose client goes away is interrupted at once', async () => {
  const pool = new ConnectionPool(instance, 1);
  const gone = new AbortController();
  const started = performance.now();
  const work = withSignal(gone.signal, () => pool.use((c) => c.run(SLOW)));
  setTimeout(() => gone.abort(), 200);
  await expect(work).rejects.toBeInstanceOf(RequestAbandoned);
  expect(performance.now() - started).toBeLessThan(3_000);
  // The connection is free again and answers the next request.
  const reader = await pool.use((c) => c.runAndReadAll('SELECT 42 AS n'));
  expect(reader.getRowObjects()).toEqual([{ n: 42 }]);
  pool.close();
}, 20_000);

test('a request that goes away while it waits for a connection leaves the queue', async () => {
  const pool = new ConnectionPool(instance, 1);
  let release: () => void = () => undefined;
  let holds: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (holds = resolve));
  const holding = pool.use(
    () =>
      new Promise<void>((resolve) => {
        release = resolve;
        holds();
      }),
  );
  await held;
  const gone = new AbortController();
  const waiting = withSignal(gone.signal, () => pool.use(() => Promise.resolve('never')));
  const next = pool.use((c) => c.runAndReadAll('SELECT 1 AS one').then((r) => r.getRowObjects()));
  gone.abort();
  await expect(waiting).rejects.toBeInstanceOf(RequestAbandoned);
  release();
  await holding;
  // The connection went to the request still waiting, not to the one that left.
  expect(await next).toEqual([{ one: 1 }]);
  pool.close();
});

test('a request already gone gets no connection at all', async () => {
  const pool = new ConnectionPool(instance, 1);
  const gone = new AbortController();
  gone.abort();
  let ran = false;
  await expect(
    withSignal(gone.signal, () =>
      pool.use(async () => {
        ran = true;
      }),
    ),
  ).rejects.toBeInstanceOf(RequestAbandoned);
  expect(ran).toBe(false);
  pool.close();
});

test('work shared by every request (detached) goes on when the request that started it leaves', async () => {
  const pool = new ConnectionPool(instance, 1);
  const gone = new AbortController();
  const shared = withSignal(gone.signal, () =>
    detached(() =>
      pool.use((c) =>
        c
          .runAndReadAll('SELECT count(*)::INTEGER AS n FROM range(30000000)')
          .then((r) => r.getRowObjects()),
      ),
    ),
  );
  gone.abort();
  expect(await shared).toEqual([{ n: 30_000_000 }]);
  pool.close();
});
