// The DuckDB store keeps count answers while nothing a count reads has moved: the load, the scores
// and the saved segments. Each of those moves makes the next count a fresh one.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Condition, SegmentDefinition } from '../../src/domain/segment/definition.ts';
import { FIXTURE_AS_OF, fixtureDataset } from '../fixture.ts';
import { loadDataset, openDuckDbStore, type DuckDbStore } from './duckdb.ts';

const city = (value: string): Condition => ({
  id: 'city',
  kind: 'attribute',
  negate: false,
  field: 'customer.city',
  test: { operator: 'equals', value },
});
const of = (...children: Condition[]): SegmentDefinition => ({
  version: 1,
  root: { id: 'root', kind: 'group', negate: false, combinator: 'and', children },
});
const write = (definition: SegmentDefinition) => ({
  name: 'Saved',
  description: '',
  definition,
  audience: null,
  author: 'Test',
  note: '',
  at: FIXTURE_AS_OF,
});
const member: Condition = { id: 'm', kind: 'segment', negate: false, segment_id: 'saved' };

let store: DuckDbStore;
beforeAll(async () => {
  store = await openDuckDbStore({ path: ':memory:' });
  await loadDataset(store, fixtureDataset(), { asOf: FIXTURE_AS_OF });
  await store.createSegment('saved', write(of(city('Lyon'))), null);
}, 60_000);
afterAll(async () => {
  await store.close();
});

test('the same count asked again is the answer already given', async () => {
  const first = await store.segmentCountAnswer([of(member)], 5, null);
  expect(await store.segmentCountAnswer([of(member)], 5, null)).toBe(first);
  // Another sample size or breakdown is another answer.
  expect(await store.segmentCountAnswer([of(member)], 4, null)).not.toBe(first);
  expect(await store.segmentCountAnswer([of(member)], 5, 'customer.city')).not.toBe(first);
});

test('a saved segment changed, or the scores refitted, counts afresh', async () => {
  const lyon = await store.segmentCountAnswer([of(member)], 0, null);
  const elsewhere = { ...city('Lyon'), negate: true };
  const [inLyon, outside] = await store.segmentCounts([of(city('Lyon')), of(elsewhere)]);
  expect(lyon.counts).toEqual([inLyon]);
  expect(inLyon).not.toBe(outside);
  await store.updateSegment('saved', 1, write(of(elsewhere)));
  const paris = await store.segmentCountAnswer([of(member)], 0, null);
  expect(paris.counts).toEqual([outside]);
  await store.refitScores(() => undefined);
  const refitted = await store.segmentCountAnswer([of(member)], 0, null);
  expect(refitted).not.toBe(paris);
  expect(refitted).toEqual(paris);
});

test('score totals by segment are kept by what each selects: asked again, the same; the segment it names changed, afresh; another saved, kept', async () => {
  const score = 'score.clv_12m';
  const [first] = await store.segmentScoreTotals([of(member)], score);
  const [again, other] = await store.segmentScoreTotals([of(member), of(city('Paris'))], score);
  expect(again).toBe(first);
  expect(other).not.toBe(first);
  // Each is what working it out alone gives.
  const alone = await store.segmentScoreTotals([of(city('Paris'))], score);
  expect(alone).toEqual([other]);
  const version = (await store.savedSegment('saved'))?.version ?? 0;
  await store.updateSegment('saved', version, write(of(city('Paris'))));
  const [changed] = await store.segmentScoreTotals([of(member)], score);
  expect(changed).not.toBe(first);
  expect(changed).toEqual(other);
  // Another segment saved changes neither: each is kept by what it selects.
  await store.createSegment('unrelated', write(of(city('Lille'))), null);
  const [stillMember, stillParis] = await store.segmentScoreTotals(
    [of(member), of(city('Paris'))],
    score,
  );
  expect(stillMember).toBe(changed);
  expect(stillParis).toBe(alone[0]);
  // Asked twice at once, worked out once; after a refit, afresh.
  await store.refitScores(() => undefined);
  const [left, right] = await Promise.all([
    store.segmentScoreTotals([of(city('Lille'))], score),
    store.segmentScoreTotals([of(city('Lille'))], score),
  ]);
  expect(left?.[0]).toBe(right?.[0]);
  const [refitted] = await store.segmentScoreTotals([of(member)], score);
  expect(refitted).not.toBe(changed);
  expect(refitted).toEqual(changed);
});
