// Data-quality faults planted in customer records, at stated rates, so the guardrails and the
// data-quality views have something to find.
import type { Rng } from './random.ts';

export const FAULT_KINDS = [
  'missing_first_name',
  'junk_first_name',
  'all_caps_name',
  'invalid_email',
  'missing_email',
  'missing_phone',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Share of customers with each fault. The three name faults exclude each other, as do the two e-mail faults. */
export const FAULT_RATES: Readonly<Record<FaultKind, number>> = {
  missing_first_name: 0.03,
  junk_first_name: 0.015,
  all_caps_name: 0.04,
  invalid_email: 0.025,
  missing_email: 0.04,
  missing_phone: 0.2,
};

/** First names typed by a cashier in a hurry. */
export const JUNK_FIRST_NAMES = ['XXX', 'test', '.', 'Test', 'xxx', '-', 'aaa', 'Client'] as const;

/** What a customer's record suffers from. Story customers may be spared faults that would spoil the story. */
export interface Faults {
  name: 'missing_first_name' | 'junk_first_name' | 'all_caps_name' | null;
  email: 'invalid_email' | 'missing_email' | null;
  missingPhone: boolean;
}

export function emptyFaultLists(): Record<FaultKind, string[]> {
  return {
    missing_first_name: [],
    junk_first_name: [],
    all_caps_name: [],
    invalid_email: [],
    missing_email: [],
    missing_phone: [],
  };
}

export const NO_FAULTS: Faults = { name: null, email: null, missingPhone: false };

export function drawFaults(rng: Rng): Faults {
  const n = rng.next();
  const name =
    n < FAULT_RATES.missing_first_name
      ? 'missing_first_name'
      : n < FAULT_RATES.missing_first_name + FAULT_RATES.junk_first_name
        ? 'junk_first_name'
        : n <
            FAULT_RATES.missing_first_name + FAULT_RATES.junk_first_name + FAULT_RATES.all_caps_name
          ? 'all_caps_name'
          : null;
  const e = rng.next();
  const email =
    e < FAULT_RATES.invalid_email
      ? 'invalid_email'
      : e < FAULT_RATES.invalid_email + FAULT_RATES.missing_email
        ? 'missing_email'
        : null;
  return { name, email, missingPhone: rng.chance(FAULT_RATES.missing_phone) };
}

export function faultKinds(faults: Faults): FaultKind[] {
  const kinds: FaultKind[] = [];
  if (faults.name) kinds.push(faults.name);
  if (faults.email) kinds.push(faults.email);
  if (faults.missingPhone) kinds.push('missing_phone');
  return kinds;
}

/** A broken version of a well-formed address: no @, a doubled @, a trailing space, no dot, a space. */
export function breakEmail(rng: Rng, email: string): string {
  switch (rng.int(5)) {
    case 0:
      return email.replace('@', '');
    case 1:
      return email.replace('@', '@@');
    case 2:
      return `${email} `;
    case 3:
      return email.replace(/\.[a-z]+$/, '');
    default:
      return email.replace('.', ' ');
  }
}

/** The check the manifest's `invalid_email` list answers to. */
export function isWellFormedEmail(email: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
}
