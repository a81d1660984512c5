import { describe, expect, test } from 'vitest';
import { historyOf, messageRow, preferenceRow } from '../profile/history.fixture.ts';
import type { Message, MessageChannel } from '../profile/schema.ts';
import { contactInput, AT, after, before, DAY_MS, parsed } from './contact.fixture.ts';
import { contactPressure } from './contact-pressure.ts';
import { guardrailPolicy, type GuardrailPolicy } from './policy.ts';

const HOUR_MS = 3_600_000;

/** `n` messages on a channel, one an hour, the latest an hour before the send. */
function messages(n: number, channel: MessageChannel = 'email', prefix = 'M'): Message[] {
  return Array.from({ length: n }, (_, i) =>
    messageRow({ message_id: `${prefix}${i + 1}`, channel, sent_at: before((i + 1) * HOUR_MS) }),
  );
}

function pressure(
  rows: Parameters<typeof historyOf>[0],
  over: { channel?: MessageChannel; policy?: GuardrailPolicy; at?: string } = {},
) {
  return parsed(
    'contact_pressure',
    contactPressure(contactInput({ history: historyOf(rows), ...over })),
  );
}

const rules = (verdicts: ReturnType<typeof pressure>) => verdicts.map((v) => v.params.rule);

/** Caps of 1 000 except the one tested. */
const only = (caps: Partial<GuardrailPolicy['caps']>) =>
  guardrailPolicy.parse({
    caps: {
      channel_7_days: 1000,
      channel_30_days: 1000,
      all_7_days: 1000,
      all_30_days: 1000,
      ...caps,
    },
  });

describe('contact_pressure: caps', () => {
  test('no message before: nothing to say', () => {
    expect(pressure({})).toEqual([]);
  });

  test('the default e-mail caps: one e-mail this week passes, two reach the cap of 2 with this one', () => {
    expect(pressure({ messages: messages(1) })).toEqual([]);
    const verdicts = pressure({ messages: messages(2) });
    expect(verdicts).toEqual([
      {
        guardrail: 'contact_pressure',
        severity: 'block',
        params: {
          rule: 'channel_7_days',
          channel: 'email',
          received: 2,
          cap: 2,
          window_days: 7,
          declared: null,
        },
        evidence: [
          { kind: 'entry', entry_kind: 'message', id: 'M1', at: before(HOUR_MS) },
          { kind: 'entry', entry_kind: 'message', id: 'M2', at: before(2 * HOUR_MS) },
        ],
      },
    ]);
  });

  test.each([
    ['channel_7_days', 7, true],
    ['channel_30_days', 30, true],
    ['all_7_days', 7, false],
    ['all_30_days', 30, false],
  ] as const)('%s: exactly at the cap passes, one over blocks', (rule, days, sameChannel) => {
    const policy = only({ [rule]: 3 });
    // Near the far edge of the window: inside it, outside the shorter one.
    const sent = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        messageRow({
          message_id: `M${i}`,
          channel: sameChannel ? 'email' : 'sms',
          sent_at: before((days - 1) * DAY_MS - i * HOUR_MS),
        }),
      );
    expect(pressure({ messages: sent(2) }, { policy })).toEqual([]);
    const over = pressure({ messages: sent(3) }, { policy });
    expect(rules(over)).toEqual([rule]);
    expect(over[0]?.params).toMatchObject({ rule, received: 3, cap: 3, window_days: days });
    expect(over[0]?.evidence).toHaveLength(3);
  });

  test('the channel caps count only the campaign’s channel; the all-channel caps count every one', () => {
    const policy = only({ channel_7_days: 2, all_7_days: 4 });
    const rows = { messages: [...messages(2, 'sms', 'S'), ...messages(1, 'email', 'E')] };
    expect(rules(pressure(rows, { policy }))).toEqual([]);
    expect(rules(pressure(rows, { policy, channel: 'sms' }))).toEqual(['channel_7_days']);
    const all = { messages: [...rows.messages, ...messages(1, 'push', 'P')] };
    expect(rules(pressure(all, { policy }))).toEqual(['all_7_days']);
    expect(rules(pressure(all, { policy, channel: 'sms' }))).toEqual([
      'channel_7_days',
      'all_7_days',
    ]);
  });

  test('every cap reached is its own verdict, in the policy’s order', () => {
    const policy = only({ channel_7_days: 1, channel_30_days: 1, all_7_days: 1, all_30_days: 1 });
    expect(rules(pressure({ messages: messages(1) }, { policy }))).toEqual([
      'channel_7_days',
      'channel_30_days',
      'all_7_days',
      'all_30_days',
    ]);
  });

  test('the caps of the default policy: 31 messages in 30 days on all channels', () => {
    const rows = {
      messages: Array.from({ length: 31 }, (_, i) =>
        messageRow({
          message_id: `M${String(i).padStart(2, '0')}`,
          channel: i % 2 === 0 ? 'sms' : 'push',
          sent_at: before((i * 23 + 1) * HOUR_MS),
        }),
      ),
    };
    const verdicts = pressure(rows);
    expect(verdicts.map((v) => v.params)).toEqual([
      { rule: 'all_7_days', channel: 'email', received: 8, cap: 3, window_days: 7, declared: null },
      {
        rule: 'all_30_days',
        channel: 'email',
        received: 31,
        cap: 8,
        window_days: 30,
        declared: null,
      },
    ]);
  });

  test('a cap of 0 blocks even a first message', () => {
    const policy = only({ all_30_days: 0 });
    expect(pressure({}, { policy }).map((v) => v.params)).toEqual([
      {
        rule: 'all_30_days',
        channel: 'email',
        received: 0,
        cap: 0,
        window_days: 30,
        declared: null,
      },
    ]);
  });
});

describe('contact_pressure: the window', () => {
  const policy = only({ all_7_days: 1 });
  const at = (sent_at: string) => pressure({ messages: [messageRow({ sent_at })] }, { policy });

  test('a message sent exactly 7 days before has left the window; a millisecond later it counts', () => {
    expect(at(before(7 * DAY_MS))).toEqual([]);
    expect(rules(at(before(7 * DAY_MS - 1)))).toEqual(['all_7_days']);
  });

  test('a message sent at the very instant of the send counts; one a millisecond after does not', () => {
    expect(rules(at(AT))).toEqual(['all_7_days']);
    expect(at(after(1))).toEqual([]);
    expect(at(after(DAY_MS))).toEqual([]);
  });

  test('the 30-day window: exactly 30 days before is out, a millisecond later is in', () => {
    const thirty = only({ all_30_days: 1 });
    const one = (sent_at: string) =>
      pressure({ messages: [messageRow({ sent_at })] }, { policy: thirty });
    expect(one(before(30 * DAY_MS))).toEqual([]);
    expect(rules(one(before(30 * DAY_MS - 1)))).toEqual(['all_30_days']);
  });

  test('a window is 7 × 24 hours even across a change of clocks', () => {
    // Paris went to summer time on 29 March 2026: 7 days before 2 April 10:00 is 26 March 10:00 UTC,
    // 11:00 in Paris then, not 10:00.
    const send = '2026-04-02T08:00:00.000Z';
    const sevenDays = (sent_at: string) =>
      pressure({ messages: [messageRow({ sent_at })] }, { policy, at: send });
    expect(sevenDays('2026-03-26T08:00:00.000Z')).toEqual([]);
    expect(rules(sevenDays('2026-03-26T08:00:00.001Z'))).toEqual(['all_7_days']);
  });

  test('bounced messages never reached the customer and do not count', () => {
    const rows = { messages: [messageRow({ status: 'bounced', sent_at: before(HOUR_MS) })] };
    expect(pressure(rows, { policy })).toEqual([]);
    for (const status of ['delivered', 'opened', 'clicked'] as const) {
      const counted = { messages: [messageRow({ status, sent_at: before(HOUR_MS) })] };
      expect(rules(pressure(counted, { policy }))).toEqual(['all_7_days']);
    }
  });

  test('evidence lists the counted messages newest first, ties by id, and only those', () => {
    const rows = {
      messages: [
        messageRow({ message_id: 'B', sent_at: before(DAY_MS) }),
        messageRow({ message_id: 'old', sent_at: before(8 * DAY_MS) }),
        messageRow({ message_id: 'C', sent_at: before(HOUR_MS) }),
        messageRow({ message_id: 'A', sent_at: before(DAY_MS) }),
        messageRow({ message_id: 'bounced', sent_at: before(HOUR_MS), status: 'bounced' }),
      ],
    };
    const [verdict] = pressure(rows, { policy });
    expect(verdict?.evidence.map((e) => (e.kind === 'entry' ? e.id : null))).toEqual([
      'C',
      'A',
      'B',
    ]);
  });
});

describe('contact_pressure: declared frequency', () => {
  const monthly = (stated_at = before(60 * DAY_MS)) =>
    preferenceRow({ topic: 'contact_frequency', value: 'monthly', stated_at });

  test('a monthly customer with a message 29 days ago: one message in 30 days already', () => {
    const message = messageRow({ message_id: 'M1', channel: 'sms', sent_at: before(29 * DAY_MS) });
    const verdicts = pressure({ messages: [message], preferences: [monthly()] });
    expect(verdicts).toEqual([
      {
        guardrail: 'contact_pressure',
        severity: 'block',
        params: {
          rule: 'declared',
          channel: 'email',
          received: 1,
          cap: 1,
          window_days: 30,
          declared: 'monthly',
        },
        evidence: [
          { kind: 'entry', entry_kind: 'message', id: 'M1', at: before(29 * DAY_MS) },
          {
            kind: 'preference',
            topic: 'contact_frequency',
            value: 'monthly',
            stated_at: before(60 * DAY_MS),
          },
        ],
      },
    ]);
  });

  test('a monthly customer whose last message is exactly 30 days old may be contacted', () => {
    const message = messageRow({ sent_at: before(30 * DAY_MS) });
    expect(pressure({ messages: [message], preferences: [monthly()] })).toEqual([]);
    const inside = messageRow({ sent_at: before(30 * DAY_MS - 1) });
    expect(rules(pressure({ messages: [inside], preferences: [monthly()] }))).toEqual(['declared']);
  });

  test.each([
    ['weekly', 7],
    ['monthly', 30],
    ['quarterly', 91],
  ])('%s reads the policy’s %i days', (value, days) => {
    const preferences = [
      preferenceRow({ topic: 'contact_frequency', value, stated_at: before(DAY_MS * 400) }),
    ];
    const at = (ms: number) =>
      pressure({ messages: [messageRow({ channel: 'push', sent_at: before(ms) })], preferences });
    expect(at(days * DAY_MS)).toEqual([]);
    expect(at(days * DAY_MS - 1)[0]?.params).toMatchObject({ rule: 'declared', window_days: days });
  });

  test('the policy sets the days', () => {
    const policy = guardrailPolicy.parse({ declared_frequency_days: { monthly: 10 } });
    const message = messageRow({ sent_at: before(11 * DAY_MS) });
    expect(pressure({ messages: [message], preferences: [monthly()] }, { policy })).toEqual([]);
    const zero = guardrailPolicy.parse({ declared_frequency_days: { monthly: 0 } });
    const now = messageRow({ sent_at: AT });
    expect(
      rules(pressure({ messages: [now], preferences: [monthly()] }, { policy: zero })),
    ).toEqual([]);
  });

  test('the latest preference stated at or before the send is the one that counts', () => {
    const message = messageRow({ channel: 'sms', sent_at: before(20 * DAY_MS) });
    const weekly = (stated_at: string) =>
      preferenceRow({ topic: 'contact_frequency', value: 'weekly', stated_at });
    // Monthly, then weekly: weekly now, and a message 20 days ago is fine.
    expect(
      pressure({ messages: [message], preferences: [monthly(), weekly(before(DAY_MS))] }),
    ).toEqual([]);
    // Weekly, then monthly.
    expect(
      rules(
        pressure({ messages: [message], preferences: [weekly(before(90 * DAY_MS)), monthly()] }),
      ),
    ).toEqual(['declared']);
    // Weekly stated after the send is not known yet.
    expect(
      rules(pressure({ messages: [message], preferences: [monthly(), weekly(after(1))] })),
    ).toEqual(['declared']);
    // Stated exactly at the send: known.
    expect(pressure({ messages: [message], preferences: [monthly(), weekly(AT)] })).toEqual([]);
    // Two at the same instant: the one recorded last.
    const same = before(DAY_MS);
    expect(pressure({ messages: [message], preferences: [monthly(same), weekly(same)] })).toEqual(
      [],
    );
    expect(
      rules(pressure({ messages: [message], preferences: [weekly(same), monthly(same)] })),
    ).toEqual(['declared']);
  });

  test('an unknown frequency, or a latest one that is unknown, declares nothing', () => {
    const message = messageRow({ sent_at: before(DAY_MS) });
    const odd = preferenceRow({
      topic: 'contact_frequency',
      value: 'daily',
      stated_at: before(DAY_MS * 2),
    });
    expect(pressure({ messages: [message], preferences: [odd] })).toEqual([]);
    expect(pressure({ messages: [message], preferences: [monthly(), odd] })).toEqual([]);
  });

  test('other topics are not a frequency', () => {
    const message = messageRow({ sent_at: before(DAY_MS) });
    const interest = preferenceRow({
      topic: 'interest',
      value: 'monthly',
      stated_at: before(DAY_MS * 2),
    });
    expect(pressure({ messages: [message], preferences: [interest] })).toEqual([]);
  });

  test('declared counts every channel and leaves bounced messages out', () => {
    const rows = {
      messages: [
        messageRow({ message_id: 'bounced', sent_at: before(DAY_MS), status: 'bounced' }),
        messageRow({ message_id: 'banner', channel: 'web_banner', sent_at: before(2 * DAY_MS) }),
      ],
      preferences: [monthly()],
    };
    const [verdict] = pressure(rows, { channel: 'sms' });
    expect(verdict?.params).toMatchObject({ rule: 'declared', received: 1, channel: 'sms' });
    expect(verdict?.evidence[0]).toMatchObject({ id: 'banner' });
  });
});

test('refuses a history without its messages or preferences', () => {
  for (const tables of [['preferences'], ['messages']] as const) {
    const history = historyOf({}, { tables, since: null });
    expect(() => contactPressure(contactInput({ history }))).toThrow(/lacks/);
  }
});

test('refuses a history cut short: it would count too few messages', () => {
  const cut = historyOf({}, { tables: ['messages', 'preferences'], since: before(DAY_MS) });
  expect(() => contactPressure(contactInput({ history: cut }))).toThrow(/starts at/);
});
