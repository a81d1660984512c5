// The policy as the form holds it: every figure as typed, in the user's language (« 12,5 »), the
// switches and clock times as they are. Reading a draft gives the policy, or the problem of each
// field that keeps it from being one (its limits read from the domain's schema) and the rules its
// figures break together. Nothing typed is changed while it is wrong.
import { z } from 'zod';
import {
  clockTime,
  guardrailPolicy,
  type GuardrailPolicy,
} from '../../domain/guardrails/policy.ts';
import {
  policyIssues,
  type DECLARED_FREQUENCIES,
  type PolicyRuleCode,
  type QUIET_HOURS_CHANNELS,
} from '../../domain/guardrails/policy-rules.ts';
import { localeOf, type Language } from '../../ui/i18n/languages.ts';

export const CAP_KEYS = ['channel_7_days', 'channel_30_days', 'all_7_days', 'all_30_days'] as const;
export type CapKey = (typeof CAP_KEYS)[number];
export type QuietChannel = (typeof QUIET_HOURS_CHANNELS)[number];
export type Frequency = (typeof DECLARED_FREQUENCIES)[number];

const quietDraft = z.object({
  enabled: z.boolean(),
  start: z.string(),
  end: z.string(),
  sundays: z.boolean(),
  public_holidays: z.boolean(),
});
export type QuietHoursDraft = z.infer<typeof quietDraft>;

export const policyDraft = z.object({
  name: z.string(),
  min_discount_percent: z.string(),
  /** Euros, as typed; the policy holds cents. */
  min_discount_euros: z.string(),
  answered_window_days: z.string(),
  caps: z.object({
    channel_7_days: z.string(),
    channel_30_days: z.string(),
    all_7_days: z.string(),
    all_30_days: z.string(),
  }),
  declared_frequency_days: z.object({
    weekly: z.string(),
    monthly: z.string(),
    quarterly: z.string(),
  }),
  quiet_hours: z.object({
    email: quietDraft,
    sms: quietDraft,
    push: quietDraft,
    web_banner: quietDraft,
  }),
});
export type PolicyDraft = z.infer<typeof policyDraft>;

export type FieldIssueCode =
  | 'required'
  | 'not_number'
  | 'not_whole'
  | 'too_many_decimals'
  | 'out_of_range'
  | 'time'
  | 'name_required'
  | 'name_too_long'
  /** Anything else the schema refuses (not expected: the fields are read with its limits). */
  | 'invalid'
  | PolicyRuleCode;

/** What is wrong with one field, with the figures its wording needs. */
export interface FieldIssue {
  code: FieldIssueCode;
  params: Record<string, string | number>;
}

/** The policy a draft is, or null; each problem by the policy path of its field (`caps.all_7_days`). */
export interface DraftReading {
  policy: GuardrailPolicy | null;
  issues: ReadonlyMap<string, FieldIssue>;
}

interface Limits {
  min: number;
  max: number;
  whole: boolean;
}

const limitsOf = (schema: z.ZodNumber): Limits => ({
  min: schema.minValue ?? 0,
  max: schema.maxValue ?? Number.MAX_SAFE_INTEGER,
  whole: schema.isInt,
});

const shape = guardrailPolicy.shape;
const capShape = shape.caps.unwrap().shape;
const frequencyShape = shape.declared_frequency_days.unwrap().shape;
const NAME_MAX = 120;

/** The limits of each figure, as the domain's schema sets them (cents for the saving). */
export const LIMITS = {
  min_discount_percent: limitsOf(shape.min_discount_percent.unwrap()),
  min_discount_cents: limitsOf(shape.min_discount_cents.unwrap()),
  answered_window_days: limitsOf(shape.answered_window_days.unwrap()),
  caps: {
    channel_7_days: limitsOf(capShape.channel_7_days.unwrap()),
    channel_30_days: limitsOf(capShape.channel_30_days.unwrap()),
    all_7_days: limitsOf(capShape.all_7_days.unwrap()),
    all_30_days: limitsOf(capShape.all_30_days.unwrap()),
  },
  declared_frequency_days: {
    weekly: limitsOf(frequencyShape.weekly.unwrap()),
    monthly: limitsOf(frequencyShape.monthly.unwrap()),
    quarterly: limitsOf(frequencyShape.quarterly.unwrap()),
  },
};

/** A figure to edit: no grouping, decimals as needed (two for euros and cents: « 5,50 »). */
function figure(n: number, language: Language, minimumFractionDigits = 0): string {
  return new Intl.NumberFormat(localeOf(language), {
    useGrouping: false,
    minimumFractionDigits,
    maximumFractionDigits: 2,
  }).format(n);
}

export function toDraft(policy: GuardrailPolicy, language: Language): PolicyDraft {
  const text = (n: number) => figure(n, language);
  const euros = policy.min_discount_cents / 100;
  return {
    name: policy.name,
    min_discount_percent: text(policy.min_discount_percent),
    min_discount_euros: figure(euros, language, Number.isInteger(euros) ? 0 : 2),
    answered_window_days: text(policy.answered_window_days),
    caps: {
      channel_7_days: text(policy.caps.channel_7_days),
      channel_30_days: text(policy.caps.channel_30_days),
      all_7_days: text(policy.caps.all_7_days),
      all_30_days: text(policy.caps.all_30_days),
    },
    declared_frequency_days: {
      weekly: text(policy.declared_frequency_days.weekly),
      monthly: text(policy.declared_frequency_days.monthly),
      quarterly: text(policy.declared_frequency_days.quarterly),
    },
    quiet_hours: {
      email: { ...policy.quiet_hours.email },
      sms: { ...policy.quiet_hours.sms },
      push: { ...policy.quiet_hours.push },
      web_banner: { ...policy.quiet_hours.web_banner },
    },
  };
}

/**
 * A number as typed: digits with one decimal separator, no grouping. French takes a comma or a
 * point; English a point only (« 1,000 » could mean a thousand or one). Null when not a number.
 */
export function readFigure(text: string, language: Language): number | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  const normal = language === 'fr' ? compact.replace(',', '.') : compact;
  return /^\d+(\.\d+)?$/.test(normal) ? Number(normal) : null;
}

type Reading<T> = { ok: true; value: T } | { ok: false; issue: FieldIssue };
const fail = (code: FieldIssueCode, params: FieldIssue['params'] = {}): Reading<never> => ({
  ok: false,
  issue: { code, params },
});

function readNumber(text: string, limits: Limits, language: Language): Reading<number> {
  if (text.trim() === '') return fail('required');
  const n = readFigure(text, language);
  if (n === null) return fail('not_number');
  if (limits.whole && !Number.isInteger(n)) return fail('not_whole');
  if (n < limits.min || n > limits.max) {
    return fail('out_of_range', { min: limits.min, max: limits.max });
  }
  return { ok: true, value: n };
}

function readEuros(text: string, limits: Limits, language: Language): Reading<number> {
  if (text.trim() === '') return fail('required');
  const n = readFigure(text, language);
  if (n === null) return fail('not_number');
  const cents = Math.round(n * 100);
  if (Math.abs(n * 100 - cents) > 1e-6) return fail('too_many_decimals');
  if (cents < limits.min || cents > limits.max) {
    return fail('out_of_range', { min: limits.min / 100, max: limits.max / 100 });
  }
  return { ok: true, value: cents };
}

/** A clock time as typed: « 08:00 », « 8:00 », « 8h00 », « 8h », read as `08:00`. */
export function readClock(text: string): string | null {
  const match = /^(\d{1,2})(?:[:hH.](\d{2})?)?$/.exec(text.trim());
  if (match === null) return null;
  const time = `${(match[1] ?? '').padStart(2, '0')}:${match[2] ?? '00'}`;
  return clockTime.safeParse(time).success ? time : null;
}

function readTime(text: string): Reading<string> {
  if (text.trim() === '') return fail('required');
  const time = readClock(text);
  return time === null ? fail('time') : { ok: true, value: time };
}

function readName(text: string): Reading<string> {
  const name = text.trim();
  if (name === '') return fail('name_required');
  if (name.length > NAME_MAX) return fail('name_too_long', { max: NAME_MAX });
  return { ok: true, value: name };
}

export function readDraft(draft: PolicyDraft, language: Language): DraftReading {
  const issues = new Map<string, FieldIssue>();
  const take = <T>(path: string, reading: Reading<T>, otherwise: T): T => {
    if (reading.ok) return reading.value;
    issues.set(path, reading.issue);
    return otherwise;
  };
  const num = (path: string, text: string, limits: Limits) =>
    take(path, readNumber(text, limits, language), 0);
  const capsOf = (key: CapKey) => num(`caps.${key}`, draft.caps[key], LIMITS.caps[key]);
  const daysOf = (key: Frequency) =>
    num(
      `declared_frequency_days.${key}`,
      draft.declared_frequency_days[key],
      LIMITS.declared_frequency_days[key],
    );
  const quietOf = (channel: QuietChannel) => {
    const hours = draft.quiet_hours[channel];
    return {
      ...hours,
      start: take(`quiet_hours.${channel}.start`, readTime(hours.start), '00:00'),
      end: take(`quiet_hours.${channel}.end`, readTime(hours.end), '00:00'),
    };
  };
  const candidate = {
    name: take('name', readName(draft.name), ''),
    min_discount_percent: num(
      'min_discount_percent',
      draft.min_discount_percent,
      LIMITS.min_discount_percent,
    ),
    min_discount_cents: take(
      'min_discount_cents',
      readEuros(draft.min_discount_euros, LIMITS.min_discount_cents, language),
      0,
    ),
    answered_window_days: num(
      'answered_window_days',
      draft.answered_window_days,
      LIMITS.answered_window_days,
    ),
    caps: {
      channel_7_days: capsOf('channel_7_days'),
      channel_30_days: capsOf('channel_30_days'),
      all_7_days: capsOf('all_7_days'),
      all_30_days: capsOf('all_30_days'),
    },
    declared_frequency_days: {
      weekly: daysOf('weekly'),
      monthly: daysOf('monthly'),
      quarterly: daysOf('quarterly'),
    },
    quiet_hours: {
      email: quietOf('email'),
      sms: quietOf('sms'),
      push: quietOf('push'),
      web_banner: quietOf('web_banner'),
    },
  };
  // The rules read figures together: a group (one channel's quiet hours, the caps, the declared
  // frequencies) is checked once every figure in it reads.
  const unread = [...issues.keys()];
  for (const issue of policyIssues(candidate)) {
    const path = issue.path.join('.');
    const group =
      issue.path[0] === 'quiet_hours' ? issue.path.slice(0, 2).join('.') : String(issue.path[0]);
    if (unread.some((p) => p.startsWith(`${group}.`)) || issues.has(path)) continue;
    issues.set(path, { code: issue.code, params: issue.params });
  }
  if (issues.size > 0) return { policy: null, issues };
  const parsed = guardrailPolicy.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      issues.set(issue.path.map(String).join('.'), { code: 'invalid', params: {} });
    }
    return { policy: null, issues };
  }
  return { policy: parsed.data, issues };
}
