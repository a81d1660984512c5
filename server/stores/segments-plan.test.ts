// The fast count paths are held to the slow ones they replace: a count plan evaluated in one pass
// (memory: columns, evaluate-columns.ts; DuckDB: one statement over the segment tables) gives, for
// every definition of the plan (and so does one worked out from its conditions' member sets,
// duckdb-condition-bits.ts), the count the per-definition paths give (the JS evaluator customer
// by customer; DuckDB's base-table SQL, one statement each), and the same first members. Also: the
// stores' one-go count answer equals their separate methods, and a version 2 file migrates.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateDataset } from '../../mocks/seed/index.ts';
import type { Dataset } from '../../src/domain/profile/schema.ts';
import { countPlan } from '../../src/domain/segment/count-plan.ts';
import {
  CHANNEL_BREAKDOWN_IDS,
  REACH_BREAKDOWN,
  SCORE_BREAKDOWN_IDS,
} from '../../src/domain/segment/breakdown.ts';
import type { SegmentDefinition } from '../../src/domain/segment/definition.ts';
import { compileEvaluator, selectMembers } from '../../src/domain/segment/evaluate.ts';
import { buildFacts, type CustomerFacts } from '../../src/domain/segment/facts.ts';
import { DERIVED_TABLES } from './duckdb-segment-tables.ts';
import {
  loadDataset,
  openDuckDbStore,
  readMeta,
  SCHEMA_VERSION,
  type DuckDbStore,
} from './duckdb.ts';
import {
  countPlanned,
  countSegment,
  countSegments,
  runSegmentStatement,
} from './duckdb-segments.ts';
import { toText } from './duckdb-values.ts';
import { conditionBits, countByConditions } from './duckdb-condition-bits.ts';
import { MemorySegmentIndex } from './memory-segments.ts';
import { MemoryStore } from './memory.ts';
import { definitionArb, vocabulary, type Vocabulary } from './segments-arbitraries.ts';
import { writeCustomerScores } from './duckdb-scores.ts';
import { FIXTURE_SCORE_IDS, fixtureScores, withAdversarialRows } from './segments-fixture.ts';

/** 300 by default (each case counts a whole plan five ways); SEGMENT_PROPERTY_RUNS for more. */
const RUNS = Number(process.env.SEGMENT_PROPERTY_RUNS ?? 300);
const TIMEOUT = 60_000 + RUNS * 400;
const SCORES: ReadonlySet<string> = new Set(FIXTURE_SCORE_IDS);
const SAMPLE = 7;
/**
 * Base-table SQL (one statement per definition) runs on one plan in this many: it costs more than
 * the rest of a case together, and the differential test and the sweep hold it to the reference
 * on every condition kind (decision 023).
 */
const BASE_EVERY = 4;

describe('a count plan in one pass = each definition on its own', () => {
  let data: Dataset;
  let asOf: string;
  let vocab: Vocabulary;
  let facts: CustomerFacts[];
  let memory: MemorySegmentIndex;
  let duck: DuckDbStore;

  beforeAll(async () => {
    const generated = generateDataset({ seed: 5, customers: 300 });
    asOf = generated.manifest.as_of;
    data = withAdversarialRows(generated.dataset, asOf);
    vocab = vocabulary(data, asOf);
    const scores = fixtureScores(data);
    facts = buildFacts(data, scores);
    memory = new MemorySegmentIndex(facts, asOf);
    duck = await openDuckDbStore({ path: ':memory:', connections: 1 });
    await loadDataset(duck, data, { asOf, seed: 5 });
    await writeCustomerScores(duck.connection, scores);
    await duck.connection.run('SET threads = 1');
  });
  afterAll(() => duck.close());

  const caseArb = () =>
    fc
      .record({
        a: definitionArb(vocab, [], 3),
        root: definitionArb(vocab, ['seg_a', 'seg_gone']),
      })
      .map(({ a, root }) => ({ root, segments: new Map([['seg_a', a]]) }));

  async function firstIds(numbers: readonly number[]): Promise<string[]> {
    if (numbers.length === 0) return [];
    const rows = await runSegmentStatement(duck.connection, {
      sql: `SELECT customer_id FROM segment_customers
             WHERE customer_no IN (SELECT unnest(string_split($1::VARCHAR, ','))::INTEGER)
             ORDER BY customer_no`,
      params: [{ type: 'VARCHAR', value: numbers.join(',') }],
    });
    return rows.map((r) => toText(r.customer_id ?? null));
  }

  test(
    `counts and first members agree on ${RUNS} random plans`,
    async () => {
      let cases = 0;
      await fc.assert(
        fc.asyncProperty(caseArb(), async ({ root, segments }) => {
          const { definitions } = countPlan(root);
          const context = { asOf, segments };
          const expected = definitions.map((d) => {
            const matches = compileEvaluator(d, context);
            return facts.filter((f) => matches(f)).length;
          });
          const sample = selectMembers(root, facts, context).slice(0, SAMPLE);

          const seen: string[] = [];
          const inMemory = memory.countAll(definitions, segments, (f) => {
            if (seen.length < SAMPLE) seen.push(f.customer.customer_id);
          });
          expect(inMemory).toEqual(expected);
          expect(seen).toEqual(sample);

          const ctx = { asOf, segments, scores: SCORES, customers: facts.length };
          const inDuck = await countSegments(duck.connection, definitions, ctx, SAMPLE);
          expect(inDuck.counts).toEqual(expected);
          expect(inDuck.total).toBe(facts.length);
          expect(await firstIds(inDuck.first)).toEqual(sample);
          // Members first (or columns when the plan joins): what the count endpoint runs.
          const planned = await countPlanned(duck.connection, definitions, ctx, SAMPLE);
          expect(planned.counts).toEqual(expected);
          expect(planned.total).toBe(facts.length);
          expect(await firstIds(planned.first)).toEqual(sample);
          // From each condition's member set, combined in memory (the count endpoint on DuckDB).
          const byConditions = await countByConditions(definitions, ctx, SAMPLE, (condition) =>
            conditionBits(duck.connection, ctx, condition),
          );
          expect(byConditions.counts).toEqual(expected);
          expect(byConditions.total).toBe(facts.length);
          expect(await firstIds(byConditions.first)).toEqual(sample);

          cases += 1;
          if (cases % BASE_EVERY !== 0) return;
          const base: number[] = [];
          for (const d of definitions) {
            base.push(await countSegment(duck.connection, d, { ...ctx, tables: 'base' }));
          }
          expect(base).toEqual(expected);
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});

describe('the one-go count answer', () => {
  test('equals segmentCounts, customerCount, segmentSample and segmentBreakdown on both stores', async () => {
    const { dataset, manifest } = generateDataset({ seed: 8, customers: 400 });
    const asOf = manifest.as_of;
    const duck = await openDuckDbStore({ path: ':memory:', connections: 2 });
    await loadDataset(duck, dataset, { asOf, seed: 8 });
    const memoryStore = new MemoryStore(dataset, asOf);
    const saved = await memoryStore.savedSegments();
    expect(saved.length).toBeGreaterThan(2);
    for (const store of [memoryStore, duck]) {
      for (const { definition } of saved) {
        const { definitions } = countPlan(definition);
        for (const column of [null, 'customer.city', 'customer.loyalty_tier', REACH_BREAKDOWN]) {
          const answer = await store.segmentCountAnswer(definitions, 12, column);
          expect(answer.counts).toEqual(await store.segmentCounts(definitions));
          expect(answer.total).toBe(await store.customerCount());
          expect(answer.sample).toEqual(await store.segmentSample(definition, 12));
          expect(answer.breakdown).toEqual(
            column === null ? null : await store.segmentBreakdown(definition, column),
          );
        }
      }
    }
    // And the two stores agree with each other.
    for (const { definition } of saved) {
      const { definitions } = countPlan(definition);
      expect(await duck.segmentCountAnswer(definitions, 12, 'customer.city')).toEqual(
        await memoryStore.segmentCountAnswer(definitions, 12, 'customer.city'),
      );
      // Every breakdown, the scores and the channels included, counts the same members.
      for (const id of [...SCORE_BREAKDOWN_IDS, ...CHANNEL_BREAKDOWN_IDS, 'customer.gender']) {
        const expected = await memoryStore.segmentBreakdown(definition, id);
        expect(await duck.segmentBreakdown(definition, id), id).toEqual(expected);
        expect(expected.length, id).toBeGreaterThan(0);
      }
    }
    await duck.close();
  });
});

describe('a file loaded at schema version 2 or 3', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'tact-migrate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each([2, 3])(
    'version %i gets its segment tables on open and counts as before',
    async (version) => {
      const file = path.join(dir, `v${version}.duckdb`);
      const { dataset, manifest } = generateDataset({ seed: 9, customers: 150 });
      const first = await openDuckDbStore({ path: file });
      await loadDataset(first, dataset, { asOf: manifest.as_of, seed: 9 });
      const saved = await first.savedSegments();
      const plans: SegmentDefinition[][] = saved.map((s) => countPlan(s.definition).definitions);
      const before = await Promise.all(
        plans.map((p) => first.segmentCountAnswer(p, 5, 'customer.city')),
      );
      // What a version 2 load left: the loaded tables, no segment tables; version 3 had them
      // without the lower-cased copies.
      for (const table of DERIVED_TABLES) await first.connection.run(`DROP TABLE ${table}`);
      if (version === 3) {
        await first.connection.run('CREATE TABLE segment_customers AS SELECT * FROM customers');
      }
      await first.connection.run('UPDATE meta SET schema_version = $1', [version]);
      await first.close();

      const second = await openDuckDbStore({ path: file });
      expect((await readMeta(second))?.schema_version).toBe(SCHEMA_VERSION);
      const after = await Promise.all(
        plans.map((p) => second.segmentCountAnswer(p, 5, 'customer.city')),
      );
      expect(after).toEqual(before);
      await second.close();
    },
  );
});
