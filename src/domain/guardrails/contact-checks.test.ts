import { expect, test } from 'vitest';
import {
  consentRow,
  customerRow,
  historyOf,
  messageRow,
  preferenceRow,
} from '../profile/history.fixture.ts';
import type { TemplateRenderResult } from '../template/result.ts';
import { contactGuardrails } from './contact-checks.ts';
import { contactInput, DAY_MS, before } from './contact.fixture.ts';
import { describeContactVerdict } from './contact-words.ts';
import { verdict } from './verdict.ts';

const render: TemplateRenderResult = {
  ok: true,
  message: { channel: 'sms', text: 'Bonjour', sms: smsCount() },
  fallbacks: [],
  removed_links: [],
  warnings: [
    {
      code: 'empty_token',
      part: 'text',
      line: 1,
      column: 9,
      params: { token: '{{ customer.city }}' },
    },
  ],
};

function smsCount() {
  return {
    encoding: 'gsm7' as const,
    units: 7,
    characters: 7,
    parts: 1,
    per_part: 160,
    remaining: 153,
    extension_characters: 0,
    ucs2_characters: [],
  };
}

test('a recipient the message should not reach: one verdict per broken rule, each parsed and worded', () => {
  // Sunday 6 December 2026 at 21:30 in Lyon.
  const at = '2026-12-06T20:30:00.000Z';
  const history = historyOf({
    customer: customerRow({ phone: null, city: null }),
    consents: [consentRow({ channel: 'sms', status: 'withdrawn', at: before(DAY_MS) })],
    preferences: [preferenceRow({ topic: 'preferred_channel', value: 'email' })],
    messages: [1, 2, 3].map((n) =>
      messageRow({ message_id: `M${n}`, channel: 'sms', sent_at: before(n * DAY_MS, at) }),
    ),
  });
  const input = contactInput({ history, channel: 'sms', at, render });
  const verdicts = contactGuardrails.flatMap((guardrail) => guardrail(input));
  expect(verdicts.map((v) => [v.guardrail, 'rule' in v.params ? v.params.rule : null])).toEqual([
    ['contact_pressure', 'channel_7_days'],
    ['contact_pressure', 'all_7_days'],
    ['quiet_hours', 'after_end'],
    ['quiet_hours', 'sunday'],
    ['no_consent', 'withdrawn'],
    ['no_consent', 'no_address'],
    ['missing_data', 'empty'],
    ['preference_mismatch', 'channel'],
  ]);
  for (const v of verdicts) {
    expect(verdict.parse(v)).toEqual(v);
    expect(describeContactVerdict(v, 'fr')).toEqual(expect.any(String));
    expect(describeContactVerdict(v, 'en')).toEqual(expect.any(String));
  }
});

test('a recipient the message may reach: no verdict', () => {
  const history = historyOf({ consents: [consentRow({ at: before(DAY_MS) })] });
  expect(contactGuardrails.flatMap((guardrail) => guardrail(contactInput({ history })))).toEqual(
    [],
  );
});
