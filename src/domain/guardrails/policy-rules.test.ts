import { describe, expect, test } from 'vitest';
import { DEFAULT_POLICY, guardrailPolicy, type GuardrailPolicy } from './policy.ts';
import { policyIssues } from './policy-rules.ts';

const policy = (changes: object): GuardrailPolicy =>
  guardrailPolicy.parse({ ...DEFAULT_POLICY, ...changes });

const codesAt = (p: GuardrailPolicy) => policyIssues(p).map((i) => [i.code, i.path.join('.')]);

test('the defaults break no rule', () => {
  expect(policyIssues(DEFAULT_POLICY)).toEqual([]);
});

describe('quiet hours', () => {
  test.each([
    ['20:00', '08:00', true],
    ['08:00', '08:00', true],
    ['08:00', '07:59', true],
    ['08:00', '08:01', false],
    ['00:00', '23:59', false],
  ])('from %s to %s is reversed: %s', (start, end, reversed) => {
    const p = policy({
      quiet_hours: { ...DEFAULT_POLICY.quiet_hours, sms: { enabled: true, start, end } },
    });
    expect(codesAt(p)).toEqual(reversed ? [['quiet_hours_reversed', 'quiet_hours.sms.end']] : []);
  });

  test('a channel without quiet hours may keep any times', () => {
    const p = policy({
      quiet_hours: {
        ...DEFAULT_POLICY.quiet_hours,
        email: { enabled: false, start: '21:00', end: '07:00' },
      },
    });
    expect(policyIssues(p)).toEqual([]);
  });

  test('names the channel and both times', () => {
    const p = policy({
      quiet_hours: {
        ...DEFAULT_POLICY.quiet_hours,
        push: { enabled: true, start: '21:00', end: '09:00' },
      },
    });
    expect(policyIssues(p)[0]?.params).toEqual({ channel: 'push', start: '21:00', end: '09:00' });
  });
});

describe('contact caps', () => {
  test.each<[object, string[][]]>([
    [{ channel_7_days: 4, channel_30_days: 4, all_7_days: 4, all_30_days: 8 }, []],
    [
      { channel_7_days: 5, channel_30_days: 4, all_7_days: 5, all_30_days: 8 },
      [['cap_week_above_month', 'caps.channel_7_days']],
    ],
    [
      { channel_7_days: 2, channel_30_days: 4, all_7_days: 9, all_30_days: 8 },
      [['cap_week_above_month', 'caps.all_7_days']],
    ],
    [
      { channel_7_days: 3, channel_30_days: 4, all_7_days: 2, all_30_days: 8 },
      [['cap_channel_above_all', 'caps.channel_7_days']],
    ],
    [
      { channel_7_days: 2, channel_30_days: 9, all_7_days: 3, all_30_days: 8 },
      [['cap_channel_above_all', 'caps.channel_30_days']],
    ],
    [{ channel_7_days: 0, channel_30_days: 0, all_7_days: 0, all_30_days: 0 }, []],
  ])('%o', (caps, expected) => {
    expect(codesAt(policy({ caps }))).toEqual(expected);
  });

  test('gives the figures its wording needs', () => {
    const [week, channel] = policyIssues(
      policy({ caps: { channel_7_days: 6, channel_30_days: 5, all_7_days: 3, all_30_days: 8 } }),
    );
    expect(week).toMatchObject({ params: { scope: 'channel', week: 6, month: 5 } });
    expect(channel).toMatchObject({ params: { days: 7, channel: 6, all: 3 } });
  });
});

describe('declared frequencies', () => {
  test.each<[number, number, number, string[][]]>([
    [7, 30, 91, []],
    [7, 7, 7, []],
    [0, 0, 0, []],
    [40, 30, 91, [['frequency_reversed', 'declared_frequency_days.monthly']]],
    [7, 100, 91, [['frequency_reversed', 'declared_frequency_days.quarterly']]],
    [
      30,
      7,
      0,
      [
        ['frequency_reversed', 'declared_frequency_days.monthly'],
        ['frequency_reversed', 'declared_frequency_days.quarterly'],
      ],
    ],
  ])('weekly %i, monthly %i, quarterly %i', (weekly, monthly, quarterly, expected) => {
    expect(codesAt(policy({ declared_frequency_days: { weekly, monthly, quarterly } }))).toEqual(
      expected,
    );
  });
});
