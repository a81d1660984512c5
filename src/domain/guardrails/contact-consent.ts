// no_consent: a message the customer did not agree to, or that has nowhere to go. E-mail, SMS and
// push need the customer's marketing consent on that channel as it stood at the send: the latest
// consent event recorded at or before it (figures.ts's rule: latest `at`, ties to the higher
// consent id) must be a grant — a withdrawal later granted again is a grant. And they need an
// address: a valid e-mail address, a valid phone number, a device with the app. A web banner
// shows to visitors of the site and needs neither. Each failing rule is its own verdict.
import { latestConsents } from '../profile/figures.ts';
import { isValidEmail } from '../profile/catalogue.ts';
import { requireScope, type CustomerHistory } from '../profile/history.ts';
import type { Consent, MessageChannel } from '../profile/schema.ts';
import { isValidPhone } from '../segment/facts.ts';
import { customerFieldEvidence } from './contact-history.ts';
import type { Guardrail, GuardrailInput } from './input.ts';
import type { Evidence, VerdictOf } from './verdict.ts';

type NoConsent = VerdictOf<'no_consent'>;
/** The channels that reach one person, and so need their consent and address. */
type AddressedChannel = Exclude<MessageChannel, 'web_banner'>;

const verdictOf = (
  rule: NoConsent['params']['rule'],
  channel: AddressedChannel,
  evidence: Evidence[],
  consent: Consent | null = null,
): NoConsent => ({
  guardrail: 'no_consent',
  severity: 'block',
  params: { rule, channel, at: consent?.at ?? null, source: consent?.source ?? null },
  evidence,
});

/**
 * The consent event latestConsents reads as the channel's state (of those at its instant, the
 * higher id), so the verdict can point at it.
 */
function latestConsent(consents: readonly Consent[], channel: AddressedChannel): Consent | null {
  const state = latestConsents(consents).find((row) => row.channel === channel);
  let found: Consent | null = null;
  for (const c of consents) {
    if (c.channel !== channel || c.at !== state?.at) continue;
    if (found === null || c.consent_id > found.consent_id) found = c;
  }
  return found;
}

function consentVerdict(
  history: CustomerHistory,
  channel: AddressedChannel,
  at: number,
): NoConsent | null {
  const known = history.consents.filter((c) => Date.parse(c.at) <= at);
  const latest = latestConsent(known, channel);
  if (latest === null) return verdictOf('never_granted', channel, []);
  if (latest.status === 'granted') return null;
  const entry: Evidence = {
    kind: 'entry',
    entry_kind: 'consent',
    id: latest.consent_id,
    at: latest.at,
  };
  return verdictOf('withdrawn', channel, [entry], latest);
}

function addressVerdict(
  history: CustomerHistory,
  channel: AddressedChannel,
  at: number,
): NoConsent | null {
  const { customer } = history;
  switch (channel) {
    case 'email':
    case 'sms': {
      const field = channel === 'email' ? 'email' : 'phone';
      const value = customer[field];
      const evidence = [customerFieldEvidence(customer, field)];
      if (value === null || value.trim() === '') return verdictOf('no_address', channel, evidence);
      const valid = field === 'email' ? isValidEmail(value) : isValidPhone(value);
      return valid ? null : verdictOf('invalid_address', channel, evidence);
    }
    case 'push': {
      const device = history.identities.some(
        (i) => i.kind === 'app_device' && Date.parse(i.first_seen) <= at,
      );
      return device ? null : verdictOf('no_address', channel, []);
    }
  }
}

/**
 * Why a channel does not reach the customer at `at` (epoch ms): no consent, no valid address.
 * Empty: it reaches them. The channel choice (channel-choice.ts) asks the same question.
 */
export function reachVerdicts(
  history: CustomerHistory,
  channel: MessageChannel,
  at: number,
): NoConsent[] {
  if (channel === 'web_banner') return [];
  requireScope(history, ['consents', 'identities']);
  return [consentVerdict(history, channel, at), addressVerdict(history, channel, at)].filter(
    (v) => v !== null,
  );
}

export const noConsent: Guardrail = (input: GuardrailInput) =>
  reachVerdicts(input.history, input.campaign.channel, Date.parse(input.at));
