// Both stores supply the same histories: whole or trimmed, one at a time or streamed in chunks, in
// customer id order; and a file of schema version 4 (no packed histories) migrates on open.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateDataset } from '../../mocks/seed/index.ts';
import type { CustomerHistory, HistoryScope } from '../../src/domain/profile/history.ts';
import type { Dataset } from '../../src/domain/profile/schema.ts';
import { profileOf, timelineOf } from '../customer-reads.ts';
import type { HistoryReadOptions, HistorySource } from '../store.ts';
import {
  loadDataset,
  openDuckDbStore,
  readMeta,
  SCHEMA_VERSION,
  type DuckDbStore,
} from './duckdb.ts';
import { MemoryStore } from './memory.ts';

async function drain(
  store: HistorySource,
  ids: readonly string[],
  options?: HistoryReadOptions,
): Promise<{ chunks: number[]; histories: CustomerHistory[] }> {
  const chunks: number[] = [];
  const histories: CustomerHistory[] = [];
  for await (const chunk of store.histories(ids, options)) {
    chunks.push(chunk.length);
    histories.push(...chunk);
  }
  return { chunks, histories };
}

/** Event properties are free-form JSON: their key order is part of what a store must keep. */
function propertyOrders(histories: readonly CustomerHistory[]): string[] {
  return histories.flatMap((h) => h.events.map((e) => Object.keys(e.properties).join(',')));
}

const trimmed: HistoryScope[] = [
  { tables: ['orders', 'messages', 'offer_responses', 'consents', 'preferences'], since: null },
  { tables: ['messages', 'offer_responses'], since: '2026-06-01T00:00:00.000Z' },
  { tables: [], since: null },
];

describe('histories from both stores', () => {
  let data: Dataset;
  let memory: MemoryStore;
  let duck: DuckDbStore;
  let ids: string[];

  beforeAll(async () => {
    const generated = generateDataset({ seed: 11, customers: 400 });
    data = generated.dataset;
    memory = new MemoryStore(data, generated.manifest.as_of);
    duck = await openDuckDbStore({ path: ':memory:' });
    await loadDataset(duck, data, { asOf: generated.manifest.as_of, seed: 11 });
    ids = data.customers.map((c) => c.customer_id);
  });
  afterAll(() => duck.close());

  test('every whole history is the same, property order included', async () => {
    const fromMemory = await drain(memory, ids);
    const fromDuck = await drain(duck, ids);
    expect(fromDuck.histories).toStrictEqual(fromMemory.histories);
    expect(propertyOrders(fromDuck.histories)).toEqual(propertyOrders(fromMemory.histories));
    expect(fromDuck.histories).toHaveLength(400);
    expect(fromMemory.histories.reduce((n, h) => n + h.events.length, 0)).toBeGreaterThan(1000);
  });

  test('one history read alone equals the same history streamed', async () => {
    const some = ids.filter((_, i) => i % 37 === 0);
    const streamed = await drain(duck, some);
    for (const [i, id] of some.entries()) {
      expect(await duck.history(id)).toStrictEqual(streamed.histories[i]);
      expect(await memory.history(id)).toStrictEqual(streamed.histories[i]);
    }
  });

  test.each(trimmed)('trimmed histories are the same (%j)', async (scope) => {
    const fromMemory = await drain(memory, ids, { scope });
    const fromDuck = await drain(duck, ids, { scope });
    expect(fromDuck.histories).toStrictEqual(fromMemory.histories);
    expect(
      fromDuck.histories.every((h) => h.scope === scope || h.scope.tables === scope.tables),
    ).toBe(true);
  });

  test('streams in chunks of at most the size asked, in customer id order, unknown and repeated ids once', async () => {
    const asked = [...ids.slice(0, 23)].reverse();
    asked.push('NOBODY', asked[0] ?? '', 'C0000000');
    for (const store of [memory, duck]) {
      const { chunks, histories } = await drain(store, asked, { chunkSize: 7 });
      expect(histories.map((h) => h.customer.customer_id)).toEqual(ids.slice(0, 23));
      expect(chunks.every((n) => n >= 1 && n <= 7)).toBe(true);
      expect(chunks.reduce((a, b) => a + b, 0)).toBe(23);
    }
  });

  test('a reader that stops after a chunk leaves the store answering', async () => {
    for (const store of [memory, duck]) {
      for await (const chunk of store.histories(ids, { chunkSize: 50 })) {
        expect(chunk).toHaveLength(50);
        break;
      }
      expect((await store.history(ids[0] ?? ''))?.customer.customer_id).toBe(ids[0]);
    }
  });

  test('no ids, no chunks; an unknown customer has no history', async () => {
    for (const store of [memory, duck]) {
      expect((await drain(store, [])).chunks).toEqual([]);
      expect(await store.history('NOBODY')).toBeNull();
    }
  });

  test('the profile and timeline a route answers come from the history alone', async () => {
    const id = ids[5] ?? '';
    const request = { after: null, limit: 20, channels: [], kinds: [] };
    expect(await profileOf(duck, id)).toStrictEqual(await profileOf(memory, id));
    expect(await timelineOf(duck, id, request)).toStrictEqual(
      await timelineOf(memory, id, request),
    );
    expect(await profileOf(duck, 'NOBODY')).toBeNull();
  });
});

describe('a file of an older schema version', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tact-histories-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Version 4 had no packed histories; versions 5 and 6 may hold the first packing (JSON objects,
  // no index), which the tuple reader refuses.
  test.each([4, 5, 6])(
    'version %i gets its packed histories rebuilt on open and reads the same histories',
    async (version) => {
      const file = path.join(dir, `v${version}.duckdb`);
      const { dataset, manifest } = generateDataset({ seed: 5, customers: 60 });
      const first = await openDuckDbStore({ path: file });
      await loadDataset(first, dataset, { asOf: manifest.as_of, seed: 5 });
      const ids = dataset.customers.map((c) => c.customer_id);
      const before = await drain(first, ids);
      await first.connection.run('DROP INDEX customer_histories_id');
      if (version === 4) await first.connection.run('DROP TABLE customer_histories');
      else {
        await first.connection.run(
          `UPDATE customer_histories SET customer = json_object('customer_id', customer_id)::VARCHAR`,
        );
      }
      await first.connection.run('UPDATE meta SET schema_version = $1', [version]);
      await first.close();

      const second = await openDuckDbStore({ path: file });
      expect((await readMeta(second))?.schema_version).toBe(SCHEMA_VERSION);
      expect((await drain(second, ids)).histories).toStrictEqual(before.histories);
      await second.close();
    },
  );
});
