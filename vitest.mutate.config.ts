// The tests `npm run mutate` runs against each mutant: the fast, deterministic tests of the files
// that decide what a segment condition means, what a customer is recommended, how a template
// renders or what a guardrail decides (stryker.config.json lists those files), quickest first, so a mutant a table test kills
// never waits for the sweep. The DuckDB sweeps, the property suites and the timed template attacks
// stay in `npm test`: too slow to run once per mutant on two cores.
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

const TESTS = [
  'src/domain/profile/search.test.ts',
  'src/domain/profile/search-index.test.ts',
  'src/domain/segment/field-search.test.ts',
  'src/domain/segment/number-units.test.ts',
  'src/domain/segment/names.test.ts',
  'src/domain/segment/breakdown.test.ts',
  'src/domain/analytics/campaigns.test.ts',
  'src/domain/analytics/quality.test.ts',
  'src/domain/analytics/churn-trend.test.ts',
  'src/domain/segment/operators.test.ts',
  'src/domain/segment/sql-comparison.test.ts',
  'src/domain/segment/sql-dialect.test.ts',
  'src/domain/segment/memberships.test.ts',
  'src/domain/profile/identity-resolution.test.ts',
  'src/domain/profile/mask.test.ts',
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
  'src/domain/template/salutation.test.ts',
  'src/domain/template/links.test.ts',
  'src/domain/template/sms.test.ts',
  'src/domain/template/format.test.ts',
  'src/domain/template/sanitise.test.ts',
  'src/domain/template/context.test.ts',
  'src/domain/template/render.test.ts',
  'src/domain/guardrails/holidays.test.ts',
  'src/domain/guardrails/time-zone.test.ts',
  'src/domain/guardrails/contact-pressure.test.ts',
  'src/domain/guardrails/contact-quiet-hours.test.ts',
  'src/domain/guardrails/contact-consent.test.ts',
  'src/domain/guardrails/contact-missing-data.test.ts',
  'src/domain/guardrails/contact-preferences.test.ts',
  'src/domain/guardrails/contact-words.test.ts',
  'src/domain/guardrails/contact-checks.test.ts',
  'src/domain/guardrails/offer.test.ts',
  'src/domain/guardrails/offer-message.test.ts',
  'src/domain/guardrails/offer-owned.test.ts',
  'src/domain/guardrails/offer-discount.test.ts',
  'src/domain/guardrails/offer-answered.test.ts',
  'src/domain/guardrails/offer-validity.test.ts',
  'src/domain/guardrails/offer-words.test.ts',
  'src/domain/guardrails/offer-checks.test.ts',
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
