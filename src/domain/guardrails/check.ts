// Every guardrail on one recipient: the verdicts, blocking first. The one entry point the preview,
// the audit and their tests call; each guardrail is a pure function of the same input.
import { contactGuardrails } from './contact-checks.ts';
import type { Guardrail, GuardrailInput } from './input.ts';
import { offerGuardrails } from './offer-checks.ts';
import { compareVerdicts, type Verdict } from './verdict.ts';

export const guardrails: readonly Guardrail[] = [...offerGuardrails, ...contactGuardrails];

export function checkRecipient(input: GuardrailInput): Verdict[] {
  return guardrails.flatMap((guardrail) => guardrail(input)).sort(compareVerdicts);
}
