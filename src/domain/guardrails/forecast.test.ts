import { describe, expect, test } from 'vitest';
import { readyEmail } from '../campaign/campaign.fixture.ts';
import {
  consentRow,
  customerRow,
  fixtureReference,
  historyOf,
  identityRow,
  messageRow,
  preferenceRow,
} from '../profile/history.fixture.ts';
import type { MessageChannel } from '../profile/schema.ts';
import { AT, before, DAY_MS } from './contact.fixture.ts';
import {
  emptyForecastTally,
  forecastOf,
  memberForecast,
  pressureForecast,
  tallyMember,
  type ForecastSetting,
} from './forecast.ts';
import { DEFAULT_POLICY, guardrailPolicy } from './policy.ts';

const HOUR_MS = 3_600_000;
const setting = (over: Partial<ForecastSetting> = {}): ForecastSetting => ({
  channel: 'email',
  time_zone: 'Europe/Paris',
  at: AT,
  policy: DEFAULT_POLICY,
  reference: fixtureReference,
  ...over,
});

/** Consent granted on every channel a year before the send, a phone and the app. */
const reachable = {
  customer: customerRow({ phone: '+33612345678' }),
  consents: (['email', 'sms', 'push'] as const).map((channel, i) =>
    consentRow({ consent_id: `K${i}`, channel, at: before(365 * DAY_MS) }),
  ),
  identities: [identityRow({ kind: 'app_device', value: 'D1', first_seen: before(365 * DAY_MS) })],
};

const sent = (n: number, channel: MessageChannel = 'email', everyMs = HOUR_MS) =>
  Array.from({ length: n }, (_, i) =>
    messageRow({ message_id: `M${channel}${i}`, channel, sent_at: before((i + 1) * everyMs) }),
  );

describe('one member', () => {
  test('a reachable member with a quiet history is left alone', () => {
    expect(memberForecast(historyOf(reachable), setting())).toEqual([]);
  });

  test('three e-mails this week: capped by the channel and the all-channel 7-day caps', () => {
    const history = historyOf({ ...reachable, messages: sent(3) });
    expect(memberForecast(history, setting())).toEqual([
      { action: 'cap', rule: 'channel_7_days' },
      { action: 'cap', rule: 'all_7_days' },
    ]);
    // One e-mail fewer: the channel cap (2, this one included) is still reached, not the others.
    expect(memberForecast(historyOf({ ...reachable, messages: sent(1) }), setting())).toEqual([]);
    expect(memberForecast(historyOf({ ...reachable, messages: sent(2) }), setting())).toEqual([
      { action: 'cap', rule: 'channel_7_days' },
    ]);
  });

  test('the caps follow the policy and the channel', () => {
    const history = historyOf({ ...reachable, messages: sent(2) });
    const loose = guardrailPolicy.parse({ caps: { channel_7_days: 3 } });
    expect(memberForecast(history, setting({ policy: loose }))).toEqual([]);
    expect(memberForecast(history, setting({ channel: 'push' }))).toEqual([]);
  });

  test('a declared monthly frequency with a message three weeks ago caps the member', () => {
    const history = historyOf({
      ...reachable,
      messages: sent(1, 'sms', 21 * DAY_MS),
      preferences: [
        preferenceRow({
          topic: 'contact_frequency',
          value: 'monthly',
          stated_at: before(DAY_MS * 60),
        }),
      ],
    });
    expect(memberForecast(history, setting())).toEqual([{ action: 'cap', rule: 'declared' }]);
  });

  test('no consent on the channel, or a withdrawn one, skips the member', () => {
    const never = historyOf({ ...reachable, consents: [] });
    expect(memberForecast(never, setting())).toEqual([{ action: 'skip', rule: 'never_granted' }]);
    // A campaign with an SMS message: the member without e-mail consent is forecast on SMS.
    const smsToo = readyEmail({ alternates: { sms: { text: 'Noël STOP au 36111' } } });
    const smsOnly = historyOf({
      ...reachable,
      consents: reachable.consents.filter((c) => c.channel === 'sms'),
    });
    expect(memberForecast(smsOnly, setting())).toEqual([{ action: 'skip', rule: 'never_granted' }]);
    expect(memberForecast(smsOnly, setting({ body: smsToo }))).toEqual([]);
    const withdrawn = historyOf({
      ...reachable,
      consents: [
        ...reachable.consents,
        consentRow({ consent_id: 'K9', status: 'withdrawn', at: before(DAY_MS) }),
      ],
    });
    expect(memberForecast(withdrawn, setting())).toEqual([{ action: 'skip', rule: 'withdrawn' }]);
    const noPhone = historyOf({ ...reachable, customer: customerRow({ phone: null }) });
    expect(memberForecast(noPhone, setting({ channel: 'sms' }))).toEqual([
      { action: 'skip', rule: 'no_address' },
    ]);
  });

  test('an SMS at 22:30 in Paris is delayed by quiet hours; an e-mail at that time is not', () => {
    const late = '2026-12-01T21:30:00.000Z';
    const history = historyOf(reachable);
    expect(memberForecast(history, setting({ channel: 'sms', at: late }))).toEqual([
      { action: 'delay', rule: 'after_end' },
    ]);
    expect(memberForecast(history, setting({ at: late }))).toEqual([]);
  });
});

describe('the tally', () => {
  test('counts each member once per action, and each rule per member', () => {
    const tally = emptyForecastTally();
    const members = [
      historyOf(reachable),
      historyOf({ ...reachable, messages: sent(3) }),
      historyOf({ ...reachable, messages: sent(2) }),
      historyOf({ ...reachable, consents: [], messages: sent(3) }),
      historyOf({ ...reachable, consents: [] }),
    ];
    for (const history of members) tallyMember(tally, history, setting());
    const forecast = forecastOf(tally);
    expect(pressureForecast.parse(forecast)).toEqual(forecast);
    expect(forecast).toEqual({
      members: 5,
      cap: 3,
      delay: 0,
      skip: 2,
      affected: 4,
      rules: [
        { action: 'cap', rule: 'channel_7_days', members: 3 },
        { action: 'cap', rule: 'all_7_days', members: 2 },
        { action: 'skip', rule: 'never_granted', members: 2 },
      ],
    });
  });

  test('rules of equal size are listed by name; an empty tally is all zeros', () => {
    const tally = emptyForecastTally();
    tallyMember(tally, historyOf({ ...reachable, consents: [] }), setting({ channel: 'sms' }));
    tallyMember(
      tally,
      historyOf({ ...reachable, customer: customerRow({ phone: null }) }),
      setting({ channel: 'sms' }),
    );
    expect(forecastOf(tally).rules).toEqual([
      { action: 'skip', rule: 'never_granted', members: 1 },
      { action: 'skip', rule: 'no_address', members: 1 },
    ]);
    expect(forecastOf(emptyForecastTally())).toEqual({
      members: 0,
      cap: 0,
      delay: 0,
      skip: 0,
      affected: 0,
      rules: [],
    });
  });

  test('the answer is a copy: adding members later does not change it', () => {
    const tally = emptyForecastTally();
    tallyMember(tally, historyOf({ ...reachable, messages: sent(2) }), setting());
    const first = forecastOf(tally);
    tallyMember(tally, historyOf({ ...reachable, messages: sent(2) }), setting());
    expect(first.rules[0]?.members).toBe(1);
    expect(forecastOf(tally).rules[0]?.members).toBe(2);
  });
});
