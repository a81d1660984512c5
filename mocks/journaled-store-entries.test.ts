import { describe, expect, test } from 'vitest';
import { FIXTURE_AS_OF, fixtureDataset } from '../server/fixture.ts';
import type { SegmentDefinition } from '../src/domain/segment/definition.ts';
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

const definition: SegmentDefinition = {
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
        test: { operator: 'equals', value: 'Lyon' },
      },
    ],
  },
};
const create = (body: unknown, kind = 'segment') => ({
  op: 'create',
  kind,
  id: 'seg_a',
  write: { body, author: 'Camille', note: 'created', at: '2026-11-20T10:00:00.000Z' },
  idempotency: null,
});

describe('the browser demo journal records document writes', () => {
  test('records each write as its kind, id and write, and replays it', async () => {
    const storage = memoryStorage();
    const first = new JournaledStore(fixtureDataset(), FIXTURE_AS_OF, storage, 'k');
    await first.sync();
    const body = { name: 'Lyon', description: '', definition, audience: null };
    await first.createSegment(
      'seg_a',
      { ...body, author: 'Camille', note: 'created', at: '2026-11-20T10:00:00.000Z' },
      null,
    );
    expect(JSON.parse(storage.getItem('k') ?? '[]')).toEqual([create(body)]);
    const second = new JournaledStore(fixtureDataset(), FIXTURE_AS_OF, storage, 'k');
    expect(await second.sync()).toEqual({ replayed: 1, dropped: false });
    expect(await second.savedSegment('seg_a')).toEqual(await first.savedSegment('seg_a'));
  });

  test.each([
    ['a segment body that does not fit its schema', [create({ name: 'x', definition: 'junk' })]],
    [
      'a policy whose figures do not fit its schema',
      [create({ name: 'x', min_discount_percent: 500 }, 'guardrail_policy')],
    ],
    ['an entry written before documents had kinds', [{ op: 'delete', id: 'seg_a', expected: 1 }]],
  ])('drops a journal with %s and starts clean', async (_label, journal) => {
    const storage = memoryStorage();
    storage.setItem('k', JSON.stringify(journal));
    const store = new JournaledStore(fixtureDataset(), FIXTURE_AS_OF, storage, 'k');
    expect((await store.sync()).dropped).toBe(true);
    expect(storage.map.has('k')).toBe(false);
    expect(await store.savedSegment('seg_a')).toBeNull();
  });
});
