// Data quality: whether what campaigns rely on is there and usable, customer by customer. One
// definition, which the memory store runs here and the DuckDB store in SQL over a table it builds
// once per load (the first name judged by this module's firstNameJunk, called from SQL), held
// equal by the differential test:
//
// - First name: usable in a salutation as written unless salutationJunk says why not (missing,
//   a placeholder, capitals only, the e-mail's local part…).
// - E-mail and phone: *missing* when absent or empty, *valid* by the segment engine's checks
//   (isValidEmail; at least MIN_PHONE_DIGITS digits), *invalid* otherwise.
// - Consent per channel: the latest record's status, *unknown* without any record.
// - Identities: how many identities the profile holds.
// - Shared device: one of the profile's app devices or web cookies is held by another profile too.
// - Duplicate e-mail / phone: another profile holds the same e-mail (trimmed, lower case) or the
//   same phone number (its digits, +33 read as 0).
// A segment filter keeps its members among the customers counted; who shares what is judged over
// every profile.
import { compareText } from '../compare.ts';
import { isValidEmail } from '../profile/catalogue.ts';
import type { ConsentChannel } from '../profile/schema.ts';
import type { Condition, SegmentDefinition } from '../segment/definition.ts';
import { isValidPhone } from '../segment/facts.ts';
import { firstNameJunk, junkReasons, type JunkReason } from '../template/salutation.ts';

export const QUALITY_CONSENT_CHANNELS = ['email', 'sms', 'push', 'phone'] as const;
export type ContactState = 'valid' | 'invalid' | 'missing';
export type ConsentState = 'granted' | 'withdrawn' | 'unknown';
/** Identity counts shown one by one; this many and more share the last bucket. */
export const IDENTITY_BUCKETS = 6;
/** Identity kinds a device carries: the same one on two profiles is a shared device. */
export { DEVICE_KINDS } from '../profile/shared-devices.ts';
import { crossProfiles, NO_CROSS_PROFILE } from '../profile/cross-profile.ts';

export interface QualityCustomer {
  customer_id: string;
  first_name: string | null;
  email: string | null;
  phone: string | null;
}

export interface QualityInput {
  customers: Iterable<QualityCustomer>;
  identities: Iterable<{ customer_id: string; kind: string; value: string }>;
  consents: Iterable<{ customer_id: string; channel: string; status: string; at: string }>;
}

/** One customer's data quality. */
export interface QualityRow {
  customer_id: string;
  /** Why the first name cannot greet them; null when it can. */
  first_name: JunkReason | null;
  email: ContactState;
  phone: ContactState;
  consent: Record<ConsentChannel, ConsentState>;
  identities: number;
  shared_device: boolean;
  duplicate_email: boolean;
  duplicate_phone: boolean;
}

export function contactState(value: string | null, valid: (v: string) => boolean): ContactState {
  if (value === null || value === '') return 'missing';
  return valid(value) ? 'valid' : 'invalid';
}

export { emailKey, phoneKey } from '../profile/cross-profile.ts';

/** Every customer's quality row, in the input's order. */
export function qualityRows(input: QualityInput): QualityRow[] {
  const customers = [...input.customers];
  const identityRows = [...input.identities];
  const identities = new Map<string, number>();
  for (const i of identityRows)
    identities.set(i.customer_id, (identities.get(i.customer_id) ?? 0) + 1);
  const cross = crossProfiles({ customers, identities: identityRows });

  const latest = new Map<string, { at: string; status: string }>();
  for (const c of input.consents) {
    const key = `${c.customer_id}|${c.channel}`;
    const seen = latest.get(key);
    if (seen === undefined || c.at >= seen.at) latest.set(key, { at: c.at, status: c.status });
  }

  const consentOf = (id: string, channel: ConsentChannel): ConsentState => {
    const status = latest.get(`${id}|${channel}`)?.status;
    return status === 'granted' ? 'granted' : status === 'withdrawn' ? 'withdrawn' : 'unknown';
  };
  return customers.map((c) => {
    const { shared_device, duplicate_email, duplicate_phone } =
      cross.get(c.customer_id) ?? NO_CROSS_PROFILE;
    return {
      customer_id: c.customer_id,
      first_name: firstNameJunk(c.first_name, c.email),
      email: contactState(c.email, (v) => isValidEmail(v)),
      phone: contactState(c.phone, (v) => isValidPhone(v)),
      consent: {
        email: consentOf(c.customer_id, 'email'),
        sms: consentOf(c.customer_id, 'sms'),
        push: consentOf(c.customer_id, 'push'),
        phone: consentOf(c.customer_id, 'phone'),
      },
      identities: identities.get(c.customer_id) ?? 0,
      shared_device,
      duplicate_email,
      duplicate_phone,
    };
  });
}

/** The lists a figure opens. */
export const QUALITY_LIST_NAMES = [
  'first_name_unusable',
  'email_missing',
  'email_invalid',
  'phone_missing',
  'phone_invalid',
  'consent_email_unknown',
  'consent_sms_unknown',
  'consent_push_unknown',
  'consent_phone_unknown',
  'shared_device',
  'duplicate_email',
  'duplicate_phone',
] as const;
export type QualityList = (typeof QUALITY_LIST_NAMES)[number];

/** Each list: the customers a predicate keeps. */
export const QUALITY_LISTS: Readonly<Record<QualityList, (r: QualityRow) => boolean>> = {
  first_name_unusable: (r) => r.first_name !== null,
  email_missing: (r) => r.email === 'missing',
  email_invalid: (r) => r.email === 'invalid',
  phone_missing: (r) => r.phone === 'missing',
  phone_invalid: (r) => r.phone === 'invalid',
  consent_email_unknown: (r) => r.consent.email === 'unknown',
  consent_sms_unknown: (r) => r.consent.sms === 'unknown',
  consent_push_unknown: (r) => r.consent.push === 'unknown',
  consent_phone_unknown: (r) => r.consent.phone === 'unknown',
  shared_device: (r) => r.shared_device,
  duplicate_email: (r) => r.duplicate_email,
  duplicate_phone: (r) => r.duplicate_phone,
};

const condition = (
  id: string,
  field: 'customer.email' | 'customer.phone',
  operator: 'is_empty' | 'is_set',
): Condition => ({ id, kind: 'attribute', negate: false, field, test: { operator } });
const reach = (
  id: string,
  type:
    | 'valid_email'
    | 'valid_phone'
    | 'usable_first_name'
    | 'shared_device'
    | 'duplicate_email'
    | 'duplicate_phone',
  negate: boolean,
): Condition => ({ id, kind: 'reachability', negate, check: { type } });
const unknownConsent = (id: string, channel: ConsentChannel): Condition => ({
  id,
  kind: 'reachability',
  negate: true,
  check: { type: 'consent_known', channel },
});
const all = (id: string, children: Condition[]): SegmentDefinition => ({
  version: 1,
  root: { id, kind: 'group', negate: false, combinator: 'and', children },
});

/**
 * The segment definition that selects a list's customers (the builder opens it, to count, refine
 * or save). The lists that compare a customer with the others (a device or an address another
 * profile holds too) are the engine's cross-profile checks (profile/cross-profile.ts).
 */
export function qualityListDefinition(list: QualityList): SegmentDefinition {
  switch (list) {
    case 'first_name_unusable':
      return all('qualite_prenom', [reach('prenom_inutilisable', 'usable_first_name', true)]);
    case 'consent_email_unknown':
      return all('qualite_consentement_email', [unknownConsent('email_inconnu', 'email')]);
    case 'consent_sms_unknown':
      return all('qualite_consentement_sms', [unknownConsent('sms_inconnu', 'sms')]);
    case 'consent_push_unknown':
      return all('qualite_consentement_push', [unknownConsent('push_inconnu', 'push')]);
    case 'consent_phone_unknown':
      return all('qualite_consentement_telephone', [unknownConsent('telephone_inconnu', 'phone')]);
    case 'email_missing':
      return all('qualite_email_absent', [condition('email_absent', 'customer.email', 'is_empty')]);
    case 'email_invalid':
      return all('qualite_email_invalide', [
        condition('email_renseigne', 'customer.email', 'is_set'),
        reach('email_invalide', 'valid_email', true),
      ]);
    case 'phone_missing':
      return all('qualite_telephone_absent', [
        condition('telephone_absent', 'customer.phone', 'is_empty'),
      ]);
    case 'phone_invalid':
      return all('qualite_telephone_invalide', [
        condition('telephone_renseigne', 'customer.phone', 'is_set'),
        reach('telephone_invalide', 'valid_phone', true),
      ]);
    case 'shared_device':
      return all('qualite_appareil_partage', [reach('appareil_partage', 'shared_device', false)]);
    case 'duplicate_email':
      return all('qualite_email_double', [reach('email_double', 'duplicate_email', false)]);
    case 'duplicate_phone':
      return all('qualite_telephone_double', [reach('telephone_double', 'duplicate_phone', false)]);
  }
}

export interface QualityFigures {
  customers: number;
  first_name: { usable: number; unusable: { reason: JunkReason; customers: number }[] };
  email: Record<ContactState, number>;
  phone: Record<ContactState, number>;
  consent: ({ channel: ConsentChannel } & Record<ConsentState, number>)[];
  /** Customers by number of identities: 0, 1, … IDENTITY_BUCKETS − 1, then that many or more. */
  identities: { identities: number; customers: number }[];
  shared_device: number;
  duplicate_email: number;
  duplicate_phone: number;
}

/** The figures of the rows `members` keeps (null: every row). */
export function qualityFigures(
  rows: Iterable<QualityRow>,
  members: ReadonlySet<string> | null,
): QualityFigures {
  const kept: { row: QualityRow; customers: number }[] = [];
  for (const row of rows)
    if (members === null || members.has(row.customer_id)) kept.push({ row, customers: 1 });
  return qualityFiguresOfGroups(kept);
}

/** A group of customers with the same quality, and how many they are (a store's GROUP BY). */
export interface QualityGroup {
  row: Omit<QualityRow, 'customer_id'>;
  customers: number;
}

/** The figures of customers counted by group: what qualityFigures counts one by one. */
export function qualityFiguresOfGroups(groups: Iterable<QualityGroup>): QualityFigures {
  const out: QualityFigures = {
    customers: 0,
    first_name: { usable: 0, unusable: junkReasons.map((reason) => ({ reason, customers: 0 })) },
    email: { valid: 0, invalid: 0, missing: 0 },
    phone: { valid: 0, invalid: 0, missing: 0 },
    consent: QUALITY_CONSENT_CHANNELS.map((channel) => ({
      channel,
      granted: 0,
      withdrawn: 0,
      unknown: 0,
    })),
    identities: Array.from({ length: IDENTITY_BUCKETS + 1 }, (_, identities) => ({
      identities,
      customers: 0,
    })),
    shared_device: 0,
    duplicate_email: 0,
    duplicate_phone: 0,
  };
  for (const { row: r, customers: n } of groups) {
    out.customers += n;
    if (r.first_name === null) out.first_name.usable += n;
    else {
      const reason = out.first_name.unusable.find((u) => u.reason === r.first_name);
      if (reason) reason.customers += n;
    }
    out.email[r.email] += n;
    out.phone[r.phone] += n;
    for (const c of out.consent) c[r.consent[c.channel]] += n;
    const bucket = out.identities[Math.min(r.identities, IDENTITY_BUCKETS)];
    if (bucket) bucket.customers += n;
    if (r.shared_device) out.shared_device += n;
    if (r.duplicate_email) out.duplicate_email += n;
    if (r.duplicate_phone) out.duplicate_phone += n;
  }
  return out;
}

/** A page of the customers behind one figure, by customer id, with what they are reached by. */
export interface QualityListPage {
  total: number;
  customers: {
    customer_id: string;
    first_name: string | null;
    last_name: string | null;
    email: string | null;
    phone: string | null;
  }[];
}

/**
 * The page of `list` among `rows` (members of a segment only, when given), by customer id, each
 * customer as `customer` reads them: for a store that holds every customer's quality row.
 */
export function qualityListPage(
  rows: readonly QualityRow[],
  members: ReadonlySet<string> | null,
  list: QualityList,
  page: { limit: number; offset: number },
  customer: (id: string) => QualityListPage['customers'][number] | undefined,
): QualityListPage {
  const keep = QUALITY_LISTS[list];
  const ids = rows
    .filter((r) => keep(r) && (members === null || members.has(r.customer_id)))
    .map((r) => r.customer_id)
    .sort(compareText);
  return {
    total: ids.length,
    customers: ids.slice(page.offset, page.offset + page.limit).flatMap((id) => {
      const c = customer(id);
      return c === undefined
        ? []
        : [
            {
              customer_id: id,
              first_name: c.first_name,
              last_name: c.last_name,
              email: c.email,
              phone: c.phone,
            },
          ];
    }),
  };
}
