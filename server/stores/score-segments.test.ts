// Scores as segment conditions on both stores: the same catalogue entries, the same counts (the
// memory store's facts against DuckDB's customer_scores), and no score fields without a model.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateDataset } from '../../mocks/seed/index.ts';
import type { CatalogueField } from '../../src/api/contract.ts';
import type {
  Comparison,
  SegmentDefinition,
  SegmentNode,
} from '../../src/domain/segment/definition.ts';
import { UnknownFieldError } from '../../src/domain/segment/sql.ts';
import { fixtureDataset, FIXTURE_AS_OF } from '../fixture.ts';
import { scoreService } from '../scoring/service.ts';
import { SCORE_FIELDS } from '../scoring/score-fields.ts';
import { loadDataset, openDuckDbStore, type DuckDbStore } from './duckdb.ts';
import { MemoryStore } from './memory.ts';

const CUSTOMERS = 1_500;

let nodes = 0;
function score(id: string, test: Comparison, negate = false): SegmentNode {
  nodes += 1;
  return { id: `s${nodes}`, kind: 'score', negate, score: id, test };
}

function definition(...children: SegmentNode[]): SegmentDefinition {
  return {
    version: 1,
    root: { id: 'root', kind: 'group', negate: false, combinator: 'and', children },
  };
}

function field(fields: readonly CatalogueField[], id: string): CatalogueField {
  const found = fields.find((f) => f.id === id);
  if (!found) throw new Error(`No field ${id}`);
  return found;
}

describe(`scores as segment fields, memory = DuckDB over ${CUSTOMERS} generated customers`, () => {
  let memory: MemoryStore;
  let duck: DuckDbStore;

  beforeAll(async () => {
    const { dataset, manifest } = generateDataset({ seed: 11, customers: CUSTOMERS });
    memory = new MemoryStore(dataset, manifest.as_of);
    duck = await openDuckDbStore({ path: ':memory:' });
    await loadDataset(duck, dataset, { asOf: manifest.as_of, seed: 11 });
  });
  afterAll(() => duck.close());

  test('both catalogues list the six scores with the same stats', async () => {
    const [m, d] = [await memory.catalogue(), await duck.catalogue()];
    const scores = (fields: readonly CatalogueField[]) => fields.filter((f) => f.group === 'score');
    expect(scores(m.fields).map((f) => f.id)).toEqual(SCORE_FIELDS.map((f) => f.id));
    expect(scores(d.fields)).toStrictEqual(scores(m.fields));
    // Scored and unscored customers both exist, so `is_empty` and the tests both select someone.
    const clv = field(m.fields, 'score.clv_12m');
    expect(clv.stats.present).toBeGreaterThan(100);
    expect(clv.stats.missing).toBeGreaterThan(0);
  });

  test('counts of score conditions agree, and each splits the customers', async () => {
    const fields = (await memory.catalogue()).fields;
    const clv = field(fields, 'score.clv_12m').stats;
    const low = typeof clv.min === 'number' ? clv.min : 0;
    const high = typeof clv.max === 'number' ? clv.max : 1;
    const cells = field(fields, 'score.rfm_cell').suggestions.map((s) => s.value);
    const conditions: SegmentNode[] = [
      score('score.churn_band', { operator: 'equals', value: 'high' }),
      score('score.churn_band', { operator: 'equals', value: 'HIGH' }),
      score('score.churn_band', { operator: 'not_equals', value: 'low' }),
      score('score.propensity_30d', { operator: 'gte', value: 40 }),
      score('score.propensity_90d', { operator: 'lt', value: 50 }),
      score('score.clv_12m', { operator: 'between', min: low, max: (low + high) / 4 }),
      score('score.days_to_next_order', { operator: 'lte', value: 60 }),
      score('score.rfm_cell', { operator: 'in', values: cells.slice(0, 2) }),
      score('score.rfm_cell', { operator: 'not_in', values: cells.slice(0, 1) }),
      score('score.clv_12m', { operator: 'is_empty' }),
      score('score.churn_band', { operator: 'is_set' }),
      score('score.churn_band', { operator: 'equals', value: 'high' }, true),
    ];
    const definitions = conditions.map((c) => definition(c));
    const expected = await memory.segmentCounts(definitions);
    expect(await duck.segmentCounts(definitions)).toEqual(expected);
    // One at a time too: the members-first plan and the one-statement columns.
    for (const d of definitions) {
      const [m] = await memory.segmentCounts([d]);
      const answer = await duck.segmentCountAnswer([d], 5, 'customer.city');
      expect(answer.counts[0]).toBe(m);
      const sample = await memory.segmentSample(d, 5);
      expect(await duck.segmentSample(d, 5)).toEqual(sample);
    }
    for (const n of expected.slice(0, -1)) expect(n).toBeLessThan(CUSTOMERS);
    expect(expected.filter((n) => n > 0).length).toBeGreaterThanOrEqual(10);
  });

  test('the score routes read the store’s own book', async () => {
    const book = await scoreService(duck).book();
    expect(book).toBe(await duck.scoreBook());
    expect(await scoreService(memory).book()).toBe(await memory.scoreBook());
  });
});

describe('a store whose models cannot be fitted', () => {
  test('lists no score fields and refuses a score condition', async () => {
    // Two customers with one order each: no repeat buyer, so no model.
    const data = fixtureDataset();
    const few = {
      ...data,
      orders: data.orders.filter((o) => o.customer_id === data.customers[0]?.customer_id),
    };
    const memory = new MemoryStore(few, FIXTURE_AS_OF);
    const duck = await openDuckDbStore({ path: ':memory:' });
    try {
      await loadDataset(duck, few, { asOf: FIXTURE_AS_OF });
      expect('unavailable' in (await duck.scoreBook())).toBe(true);
      for (const store of [memory, duck]) {
        const fields = (await store.catalogue()).fields;
        expect(fields.filter((f) => f.group === 'score')).toEqual([]);
      }
      const d = definition(score('score.clv_12m', { operator: 'is_empty' }));
      await expect(duck.segmentCounts([d])).rejects.toThrow(UnknownFieldError);
    } finally {
      await duck.close();
    }
  });
});
