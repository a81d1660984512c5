// The ClickHouse store on chDB held to the reference JS evaluator, as DuckDB is
// (segments-differential.test.ts): random valid definitions over generated customers plus
// adversarial ones, every condition kind, saved segments named within — the members ClickHouse
// selects are the reference's. The data reaches ClickHouse the way a retailer's does: written in
// the import layout, loaded by loadLayout.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generateDataset } from '../../mocks/seed/index.ts';
import type { SegmentDefinition } from '../../src/domain/segment/definition.ts';
import { selectMembers } from '../../src/domain/segment/evaluate.ts';
import { buildFacts, type CustomerFacts } from '../../src/domain/segment/facts.ts';
import { exportTables } from '../import/export.ts';
import { chdbRunner, type ChdbRunner } from './chdb-runner.ts';
import { loadLayout } from './clickhouse.ts';
import {
  clickhouseCount,
  clickhouseMembers,
  writeCustomerQuality,
  writeCustomerScores,
} from './clickhouse-segments.ts';
import { loadDataset, openDuckDbStore } from './duckdb.ts';
import { definitionArb, vocabulary, type Vocabulary } from './segments-arbitraries.ts';
import { FIXTURE_SCORE_IDS, fixtureScores, withAdversarialRows } from './segments-fixture.ts';

/** 1,000 in CI, as DuckDB's; set SEGMENT_PROPERTY_RUNS for a longer hunt. */
const RUNS = Number(process.env.SEGMENT_PROPERTY_RUNS ?? 1_000);
const SCORES: ReadonlySet<string> = new Set(FIXTURE_SCORE_IDS);
const ALL = 1_000_000;

const dir = mkdtempSync(join(tmpdir(), 'tact-ch-segments-'));
let ch: ChdbRunner;
let facts: readonly CustomerFacts[];
let vocab: Vocabulary;
let asOf: string;
let customers: number;

beforeAll(async () => {
  const generated = generateDataset({ seed: 11, customers: 300 });
  asOf = generated.manifest.as_of;
  const data = withAdversarialRows(generated.dataset, asOf);
  customers = data.customers.length;
  vocab = vocabulary(data, asOf);
  const scores = fixtureScores(data);
  facts = buildFacts(data, scores);
  const duck = await openDuckDbStore({ path: ':memory:', connections: 1 });
  try {
    await loadDataset(duck, data, { asOf, seed: 11 });
    await exportTables(duck.connection, dir, 'csv');
  } finally {
    await duck.close();
  }
  ch = chdbRunner();
  await loadLayout(ch, dir);
  await writeCustomerQuality(ch);
  await writeCustomerScores(ch, scores);
}, 180_000);
afterAll(() => {
  ch.close();
  rmSync(dir, { recursive: true, force: true });
});

const caseArb = () =>
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

test(
  `ClickHouse selects the reference's members (${RUNS} random definitions), and counts them`,
  async () => {
    let nonTrivial = 0;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(caseArb(), async ({ root, segments }) => {
        const reference = selectMembers(root, facts, { asOf, segments });
        const ctx = { asOf, segments, scores: SCORES };
        expect(await clickhouseMembers(ch, root, ctx, ALL)).toEqual(reference);
        // The count statement, on one case in ten.
        n += 1;
        if (n % 10 === 0) expect(await clickhouseCount(ch, root, ctx)).toBe(reference.length);
        if (reference.length > 0 && reference.length < customers) nonTrivial += 1;
      }),
      { numRuns: RUNS },
    );
    expect(nonTrivial).toBeGreaterThan(RUNS / 4);
  },
  60_000 + RUNS * 400,
);
