import { expect, test } from 'vitest';
import { countPlan } from './count-plan.ts';
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
