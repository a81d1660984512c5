// The DuckDB store is held to the memory store: for the same dataset, every method answers the same
// JSON (values, nulls, number types and key order).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { VALID_EMAIL_PATTERN, isValidEmail } from '../../src/domain/profile/catalogue.ts';
import type { Dataset } from '../../src/domain/profile/schema.ts';
import { decodeTimelineCursor, timelineKinds } from '../../src/domain/profile/timeline.ts';
import { FIXTURE_AS_OF, fixtureDataset } from '../fixture.ts';
import type { ProfileStore } from '../store.ts';
import { edgeDataset } from './duckdb-edge-fixture.ts';
import { JS_SPACE, PHONE_PUNCTUATION } from './duckdb-search.ts';
import { queryRows } from './duckdb-values.ts';
import {
  SCHEMA_VERSION,
  loadDataset,
  openDuckDbStore,
  readMeta,
  type DuckDbStore,
} from './duckdb.ts';
import { MemoryStore } from './memory.ts';
import { profileOf, timelineOf } from '../customer-reads.ts';

/** Equal as values, and as JSON text (so key order and number types too). */
function same(actual: unknown, expected: unknown): void {
  expect(actual).toStrictEqual(expected);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
}

async function pages(
  store: ProfileStore,
  id: string,
  limit: number,
  channels: readonly string[],
  kinds: readonly string[],
) {
  const out = [];
  let after = null;
  for (let i = 0; i < 1000; i += 1) {
    const page = await timelineOf(store, id, { after, limit, channels, kinds });
    out.push(page);
    if (page?.next_cursor == null) break;
    after = decodeTimelineCursor(page.next_cursor);
  }
  return out;
}

async function inBatches<T>(items: readonly T[], size: number, run: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

const subsets = <T>(items: readonly T[]): T[][] =>
  items.reduce<T[][]>((acc, item) => [...acc, ...acc.map((s) => [...s, item])], [[]]);

const QUERIES = [
  'fid0012345678',
  'FID0012345678',
  '+33612345678',
  '06 12 34 56 78',
  '0033612345678',
  '+33 6 12 34 56 78',
  '0612345678',
  '06 12 34 56 78',
  '(06)12-34.56 78',
  'marchand',
  'Olivier Marchand',
  'olivier.marchand@',
  'c0000003',
  'C0000004',
  'c-lower_5',
  'dev-shared-1',
  'orphan-card',
  'ana@example.fr',
  'ana',
  'an',
  'ébène',
  'ÉBÈNE',
  "d'ébène",
  "@d'ébène",
  '100%',
  '100%_sure',
  '%',
  '%%',
  '_',
  "'",
  "''",
  '\\',
  'back\\slash',
  '🦆',
  'zoë 🦆',
  'zoe@',
  '<img',
  "'; DROP TABLE customers; --",
  'a'.repeat(200),
  'é'.repeat(200),
  '',
  ' ',
  '  marchand  ',
  'null',
  '\u00a0',
  '*',
  '.*',
  '[a-z]',
  '$1',
  '?',
];

async function expectSameEverywhere(data: Dataset, memory: MemoryStore, duck: DuckDbStore) {
  same(await duck.customerCount(), await memory.customerCount());
  const ids = [...data.customers.map((c) => c.customer_id), 'C9999999', 'C0000009', "'", '%'];
  for (const id of ids) {
    same(await profileOf(duck, id), await profileOf(memory, id));
    const full = { after: null, limit: 500, channels: [], kinds: [] };
    same(await timelineOf(duck, id, full), await timelineOf(memory, id, full));
  }
  for (const q of QUERIES) {
    for (const limit of [1, 2, 20])
      same(await duck.search(q, limit), await memory.search(q, limit));
  }
  same(await duck.catalogue(), await memory.catalogue());
}

describe('DuckDB store = memory store, over the fixture', () => {
  const data = fixtureDataset();
  const memory = new MemoryStore(data, FIXTURE_AS_OF);
  let duck: DuckDbStore;
  beforeAll(async () => {
    duck = await openDuckDbStore({ path: ':memory:' });
    await loadDataset(duck, data, { asOf: FIXTURE_AS_OF });
  });
  afterAll(() => duck.close());

  test('meta, kind and as-of', async () => {
    expect(duck.kind).toBe('duckdb');
    expect(duck.asOf).toBe(FIXTURE_AS_OF);
    expect(await readMeta(duck)).toEqual({
      as_of: FIXTURE_AS_OF,
      seed: null,
      customers: 3,
      schema_version: SCHEMA_VERSION,
    });
  });

  test('profiles, full timelines, searches and the catalogue', async () => {
    await expectSameEverywhere(data, memory, duck);
  });

  test('timeline pages for every kind filter, channel filter and limit 1..5', async () => {
    const channelFilters = [
      [],
      ...['web', 'app', 'store', 'call_centre', 'email', 'sms', 'push', 'social'].map((c) => [c]),
      ['web', 'store'],
      ['email', 'social', 'app'],
      ['fax'],
    ];
    const walks: [string, string[], string[], number][] = [];
    for (const c of data.customers) {
      for (const channels of channelFilters) {
        for (const limit of [1, 2, 3, 4, 5]) walks.push([c.customer_id, channels, [], limit]);
      }
      // Every kind filter (and one naming an unknown kind); the richest customer also with a
      // channel filter on top, the others page by page.
      const rich = c.customer_id === 'C0000001';
      for (const kinds of [...subsets(timelineKinds), ['order', 'nope']]) {
        if (kinds.length === 0) continue;
        for (const channels of rich ? [[], ['web', 'store']] : [[]]) {
          for (const limit of rich ? [2, 5] : [1])
            walks.push([c.customer_id, channels, kinds, limit]);
        }
      }
    }
    // Four walks at a time: the store's connection pool serves them concurrently.
    await inBatches(walks, 4, async ([id, channels, kinds, limit]) => {
      same(
        await pages(duck, id, limit, channels, kinds),
        await pages(memory, id, limit, channels, kinds),
      );
    });
  });

  test('cursors that fall between entries, past the end or belong to someone else', async () => {
    const keys = [
      { at: '2026-10-02T00:00:00.000Z', kind: 'order' as const, id: 'O0000001' },
      { at: '2026-10-01T15:00:00.000Z', kind: 'event' as const, id: 'E0000005' },
      { at: '2026-10-01T15:00:00.000Z', kind: 'message' as const, id: 'A' },
      { at: '2000-01-01T00:00:00.000Z', kind: 'consent' as const, id: 'K' },
      { at: '2099-01-01T00:00:00.000Z', kind: 'order' as const, id: 'Z' },
    ];
    for (const after of keys) {
      for (const id of ['C0000001', 'C0000002', 'C0000003', 'C9999999']) {
        const request = { after, limit: 3, channels: [], kinds: [] };
        same(await timelineOf(duck, id, request), await timelineOf(memory, id, request));
      }
    }
  });
});

describe('DuckDB store = memory store, over rows built to trip SQL up', () => {
  const data = edgeDataset();
  const memory = new MemoryStore(data, FIXTURE_AS_OF);
  let duck: DuckDbStore;
  beforeAll(async () => {
    duck = await openDuckDbStore({ path: ':memory:' });
    await loadDataset(duck, data, { asOf: FIXTURE_AS_OF, seed: 7 });
  });
  afterAll(() => duck.close());

  test('profiles, full timelines, searches and the catalogue', async () => {
    await expectSameEverywhere(data, memory, duck);
  });

  test('ties in the timeline page the same way', async () => {
    for (const limit of [1, 2, 3, 7]) {
      for (const kinds of [[], ['order', 'event'], ['consent', 'message', 'offer_response']]) {
        same(
          await pages(duck, 'C0000004', limit, [], kinds),
          await pages(memory, 'C0000004', limit, [], kinds),
        );
      }
    }
  });

  test("the SQL whitespace class is JavaScript's \\s, code point for code point", async () => {
    const rows = await queryRows(
      duck.connection,
      `SELECT list(i::INTEGER ORDER BY i) AS cps FROM range(0, 65536) t(i)
       WHERE (i < 55296 OR i > 57343) AND regexp_matches(chr(i::INTEGER), '^[${JS_SPACE}]$')`,
    );
    const js: number[] = [];
    for (let i = 0; i < 65536; i += 1)
      if ((i < 0xd800 || i > 0xdfff) && /\s/.test(String.fromCharCode(i))) js.push(i);
    expect(String(rows[0]?.cps)).toBe(`[${js.join(', ')}]`);
    expect(PHONE_PUNCTUATION).toContain(JS_SPACE);
  });

  test('email validity agrees with isValidEmail on awkward strings', async () => {
    const samples = [
      'a@b.c',
      'a b@c.d',
      'a\u00a0b@c.d',
      'a@b',
      '@b.c',
      'a@@b.c',
      'a@b.c\n',
      'é@ü.fr',
      'a@b.c ',
      '',
    ];
    for (const s of samples) {
      const pattern = VALID_EMAIL_PATTERN.replaceAll('\\s', JS_SPACE);
      const [row] = await queryRows(
        duck.connection,
        `SELECT regexp_matches($1, '${pattern}') AS ok`,
        [s],
      );
      expect([s, row?.ok]).toEqual([s, isValidEmail(s)]);
    }
  });
});

describe('DuckDB store on disk', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tact-duckdb-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a reopened file serves the same data without reseeding', async () => {
    const file = path.join(dir, 'tact.duckdb');
    const data = fixtureDataset();
    const first = await openDuckDbStore({ path: file });
    expect(await readMeta(first)).toBeNull();
    await loadDataset(first, data, { asOf: FIXTURE_AS_OF, seed: 42 });
    const profile = await profileOf(first, 'C0000001');
    await first.close();
    expect(existsSync(file)).toBe(true);

    const second = await openDuckDbStore({ path: file });
    expect(await readMeta(second)).toEqual({
      as_of: FIXTURE_AS_OF,
      seed: 42,
      customers: 3,
      schema_version: SCHEMA_VERSION,
    });
    expect(second.asOf).toBe(FIXTURE_AS_OF);
    same(await profileOf(second, 'C0000001'), profile);
    same(await second.catalogue(), await new MemoryStore(data, FIXTURE_AS_OF).catalogue());
    await second.close();
    await expect(profileOf(second, 'C0000001')).rejects.toThrow(/closed/);
  });

  test('closing waits for the reads under way', async () => {
    const store = await openDuckDbStore({ path: ':memory:', connections: 2 });
    await loadDataset(store, fixtureDataset(), { asOf: FIXTURE_AS_OF });
    const reads = ['C0000001', 'C0000002', 'C0000003', 'C0000001', 'C0000002'].map((id) =>
      timelineOf(store, id, { after: null, limit: 50, channels: [], kinds: [] }),
    );
    const closing = store.close();
    const pages = await Promise.all(reads);
    await closing;
    expect(pages.map((p) => p?.total)).toEqual([12, 3, 0, 12, 3]);
    await expect(store.search('olivier', 5)).rejects.toThrow(/closed/);
  });

  test('a file loaded with another table layout counts as not loaded', async () => {
    const file = path.join(dir, 'old.duckdb');
    const store = await openDuckDbStore({ path: file });
    await loadDataset(store, fixtureDataset(), { asOf: FIXTURE_AS_OF, seed: 3 });
    await store.connection.run('UPDATE meta SET schema_version = schema_version + 1');
    expect(await readMeta(store)).toBeNull();
    await store.close();
  });

  test('loading again replaces the data', async () => {
    const file = path.join(dir, 'replace.duckdb');
    const store = await openDuckDbStore({ path: file });
    await loadDataset(store, edgeDataset(), { asOf: FIXTURE_AS_OF, seed: 1 });
    expect(await store.customerCount()).toBe(5);
    await loadDataset(store, fixtureDataset(), { asOf: '2026-12-01T00:00:00.000Z', seed: 2 });
    expect(await store.customerCount()).toBe(3);
    expect(store.asOf).toBe('2026-12-01T00:00:00.000Z');
    expect((await readMeta(store))?.seed).toBe(2);
    await store.close();
  });
});
