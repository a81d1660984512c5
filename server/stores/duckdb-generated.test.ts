// The DuckDB store against the memory store over the demo generator's data (mocks/seed): 2,000
// customers with the planted stories, faults and heavy histories.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TimelineResponse } from '../../src/api/contract.ts';
import type { Dataset } from '../../src/domain/profile/schema.ts';
import { compactPhone } from '../../src/domain/profile/search.ts';
import { decodeTimelineCursor } from '../../src/domain/profile/timeline.ts';
import type { ProfileStore } from '../store.ts';
import { generateDataset, type Manifest } from '../../mocks/seed/index.ts';
import { loadDataset, openDuckDbStore, type DuckDbStore } from './duckdb.ts';
import { MemoryStore } from './memory.ts';
import { profileOf, timelineOf } from '../customer-reads.ts';

const CUSTOMERS = 2_000;

/**
 * Equal values. Records the generator built keep its key order in the memory store, while DuckDB
 * answers in schema order, so only event properties (free-form JSON) must keep their key order.
 */
function same(actual: unknown, expected: unknown): void {
  expect(actual).toStrictEqual(expected);
  expect(propertyOrders(actual)).toEqual(propertyOrders(expected));
}

function propertyOrders(value: unknown): string[] {
  const out: string[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === 'object') {
      for (const [key, child] of Object.entries(v)) {
        if (key === 'properties' && child !== null && typeof child === 'object')
          out.push(Object.keys(child).join(','));
        else visit(child);
      }
    }
  };
  visit(value);
  return out;
}

async function inBatches<T>(items: readonly T[], size: number, run: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

async function pages(
  store: ProfileStore,
  id: string,
  limit: number,
  kinds: string[],
  channels: string[],
) {
  const out: (TimelineResponse | null)[] = [];
  let after = null;
  for (let i = 0; i < 1000; i += 1) {
    const page = await timelineOf(store, id, { after, limit, channels, kinds });
    out.push(page);
    if (page?.next_cursor == null) break;
    after = decodeTimelineCursor(page.next_cursor);
  }
  return out;
}

describe(`DuckDB store = memory store, over ${CUSTOMERS} generated customers`, () => {
  let data: Dataset;
  let manifest: Manifest;
  let memory: MemoryStore;
  let duck: DuckDbStore;
  let sample: string[];

  beforeAll(async () => {
    ({ dataset: data, manifest } = generateDataset({ seed: 7, customers: CUSTOMERS }));
    memory = new MemoryStore(data, manifest.as_of);
    duck = await openDuckDbStore({ path: ':memory:' });
    await loadDataset(duck, data, { asOf: manifest.as_of, seed: 7 });
    // Every 8th customer, every customer a story was planted on, and the heaviest histories.
    const ids = new Set(data.customers.filter((_, i) => i % 8 === 0).map((c) => c.customer_id));
    for (const story of manifest.stories) ids.add(story.customer_id);
    const events = new Map<string, number>();
    for (const e of data.events) events.set(e.customer_id, (events.get(e.customer_id) ?? 0) + 1);
    [...events]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .forEach(([id]) => ids.add(id));
    sample = [...ids].sort();
  });
  afterAll(() => duck.close());

  test('counts and the catalogue', async () => {
    same(await duck.customerCount(), await memory.customerCount());
    same(await duck.catalogue(), await memory.catalogue());
  });

  test('the profile and the full timeline of every sampled customer', async () => {
    expect(sample.length).toBeGreaterThanOrEqual(300);
    const full = { after: null, limit: 500, channels: [], kinds: [] };
    await inBatches(sample, 4, async (id) => {
      same(await profileOf(duck, id), await profileOf(memory, id));
      same(await timelineOf(duck, id, full), await timelineOf(memory, id, full));
    });
  });

  test('paged timelines with filters', async () => {
    const filters: [string[], string[]][] = [
      [[], []],
      [['order', 'message'], []],
      [[], ['email', 'store']],
      [['event'], ['web', 'app']],
    ];
    const walks = sample
      .filter((_, i) => i % 12 === 0)
      .flatMap((id) =>
        filters.flatMap(([kinds, channels]) =>
          [7, 40].map((limit) => ({ id, kinds, channels, limit })),
        ),
      );
    await inBatches(walks, 4, async ({ id, kinds, channels, limit }) => {
      same(
        await pages(duck, id, limit, kinds, channels),
        await pages(memory, id, limit, kinds, channels),
      );
    });
  });

  test('search by identity values and name fragments', async () => {
    const queries = new Set<string>();
    data.identities
      .filter((_, i) => i % 97 === 0)
      .forEach((i) => {
        queries.add(i.value);
        if (i.kind === 'phone') queries.add(compactPhone(i.value));
      });
    data.customers
      .filter((_, i) => i % 61 === 0)
      .forEach((c) => {
        if (c.last_name) queries.add(c.last_name.slice(0, 4));
        if (c.first_name && c.last_name)
          queries.add(`${c.first_name} ${c.last_name}`.toUpperCase());
        if (c.email) queries.add(c.email.slice(0, 6));
        queries.add(c.customer_id.toLowerCase());
      });
    // Names as a marketer types them: without accents, in another order, with one typo or two.
    const typos: { q: string; id: string }[] = [];
    data.customers
      .filter((_, i) => i % 67 === 0)
      .forEach((c, n) => {
        const first = c.first_name ?? '';
        const last = c.last_name ?? '';
        const bare = `${first} ${last}`.normalize('NFD').replace(/\p{M}/gu, '');
        queries.add(bare.toLowerCase());
        queries.add(`${last.slice(0, 3)} ${first}`);
        const at = 1 + (n % Math.max(1, last.length - 2));
        const changed = `${first} ${last.slice(0, at)}${'xqz'[n % 3]}${last.slice(at + 1)}`;
        queries.add(changed);
        if (first !== '' && last.length >= 4) typos.push({ q: changed, id: c.customer_id });
        queries.add(`${first} ${last.slice(0, at)}${last.slice(at + 1)}`); // removed
        queries.add(
          `${first} ${last.slice(0, at)}${last[at + 1] ?? ''}${last[at] ?? ''}${last.slice(at + 2)}`,
        ); // swapped
        queries.add(`${first.slice(0, 2)}x ${last}y`); // two apart
        queries.add(`${last}e`);
      });
    for (const q of [
      'ma',
      'é',
      'jean-',
      'xx',
      "l'",
      '%',
      '_',
      '06',
      '+33',
      'eric robin',
      'marchant',
      'oeuf',
    ])
      queries.add(q);
    await inBatches([...queries], 4, async (q) => {
      same(await duck.search(q, 20), await memory.search(q, 20));
      same(await duck.search(q, 3), await memory.search(q, 3));
    });
    // The typos find their customer (the comparison above would also pass if neither did).
    expect(typos.length).toBeGreaterThan(20);
    for (const { q, id } of typos) {
      const hits = await duck.search(q, 50);
      expect(
        hits.map((h) => h.customer_id),
        q,
      ).toContain(id);
    }
  });
});
