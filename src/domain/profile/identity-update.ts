// Identity resolution on an updating import: newer records per source system resolved against the
// records the store already holds, by the same rules and union-find as a replace
// (identity-resolution.ts). What is already stored keeps its meaning:
//
// - A stored profile keeps its customer id; a profile made only of new records is named, as on a
//   replace, by its first record id.
// - A new record that meets a stored profile by a rule (or a link) joins it.
// - New records that join two or more stored profiles show they are one customer: they are merged
//   into the one with the first customer id (compareText), the others absorbed — their rows then
//   move to it (the store does that). A stored profile is never split: its records stay together,
//   whatever a record sent again now holds.
// - A record sent again (its id stored) replaces its stored identities; it stays in its profile.
import { compareText } from '../compare.ts';
import {
  resolveIdentities,
  type LinkRule,
  type RecordLink,
  type ResolvedIdentity,
  type SharedDevice,
  type SourceRecord,
} from './identity-resolution.ts';

/** A record the store holds, with the profile it belongs to and the rule that linked it there. */
export interface StoredRecord extends SourceRecord {
  customer_id: string;
  linked_by: LinkRule | null;
}

export interface ProfileUpdate {
  /** Each new record's profile (a stored customer id, or a new profile's id). */
  profileOf: ReadonlyMap<string, string>;
  /** Stored profiles merged into another: absorbed customer id → the customer id it joins. */
  absorbed: ReadonlyMap<string, string>;
  /** The new records' identities, each with its profile and how its record joined it. */
  identities: (ResolvedIdentity & { customer_id: string })[];
  /** Devices or cookies a new record holds that several profiles hold. */
  shared: SharedDevice[];
  report: {
    /** New records in, the profiles they are in out. */
    records: number;
    profiles: number;
    /** Of those profiles, the ones already stored. */
    joined: number;
    /** Stored profiles absorbed into another. */
    merged: number;
    /** New records that joined a profile, by the rule that brought them. */
    merges: Record<LinkRule, number>;
    /** Links naming a record neither the files nor the store hold. */
    unknownLinks: number;
    /** Profiles with a new record holding several loyalty cards or verified e-mails. */
    conflicts: number;
  };
}

/**
 * `incoming` records (and `links`) resolved against the `stored` ones. The result does not depend
 * on the order of any input.
 */
export function resolveUpdate(
  stored: readonly StoredRecord[],
  incoming: readonly SourceRecord[],
  links: readonly RecordLink[],
): ProfileUpdate {
  const fresh = new Set(incoming.map((r) => r.record_id));
  const storedCustomer = new Map(stored.map((r) => [r.record_id, r.customer_id]));
  const storedRule = new Map(stored.map((r) => [r.record_id, r.linked_by]));
  // Each stored profile's records held together by links of their own (the store's), which count
  // neither as merges nor as unknown links.
  const byCustomer = new Map<string, string[]>();
  for (const r of stored)
    byCustomer.set(r.customer_id, [...(byCustomer.get(r.customer_id) ?? []), r.record_id]);
  const anchors: RecordLink[] = [];
  for (const records of byCustomer.values()) {
    const [first, ...rest] = [...records].sort(compareText);
    if (first !== undefined) for (const other of rest) anchors.push({ a: first, b: other });
  }
  const records = [...stored.filter((r) => !fresh.has(r.record_id)), ...incoming];
  // Walked from the stored records: a new record says by which rule it met the profile.
  const resolution = resolveIdentities(records, [...links, ...anchors], {
    startAt: new Set(stored.map((r) => r.record_id)),
  });

  const profileOf = new Map<string, string>();
  const absorbed = new Map<string, string>();
  const identities: ProfileUpdate['identities'] = [];
  const merges: Record<LinkRule, number> = {
    link_table: 0,
    verified_email: 0,
    loyalty_card: 0,
    phone: 0,
  };
  const named = new Map<string, string>(); // a profile's first record → its customer id
  let conflicts = 0;
  const conflicted = new Set(resolution.report.conflicts.map((c) => c.profile));
  for (const profile of resolution.profiles) {
    const customers = [
      ...new Set(
        profile.records.flatMap((r) => {
          const c = storedCustomer.get(r);
          return c === undefined ? [] : [c];
        }),
      ),
    ].sort(compareText);
    const first = profile.records[0] ?? '';
    const customer = customers[0] ?? first;
    named.set(first, customer);
    for (const other of customers.slice(1)) absorbed.set(other, customer);
    const mine = profile.records.filter((r) => fresh.has(r));
    if (mine.length > 0 && conflicted.has(first)) conflicts += 1;
    const counted = new Set<string>();
    for (const record of mine) profileOf.set(record, customer);
    for (const identity of profile.identities) {
      if (!fresh.has(identity.record_id)) continue;
      // A record sent again is in its profile by the store's own link: it keeps the rule its
      // first import linked it by.
      const linked = storedRule.has(identity.record_id)
        ? (storedRule.get(identity.record_id) ?? null)
        : identity.linked_by;
      identities.push({ ...identity, linked_by: linked, customer_id: customer });
      // Merges count the records this import brought into a profile, not those sent again.
      if (
        linked !== null &&
        !storedRule.has(identity.record_id) &&
        !counted.has(identity.record_id)
      ) {
        counted.add(identity.record_id);
        merges[linked] += 1;
      }
    }
  }
  const profiles = new Set(profileOf.values());
  const storedCustomers = new Set(storedCustomer.values());
  const freshDevices = new Set(
    incoming.flatMap((r) => r.identities.map((i) => `${i.kind}:${i.value}`)),
  );
  return {
    profileOf,
    absorbed,
    identities,
    shared: resolution.shared
      .filter((d) => freshDevices.has(`${d.kind}:${d.value}`))
      .map((d) => ({
        ...d,
        profiles: [...new Set(d.profiles.map((p) => named.get(p) ?? p))].sort(compareText),
      })),
    report: {
      records: fresh.size,
      profiles: profiles.size,
      joined: [...profiles].filter((p) => storedCustomers.has(p)).length,
      merged: absorbed.size,
      merges,
      unknownLinks: resolution.report.unknownLinks,
      conflicts,
    },
  };
}
