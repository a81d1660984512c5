// PostgreSQL held to the reference JS evaluator, as DuckDB and ClickHouse are: random valid
// definitions over generated customers plus adversarial ones, every condition kind, saved segments
// named within — the members PostgreSQL selects are the reference's. On PGlite always; on a
// PostgreSQL server when the machine has one (postgres-server.fixture.ts starts it on a private
// socket and data directory). The data arrives as a retailer's does: the import layout, by COPY.
import { generateDataset } from '../../mocks/seed/index.ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pgliteRunner } from './pglite-runner.ts';
import {
  loadLayoutIntoPostgres,
  postgresCount,
  postgresMembers,
  writePostgresCustomerQuality,
  writePostgresCustomerScores,
  type PostgresRunner,
} from './postgres.ts';
import { postgresServer, type PostgresServer } from './postgres-server.fixture.ts';
import {
  agreesWithReference,
  engineFixture,
  type EngineFixture,
} from './segments-engines.fixture.ts';

/** 1,000 in CI, as DuckDB's; set SEGMENT_PROPERTY_RUNS for a longer hunt. */
const RUNS = Number(process.env.SEGMENT_PROPERTY_RUNS ?? 1_000);
const ALL = 1_000_000;

let fixture: EngineFixture;
beforeAll(async () => {
  fixture = await engineFixture('tact-pg-segments-', generateDataset({ seed: 11, customers: 300 }));
}, 120_000);
afterAll(() => fixture.remove());

async function prepared(pg: PostgresRunner): Promise<void> {
  const loaded = await loadLayoutIntoPostgres(pg, fixture.dir);
  expect(loaded.customers).toBe(fixture.customers);
  await writePostgresCustomerQuality(pg);
  await writePostgresCustomerScores(pg, fixture.scores);
}

const agrees = (pg: PostgresRunner) =>
  agreesWithReference(
    fixture,
    {
      members: (root, ctx) => postgresMembers(pg, root, ctx, ALL),
      count: (root, ctx) => postgresCount(pg, root, ctx),
    },
    RUNS,
  );

describe('PGlite', () => {
  let pg: PostgresRunner;
  beforeAll(async () => {
    pg = await pgliteRunner();
    await prepared(pg);
  }, 120_000);
  afterAll(() => pg.close());

  test(
    `PostgreSQL (PGlite) selects the reference's members (${RUNS} random definitions), and counts them`,
    () => agrees(pg),
    60_000 + RUNS * 400,
  );
});

const server: PostgresServer | null = postgresServer();

describe.skipIf(server === null)(`a PostgreSQL server (${server?.version ?? 'none here'})`, () => {
  let pg: PostgresRunner;
  beforeAll(async () => {
    if (server === null) return;
    pg = await server.start();
    await prepared(pg);
  }, 120_000);
  afterAll(async () => {
    await pg.close();
    await server?.stop();
  });

  test(
    `PostgreSQL (server) selects the reference's members (${RUNS} random definitions), and counts them`,
    () => agrees(pg),
    60_000 + RUNS * 400,
  );
});
