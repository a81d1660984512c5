// Inputs for the contact guardrails' tests: one recipient (Olivier, Lyon), a campaign on a channel,
// a send instant, the default policy; every part overridable.
import { campaignBody, newCampaign, withChannel } from '../campaign/campaign.ts';
import { fixtureReference, historyOf } from '../profile/history.fixture.ts';
import type { CustomerHistory } from '../profile/history.ts';
import type { MessageChannel } from '../profile/schema.ts';
import type { GuardrailInput } from './input.ts';
import { DEFAULT_POLICY } from './policy.ts';
import { verdict, type GuardrailId, type Verdict, type VerdictOf } from './verdict.ts';

/** Tuesday 1 December 2026, 09:30 in Paris. */
export const AT = '2026-12-01T08:30:00.000Z';
export const DAY_MS = 86_400_000;

/** The instant `ms` milliseconds before `at`. */
export const before = (ms: number, at: string = AT) => new Date(Date.parse(at) - ms).toISOString();
/** The instant `ms` milliseconds after `at`. */
export const after = (ms: number, at: string = AT) => new Date(Date.parse(at) + ms).toISOString();

export interface ContactInputParts extends Partial<Omit<GuardrailInput, 'campaign' | 'history'>> {
  history?: CustomerHistory;
  channel?: MessageChannel;
  time_zone?: string;
  /** The campaign's template parts (the channel's), for tokens read back from the template. */
  template?: Record<string, string>;
}

export function contactInput(parts: ContactInputParts = {}): GuardrailInput {
  const { history, channel = 'email', time_zone = 'Europe/Paris', template, ...rest } = parts;
  const body = withChannel(newCampaign('Noël', 'email'), channel);
  return {
    history: history ?? historyOf(),
    reference: fixtureReference,
    campaign: {
      channel,
      time_zone,
      body:
        template === undefined
          ? body
          : campaignBody.parse({ ...body, template: { ...body.template, ...template } }),
    },
    offer: null,
    at: AT,
    recommendations: [],
    render: null,
    policy: DEFAULT_POLICY,
    ...rest,
  };
}

/**
 * The verdicts, each parsed by the API's schema (a verdict that does not parse fails the test), all
 * of one guardrail.
 */
export function parsed<G extends GuardrailId>(
  guardrail: G,
  verdicts: readonly Verdict[],
): VerdictOf<G>[] {
  const isOf = (v: Verdict): v is VerdictOf<G> => v.guardrail === guardrail;
  return verdicts.map((v) => {
    const checked = verdict.parse(v);
    if (!isOf(checked)) throw new Error(`Expected ${guardrail}, got ${checked.guardrail}`);
    return checked;
  });
}
