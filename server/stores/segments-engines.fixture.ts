// What the other engines' differential suites share (ClickHouse on chDB, PostgreSQL on PGlite and
// on a server): generated customers plus the adversarial ones, written in the import layout the
// way a retailer's export arrives, the reference evaluator's facts over the same rows, and the
// random cases — a root definition naming two saved segments (one naming the other) and a gone one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Dataset } from '../../src/domain/profile/schema.ts';
import type { SegmentDefinition } from '../../src/domain/segment/definition.ts';
import { selectMembers } from '../../src/domain/segment/evaluate.ts';
import { buildFacts, type CustomerFacts } from '../../src/domain/segment/facts.ts';
import { exportTables } from '../import/export.ts';
import { loadDataset, openDuckDbStore } from './duckdb.ts';
import { definitionArb, vocabulary, type Vocabulary } from './segments-arbitraries.ts';
import { FIXTURE_SCORE_IDS, fixtureScores, withAdversarialRows } from './segments-fixture.ts';

export const ENGINE_SCORES: ReadonlySet<string> = new Set(FIXTURE_SCORE_IDS);

export interface EngineFixture {
  /** The import layout's CSV files. */
  dir: string;
  asOf: string;
  customers: number;
  facts: readonly CustomerFacts[];
  vocab: Vocabulary;
  scores: ReturnType<typeof fixtureScores>;
  remove(): void;
}

/**
 * The generated customers (the suites take 300 of seed 11) and the adversarial rows, exported as
 * CSV. The tests generate them: the generator is theirs to import.
 */
export async function engineFixture(
  prefix: string,
  generated: { dataset: Dataset; manifest: { as_of: string } },
): Promise<EngineFixture> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const asOf = generated.manifest.as_of;
  const data = withAdversarialRows(generated.dataset, asOf);
  const scores = fixtureScores(data);
  const duck = await openDuckDbStore({ path: ':memory:', connections: 1 });
  try {
    await loadDataset(duck, data, { asOf, seed: 11 });
    await exportTables(duck.connection, dir, 'csv');
  } finally {
    await duck.close();
  }
  return {
    dir,
    asOf,
    customers: data.customers.length,
    facts: buildFacts(data, scores),
    vocab: vocabulary(data, asOf),
    scores,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A root definition over two saved segments (the second naming the first) and a gone one. */
export const engineCaseArb = (vocab: Vocabulary) =>
  fc
    .record({
      a: definitionArb(vocab, [], 3),
      b: definitionArb(vocab, ['seg_a'], 3),
      root: definitionArb(vocab, ['seg_a', 'seg_b', 'seg_gone']),
    })
    .map(({ a, b, root }) => ({
      root,
      segments: new Map<string, SegmentDefinition>([
        ['seg_a', a],
        ['seg_b', b],
      ]),
    }));

/** What an engine answers for a definition, the saved segments it may name given. */
export interface EngineUnderTest {
  members(
    root: SegmentDefinition,
    ctx: {
      asOf: string;
      segments: ReadonlyMap<string, SegmentDefinition>;
      scores: ReadonlySet<string>;
    },
  ): Promise<string[]>;
  count(
    root: SegmentDefinition,
    ctx: {
      asOf: string;
      segments: ReadonlyMap<string, SegmentDefinition>;
      scores: ReadonlySet<string>;
    },
  ): Promise<number>;
}

/**
 * `runs` random cases: the engine selects the reference evaluator's members (and counts them, on
 * one case in ten); more than a quarter of the cases select some customers but not all.
 */
export async function agreesWithReference(
  fixture: EngineFixture,
  engine: EngineUnderTest,
  runs: number,
): Promise<void> {
  const { asOf, facts, customers } = fixture;
  let nonTrivial = 0;
  let n = 0;
  await fc.assert(
    fc.asyncProperty(engineCaseArb(fixture.vocab), async ({ root, segments }) => {
      const reference = selectMembers(root, facts, { asOf, segments });
      const ctx = { asOf, segments, scores: ENGINE_SCORES };
      expect(await engine.members(root, ctx)).toEqual(reference);
      n += 1;
      if (n % 10 === 0) expect(await engine.count(root, ctx)).toBe(reference.length);
      if (reference.length > 0 && reference.length < customers) nonTrivial += 1;
    }),
    { numRuns: runs },
  );
  expect(nonTrivial).toBeGreaterThan(runs / 4);
}
