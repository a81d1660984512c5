// The ClickHouse store's reads held to the DuckDB store on the same rows: the demo in the import
// layout loaded into chDB, and for random definitions (saved segments named within) every part of
// the count endpoint's answer — counts, total, the first members, each breakdown — the members
// after a given one, the histories in chunks, and the orders the models read.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEMO_AS_OF, generateDataset } from '../../mocks/seed/index.ts';
import { columnFields } from '../../src/domain/profile/catalogue.ts';
import { parseDefinition } from '../../src/domain/segment/parse-definition.ts';
import type { Dataset } from '../../src/domain/profile/schema.ts';
import {
  CHANNEL_BREAKDOWN_IDS,
  SCORE_BREAKDOWN_IDS,
  breakdownColumn,
} from '../../src/domain/segment/breakdown.ts';
import { exportTables } from '../import/export.ts';
import { definitionsById } from '../store.ts';
import { chdbRunner, type ChdbRunner } from './chdb-runner.ts';
import { loadLayout } from './clickhouse.ts';
import { ClickHouseReads } from './clickhouse-store.ts';
import { loadDataset, openDuckDbStore, type DuckDbStore } from './duckdb.ts';
import { definitionArb, vocabulary, type Vocabulary } from './segments-arbitraries.ts';

const RUNS = Number(process.env.CLICKHOUSE_STORE_RUNS ?? 40);
const BREAKDOWNS = [
  ...columnFields.filter((f) => breakdownColumn(f.id) !== null).map((f) => f.id),
  ...SCORE_BREAKDOWN_IDS,
  ...CHANNEL_BREAKDOWN_IDS,
];

const dir = mkdtempSync(join(tmpdir(), 'tact-clickhouse-store-'));
let duck: DuckDbStore;
let ch: ChdbRunner;
let reads: ClickHouseReads;
let dataset: Dataset;
let vocab: Vocabulary;
let savedIds: string[];

beforeAll(async () => {
  ({ dataset } = generateDataset({ seed: 7, customers: 400, asOf: DEMO_AS_OF }));
  vocab = vocabulary(dataset, DEMO_AS_OF);
  duck = await openDuckDbStore({ path: ':memory:' });
  await loadDataset(duck, dataset, { asOf: DEMO_AS_OF, seed: 7 });
  await exportTables(duck.connection, dir, 'csv');
  ch = chdbRunner();
  await loadLayout(ch, dir);
  savedIds = (await duck.savedSegments()).map((s) => s.segment_id);
  reads = new ClickHouseReads(ch, {
    asOf: DEMO_AS_OF,
    segments: async () => definitionsById(await duck.savedSegments()),
  });
  await reads.prepare();
}, 180_000);
afterAll(async () => {
  ch.close();
  await duck.close();
  rmSync(dir, { recursive: true, force: true });
});

/** An answer, or the kind of error and the field it names. */
async function settled<T>(work: Promise<T>): Promise<{ answer: T } | { refused: string }> {
  try {
    return { answer: await work };
  } catch (error: unknown) {
    return { refused: error instanceof Error ? `${error.name}: ${error.message}` : 'thrown' };
  }
}

test('the orders the models read, and so the scores, are the DuckDB store’s', async () => {
  expect(await reads.scoringTransactions()).toEqual(await duck.scoringTransactions());
  expect(await reads.customerCount()).toBe(dataset.customers.length);
}, 60_000);

test(
  `the count endpoint's answer, every breakdown, the members after one: as DuckDB's (${RUNS} definitions)`,
  async () => {
    let nonTrivial = 0;
    await fc.assert(
      fc.asyncProperty(
        definitionArb(vocab, savedIds, 3),
        fc.constantFrom(...BREAKDOWNS),
        fc.integer({ min: 0, max: 12 }),
        async (definition, breakdown, sample) => {
          // The arbitraries also name scores no store knows: both refuse those alike.
          const mine = await settled(reads.segmentCountAnswer([definition], sample, breakdown));
          expect(mine).toEqual(
            await settled(duck.segmentCountAnswer([definition], sample, breakdown)),
          );
          if (!('answer' in mine)) return;
          const [count = 0] = mine.answer.counts;
          if (count > 0 && count < mine.answer.total) nonTrivial += 1;
          const after = mine.answer.sample.at(-1)?.customer_id;
          if (after !== undefined)
            expect(await reads.segmentSample(definition, 7, after)).toEqual(
              await duck.segmentSample(definition, 7, after),
            );
        },
      ),
      { numRuns: RUNS },
    );
    expect(nonTrivial).toBeGreaterThan(RUNS / 5);
  },
  60_000 + RUNS * 3_000,
);

test('every breakdown of everyone and of each saved segment is DuckDB’s', async () => {
  const everyone = {
    version: 1 as const,
    root: {
      id: 'e',
      kind: 'group' as const,
      negate: true,
      combinator: 'and' as const,
      children: [],
    },
  };
  // The models' own scores as conditions (the random ones name the fixture's).
  const score = (id: string, test: object) => ({
    version: 1 as const,
    root: {
      id: 'g',
      kind: 'group' as const,
      negate: false,
      combinator: 'and' as const,
      children: [{ id: 's', kind: 'score', negate: false, score: id, test }],
    },
  });
  const scored = [
    score('score.propensity_30d', { operator: 'gt', value: 20 }),
    score('score.churn_band', { operator: 'in', values: ['high', 'medium'] }),
    score('score.clv_12m', { operator: 'between', min: 50, max: 400 }),
    score('score.rfm_cell', { operator: 'is_empty' }),
  ].map((d) => {
    const parsed = parseDefinition(d);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    return parsed.definition;
  });
  const definitions = [
    everyone,
    ...scored,
    ...(await duck.savedSegments()).map((s) => s.definition),
  ];
  for (const definition of scored.slice(0, 3))
    expect((await reads.segmentCounts([definition]))[0]).toBeGreaterThan(0);
  for (const definition of definitions)
    for (const breakdown of BREAKDOWNS)
      expect(await reads.segmentBreakdown(definition, breakdown), breakdown).toEqual(
        await duck.segmentBreakdown(definition, breakdown),
      );
}, 180_000);

test('histories come in chunks, in id order, as DuckDB gives them', async () => {
  const ids = dataset.customers
    .slice(0, 60)
    .map((c) => c.customer_id)
    .reverse();
  const mine = [];
  for await (const chunk of reads.histories([...ids, 'C9999999', ids[0] ?? ''], { chunkSize: 25 }))
    mine.push(chunk);
  const theirs = [];
  for await (const chunk of duck.histories([...ids, 'C9999999'], { chunkSize: 25 }))
    theirs.push(chunk);
  expect(mine.map((c) => c.length)).toEqual(theirs.map((c) => c.length));
  expect(mine.flat()).toEqual(theirs.flat());
  expect(await reads.history(ids[0] ?? '')).toEqual(await duck.history(ids[0] ?? ''));
  expect(await reads.history('C9999999')).toBeNull();
}, 120_000);

test('the field catalogue is the DuckDB store’s: every field’s stats and suggestions, events too', async () => {
  const mine = await reads.catalogue();
  const theirs = await duck.catalogue();
  expect(mine.customers).toBe(theirs.customers);
  expect(mine.fields.map((f) => f.id)).toEqual(theirs.fields.map((f) => f.id));
  for (const [i, f] of mine.fields.entries()) expect(f, f.id).toEqual(theirs.fields[i]);
  expect(mine.event_types).toEqual(theirs.event_types);
}, 120_000);

test('search finds whom DuckDB finds: ids, identities, phones written any way, names, typos', async () => {
  const someone = dataset.customers[17];
  const phone = dataset.identities.find((i) => i.kind === 'phone');
  const email = dataset.identities.find((i) => i.kind === 'email');
  const queries = [
    someone?.customer_id ?? '',
    (someone?.customer_id ?? '').toLowerCase(),
    `${someone?.first_name ?? ''} ${someone?.last_name ?? ''}`,
    someone?.last_name ?? '',
    (someone?.last_name ?? '').slice(0, 3),
    email?.value.toUpperCase() ?? '',
    phone?.value ?? '',
    (phone?.value ?? '').replaceAll(' ', ''),
    (phone?.value ?? '').replace(/^\+33\s?/, '0'),
    'zzzz',
    '',
  ];
  for (const q of queries)
    for (const limit of [1, 8])
      expect(await reads.search(q, limit), `${q} (${String(limit)})`).toEqual(
        await duck.search(q, limit),
      );
}, 120_000);
