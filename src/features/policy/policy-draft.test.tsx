import { describe, expect, test } from 'vitest';
import { DEFAULT_POLICY, guardrailPolicy } from '../../domain/guardrails/policy.ts';
import { readDraft, readFigure, toDraft, type PolicyDraft } from './policy-draft.ts';

const policy = guardrailPolicy.parse({
  ...DEFAULT_POLICY,
  min_discount_percent: 12.5,
  min_discount_cents: 550,
});

test('a policy becomes a draft in the user’s figures, and the draft reads back as the policy', () => {
  const fr = toDraft(policy, 'fr');
  expect(fr).toMatchObject({ min_discount_percent: '12,5', min_discount_euros: '5,50' });
  expect(toDraft(policy, 'en')).toMatchObject({
    min_discount_percent: '12.5',
    min_discount_euros: '5.50',
  });
  expect(toDraft(DEFAULT_POLICY, 'fr').min_discount_euros).toBe('5');
  expect(readDraft(fr, 'fr')).toEqual({ policy, issues: new Map() });
  expect(readDraft(toDraft(policy, 'en'), 'en').policy).toEqual(policy);
});

test.each<[string, 'fr' | 'en', number | null]>([
  ['12,5', 'fr', 12.5],
  ['12.5', 'fr', 12.5],
  [' 7 ', 'fr', 7],
  ['1 000', 'fr', 1000],
  ['12,5', 'en', null],
  ['1,000', 'en', null],
  ['12.5', 'en', 12.5],
  ['-3', 'en', null],
  ['1e3', 'en', null],
  ['', 'en', null],
  ['douze', 'fr', null],
])('reads %j in %s as %s', (text, language, expected) => {
  expect(readFigure(text, language)).toBe(expected);
});

describe('each field says what is wrong with it', () => {
  const base = toDraft(DEFAULT_POLICY, 'fr');
  const issuesOf = (draft: PolicyDraft) => Object.fromEntries(readDraft(draft, 'fr').issues);

  test.each<[string, Partial<PolicyDraft>, Record<string, unknown>]>([
    ['empty', { min_discount_percent: '' }, { min_discount_percent: { code: 'required' } }],
    [
      'not a number',
      { answered_window_days: 'trente' },
      { answered_window_days: { code: 'not_number' } },
    ],
    [
      'a fraction of a day',
      { answered_window_days: '7,5' },
      { answered_window_days: { code: 'not_whole' } },
    ],
    [
      'above its maximum',
      { min_discount_percent: '150' },
      { min_discount_percent: { code: 'out_of_range', params: { min: 0, max: 100 } } },
    ],
    [
      'below its minimum',
      { answered_window_days: '0' },
      { answered_window_days: { code: 'out_of_range', params: { min: 1, max: 365 } } },
    ],
    [
      'a fraction of a cent',
      { min_discount_euros: '5,505' },
      { min_discount_cents: { code: 'too_many_decimals' } },
    ],
    [
      'euros out of range, in euros',
      { min_discount_euros: '2000000' },
      { min_discount_cents: { code: 'out_of_range', params: { min: 0, max: 1_000_000 } } },
    ],
    ['no name', { name: '   ' }, { name: { code: 'name_required' } }],
  ])('%s', (_, change, expected) => {
    const reading = readDraft({ ...base, ...change }, 'fr');
    expect(reading.policy).toBeNull();
    expect(issuesOf({ ...base, ...change })).toMatchObject(expected);
  });

  test('a cap that is not whole, and quiet hours without an end', () => {
    const draft = {
      ...base,
      caps: { ...base.caps, all_7_days: '2,5' },
      quiet_hours: { ...base.quiet_hours, sms: { ...base.quiet_hours.sms, end: '' } },
    };
    expect(issuesOf(draft)).toEqual({
      'caps.all_7_days': { code: 'not_whole', params: {} },
      'quiet_hours.sms.end': { code: 'required', params: {} },
    });
  });

  test('a group’s rules wait until every figure in it reads; the others apply at once', () => {
    const draft = {
      ...base,
      caps: { ...base.caps, channel_7_days: '9', channel_30_days: 'x' },
      declared_frequency_days: { ...base.declared_frequency_days, weekly: '40' },
    };
    expect(issuesOf(draft)).toEqual({
      'caps.channel_30_days': { code: 'not_number', params: {} },
      'declared_frequency_days.monthly': {
        code: 'frequency_reversed',
        params: { shorter: 'weekly', longer: 'monthly', shorter_days: 40, longer_days: 30 },
      },
    });
  });

  test.each([
    ['8h', '08:00'],
    ['8h30', '08:30'],
    ['08:00', '08:00'],
    [' 9:05 ', '09:05'],
    ['7.30', '07:30'],
  ])('reads the time %j as %s', (typed, time) => {
    const draft = {
      ...base,
      quiet_hours: { ...base.quiet_hours, sms: { ...base.quiet_hours.sms, start: typed } },
    };
    expect(readDraft(draft, 'fr').policy?.quiet_hours.sms.start).toBe(time);
  });

  test.each(['24:00', '8h3', 'midi', '0800'])('refuses the time %j', (typed) => {
    const draft = {
      ...base,
      quiet_hours: { ...base.quiet_hours, sms: { ...base.quiet_hours.sms, start: typed } },
    };
    expect(issuesOf(draft)).toEqual({ 'quiet_hours.sms.start': { code: 'time', params: {} } });
  });

  test('the rules apply once every field reads, at the field to fix', () => {
    const draft = {
      ...base,
      caps: { ...base.caps, channel_7_days: '5' },
      quiet_hours: {
        ...base.quiet_hours,
        push: { ...base.quiet_hours.push, start: '21:00', end: '08:00' },
      },
    };
    expect(issuesOf(draft)).toEqual({
      'quiet_hours.push.end': {
        code: 'quiet_hours_reversed',
        params: { channel: 'push', start: '21:00', end: '08:00' },
      },
      'caps.channel_7_days': {
        code: 'cap_week_above_month',
        params: { scope: 'channel', week: 5, month: 4 },
      },
    });
  });
});
