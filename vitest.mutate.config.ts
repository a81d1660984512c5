// The tests `npm run mutate` runs against each mutant: the fast, deterministic tests of the files
// that decide what a segment condition means or what a customer is recommended
// (stryker.config.json lists those files), quickest first, so a mutant a table test kills never
// waits for the sweep. The DuckDB sweeps and the property suites stay in `npm test`: too slow to
// run once per mutant on two cores.
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

const TESTS = [
  'src/domain/segment/operators.test.ts',
  'src/domain/segment/sql-comparison.test.ts',
  'src/domain/segment/evaluate-columns.test.ts',
  'src/domain/segment/evaluate.test.ts',
  'src/domain/segment/sql.test.ts',
  'server/stores/duckdb-segment-layout.test.ts',
  'server/stores/segments-comparisons.test.ts',
  'server/stores/segments-sweep-memory.test.ts',
  'src/domain/recommend/relations.test.ts',
  'src/domain/recommend/eligibility.test.ts',
  'src/domain/recommend/ownership.test.ts',
  'src/domain/recommend/co-purchase.test.ts',
  'src/domain/recommend/context.test.ts',
  'src/domain/recommend/recommend.test.ts',
];

class InListedOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => TESTS.findIndex((t) => spec.moduleId.endsWith(t));
    return [...files].sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    environment: 'node',
    include: TESTS,
    sequence: { sequencer: InListedOrder },
    testTimeout: 60_000,
  },
});
