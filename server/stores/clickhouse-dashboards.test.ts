// The dashboards' figures on ClickHouse held to the DuckDB store's on the same rows: the demo (its
// planted campaigns and holdouts too, and contact data at the quality rules' edges) loaded into
// DuckDB and into chDB; for random segments (saved ones named within), periods and channels, the buyers, value,
// campaign and quality figures and a page of every quality list are the same. Then the scores'
// table under refits asked together: never half written, never written twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEMO_AS_OF, generateDataset } from '../../mocks/seed/index.ts';
import { QUALITY_LIST_NAMES } from '../../src/domain/analytics/quality.ts';
import { orderChannel } from '../../src/domain/profile/schema.ts';
import type { SegmentDefinition } from '../../src/domain/segment/definition.ts';
import { parseDefinition } from '../../src/domain/segment/parse-definition.ts';
import { importedSegments } from '../documents/segments.ts';
import { exportTables } from '../import/export.ts';
import { loadClickHouse } from './clickhouse-load.ts';
import { chdbRunner, type ChdbRunner } from './chdb-runner.ts';
import { ClickHouseStore } from './clickhouse-profile-store.ts';
import { loadDataset, openDuckDbStore, type DuckDbStore } from './duckdb.ts';
import { definitionArb, vocabulary } from './segments-arbitraries.ts';

const RUNS = Number(process.env.CLICKHOUSE_DASHBOARD_RUNS ?? 30);
const SEED = 11;
const CUSTOMERS = 400;
const { dataset } = generateDataset({ seed: SEED, customers: CUSTOMERS, asOf: DEMO_AS_OF });
let duck: DuckDbStore;
let ch: ChdbRunner;
let clickhouse: ClickHouseStore;
let savedIds: string[];

/** Contact data the quality rules read at their edges, written over a few generated customers. */
function withEdges(): void {
  const [a, b, c, d, e, f] = dataset.customers;
  if (!a || !b || !c || !d || !e || !f) throw new Error('Too few customers for the edges.');
  a.phone = '06 12 34 56 78';
  b.phone = '+33 6 12 34 56 78'; // the same number: a duplicate phone
  c.email = `  ${(d.email ?? 'x@example.fr').toUpperCase()} `; // d's e-mail: a duplicate
  e.phone = '12 34 5'; // too few digits: invalid
  f.email = '';
  f.first_name = 'CLIENT';
}

beforeAll(async () => {
  withEdges();
  duck = await openDuckDbStore({ path: ':memory:', connections: 1 });
  await loadDataset(duck, dataset, { asOf: DEMO_AS_OF, seed: SEED });
  // Loaded into chDB as `npm start` seeds it: the import layout, by the ClickHouse loader.
  const dir = mkdtempSync(join(tmpdir(), 'tact-clickhouse-dashboards-'));
  await exportTables(duck.connection, dir, 'csv');
  ch = chdbRunner();
  await loadClickHouse(ch, dir, DEMO_AS_OF);
  rmSync(dir, { recursive: true, force: true });
  const state = await openDuckDbStore({ path: ':memory:', connections: 1, documentsOnly: true });
  await state.documents.importOnce('segment', importedSegments(dataset.segments));
  clickhouse = await ClickHouseStore.open(ch, state);
  savedIds = (await duck.savedSegments()).map((s) => s.segment_id);
}, 180_000);
afterAll(async () => {
  await clickhouse.close();
  await duck.close();
});

/**
 * `mine` with each of its fractional figures (a variance) replaced by `theirs` where the two agree
 * to one part in 10⁹: the engines sum in their own order.
 */
const aligned = (mine: unknown, theirs: unknown): unknown => {
  if (
    typeof mine === 'number' &&
    typeof theirs === 'number' &&
    !(Number.isInteger(mine) && Number.isInteger(theirs))
  )
    return Math.abs(mine - theirs) <= 1e-9 * Math.max(Math.abs(mine), Math.abs(theirs))
      ? theirs
      : mine;
  if (Array.isArray(mine) && Array.isArray(theirs))
    return mine.map((v, i): unknown => aligned(v, theirs[i]));
  if (typeof mine === 'object' && mine !== null && typeof theirs === 'object' && theirs !== null)
    return Object.fromEntries(
      Object.entries(mine).map(([k, v]) => [k, aligned(v, Reflect.get(theirs, k))]),
    );
  return mine;
};

/** An answer, or the error's kind and message. */
async function settled<T>(work: Promise<T>): Promise<unknown> {
  try {
    return { answer: await work };
  } catch (error: unknown) {
    return { refused: error instanceof Error ? `${error.name}: ${error.message}` : 'thrown' };
  }
}

/** "YYYY-MM", `back` months before the demo's as-of month. */
function monthBefore(back: number): string {
  const at = new Date(DEMO_AS_OF);
  const n = at.getUTCFullYear() * 12 + at.getUTCMonth() - back;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
}

const periodArb = fc
  .tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }))
  .map(([a, b]) => ({ from: monthBefore(Math.max(a, b)), to: monthBefore(Math.min(a, b)) }));
const channelArb = fc.constantFrom(null, ...orderChannel.options);

test(
  `buyers, value, campaigns and quality on ClickHouse are DuckDB's (${RUNS} segments, periods, channels)`,
  async () => {
    const seen = { buyers: 0, valued: 0, campaigns: 0, listed: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.option(definitionArb(vocabulary(dataset, DEMO_AS_OF), savedIds, 3), { nil: null }),
        periodArb,
        channelArb,
        fc.constantFrom(...QUALITY_LIST_NAMES),
        fc.record({
          limit: fc.integer({ min: 1, max: 30 }),
          offset: fc.integer({ min: 0, max: 20 }),
        }),
        async (definition: SegmentDefinition | null, period, channel, list, page) => {
          const query = { ...period, channel };
          const on = (store: DuckDbStore | ClickHouseStore) =>
            Promise.all([
              settled(store.buyersByMonth(definition, query)),
              settled(store.valueFigures(definition, query)),
              settled(store.campaignFigures(definition, query)),
              settled(store.qualityFigures(definition)),
              settled(store.qualityList(definition, list, page)),
            ]);
          const [mine, theirs] = [await on(clickhouse), await on(duck)];
          expect(aligned(mine, theirs)).toEqual(theirs);
          const [buyers, value, campaigns, , listed] = theirs;
          const answer = (v: unknown) =>
            typeof v === 'object' && v !== null && 'answer' in v ? v.answer : null;
          if (JSON.stringify(answer(buyers)).match(/"orders":[1-9]/)) seen.buyers += 1;
          if (JSON.stringify(answer(value)).match(/"customers":[1-9]/)) seen.valued += 1;
          if (Array.isArray(answer(campaigns)) && JSON.stringify(answer(campaigns)) !== '[]')
            seen.campaigns += 1;
          if (JSON.stringify(answer(listed)).match(/"total":[1-9]/)) seen.listed += 1;
        },
      ),
      { numRuns: RUNS },
    );
    // The property held over answers with something in them, not only over empty ones.
    expect(seen.buyers).toBeGreaterThan(RUNS / 4);
    expect(seen.valued).toBeGreaterThan(RUNS / 4);
    expect(seen.campaigns).toBeGreaterThan(RUNS / 8);
    expect(seen.listed).toBeGreaterThan(RUNS / 4);
  },
  120_000 + RUNS * 4_000,
);

test('every quality list of everyone, whole, is DuckDB’s', async () => {
  for (const list of QUALITY_LIST_NAMES) {
    const page = { limit: CUSTOMERS, offset: 0 };
    const mine = await clickhouse.qualityList(null, list, page);
    expect(mine, list).toEqual(await duck.qualityList(null, list, page));
  }
  const figures = await clickhouse.qualityFigures(null);
  expect(figures).toEqual(await duck.qualityFigures(null));
  // The edges written over the generated customers are among them.
  expect(figures.duplicate_phone).toBeGreaterThanOrEqual(2);
  expect(figures.duplicate_email).toBeGreaterThanOrEqual(2);
  expect(figures.phone.invalid).toBeGreaterThanOrEqual(1);
});

function definition(json: unknown): SegmentDefinition {
  const parsed = parseDefinition(json);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.definition;
}

test('refits asked together write the scores one after the other; counts read them whole', async () => {
  const likely = definition({
    version: 1,
    root: {
      id: 'g',
      kind: 'group',
      negate: false,
      combinator: 'and',
      children: [
        {
          id: 's',
          kind: 'score',
          negate: false,
          score: 'score.propensity_30d',
          test: { operator: 'gt', value: 10 },
        },
      ],
    },
  });
  const [before] = await duck.segmentCounts([likely]);
  const stages: string[] = [];
  const counts: Promise<number[]>[] = [];
  const refits = [0, 1, 2].map((i) => {
    counts.push(clickhouse.segmentCounts([likely]));
    return clickhouse.refitScores((stage) => stages.push(`${i}:${stage}`));
  });
  await Promise.all(refits);
  // One after the other: each refit's stages together, in the order asked.
  expect(stages).toEqual([
    '0:reading the orders',
    '0:fitting the models and scoring',
    '1:reading the orders',
    '1:fitting the models and scoring',
    '2:reading the orders',
    '2:fitting the models and scoring',
  ]);
  for (const count of await Promise.all(counts)) expect(count).toEqual([before]);
  const [table] = await ch.rows(
    'SELECT count() AS n, uniqExact(customer_id) AS ids FROM customer_scores',
  );
  expect(Number(table?.n)).toBe(Number(table?.ids));
  const [leftover] = await ch.rows(
    "SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND name LIKE '%_next'",
  );
  expect(Number(leftover?.n)).toBe(0);
  expect(await clickhouse.segmentCounts([likely])).toEqual([before]);
}, 120_000);
