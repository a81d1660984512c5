// The edge sweep (segments-sweep-conditions.ts) on the memory store's engine: the column evaluator
// (evaluate-columns.ts), all conditions at once over every customer, must select exactly whom the
// reference evaluator (evaluate.ts) selects, condition by condition. No database: it runs in a
// second, so it also serves the mutation tests (stryker.config.json).
import { beforeAll, describe, expect, test } from 'vitest';
import { generateDataset } from '../../mocks/seed/index.ts';
import type { Condition, SegmentDefinition } from '../../src/domain/segment/definition.ts';
import { CustomerColumns, selectAll } from '../../src/domain/segment/evaluate-columns.ts';
import { compileEvaluator } from '../../src/domain/segment/evaluate.ts';
import { buildFacts, type CustomerFacts } from '../../src/domain/segment/facts.ts';
import { fixtureScores, withAdversarialRows } from './segments-fixture.ts';
import { definition, sweepConditions } from './segments-sweep-conditions.ts';

describe('every edge condition means in the column evaluator what it means in the reference', () => {
  let asOf: string;
  let facts: CustomerFacts[];
  let conditions: Condition[];
  const segments = new Map<string, SegmentDefinition>();

  beforeAll(() => {
    const generated = generateDataset({ seed: 11, customers: 60 });
    asOf = generated.manifest.as_of;
    const data = withAdversarialRows(generated.dataset, asOf);
    facts = buildFacts(data, fixtureScores(data));
    conditions = sweepConditions(facts, asOf);
  });

  test('the column evaluator selects whom the reference selects, on every edge condition', () => {
    const context = { asOf, segments };
    const selections = selectAll(
      new CustomerColumns(facts, asOf),
      conditions.map(definition),
      context,
    );
    const mismatches: string[] = [];
    conditions.forEach((condition, i) => {
      const matches = compileEvaluator(definition(condition), context);
      const selected = selections[i];
      facts.forEach((f, k) => {
        const reference = matches(f);
        const columns = selected?.[k] === 1;
        if (columns !== reference) {
          mismatches.push(
            `${f.customer.customer_id}: reference ${reference}, columns ${columns} for ` +
              JSON.stringify(condition),
          );
        }
      });
    });
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  test('a negated condition selects exactly the others in the column evaluator', () => {
    const context = { asOf, segments };
    const columns = new CustomerColumns(facts, asOf);
    const plain = selectAll(columns, conditions.map(definition), context);
    const negated = selectAll(
      columns,
      conditions.map((c) => definition({ ...c, negate: true })),
      context,
    );
    const wrong = conditions.filter((_, i) =>
      facts.some((_, k) => (plain[i]?.[k] ?? 0) + (negated[i]?.[k] ?? 0) !== 1),
    );
    expect(wrong.slice(0, 3)).toEqual([]);
  });
});
