// The guardrails on whether and when to contact: contact_pressure, quiet_hours, no_consent,
// missing_data, preference_mismatch. Each lives in its own contact-*.ts file with its rules.
import { noConsent } from './contact-consent.ts';
import { missingData } from './contact-missing-data.ts';
import { preferenceMismatch } from './contact-preferences.ts';
import { contactPressure } from './contact-pressure.ts';
import { quietHours } from './contact-quiet-hours.ts';
import type { Guardrail } from './input.ts';

export const contactGuardrails: readonly Guardrail[] = [
  contactPressure,
  quietHours,
  noConsent,
  missingData,
  preferenceMismatch,
];
