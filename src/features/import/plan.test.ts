import { describe, expect, test } from 'vitest';
import { chunksOf, fileNames, planFiles, withFiles } from './plan.ts';

const named = (...names: string[]) => names.map((name) => ({ name }));

describe('planFiles', () => {
  test('each file fills the table it is named after, in the layout’s order', () => {
    const plan = planFiles(named('orders.parquet', 'customers.csv', 'campaigns.csv'), null);
    expect(plan.files.map((f) => [f.name, f.table, f.problem])).toEqual([
      ['customers.csv', 'customers', null],
      ['orders.parquet', 'orders', null],
      ['campaigns.csv', 'campaigns', null],
    ]);
    expect(plan.ready).toBe(true);
  });

  test('a file no table takes, a second file for a table, and other files set aside', () => {
    const plan = planFiles(named('orders.csv', 'notes.txt', 'ORDERS.csv', 'orders.parquet'), null);
    expect(plan.files.map((f) => [f.name, f.table, f.problem])).toEqual([
      ['orders.csv', 'orders', null],
      ['orders.parquet', 'orders', 'twice'],
      ['ORDERS.csv', null, 'unknown'],
    ]);
    expect(plan.ignored).toEqual(['notes.txt']);
    expect(plan.ready).toBe(false);
    expect(planFiles([], null).ready).toBe(false);
  });

  test('a mapping’s file names take the place of the tables’', () => {
    const mapping = { tables: { orders: { file: 'commandes' }, customers: {} } };
    expect([...fileNames(mapping)].slice(0, 8)).toContainEqual(['commandes', 'orders']);
    const plan = planFiles(named('commandes.csv', 'orders.csv', 'customers.csv'), mapping);
    expect(plan.files.map((f) => [f.name, f.table])).toEqual([
      ['customers.csv', 'customers'],
      ['commandes.csv', 'orders'],
      ['orders.csv', null],
    ]);
    // A mapping the server will refuse still names files as it can.
    expect(fileNames({ tables: 'nope' }).get('orders')).toBe('orders');
    expect(fileNames(null).size).toBe(17);
    expect(fileNames(null).get('source_records')).toBe('source_records');
  });
});

test('a file chosen again replaces the one of the same name', () => {
  const first = [
    { name: 'a.csv', v: 1 },
    { name: 'b.csv', v: 1 },
  ];
  expect(withFiles(first, [{ name: 'a.csv', v: 2 }])).toEqual([
    { name: 'b.csv', v: 1 },
    { name: 'a.csv', v: 2 },
  ]);
});

test('chunks cover a file from where the server’s copy ends, none past its end', () => {
  expect(chunksOf(10, 0, 4)).toEqual([
    [0, 4],
    [4, 8],
    [8, 10],
  ]);
  expect(chunksOf(10, 6, 4)).toEqual([[6, 10]]);
  expect(chunksOf(10, 10, 4)).toEqual([]);
  expect(chunksOf(0, 0, 4)).toEqual([]);
});
