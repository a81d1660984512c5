// What a guardrail policy may not be saved with beyond its shape (policy.ts): figures that only
// make sense together. Each broken rule is a coded issue at the field to fix, with the figures its
// wording needs; the API refuses a policy with any (422) and the editor shows them at their fields.
import type { GuardrailPolicy } from './policy.ts';

export type PolicyRuleCode =
  /** A channel's quiet hours end before (or when) they start: it could never carry marketing. */
  | 'quiet_hours_reversed'
  /** A 7-day cap above the 30-day cap of the same scope never applies. */
  | 'cap_week_above_month'
  /** One channel's cap above the all-channels cap of the same period never applies. */
  | 'cap_channel_above_all'
  /** A longer declared frequency spaces messages less than a shorter one. */
  | 'frequency_reversed';

export interface PolicyIssue {
  path: (string | number)[];
  code: PolicyRuleCode;
  /** English, for developers and logs. */
  message: string;
  params: Record<string, string | number>;
}

/** The channels a policy keeps quiet hours for, in the editor's order. */
export const QUIET_HOURS_CHANNELS = [
  'email',
  'sms',
  'push',
  'web_banner',
] as const satisfies readonly (keyof GuardrailPolicy['quiet_hours'])[];

/** The declared frequencies, shortest first. */
export const DECLARED_FREQUENCIES = [
  'weekly',
  'monthly',
  'quarterly',
] as const satisfies readonly (keyof GuardrailPolicy['declared_frequency_days'])[];

export function policyIssues(policy: GuardrailPolicy): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  for (const channel of QUIET_HOURS_CHANNELS) {
    const { enabled, start, end } = policy.quiet_hours[channel];
    // HH:MM compares as text.
    if (enabled && end <= start) {
      issues.push({
        path: ['quiet_hours', channel, 'end'],
        code: 'quiet_hours_reversed',
        message: `${channel}: messages may leave from ${start} to ${end}, which is never.`,
        params: { channel, start, end },
      });
    }
  }
  const { caps } = policy;
  for (const scope of ['channel', 'all'] as const) {
    const week = caps[`${scope}_7_days`];
    const month = caps[`${scope}_30_days`];
    if (week > month) {
      issues.push({
        path: ['caps', `${scope}_7_days`],
        code: 'cap_week_above_month',
        message: `The 7-day cap (${week}) is above the 30-day cap (${month}): it never applies.`,
        params: { scope, week, month },
      });
    }
  }
  for (const days of [7, 30] as const) {
    const channel = caps[`channel_${days}_days`];
    const all = caps[`all_${days}_days`];
    if (channel > all) {
      issues.push({
        path: ['caps', `channel_${days}_days`],
        code: 'cap_channel_above_all',
        message: `The ${days}-day cap on one channel (${channel}) is above the cap on all channels (${all}).`,
        params: { days, channel, all },
      });
    }
  }
  const frequency = policy.declared_frequency_days;
  DECLARED_FREQUENCIES.forEach((longer, i) => {
    const shorter = DECLARED_FREQUENCIES[i - 1];
    if (shorter === undefined || frequency[longer] >= frequency[shorter]) return;
    issues.push({
      path: ['declared_frequency_days', longer],
      code: 'frequency_reversed',
      message:
        `A ${longer} contact spaces messages by ${frequency[longer]} days, less than a ` +
        `${shorter} one (${frequency[shorter]}).`,
      params: {
        shorter,
        longer,
        shorter_days: frequency[shorter],
        longer_days: frequency[longer],
      },
    });
  });
  return issues;
}
