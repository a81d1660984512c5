// The guardrails on whether and when to contact: contact_pressure, quiet_hours, no_consent,
// missing_data, preference_mismatch.
import type { Guardrail } from './input.ts';

export const contactGuardrails: readonly Guardrail[] = [];
