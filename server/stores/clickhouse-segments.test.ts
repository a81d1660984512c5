// The ClickHouse store on chDB held to the reference JS evaluator, as DuckDB is
// (segments-differential.test.ts): random valid definitions over generated customers plus
// adversarial ones, every condition kind, saved segments named within — the members ClickHouse
// selects are the reference's. The data reaches ClickHouse the way a retailer's does: written in
// the import layout, loaded by loadLayout.
import { writeCustomerFacts } from './clickhouse-dashboards.ts';
import { generateDataset } from '../../mocks/seed/index.ts';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { selectMembers } from '../../src/domain/segment/evaluate.ts';
import { chdbRunner, type ChdbRunner } from './chdb-runner.ts';
import { loadLayout } from './clickhouse.ts';
import { clickhouseCount, clickhouseMembers, writeCustomerScores } from './clickhouse-segments.ts';
import {
  ENGINE_SCORES,
  agreesWithReference,
  engineFixture,
  type EngineFixture,
} from './segments-engines.fixture.ts';

/** 1,000 in CI, as DuckDB's; set SEGMENT_PROPERTY_RUNS for a longer hunt. */
const RUNS = Number(process.env.SEGMENT_PROPERTY_RUNS ?? 1_000);
const ALL = 1_000_000;

let fixture: EngineFixture;
let ch: ChdbRunner;

beforeAll(async () => {
  fixture = await engineFixture('tact-ch-segments-', generateDataset({ seed: 11, customers: 300 }));
  ch = chdbRunner();
  await loadLayout(ch, fixture.dir);
  await writeCustomerFacts(ch);
  await writeCustomerScores(ch, fixture.scores);
}, 180_000);
afterAll(() => {
  ch.close();
  fixture.remove();
});

test(
  `ClickHouse selects the reference's members (${RUNS} random definitions), and counts them`,
  () =>
    agreesWithReference(
      fixture,
      {
        members: (root, ctx) => clickhouseMembers(ch, root, ctx, ALL),
        count: (root, ctx) => clickhouseCount(ch, root, ctx),
      },
      RUNS,
    ),
  60_000 + RUNS * 400,
);

test('an order line whose product is gone has no category (an outer join’s missing side is NULL)', async () => {
  // Found by the property above (1 case in thousands): ClickHouse's outer join answered '' for the
  // gone product's category, which is "not video games".
  const definition = {
    version: 1 as const,
    root: {
      id: 'g',
      kind: 'group' as const,
      negate: false,
      combinator: 'and' as const,
      children: [
        {
          id: 'o',
          negate: false,
          kind: 'behaviour' as const,
          action: { type: 'order' as const },
          count: { operator: 'at_least' as const, value: 1 },
          window: { type: 'ever' as const },
          filters: [
            {
              field: 'line.category',
              test: { operator: 'not_equals' as const, value: 'video_games' },
            },
          ],
        },
      ],
    },
  };
  const { asOf, facts } = fixture;
  const segments = new Map();
  const reference = selectMembers(definition, facts, { asOf, segments });
  expect(reference).not.toContain('X-06');
  expect(
    await clickhouseMembers(ch, definition, { asOf, segments, scores: ENGINE_SCORES }, ALL),
  ).toEqual(reference);
});
