// preference_mismatch: the message goes against what the customer told us, as they stood at the
// send. `channel`: their latest preferred channel is not the campaign's (a preference for the web
// site is met by a web banner). `interest`: they declared interests (every `interest` they stated;
// values are product categories) and the offer's category — a category offer's, or the offered
// product's — is not one of them. A warning: the message may still go.
import { requireScope } from '../profile/history.ts';
import type { MessageChannel, Preference, ProductCategory } from '../profile/schema.ts';
import { latestPreference, preferenceEvidence, statedPreferences } from './contact-history.ts';
import type { Guardrail, GuardrailInput, OfferTerms } from './input.ts';
import type { Evidence, VerdictOf } from './verdict.ts';

type Mismatch = VerdictOf<'preference_mismatch'>;

/** Whether a campaign's channel meets a preferred channel: its own, or the site for a web banner. */
export const meets = (channel: MessageChannel, preferred: string) =>
  preferred === channel || (channel === 'web_banner' && preferred === 'web');

function offerCategory(offer: OfferTerms | null): ProductCategory | null {
  if (offer === null) return null;
  if (offer.target.kind === 'category') return offer.target.category;
  return offer.product?.category ?? null;
}

export const preferenceMismatch: Guardrail = (input: GuardrailInput) => {
  requireScope(input.history, ['preferences']);
  const at = Date.parse(input.at);
  const { channel } = input.campaign;
  const preferences = input.history.preferences;
  const preferred = latestPreference(preferences, 'preferred_channel', at);
  const interestRows = statedPreferences(preferences, 'interest', at);
  const interests = [...new Set(interestRows.map((p) => p.value))];
  const category = offerCategory(input.offer);

  const verdict = (
    rule: Mismatch['params']['rule'],
    evidence: readonly Preference[],
  ): Mismatch => ({
    guardrail: 'preference_mismatch',
    severity: 'warn',
    params: { rule, channel, preferred_channel: preferred?.value ?? null, category, interests },
    evidence: evidence.map(preferenceEvidence) satisfies Evidence[],
  });

  const verdicts: Mismatch[] = [];
  if (preferred !== null && !meets(channel, preferred.value)) {
    verdicts.push(verdict('channel', [preferred]));
  }
  if (category !== null && interests.length > 0 && !interests.includes(category)) {
    verdicts.push(verdict('interest', interestRows));
  }
  return verdicts;
};
