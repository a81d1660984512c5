// The edge sweep (segments-sweep-conditions.ts) on DuckDB: each condition evaluated on every
// customer by the SQL of both compile modes (the loaded tables, and the segment tables as a count
// plan reads them, many conditions per statement) must select exactly whom the reference JS
// evaluator selects. The memory store's engine runs the same sweep in segments-sweep-memory.test.ts.
import { DUCKDB } from '../../src/domain/segment/sql-dialect.ts';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateDataset } from '../../mocks/seed/index.ts';
import type { Dataset } from '../../src/domain/profile/schema.ts';
import type { Condition, SegmentDefinition } from '../../src/domain/segment/definition.ts';
import { compileEvaluator } from '../../src/domain/segment/evaluate.ts';
import { buildFacts, type CustomerFacts } from '../../src/domain/segment/facts.ts';
import { compileColumns, compileDefinition, type SqlParam } from '../../src/domain/segment/sql.ts';
import { loadDataset, openDuckDbStore, type DuckDbStore } from './duckdb.ts';
import { writeCustomerScores } from './duckdb-scores.ts';
import { overSegmentTables } from './duckdb-segment-layout.ts';
import { runSegmentStatement } from './duckdb-segments.ts';
import { FIXTURE_SCORE_IDS, fixtureScores, withAdversarialRows } from './segments-fixture.ts';
import { definition, sweepConditions } from './segments-sweep-conditions.ts';

const BATCH = 25;
const SCORES: ReadonlySet<string> = new Set(FIXTURE_SCORE_IDS);

/** 35 s alone on 2 cores; the other test worker may run DuckDB beside it (decision 023). */
const SWEEP_TIMEOUT = 180_000;

describe('every edge condition means in DuckDB what it means in the reference evaluator', () => {
  let data: Dataset;
  let asOf: string;
  let duck: DuckDbStore;
  let facts: CustomerFacts[];
  let conditions: Condition[];
  const segments = new Map<string, SegmentDefinition>();

  beforeAll(async () => {
    const generated = generateDataset({ seed: 11, customers: 60 });
    asOf = generated.manifest.as_of;
    data = withAdversarialRows(generated.dataset, asOf);
    const scores = fixtureScores(data);
    facts = buildFacts(data, scores);
    conditions = sweepConditions(facts, asOf);
    duck = await openDuckDbStore({ path: ':memory:', connections: 1 });
    await loadDataset(duck, data, { asOf });
    await writeCustomerScores(duck.connection, scores);
    await duck.connection.run('SET threads = 1');
  });
  afterAll(() => duck.close());

  /** Each batch's rows by customer id, column p<i> holding the batch's i-th condition. */
  async function check(
    statement: (batch: Condition[]) => { sql: string; params: SqlParam[] },
  ): Promise<string[]> {
    const ids = facts.map((f) => f.customer.customer_id);
    const mismatches: string[] = [];
    for (let start = 0; start < conditions.length; start += BATCH) {
      const batch = conditions.slice(start, start + BATCH);
      const rows = await runSegmentStatement(duck.connection, statement(batch));
      const sql = new Map(rows.map((row) => [String(row.customer_id), row]));
      batch.forEach((condition, i) => {
        const matches = compileEvaluator(definition(condition), { asOf, segments });
        for (const [k, f] of facts.entries()) {
          const js = matches(f);
          const db = sql.get(ids[k] ?? '')?.[`p${i}`];
          if (db !== js)
            mismatches.push(
              `${ids[k]}: JS ${js}, SQL ${String(db)} for ${JSON.stringify(condition)}`,
            );
        }
      });
    }
    return mismatches;
  }

  test('the sweep is large and reaches every condition kind', () => {
    expect(conditions.length).toBeGreaterThan(3_000);
    expect(new Set(conditions.map((c) => c.kind))).toEqual(
      new Set(['attribute', 'behaviour', 'aggregate', 'score', 'reachability']),
    );
  });

  test(
    'over the loaded tables (base mode)',
    async () => {
      // Negation needs no sweep: every SQL condition is coalesced to TRUE or FALSE before NOT, and a
      // NULL here would show as a mismatch.
      const mismatches = await check((batch) => {
        const params: SqlParam[] = [];
        const columns = batch.map((condition, i) => {
          const compiled = compileDefinition(definition(condition), {
            asOf,
            segments,
            scores: SCORES,
            dialect: DUCKDB,
          });
          const offset = params.length;
          params.push(...compiled.params);
          const where = compiled.where.replace(
            /\$(\d+)::/g,
            (_, n: string) => `$${Number(n) + offset}::`,
          );
          return `${where} AS p${i}`;
        });
        return { sql: `SELECT c.customer_id, ${columns.join(', ')} FROM customers c`, params };
      });
      expect(mismatches.slice(0, 5)).toEqual([]);
    },
    SWEEP_TIMEOUT,
  );

  test(
    'over the segment tables (their layout, one count-plan statement per batch)',
    async () => {
      const mismatches = await check((batch) => {
        const compiled = compileColumns(
          batch.map(definition),
          overSegmentTables({ asOf, segments, scores: SCORES, customers: facts.length }),
        );
        const inner = compiled.conditions.map((where, i) => `, ${where} AS k${i}`).join('');
        return {
          sql:
            `SELECT customer_id, ${compiled.columns.map((w, i) => `${w} AS p${i}`).join(', ')} ` +
            `FROM (SELECT c.customer_id${inner} FROM ${compiled.from})`,
          params: compiled.params,
        };
      });
      expect(mismatches.slice(0, 5)).toEqual([]);
    },
    SWEEP_TIMEOUT,
  );
});
