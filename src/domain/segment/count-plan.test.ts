import { expect, test } from 'vitest';
import { countPlan, planCounts } from './count-plan.ts';
import type { SegmentDefinition } from './definition.ts';

const definition: SegmentDefinition = {
  version: 1,
  root: {
    id: 'root',
    kind: 'group',
    negate: true,
    combinator: 'or',
    children: [
      {
        id: 'a',
        kind: 'attribute',
        negate: false,
        field: 'customer.city',
        test: { operator: 'equals', value: 'Lyon' },
      },
      { id: 'b', kind: 'reachability', negate: false, check: { type: 'valid_email' } },
    ],
  },
};

test('counts the segment first, then its reach per channel, then each top-level part alone', () => {
  const plan = countPlan(definition);
  expect(plan.definitions).toHaveLength(1 + 3 + 2);
  expect(plan.definitions[0]).toBe(definition);
  expect(plan.groupIds).toEqual(['a', 'b']);
  expect(plan.definitions[4]?.root.children).toEqual([definition.root.children[0]]);
});

test('reach keeps the whole segment, negation included, and adds consent and a valid address', () => {
  const email = countPlan(definition).definitions[1];
  expect(email?.root.combinator).toBe('and');
  expect(email?.root.children[0]).toBe(definition.root);
  expect(
    email?.root.children.slice(1).map((c) => (c.kind === 'reachability' ? c.check : null)),
  ).toEqual([{ type: 'consent', channel: 'email' }, { type: 'valid_email' }]);
  const push = countPlan(definition).definitions[3];
  expect(push?.root.children).toHaveLength(2);
});

test('reads each count back by what it counts, not by where it sits', () => {
  const plan = countPlan(definition);
  expect(planCounts(plan, [10, 7, 5, 3, 8, 6])).toEqual({
    segment: 10,
    reachable: { email: 7, sms: 5, push: 3 },
    groups: [
      { node_id: 'a', count: 8 },
      { node_id: 'b', count: 6 },
    ],
  });
});

test('refuses counts that do not match the plan', () => {
  expect(() => planCounts(countPlan(definition), [1, 2, 3])).toThrow(
    'A count plan of 6 got 3 counts.',
  );
});
