// The ClickHouse store on chDB: the demo in the import layout, loaded into ClickHouse's tables,
// gives back every customer's history exactly as the DuckDB store holding the same demo does —
// the rows, their order, the references resolved, a scope applied.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEMO_AS_OF, generateDataset } from '../../mocks/seed/index.ts';
import type { Dataset } from '../../src/domain/profile/schema.ts';
import { exportTables } from '../import/export.ts';
import { chdbRunner, type ChdbRunner } from './chdb-runner.ts';
import { loadLayout, readHistories, readReference } from './clickhouse.ts';
import { loadClickHouse } from './clickhouse-load.ts';
import { loadDataset, openDuckDbStore, type DuckDbStore } from './duckdb.ts';

const dir = mkdtempSync(join(tmpdir(), 'tact-clickhouse-'));
let duck: DuckDbStore;
let ch: ChdbRunner;
let dataset: Dataset;

beforeAll(async () => {
  ({ dataset } = generateDataset({ seed: 11, customers: 200, asOf: DEMO_AS_OF }));
  duck = await openDuckDbStore({ path: ':memory:' });
  await loadDataset(duck, dataset, { asOf: DEMO_AS_OF, seed: 11 });
  await exportTables(duck.connection, dir, 'csv');
  ch = chdbRunner();
}, 120_000);
afterAll(async () => {
  ch.close();
  await duck.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the import layout loads into ClickHouse: every row of every table', async () => {
  const loaded = await loadLayout(ch, dir);
  expect(loaded.customers).toBe(dataset.customers.length);
  expect(loaded.orders).toBe(dataset.orders.length);
  expect(loaded.order_lines).toBe(dataset.order_lines.length);
  expect(loaded.events).toBe(dataset.events.length);
  expect(loaded.identities).toBe(dataset.identities.length);
  expect(loaded.holdouts).toBe(dataset.holdouts.length);
}, 120_000);

test('every customer’s history from ClickHouse is the one DuckDB gives', async () => {
  const reference = await readReference(ch);
  const ids = dataset.customers.map((c) => c.customer_id);
  const fromClickHouse = await readHistories(ch, ids, reference);
  expect(fromClickHouse.map((h) => h.customer.customer_id)).toEqual(ids);
  for (const h of fromClickHouse)
    expect(h, h.customer.customer_id).toEqual(await duck.history(h.customer.customer_id));
  // A customer no store holds is not invented.
  expect(await readHistories(ch, ['C9999999'], reference)).toEqual([]);
}, 120_000);

test('a scope cuts the same rows in both stores', async () => {
  const reference = await readReference(ch);
  const scope = { tables: ['orders', 'events'] as const, since: '2026-06-01T00:00:00.000Z' };
  const ids = dataset.customers.slice(0, 40).map((c) => c.customer_id);
  for (const h of await readHistories(ch, ids, reference, { ...scope, tables: [...scope.tables] }))
    expect(h).toEqual(
      await duck.history(h.customer.customer_id, { ...scope, tables: [...scope.tables] }),
    );
}, 60_000);

test('a load replaces the rows and keeps the tables as they were made', async () => {
  // An operator's table (here a comment; on a cluster, its engine and Distributed table) is kept.
  await ch.run("ALTER TABLE customers MODIFY COMMENT 'made by the operator'");
  const once = await loadClickHouse(ch, dir, DEMO_AS_OF);
  const twice = await loadClickHouse(ch, dir, DEMO_AS_OF);
  expect(twice).toEqual(once);
  expect(twice.customers).toBe(dataset.customers.length);
  const [comment] = await ch.rows("SELECT comment FROM system.tables WHERE name = 'customers'");
  expect(comment?.comment).toBe('made by the operator');
  const reference = await readReference(ch);
  const [first] = await readHistories(ch, [dataset.customers[0]?.customer_id ?? ''], reference);
  expect(first).toEqual(await duck.history(dataset.customers[0]?.customer_id ?? ''));
}, 120_000);
