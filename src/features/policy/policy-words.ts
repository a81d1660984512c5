// The policy in the user's words: a setting named by its path (`caps.all_7_days` → « Plafond tous
// canaux, 7 jours »), its value as the history shows it, and a field's problem.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { formatDecimal, formatMoney } from '../../ui/format.ts';
import { localeOf, type Language } from '../../ui/i18n/languages.ts';
import type { FieldIssue } from './policy-draft.ts';

type Words = TFunction<'guardrails'>;

const channel = z.enum(['email', 'sms', 'push', 'web_banner']);
const quietPart = z.enum(['enabled', 'start', 'end', 'sundays', 'public_holidays']);
const cap = z.enum(['channel_7_days', 'channel_30_days', 'all_7_days', 'all_30_days']);
const frequency = z.enum(['weekly', 'monthly', 'quarterly']);
const topField = z.enum([
  'name',
  'min_discount_percent',
  'min_discount_cents',
  'answered_window_days',
]);

/** A setting by its path in the policy, as the form labels it. */
export function settingWords(t: Words, path: string): string {
  const [top, second, third] = path.split('.');
  if (top === 'caps') {
    const key = cap.safeParse(second);
    if (key.success) return t(`policy.field.caps.${key.data}`);
  }
  if (top === 'declared_frequency_days') {
    const key = frequency.safeParse(second);
    if (key.success) return t(`policy.field.declared_frequency_days.${key.data}`);
  }
  if (top === 'quiet_hours') {
    const ch = channel.safeParse(second);
    const part = quietPart.safeParse(third);
    if (ch.success && part.success) {
      return t('policy.field.quiet', {
        channel: t(`policy.channel.${ch.data}`),
        part: t(`policy.quietPart.${part.data}`),
      });
    }
  }
  const known = topField.safeParse(top);
  return known.success ? t(`policy.field.${known.data}`) : path;
}

/** A setting's value as the history shows it: « 5,00 € », « 12,5 % », « 30 jours », « oui ». */
export function valueWords(t: Words, language: Language, path: string, value: unknown): string {
  if (typeof value === 'boolean') return value ? t('policy.history.yes') : t('policy.history.no');
  if (typeof value !== 'number') return String(value);
  if (path === 'min_discount_cents') return formatMoney(value, 'EUR');
  if (path === 'min_discount_percent') {
    const percent = new Intl.NumberFormat(localeOf(language), {
      style: 'percent',
      maximumFractionDigits: 2,
    });
    return percent.format(value / 100);
  }
  if (path === 'answered_window_days' || path.startsWith('declared_frequency_days.')) {
    return t('policy.unit.daysValue', { count: value });
  }
  return formatDecimal(value, 0);
}

/** A field's problem in the user's words. */
export function useFieldIssueWords(): (issue: FieldIssue | undefined) => string | undefined {
  const { t } = useTranslation('guardrails');
  return (issue) => {
    if (issue === undefined) return undefined;
    const p = issue.params;
    switch (issue.code) {
      case 'not_number':
        return t('policy.issue.not_number', { example: formatDecimal(12.5, 1) });
      case 'out_of_range':
        return t('policy.issue.out_of_range', { min: p.min ?? 0, max: p.max ?? 0 });
      case 'name_too_long':
        return t('policy.issue.name_too_long', { max: p.max ?? 0 });
      case 'quiet_hours_reversed': {
        const ch = channel.safeParse(p.channel);
        return t('policy.issue.quiet_hours_reversed', {
          channel: ch.success ? t(`policy.channel.${ch.data}`) : String(p.channel),
          start: p.start ?? '',
        });
      }
      case 'cap_week_above_month':
        return t('policy.issue.cap_week_above_month', { month: p.month ?? 0 });
      case 'cap_channel_above_all':
        return t('policy.issue.cap_channel_above_all', { days: p.days ?? 0, all: p.all ?? 0 });
      case 'frequency_reversed':
        return t('policy.issue.frequency_reversed', {
          shorter: p.shorter ?? '',
          shorter_days: p.shorter_days ?? 0,
        });
      default:
        return t(`policy.issue.${issue.code}`);
    }
  };
}
