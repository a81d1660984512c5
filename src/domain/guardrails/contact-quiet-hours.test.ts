import { describe, expect, test } from 'vitest';
import { customerRow, historyOf } from '../profile/history.fixture.ts';
import type { Customer, MessageChannel } from '../profile/schema.ts';
import { contactInput, parsed } from './contact.fixture.ts';
import { quietHours, wallClockAt } from './contact-quiet-hours.ts';
import { guardrailPolicy, type GuardrailPolicy } from './policy.ts';

interface Send {
  customer?: Partial<Customer>;
  channel?: MessageChannel;
  policy?: GuardrailPolicy;
  time_zone?: string;
}

function quiet(at: string, send: Send = {}) {
  const { customer = {}, ...rest } = send;
  return parsed(
    'quiet_hours',
    quietHours(
      contactInput({
        history: historyOf({ customer: customerRow(customer) }),
        channel: 'sms',
        at,
        ...rest,
      }),
    ),
  );
}

/** Each verdict's rule, local time and holiday. */
function broken(at: string, send: Send = {}) {
  return quiet(at, send).map((v) => [v.params.rule, v.params.local_time, v.params.holiday]);
}

describe('quiet_hours: the hours (Lyon, Paris time, winter: UTC+1)', () => {
  test('a Tuesday at 09:30 is fine', () => {
    expect(quiet('2026-12-01T08:30:00.000Z')).toEqual([]);
  });

  test('08:00:00 exactly is allowed; 07:59:59 and 07:59:59.999 are before the start', () => {
    expect(quiet('2026-12-01T07:00:00.000Z')).toEqual([]);
    expect(broken('2026-12-01T06:59:59.000Z')).toEqual([
      ['before_start', '2026-12-01T07:59:59', null],
    ]);
    expect(broken('2026-12-01T06:59:59.999Z')).toEqual([
      ['before_start', '2026-12-01T07:59:59', null],
    ]);
    expect(broken('2026-12-01T05:00:00.000Z')).toEqual([
      ['before_start', '2026-12-01T06:00', null],
    ]);
  });

  test('20:00:00 exactly is allowed (to the second); 20:00:01 and 20:00:59 are after the end', () => {
    expect(quiet('2026-12-01T19:00:00.000Z')).toEqual([]);
    expect(quiet('2026-12-01T19:00:00.999Z')).toEqual([]);
    expect(broken('2026-12-01T19:00:01.000Z')).toEqual([
      ['after_end', '2026-12-01T20:00:01', null],
    ]);
    expect(broken('2026-12-01T19:00:59.000Z')).toEqual([
      ['after_end', '2026-12-01T20:00:59', null],
    ]);
    expect(broken('2026-12-01T22:59:00.000Z')).toEqual([['after_end', '2026-12-01T23:59', null]]);
  });

  test('the verdict in full: Sunday 6 December 2026 at 21:30 in Lyon breaks two rules', () => {
    const verdicts = quiet('2026-12-06T20:30:00.000Z');
    const params = {
      channel: 'sms',
      local_time: '2026-12-06T21:30',
      time_zone: 'Europe/Paris',
      start: '08:00',
      end: '20:00',
      holiday: null,
    };
    const evidence = [
      { kind: 'campaign', part: 'send_at' },
      { kind: 'customer_field', field: 'postcode', value: '69003' },
    ];
    expect(verdicts).toEqual([
      {
        guardrail: 'quiet_hours',
        severity: 'block',
        params: { rule: 'after_end', ...params },
        evidence,
      },
      {
        guardrail: 'quiet_hours',
        severity: 'block',
        params: { rule: 'sunday', ...params },
        evidence,
      },
    ]);
  });

  test('the policy’s own hours', () => {
    const policy = guardrailPolicy.parse({
      quiet_hours: { sms: { enabled: true, start: '09:30', end: '18:15' } },
    });
    expect(broken('2026-12-01T08:29:59.000Z', { policy })).toEqual([
      ['before_start', '2026-12-01T09:29:59', null],
    ]);
    expect(quiet('2026-12-01T08:30:00.000Z', { policy })).toEqual([]);
    expect(quiet('2026-12-01T17:15:00.000Z', { policy })).toEqual([]);
    expect(broken('2026-12-01T17:16:00.000Z', { policy })).toEqual([
      ['after_end', '2026-12-01T18:16', null],
    ]);
    const verdict = quiet('2026-12-01T17:16:00.000Z', { policy })[0];
    expect(verdict?.params).toMatchObject({ start: '09:30', end: '18:15' });
  });
});

describe('quiet_hours: Sundays and holidays', () => {
  test('Sunday morning breaks only the Sunday rule; the policy may allow Sundays', () => {
    expect(broken('2026-12-06T09:00:00.000Z')).toEqual([['sunday', '2026-12-06T10:00', null]]);
    const policy = guardrailPolicy.parse({
      quiet_hours: { sms: { enabled: true, sundays: false } },
    });
    expect(quiet('2026-12-06T09:00:00.000Z', { policy })).toEqual([]);
    // Saturday and Monday are working days.
    expect(quiet('2026-12-05T09:00:00.000Z')).toEqual([]);
    expect(quiet('2026-12-07T09:00:00.000Z')).toEqual([]);
  });

  test('Christmas Day, a Friday: the holiday is named; the policy may allow holidays', () => {
    expect(broken('2026-12-25T09:30:00.000Z')).toEqual([
      ['public_holiday', '2026-12-25T10:30', 'christmas'],
    ]);
    const policy = guardrailPolicy.parse({
      quiet_hours: { sms: { enabled: true, public_holidays: false } },
    });
    expect(quiet('2026-12-25T09:30:00.000Z', { policy })).toEqual([]);
  });

  test('a holiday that falls on a Sunday breaks both rules', () => {
    // 1 November 2026 is a Sunday.
    expect(broken('2026-11-01T10:00:00.000Z')).toEqual([
      ['sunday', '2026-11-01T11:00', null],
      ['public_holiday', '2026-11-01T11:00', 'all_saints'],
    ]);
  });

  test('the holiday is the recipient’s calendar day: Christmas Eve at 23:30 in Guadeloupe is Christmas in Paris', () => {
    const guadeloupe = { customer: { postcode: '97110', city: 'Pointe-à-Pitre' } };
    expect(broken('2026-12-25T03:30:00.000Z', guadeloupe)).toEqual([
      ['after_end', '2026-12-24T23:30', null],
    ]);
    expect(broken('2026-12-25T03:30:00.000Z')).toEqual([
      ['before_start', '2026-12-25T04:30', null],
      ['public_holiday', '2026-12-25T04:30', 'christmas'],
    ]);
    // 20:00 on the 25th in Guadeloupe (the end, allowed) is already the 26th in Paris.
    expect(broken('2026-12-26T00:00:00.000Z', guadeloupe)).toEqual([
      ['public_holiday', '2026-12-25T20:00', 'christmas'],
    ]);
    expect(broken('2026-12-26T00:00:00.000Z')).toEqual([
      ['before_start', '2026-12-26T01:00', null],
    ]);
  });

  test('Réunion is three hours ahead of Paris in summer: 14 July starts there first', () => {
    const reunion = { customer: { postcode: '97400', city: 'Saint-Denis' } };
    const verdicts = quiet('2026-07-13T21:00:00.000Z', reunion);
    expect(verdicts.map((v) => [v.params.rule, v.params])).toEqual([
      [
        'before_start',
        expect.objectContaining({ local_time: '2026-07-14T01:00', time_zone: 'Indian/Reunion' }),
      ],
      ['public_holiday', expect.objectContaining({ holiday: 'bastille_day' })],
    ]);
    expect(broken('2026-07-13T21:00:00.000Z')).toEqual([['after_end', '2026-07-13T23:00', null]]);
  });

  test('Alsace-Moselle keeps Good Friday and 26 December; Lyon and a German 67 postcode do not', () => {
    const strasbourg = { customer: { postcode: '67000', city: 'Strasbourg' } };
    const metz = { customer: { postcode: '57000', city: 'Metz' } };
    const mulhouse = { customer: { postcode: '68100', city: 'Mulhouse' } };
    // Saturday 26 December 2026, 10:00.
    expect(broken('2026-12-26T09:00:00.000Z', strasbourg)).toEqual([
      ['public_holiday', '2026-12-26T10:00', 'st_stephen'],
    ]);
    expect(broken('2026-12-26T09:00:00.000Z', metz)).toEqual([
      ['public_holiday', '2026-12-26T10:00', 'st_stephen'],
    ]);
    expect(quiet('2026-12-26T09:00:00.000Z')).toEqual([]);
    // Good Friday, 3 April 2026, 10:00 summer time.
    expect(broken('2026-04-03T08:00:00.000Z', mulhouse)).toEqual([
      ['public_holiday', '2026-04-03T10:00', 'good_friday'],
    ]);
    expect(quiet('2026-04-03T08:00:00.000Z')).toEqual([]);
    const germany = { customer: { country: 'DE', postcode: '67000' } };
    expect(quiet('2026-12-26T09:00:00.000Z', germany)).toEqual([]);
  });
});

describe('quiet_hours: the recipient’s clock', () => {
  test('the same UTC hour either side of the spring change: 20:00 then 21:00 in Paris', () => {
    // Clocks went forward on Sunday 29 March 2026.
    expect(quiet('2026-03-27T19:00:00.000Z')).toEqual([]);
    expect(broken('2026-03-30T19:00:00.000Z')).toEqual([['after_end', '2026-03-30T21:00', null]]);
    expect(broken('2026-03-27T06:30:00.000Z')).toEqual([
      ['before_start', '2026-03-27T07:30', null],
    ]);
    expect(quiet('2026-03-30T06:30:00.000Z')).toEqual([]);
  });

  test('and either side of the autumn change', () => {
    // Clocks went back on Sunday 25 October 2026.
    expect(broken('2026-10-23T18:30:00.000Z')).toEqual([['after_end', '2026-10-23T20:30', null]]);
    expect(quiet('2026-10-26T18:30:00.000Z')).toEqual([]);
  });

  test('a neighbour by country: evidence is the country', () => {
    // 19:30 in London is 20:30 in Paris.
    const verdicts = quiet('2026-12-01T19:30:00.000Z', {
      customer: { country: 'GB', postcode: 'SW1A 1AA' },
    });
    expect(verdicts).toEqual([]);
    const late = quiet('2026-12-01T20:30:00.000Z', {
      customer: { country: 'GB', postcode: 'SW1A 1AA' },
    });
    expect(late.map((v) => [v.params, v.evidence])).toEqual([
      [
        expect.objectContaining({
          rule: 'after_end',
          local_time: '2026-12-01T20:30',
          time_zone: 'Europe/London',
        }),
        [
          { kind: 'campaign', part: 'send_at' },
          { kind: 'customer_field', field: 'country', value: 'GB' },
        ],
      ],
    ]);
  });

  test('anyone else in the campaign’s zone: evidence is the send time only', () => {
    const send = { customer: { country: 'US', postcode: '10001' }, time_zone: 'America/New_York' };
    const verdicts = quiet('2026-12-01T12:30:00.000Z', send);
    expect(verdicts.map((v) => [v.params, v.evidence])).toEqual([
      [
        expect.objectContaining({
          rule: 'before_start',
          local_time: '2026-12-01T07:30',
          time_zone: 'America/New_York',
        }),
        [{ kind: 'campaign', part: 'send_at' }],
      ],
    ]);
    const noPostcode = quiet('2026-12-01T12:30:00.000Z', {
      customer: { postcode: null },
      time_zone: 'America/New_York',
    });
    expect(noPostcode[0]?.evidence).toEqual([{ kind: 'campaign', part: 'send_at' }]);
  });
});

describe('quiet_hours: channels', () => {
  const sundayNight = '2026-12-06T22:00:00.000Z';

  test.each([
    ['sms', 2],
    ['push', 2],
    ['email', 0],
    ['web_banner', 0],
  ] as const)('by default %s keeps quiet hours (%i verdicts on a Sunday night)', (channel, n) => {
    const verdicts = quiet(sundayNight, { channel });
    expect(verdicts).toHaveLength(n);
    for (const v of verdicts) expect(v.params).toMatchObject({ channel });
  });

  test('a policy may give e-mail quiet hours', () => {
    const policy = guardrailPolicy.parse({ quiet_hours: { email: { enabled: true } } });
    expect(quiet(sundayNight, { channel: 'email', policy })).toHaveLength(2);
  });
});

describe('wallClockAt', () => {
  test('reads date, time to the second and weekday in the zone', () => {
    expect(wallClockAt(Date.parse('2026-12-06T20:30:07.500Z'), 'Europe/Paris')).toEqual({
      date: '2026-12-06',
      time: '21:30:07',
      weekday: 0,
    });
    expect(wallClockAt(Date.parse('2026-12-06T23:30:00.000Z'), 'Europe/Paris')).toEqual({
      date: '2026-12-07',
      time: '00:30:00',
      weekday: 1,
    });
    expect(wallClockAt(Date.parse('2026-12-05T23:59:59.000Z'), 'America/Guadeloupe')).toEqual({
      date: '2026-12-05',
      time: '19:59:59',
      weekday: 6,
    });
  });

  test('an instant before 1970 keeps its seconds', () => {
    expect(wallClockAt(Date.parse('1969-12-31T23:59:58.000Z'), 'UTC').time).toBe('23:59:58');
  });
});
