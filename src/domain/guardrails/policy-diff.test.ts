import { expect, test } from 'vitest';
import { DEFAULT_POLICY, guardrailPolicy } from './policy.ts';
import { policyChanges } from './policy-diff.ts';

test('two equal policies differ in nothing', () => {
  expect(policyChanges(DEFAULT_POLICY, guardrailPolicy.parse(DEFAULT_POLICY))).toEqual([]);
});

test('names each changed setting by its path, in the document’s order', () => {
  const after = guardrailPolicy.parse({
    ...DEFAULT_POLICY,
    name: 'Soldes',
    min_discount_cents: 1000,
    caps: { ...DEFAULT_POLICY.caps, all_30_days: 6 },
    quiet_hours: {
      ...DEFAULT_POLICY.quiet_hours,
      sms: { ...DEFAULT_POLICY.quiet_hours.sms, start: '09:00', sundays: false },
    },
  });
  expect(policyChanges(DEFAULT_POLICY, after)).toEqual([
    'name',
    'min_discount_cents',
    'caps.all_30_days',
    'quiet_hours.sms.start',
    'quiet_hours.sms.sundays',
  ]);
});

test('a change back is a change too, whichever side is older', () => {
  const after = guardrailPolicy.parse({ ...DEFAULT_POLICY, answered_window_days: 14 });
  expect(policyChanges(after, DEFAULT_POLICY)).toEqual(['answered_window_days']);
});
