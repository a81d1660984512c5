// The import layout end to end: the generated demo written as files and imported into an empty
// store gives back every row (CSV and Parquet), importing again changes nothing, and a broken copy
// is reported file by file and line by line while the store keeps what it had.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_AS_OF, generateDataset } from '../../mocks/seed/index.ts';
import type { SegmentDefinition } from '../../src/domain/segment/definition.ts';
import { loadDataset, openDuckDbStore, type DuckDbStore } from '../stores/duckdb.ts';
import { exportTables, layoutSelect, pathLiteral } from './export.ts';
import { IMPORT_TABLES, looksLikeFormula } from './layout.ts';
import { importMapping } from './mapping.ts';
import { normalInstant } from './read.ts';
import { importDirectory } from './run.ts';

const dir = mkdtempSync(join(tmpdir(), 'tact-import-'));
let seeded: DuckDbStore;

/** Every import table's rows in the layout's form. */
async function rowsOf(store: DuckDbStore): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of IMPORT_TABLES) {
    const reader = await store.connection.runAndReadAll(layoutSelect(table));
    out[table] = JSON.stringify(reader.getRowsJson());
  }
  return out;
}

const buyers: SegmentDefinition = {
  version: 1,
  root: {
    id: 'root',
    kind: 'group',
    negate: false,
    combinator: 'and',
    children: [
      {
        id: 'b',
        kind: 'behaviour',
        negate: false,
        action: { type: 'order' },
        count: { operator: 'at_least', value: 2 },
        window: { type: 'last_days', days: 365 },
        filters: [],
      },
    ],
  },
};

beforeAll(async () => {
  seeded = await openDuckDbStore({ path: ':memory:' });
  const { dataset } = generateDataset({ seed: 7, customers: 120, asOf: DEMO_AS_OF });
  await loadDataset(seeded, dataset, { asOf: DEMO_AS_OF, seed: 7 });
  await exportTables(seeded.connection, join(dir, 'csv'), 'csv');
  await exportTables(seeded.connection, join(dir, 'parquet'), 'parquet');
}, 120_000);
afterAll(async () => {
  await seeded.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a round trip', () => {
  test.each(['csv', 'parquet'])(
    'the %s files imported into an empty store give back every row and count',
    async (format) => {
      const store = await openDuckDbStore({ path: ':memory:' });
      try {
        const report = await importDirectory(store, join(dir, format), { asOf: DEMO_AS_OF });
        expect(report.problems).toEqual([]);
        expect(report.committed).toBe(true);
        for (const f of report.files) expect(f.rejected).toBe(0);
        expect(report.files.find((f) => f.table === 'customers')?.accepted).toBe(120);
        const expected = await rowsOf(seeded);
        expect(await rowsOf(store)).toEqual(expected);
        expect(await store.segmentCounts([buyers])).toEqual(await seeded.segmentCounts([buyers]));
        const [customer] = await store.segmentSample(buyers, 1);
        expect(customer).toBeDefined();
        if (customer !== undefined)
          expect(await store.history(customer.customer_id)).toEqual(
            await seeded.history(customer.customer_id),
          );
        // The sending platform's campaigns are campaign documents, as the seeded store's.
        const ids = async (s: DuckDbStore) =>
          (await s.documents.list('campaign')).map((d) => d.id).sort();
        expect(await ids(store)).toEqual(await ids(seeded));
        expect((await ids(store)).length).toBeGreaterThan(0);
        // The same files again: nothing changes.
        const again = await importDirectory(store, join(dir, format), { asOf: DEMO_AS_OF });
        expect(again.committed).toBe(true);
        expect(await rowsOf(store)).toEqual(expected);
      } finally {
        await store.close();
      }
    },
    120_000,
  );
});

/** Replaces line `n` (1-based) of `file` by what `edit` makes of it. */
function editLine(file: string, n: number, edit: (line: string) => string): void {
  const lines = readFileSync(file, 'utf8').split('\n');
  lines[n - 1] = edit(lines[n - 1] ?? '');
  writeFileSync(file, lines.join('\n'));
}

test('a broken copy: every problem with its file and line, and the store as it was', async () => {
  const broken = join(dir, 'broken');
  cpSync(join(dir, 'csv'), broken, { recursive: true });
  // A wrong date (orders, line 3), a formula (customers, line 4), an order line pointing at no
  // order (line 2), a duplicate event (the last line repeats line 2), an unknown column (stores),
  // a missing required column (offers), invalid UTF-8 (messages, line 5), a bad number (line 6 of
  // order_lines).
  editLine(join(broken, 'orders.csv'), 3, (l) =>
    l.replace(/,\d{4}-\d{2}-\d{2}T[^,]*Z,/, ',2026-13-45T25:00:00Z,'),
  );
  editLine(join(broken, 'customers.csv'), 4, (l) => l.replace(/^([^,]*),[^,]*,/, '$1,=1+2,'));
  editLine(join(broken, 'order_lines.csv'), 2, (l) => l.replace(/^[^,]*,/, 'O-NOWHERE,'));
  editLine(join(broken, 'order_lines.csv'), 6, (l) => l.replace(/^([^,]*,)[^,]*,/, '$1two,'));
  const events = readFileSync(join(broken, 'events.csv'), 'utf8').trimEnd().split('\n');
  writeFileSync(join(broken, 'events.csv'), [...events, events[1] ?? ''].join('\n') + '\n');
  editLine(join(broken, 'stores.csv'), 1, (l) => `${l},manager`);
  const stores = readFileSync(join(broken, 'stores.csv'), 'utf8').trimEnd().split('\n');
  writeFileSync(
    join(broken, 'stores.csv'),
    [stores[0], ...stores.slice(1).map((l) => `${l},X`)].join('\n') + '\n',
  );
  const offers = readFileSync(join(broken, 'offers.csv'), 'utf8').trimEnd().split('\n');
  writeFileSync(
    join(broken, 'offers.csv'),
    offers.map((l) => l.replace(/^([^,]*),[^,]*,/, '$1,')).join('\n') + '\n',
  );
  const messages = readFileSync(join(broken, 'messages.csv'));
  const fifth = messages.toString('latin1').split('\n').slice(0, 4).join('\n').length + 1;
  writeFileSync(
    join(broken, 'messages.csv'),
    Buffer.concat([
      messages.subarray(0, fifth),
      Buffer.from([0xff, 0xfe]),
      messages.subarray(fifth),
    ]),
  );

  const store = await openDuckDbStore({ path: ':memory:' });
  try {
    expect((await importDirectory(store, join(dir, 'csv'), { asOf: DEMO_AS_OF })).committed).toBe(
      true,
    );
    const before = await rowsOf(store);
    const report = await importDirectory(store, broken, { asOf: DEMO_AS_OF });
    expect(report.committed).toBe(false);
    const found = (file: string, line: number | null, column: string | null) =>
      report.problems.filter((p) => p.file === file && p.line === line && p.column === column);
    expect(found('orders.csv', 3, 'placed_at')).toHaveLength(1);
    expect(found('customers.csv', 4, 'first_name')[0]?.message).toMatch(/formula/);
    expect(found('order_lines.csv', 2, 'order_id')[0]?.message).toMatch(/O-NOWHERE/);
    expect(found('order_lines.csv', 6, 'line_no')[0]?.message).toMatch(/two/);
    expect(found('events.csv', events.length + 1, 'event_id')[0]?.message).toMatch(/earlier/);
    expect(found('stores.csv', 1, 'manager')[0]?.message).toMatch(/Unknown column/);
    expect(found('offers.csv', 1, 'title')[0]?.message).toMatch(/required column/);
    expect(report.problems.filter((p) => p.file === 'messages.csv').map((p) => p.line)).toContain(
      5,
    );
    const orders = report.files.find((f) => f.table === 'orders');
    expect(orders?.rejected).toBe(1);
    expect(orders?.accepted).toBe((orders?.read ?? 0) - 1);
    expect(await rowsOf(store)).toEqual(before);
  } finally {
    await store.close();
  }
}, 120_000);

test.each([
  ['=1+2', true],
  ['+HYPERLINK("x")', true],
  ['-2+3+cmd', true],
  ['@SUM(1+1)', true],
  ['  =A1', true],
  ['@marie_dupont', false],
  ['+33 6 12 34 56 78', false],
  ['-', false],
  ['Marie', false],
])('%j looks like a formula: %s', (text, expected) => {
  expect(looksLikeFormula(text)).toBe(expected);
});

test('a mapping file renames a file and its columns and translates values', async () => {
  const mapped = join(dir, 'mapped');
  cpSync(join(dir, 'csv'), mapped, { recursive: true });
  // The orders as another system writes them: commandes.csv, "id_commande", "canal" in French.
  const french = new Map([
    ['web', 'site'],
    ['app', 'appli'],
    ['store', 'magasin'],
    ['call_centre', 'service_client'],
  ]);
  const lines = readFileSync(join(mapped, 'orders.csv'), 'utf8').trimEnd().split('\n');
  const [head = '', ...rows] = lines;
  const columns = head.split(',');
  const channel = columns.indexOf('channel');
  const renamed = columns.map((c) =>
    c === 'order_id' ? 'id_commande' : c === 'channel' ? 'canal' : c,
  );
  const translated = rows.map((row) => {
    const cells = row.split(',');
    cells[channel] = french.get(cells[channel] ?? '') ?? '';
    return cells.join(',');
  });
  rmSync(join(mapped, 'orders.csv'));
  writeFileSync(
    join(mapped, 'commandes.csv'),
    [renamed.join(','), ...translated].join('\n') + '\n',
  );
  const mapping = importMapping.parse({
    tables: {
      orders: {
        file: 'commandes',
        columns: { order_id: 'id_commande', channel: 'canal' },
        values: {
          channel: Object.fromEntries([...french].map(([ours, theirs]) => [theirs, ours])),
        },
      },
    },
  });
  const store = await openDuckDbStore({ path: ':memory:' });
  try {
    const report = await importDirectory(store, mapped, { asOf: DEMO_AS_OF, mapping });
    expect(report.problems).toEqual([]);
    expect(report.files.find((f) => f.table === 'orders')?.file).toBe('commandes.csv');
    expect(await rowsOf(store)).toEqual(await rowsOf(seeded));
  } finally {
    await store.close();
  }
}, 120_000);

test('a mapping naming what the layout does not have is refused with where', () => {
  const refused = importMapping.safeParse({
    tables: { commandes: {}, orders: { columns: { numero: 'x' }, values: { total_cents: {} } } },
  });
  expect(refused.success).toBe(false);
  expect(refused.error?.issues.map((i) => i.path.join('.'))).toEqual([
    'tables.commandes',
    'tables.orders.columns.numero',
    'tables.orders.values.total_cents',
  ]);
});

test('a newer drop: an order of a known customer, and an order sent again with fewer lines', async () => {
  const store = await openDuckDbStore({ path: ':memory:' });
  const drop = join(dir, 'drop');
  try {
    expect((await importDirectory(store, join(dir, 'csv'), { asOf: DEMO_AS_OF })).committed).toBe(
      true,
    );
    const lineCount = async (orderId: string) =>
      Number(
        (
          await store.connection.runAndReadAll(
            `SELECT count(*)::INTEGER AS n FROM order_lines WHERE order_id = '${orderId}'`,
          )
        ).getRowObjects()[0]?.n ?? -1,
      );
    const orders = readFileSync(join(dir, 'csv', 'orders.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    const lines = readFileSync(join(dir, 'csv', 'order_lines.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    // An order with two lines or more, sent again with its first line only.
    const byOrder = new Map<string, string[]>();
    for (const l of lines.slice(1)) {
      const orderId = l.split(',')[0] ?? '';
      byOrder.set(orderId, [...(byOrder.get(orderId) ?? []), l]);
    }
    const [again = '', kept = []] = [...byOrder].find(([, ls]) => ls.length >= 2) ?? [];
    expect(await lineCount(again)).toBeGreaterThanOrEqual(2);
    const resent = orders.find((o) => o.startsWith(`${again},`)) ?? '';
    // A new order of the first customer, with one line.
    const [first = ''] = orders.slice(1);
    const fresh = first.replace(/^[^,]*,/, 'O-NEW-1,');
    const freshLine = (kept[0] ?? '').replace(/^[^,]*,/, 'O-NEW-1,');
    mkdirSync(drop, { recursive: true });
    writeFileSync(join(drop, 'orders.csv'), [orders[0], resent, fresh].join('\n') + '\n');
    writeFileSync(
      join(drop, 'order_lines.csv'),
      [lines[0], kept[0] ?? '', freshLine].join('\n') + '\n',
    );
    const report = await importDirectory(store, drop, { asOf: DEMO_AS_OF });
    expect(report.problems).toEqual([]);
    expect(report.committed).toBe(true);
    expect(await lineCount(again)).toBe(1);
    expect(await lineCount('O-NEW-1')).toBe(1);
    const customers = await store.connection.runAndReadAll(
      'SELECT count(*)::INTEGER AS n FROM customers',
    );
    expect(customers.getRowObjects()[0]?.n).toBe(120);
  } finally {
    await store.close();
  }
}, 120_000);

test('a line the reader refuses twice still leaves the lines after it where they are', async () => {
  const store = await openDuckDbStore({ path: ':memory:' });
  const twice = join(dir, 'twice');
  cpSync(join(dir, 'csv'), twice, { recursive: true });
  // Line 3: two values that are no numbers; line 10: a formula.
  editLine(join(twice, 'order_lines.csv'), 3, (l) => {
    const cells = l.split(',');
    return [cells[0], 'two', cells[2], 'x', ...cells.slice(4)].join(',');
  });
  editLine(join(twice, 'customers.csv'), 10, (l) => l.replace(/^([^,]*),[^,]*,/, '$1,=1+2,'));
  editLine(join(twice, 'order_lines.csv'), 10, (l) => l.replace(/^[^,]*,/, 'O-NOWHERE,'));
  try {
    const report = await importDirectory(store, twice, { asOf: DEMO_AS_OF });
    const at = (file: string) => report.problems.filter((p) => p.file === file).map((p) => p.line);
    expect(new Set(at('order_lines.csv'))).toEqual(new Set([3, 10]));
    expect(report.files.find((f) => f.table === 'order_lines')?.rejected).toBe(2);
    const read = readFileSync(join(twice, 'order_lines.csv'), 'utf8').trimEnd().split('\n');
    expect(report.files.find((f) => f.table === 'order_lines')?.read).toBe(read.length - 1);
  } finally {
    await store.close();
  }
}, 120_000);

test('a Parquet value that does not fit its column is reported, not rounded or dropped', async () => {
  const store = await openDuckDbStore({ path: ':memory:' });
  const parquet = join(dir, 'parquet-bad');
  cpSync(join(dir, 'parquet'), parquet, { recursive: true });
  try {
    const orders = pathLiteral(join(parquet, 'orders.parquet'));
    await store.connection.run(
      `COPY (SELECT * REPLACE (CASE WHEN row_number() OVER () = 2 THEN total_cents + 0.5
                                    ELSE total_cents END AS total_cents)
               FROM read_parquet(${orders})) TO ${pathLiteral(join(parquet, 'fixed.parquet'))} (FORMAT parquet)`,
    );
    rmSync(join(parquet, 'orders.parquet'));
    cpSync(join(parquet, 'fixed.parquet'), join(parquet, 'orders.parquet'));
    rmSync(join(parquet, 'fixed.parquet'));
    const report = await importDirectory(store, parquet, { asOf: DEMO_AS_OF });
    expect(report.committed).toBe(false);
    expect(
      report.problems.filter((p) => p.file === 'orders.parquet' && p.column === 'total_cents'),
    ).toHaveLength(1);
  } finally {
    await store.close();
  }
}, 120_000);

test('a mapping giving one file column to two of ours is refused', () => {
  const refused = importMapping.safeParse({
    tables: { customers: { columns: { first_name: 'name', last_name: 'name' } } },
  });
  expect(refused.error?.issues.map((i) => i.path.join('.'))).toEqual([
    'tables.customers.columns.last_name',
  ]);
});

test('a directory without any file of the layout is refused', async () => {
  const store = await openDuckDbStore({ path: ':memory:' });
  const empty = join(dir, 'empty');
  mkdirSync(empty, { recursive: true });
  cpSync(join(dir, 'csv', 'stores.csv'), join(empty, 'README.csv'));
  try {
    const report = await importDirectory(store, empty, { asOf: DEMO_AS_OF });
    expect(report.committed).toBe(false);
    expect(report.problems[0]?.message).toMatch(/No file of the layout/);
  } finally {
    await store.close();
  }
});

test('an instant is one of the calendar: no 30 February, no 24 o’clock, offsets within ±14:59', () => {
  expect(normalInstant('2026-11-16T10:30:00+01:00')).toBe('2026-11-16T09:30:00.000Z');
  expect(normalInstant('2024-02-29T23:59:59.5Z')).toBe('2024-02-29T23:59:59.500Z');
  for (const wrong of [
    '2026-02-30T10:00:00Z',
    '2025-02-29T10:00:00Z',
    '2026-04-31T10:00:00Z',
    '2026-13-01T10:00:00Z',
    '2026-11-16T24:00:00Z',
    '2026-11-16T10:60:00Z',
    '2026-11-16T10:00:60Z',
    '2026-11-16T10:00:00+15:00',
    '2026-11-16T10:00:00+01:60',
    '2026-11-16T10:00:00',
    '2026-11-16',
  ])
    expect(normalInstant(wrong), wrong).toBeNull();
});
