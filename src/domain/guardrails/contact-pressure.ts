// contact_pressure: too many messages already. The policy caps how many marketing messages a
// customer may receive, this one included, over the last 7 and 30 days on the campaign's channel
// and on all channels; a customer who declared a contact frequency (weekly, monthly, quarterly)
// receives at most one message in that many days. Each cap that is reached is its own verdict, with
// the messages it counted as evidence.
//
// A window of N days is exactly N × 24 hours before the send: a message counts when
// at − N × 86,400,000 ms < sent_at ≤ at (one sent exactly N days earlier has left the window; a
// change of daylight saving time changes nothing). Bounced messages never reached the customer and
// count for nothing; neither do messages after the send.
import { requireScope } from '../profile/history.ts';
import type { Message } from '../profile/schema.ts';
import { latestPreference, messageEvidence, preferenceEvidence } from './contact-history.ts';
import type { Guardrail, GuardrailInput } from './input.ts';
import type { ContactCaps } from './policy.ts';
import { DECLARED_FREQUENCIES } from './policy-rules.ts';
import type { VerdictOf } from './verdict.ts';

const DAY_MS = 86_400_000;

type Rule = VerdictOf<'contact_pressure'>['params']['rule'];

const CAPS: readonly { rule: Rule & keyof ContactCaps; days: number; sameChannel: boolean }[] = [
  { rule: 'channel_7_days', days: 7, sameChannel: true },
  { rule: 'channel_30_days', days: 30, sameChannel: true },
  { rule: 'all_7_days', days: 7, sameChannel: false },
  { rule: 'all_30_days', days: 30, sameChannel: false },
];

/** Messages that reached the customer in the `days` before `at` (epoch ms). */
function receivedWithin(messages: readonly Message[], at: number, days: number): Message[] {
  const from = at - days * DAY_MS;
  return messages.filter((m) => {
    const sent = Date.parse(m.sent_at);
    return m.status !== 'bounced' && sent > from && sent <= at;
  });
}

export const contactPressure: Guardrail = (input: GuardrailInput) => {
  const { history, campaign, policy } = input;
  requireScope(history, ['messages', 'preferences']);
  const at = Date.parse(input.at);
  const channel = campaign.channel;
  const messages = history.messages.map((h) => h.message);
  const verdicts: VerdictOf<'contact_pressure'>[] = [];

  for (const { rule, days, sameChannel } of CAPS) {
    const cap = policy.caps[rule];
    const counted = receivedWithin(messages, at, days).filter(
      (m) => !sameChannel || m.channel === channel,
    );
    if (counted.length + 1 > cap) {
      verdicts.push({
        guardrail: 'contact_pressure',
        severity: 'block',
        params: { rule, channel, received: counted.length, cap, window_days: days, declared: null },
        evidence: messageEvidence(counted),
      });
    }
  }

  const stated = latestPreference(history.preferences, 'contact_frequency', at);
  const declared = DECLARED_FREQUENCIES.find((f) => f === stated?.value);
  if (stated !== null && declared !== undefined) {
    const days = policy.declared_frequency_days[declared];
    const counted = receivedWithin(messages, at, days);
    if (counted.length > 0) {
      verdicts.push({
        guardrail: 'contact_pressure',
        severity: 'block',
        params: {
          rule: 'declared',
          channel,
          received: counted.length,
          cap: 1,
          window_days: days,
          declared,
        },
        evidence: [...messageEvidence(counted), preferenceEvidence(stated)],
      });
    }
  }
  return verdicts;
};
