import { describe, expect, test } from 'vitest';
import { FIXTURE_AS_OF, fixtureDataset } from '../server/fixture.ts';
import type { SegmentWrite } from '../server/store.ts';
import { JournaledStore, type JournalStorage } from './journaled-store.ts';

function memoryStorage(): JournalStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

const write = (name: string, value: string, at: string): SegmentWrite => ({
  name,
  description: '',
  audience: null,
  author: 'Camille',
  note: '',
  at,
  definition: {
    version: 1,
    root: {
      id: 'r',
      kind: 'group',
      negate: false,
      combinator: 'and',
      children: [
        {
          id: 'c',
          kind: 'attribute',
          negate: false,
          field: 'customer.city',
          test: { operator: 'equals', value },
        },
      ],
    },
  },
});

describe('the browser demo keeps saved segments across reloads', () => {
  test('creates, updates and deletes replay into the same segments and histories', async () => {
    const storage = memoryStorage();
    const first = new JournaledStore(fixtureDataset(), FIXTURE_AS_OF, storage, 'k');
    await first.sync();
    await first.createSegment('seg_a', write('Lyon', 'Lyon', '2026-11-20T10:00:00.000Z'), null);
    await first.updateSegment('seg_a', 1, write('Lyon v2', 'Paris', '2026-11-20T11:00:00.000Z'));
    await first.createSegment('seg_b', write('Gone', 'Nice', '2026-11-20T12:00:00.000Z'), {
      key: 'k1',
      fingerprint: 'f',
    });
    await first.deleteSegment('seg_b', 1);
    // A refused write is not journaled.
    expect((await first.updateSegment('seg_a', 1, write('stale', 'x', 'y'))).ok).toBe(false);

    const second = new JournaledStore(fixtureDataset(), FIXTURE_AS_OF, storage, 'k');
    expect(await second.sync()).toEqual({ replayed: 4, dropped: false });
    expect(await second.savedSegments()).toEqual(await first.savedSegments());
    expect(await second.segmentVersions('seg_a')).toEqual(await first.segmentVersions('seg_a'));
    expect(await second.savedSegment('seg_b')).toBeNull();
    expect(await second.idempotencyRecord('k1')).toEqual(await first.idempotencyRecord('k1'));
  });

  test("a save in one tab makes the other tab's next save stale", async () => {
    const storage = memoryStorage();
    const tabA = new JournaledStore(fixtureDataset(), FIXTURE_AS_OF, storage, 'k');
    const tabB = new JournaledStore(fixtureDataset(), FIXTURE_AS_OF, storage, 'k');
    await tabA.sync();
    await tabB.sync();
    await tabA.createSegment('seg_a', write('Lyon', 'Lyon', '2026-11-20T10:00:00.000Z'), null);
    expect(await tabB.sync()).toEqual({ replayed: 1, dropped: false });
    expect((await tabB.updateSegment('seg_a', 1, write('B', 'Nice', 'x'))).ok).toBe(true);
    await tabA.sync();
    const stale = await tabA.updateSegment('seg_a', 1, write('A', 'Paris', 'y'));
    expect(stale).toMatchObject({ ok: false, reason: 'stale', current: { version: 2, name: 'B' } });
    expect(JSON.parse(storage.getItem('k') ?? '[]')).toHaveLength(2);
  });

  test.each([
    ['not JSON', '{'],
    ['not a journal', '{"op":"create"}'],
    ['an update of a segment that does not exist', '[{"op":"delete","id":"nope","expected":1}]'],
  ])('drops a journal that is %s and starts clean', async (_, raw) => {
    const storage = memoryStorage();
    storage.setItem('k', raw);
    const store = new JournaledStore(fixtureDataset(), FIXTURE_AS_OF, storage, 'k');
    expect((await store.sync()).dropped).toBe(true);
    expect(storage.map.has('k')).toBe(false);
    expect((await store.savedSegments()).length).toBeGreaterThanOrEqual(0);
  });
});
