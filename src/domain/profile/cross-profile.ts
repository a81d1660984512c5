// What only the other profiles can tell about a customer: whether one of their devices (an app
// install, a web cookie) is held by another profile too, and whether another profile has the same
// e-mail or the same phone number. Facts across customers, supplied beside each history (as the
// scores are) to the segment engine and shown by the data-quality dashboard: one definition.
//
// - Shared device: the very same kind and value of an app device or web cookie on another profile.
// - Duplicate e-mail: another profile's e-mail is the same once trimmed and lower-cased.
// - Duplicate phone: another profile's phone has the same digits, +33 read as 0 (a number under
//   MIN_PHONE_DIGITS digits is no phone to share).
import { isValidPhone } from './catalogue.ts';
import { DEVICE_KINDS } from './shared-devices.ts';

export interface CrossProfile {
  shared_device: boolean;
  duplicate_email: boolean;
  duplicate_phone: boolean;
}

export const NO_CROSS_PROFILE: CrossProfile = {
  shared_device: false,
  duplicate_email: false,
  duplicate_phone: false,
};

/** The key two profiles share an e-mail by; null without one. */
export function emailKey(email: string | null): string | null {
  const key = email?.trim().toLowerCase() ?? '';
  return key === '' ? null : key;
}

/** The key two profiles share a phone by: its digits, +33 read as 0; null under the minimum. */
export function phoneKey(phone: string | null): string | null {
  if (phone === null || !isValidPhone(phone)) return null;
  const digits = phone.replace(/[^0-9]/g, '');
  return digits.length === 11 && digits.startsWith('33') ? `0${digits.slice(2)}` : digits;
}

export interface CrossProfileInput {
  customers: Iterable<{ customer_id: string; email: string | null; phone: string | null }>;
  identities: Iterable<{ customer_id: string; kind: string; value: string }>;
}

/** Every customer's cross-profile facts, by customer id (every customer of the input). */
export function crossProfiles(input: CrossProfileInput): Map<string, CrossProfile> {
  const deviceHolders = new Map<string, Set<string>>();
  for (const i of input.identities) {
    if (!DEVICE_KINDS.has(i.kind)) continue;
    const key = `${i.kind}\u0000${i.value}`;
    const holders = deviceHolders.get(key) ?? new Set<string>();
    holders.add(i.customer_id);
    deviceHolders.set(key, holders);
  }
  const shared = new Set<string>();
  for (const holders of deviceHolders.values())
    if (holders.size > 1) for (const id of holders) shared.add(id);

  const customers = [...input.customers];
  const emails = new Map<string, number>();
  const phones = new Map<string, number>();
  for (const c of customers) {
    const e = emailKey(c.email);
    if (e !== null) emails.set(e, (emails.get(e) ?? 0) + 1);
    const p = phoneKey(c.phone);
    if (p !== null) phones.set(p, (phones.get(p) ?? 0) + 1);
  }
  const out = new Map<string, CrossProfile>();
  for (const c of customers) {
    const e = emailKey(c.email);
    const p = phoneKey(c.phone);
    out.set(c.customer_id, {
      shared_device: shared.has(c.customer_id),
      duplicate_email: e !== null && (emails.get(e) ?? 0) > 1,
      duplicate_phone: p !== null && (phones.get(p) ?? 0) > 1,
    });
  }
  return out;
}
