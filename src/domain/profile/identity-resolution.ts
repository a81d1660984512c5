// Deterministic identity resolution: the records a retailer's systems keep apart (a web account, a
// loyalty card used in store, a call-centre contact, an app install) are merged into profiles by
// rules that leave no guess — the same verified e-mail, the same loyalty card, the same phone
// number once written in E.164, or an explicit link between two records — with a union-find. A
// device or browser cookie never merges anything: one seen in several profiles is reported as
// shared (a household's tablet), and the profiles stay apart.
//
// Every identity keeps its source, first and last seen, and the rule by which its record joined
// the profile (null for the profile's first record, by record id). The result does not depend on
// the order of the records or of the links.
import { compareText } from '../compare.ts';
import type { IdentityKind } from './schema.ts';

export interface RecordIdentity {
  kind: IdentityKind;
  value: string;
  /** An e-mail merges only when its owner proved it (a confirmed sign-up, a clicked link). */
  verified: boolean;
  first_seen: string;
  last_seen: string;
}

export interface SourceRecord {
  /** The record's id, unique across sources (`web:42`, `store:CARD-9`…). */
  record_id: string;
  /** The system it comes from: web, app, store, call_centre… */
  source: string;
  identities: readonly RecordIdentity[];
}

/** Two records the retailer's own systems say are one customer. */
export interface RecordLink {
  a: string;
  b: string;
}

export const LINK_RULES = ['link_table', 'verified_email', 'loyalty_card', 'phone'] as const;
export type LinkRule = (typeof LINK_RULES)[number];

export interface ResolvedIdentity extends Omit<RecordIdentity, 'verified'> {
  source: string;
  record_id: string;
  /** How the identity's record joined the profile; null for the profile's first record. */
  linked_by: LinkRule | null;
}

export interface ResolvedProfile {
  /** The records merged, in id order; the first names the profile. */
  records: string[];
  identities: ResolvedIdentity[];
}

export interface SharedDevice {
  kind: IdentityKind;
  value: string;
  /** The first record of each profile it was seen with, in id order. */
  profiles: string[];
}

export interface ResolutionReport {
  records: number;
  profiles: number;
  /** Records that joined a profile, by the rule that brought them. */
  merges: Record<LinkRule, number>;
  /** Links naming a record that does not exist. */
  unknownLinks: number;
  /** Profiles holding several loyalty cards or several verified e-mails: to look at. */
  conflicts: { profile: string; kind: IdentityKind; values: string[] }[];
  sharedDevices: number;
}

export interface Resolution {
  profiles: ResolvedProfile[];
  shared: SharedDevice[];
  report: ResolutionReport;
}

/**
 * A phone number in E.164 (`+33612345678`), read as French when it has no country code
 * (`06 12 34 56 78`, `0033 6…`); null when it cannot be one (too short or too long, letters).
 */
export function toE164(phone: string): string | null {
  const trimmed = phone.trim();
  if (!/^[+\d][\d\s.()-]*$/.test(trimmed)) return null;
  let digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) digits = `+${digits}`;
  else if (digits.startsWith('00') && digits.length >= 11 && digits.charAt(2) !== '0')
    digits = `+${digits.slice(2)}`;
  else if (digits.length === 10 && digits.startsWith('0') && digits.charAt(1) !== '0')
    digits = `+33${digits.slice(1)}`;
  else return null;
  // The French trunk 0 kept after +33 (`+33 (0)6…`) is dropped.
  if (digits.startsWith('+330') && digits.length === 13) digits = `+33${digits.slice(4)}`;
  return /^\+[1-9]\d{7,14}$/.test(digits) ? digits : null;
}

/** The value two identities must share to merge their records, and under which rule; or null. */
function mergeKey(identity: RecordIdentity): { rule: LinkRule; value: string } | null {
  switch (identity.kind) {
    case 'email': {
      const email = identity.value.trim().toLowerCase();
      return identity.verified && email !== '' ? { rule: 'verified_email', value: email } : null;
    }
    case 'loyalty_card': {
      const card = identity.value.trim().toUpperCase();
      return card === '' ? null : { rule: 'loyalty_card', value: card };
    }
    case 'phone': {
      const e164 = toE164(identity.value);
      return e164 === null ? null : { rule: 'phone', value: e164 };
    }
    default:
      return null;
  }
}

const isDevice = (kind: IdentityKind) => kind === 'app_device' || kind === 'web_cookie';

class UnionFind {
  private readonly parent: number[];
  private readonly size: number[];

  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
    this.size = Array.from({ length: n }, () => 1);
  }

  find(i: number): number {
    let root = i;
    while ((this.parent[root] ?? root) !== root) root = this.parent[root] ?? root;
    for (let at = i; at !== root;) {
      const next = this.parent[at] ?? root;
      this.parent[at] = root;
      at = next;
    }
    return root;
  }

  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if ((this.size[ra] ?? 0) < (this.size[rb] ?? 0)) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] = (this.size[ra] ?? 0) + (this.size[rb] ?? 0);
  }
}

/** Merges `records` into profiles by the rules, with the explicit `links`. */
export function resolveIdentities(
  records: readonly SourceRecord[],
  links: readonly RecordLink[] = [],
  options: {
    /**
     * Records a profile is walked from, when it holds one (the first of them): the records it
     * already had, on an update. The others then say how they joined them.
     */
    startAt?: ReadonlySet<string>;
  } = {},
): Resolution {
  const sorted = [...records].sort((x, y) => compareText(x.record_id, y.record_id));
  const index = new Map(sorted.map((r, i) => [r.record_id, i]));
  const sets = new UnionFind(sorted.length);
  // Edges by rule, each between two record indexes; the first holder of a key links the others.
  const edges: { rule: LinkRule; a: number; b: number }[] = [];
  let unknownLinks = 0;
  for (const link of links) {
    const a = index.get(link.a);
    const b = index.get(link.b);
    if (a === undefined || b === undefined) unknownLinks += 1;
    else if (a !== b) edges.push({ rule: 'link_table', a, b });
  }
  const holders = new Map<string, number>();
  sorted.forEach((record, i) => {
    for (const identity of record.identities) {
      const merge = mergeKey(identity);
      if (merge === null) continue;
      const key = `${merge.rule}:${merge.value}`;
      const first = holders.get(key);
      if (first === undefined) holders.set(key, i);
      else if (first !== i) edges.push({ rule: merge.rule, a: first, b: i });
    }
  });
  for (const edge of edges) sets.union(edge.a, edge.b);

  // Members of each profile, by root, in record order.
  const members = new Map<number, number[]>();
  sorted.forEach((_, i) => {
    const root = sets.find(i);
    const list = members.get(root) ?? [];
    list.push(i);
    members.set(root, list);
  });

  // How each record joined its profile: breadth first from the profile's first record (or its
  // first one to start at; fewest steps), ties between rules in LINK_RULES order (an explicit link first), then record order.
  const byRecord = new Map<number, { rule: LinkRule; other: number }[]>();
  const neighbour = (from: number, rule: LinkRule, other: number) => {
    const list = byRecord.get(from) ?? [];
    list.push({ rule, other });
    byRecord.set(from, list);
  };
  for (const edge of edges) {
    neighbour(edge.a, edge.rule, edge.b);
    neighbour(edge.b, edge.rule, edge.a);
  }
  const rank = (rule: LinkRule) => LINK_RULES.indexOf(rule);
  const joined = new Map<number, LinkRule | null>();
  const merges: Record<LinkRule, number> = {
    link_table: 0,
    verified_email: 0,
    loyalty_card: 0,
    phone: 0,
  };
  const startAt = options.startAt;
  for (const list of members.values()) {
    const first =
      (startAt === undefined
        ? undefined
        : list.find((i) => startAt.has(sorted[i]?.record_id ?? ''))) ?? list[0];
    if (first === undefined) continue;
    joined.set(first, null);
    // Level by level from the first record: a record reached at the same distance by several
    // rules takes the first in LINK_RULES order (then the lowest record), not the best overall.
    let frontier = [first];
    while (frontier.length > 0) {
      const next: { rule: LinkRule; to: number }[] = [];
      for (const at of frontier)
        for (const { rule, other } of byRecord.get(at) ?? [])
          if (!joined.has(other)) next.push({ rule, to: other });
      next.sort((x, y) => rank(x.rule) - rank(y.rule) || x.to - y.to);
      frontier = [];
      for (const { rule, to } of next) {
        if (joined.has(to)) continue;
        joined.set(to, rule);
        merges[rule] += 1;
        frontier.push(to);
      }
    }
  }

  const profiles: ResolvedProfile[] = [];
  const conflicts: ResolutionReport['conflicts'] = [];
  const deviceProfiles = new Map<
    string,
    { kind: IdentityKind; value: string; profiles: Set<string> }
  >();
  for (const list of members.values()) {
    const recordsOf = list.map((i) => sorted[i]).filter((r) => r !== undefined);
    const name = recordsOf[0]?.record_id ?? '';
    const identities: ResolvedIdentity[] = [];
    list.forEach((i) => {
      const record = sorted[i];
      if (record === undefined) return;
      for (const identity of record.identities) {
        identities.push({
          kind: identity.kind,
          value: identity.value,
          first_seen: identity.first_seen,
          last_seen: identity.last_seen,
          source: record.source,
          record_id: record.record_id,
          linked_by: joined.get(i) ?? null,
        });
        if (isDevice(identity.kind)) {
          const key = `${identity.kind}:${identity.value}`;
          const seen = deviceProfiles.get(key) ?? {
            kind: identity.kind,
            value: identity.value,
            profiles: new Set<string>(),
          };
          seen.profiles.add(name);
          deviceProfiles.set(key, seen);
        }
      }
    });
    const held = new Map<LinkRule, Set<string>>();
    for (const i of list)
      for (const identity of sorted[i]?.identities ?? []) {
        const merge = mergeKey(identity);
        if (merge === null || merge.rule === 'phone') continue;
        const values = held.get(merge.rule) ?? new Set<string>();
        values.add(merge.value);
        held.set(merge.rule, values);
      }
    for (const [rule, values] of held)
      if (values.size > 1)
        conflicts.push({
          profile: name,
          kind: rule === 'loyalty_card' ? 'loyalty_card' : 'email',
          values: [...values].sort(compareText),
        });
    profiles.push({ records: recordsOf.map((r) => r.record_id), identities });
  }
  profiles.sort((x, y) => compareText(x.records[0] ?? '', y.records[0] ?? ''));
  const shared: SharedDevice[] = [...deviceProfiles.values()]
    .filter((d) => d.profiles.size > 1)
    .map((d) => ({ kind: d.kind, value: d.value, profiles: [...d.profiles].sort(compareText) }))
    .sort((x, y) => compareText(`${x.kind}:${x.value}`, `${y.kind}:${y.value}`));
  conflicts.sort((x, y) => compareText(x.profile, y.profile) || compareText(x.kind, y.kind));
  return {
    profiles,
    shared,
    report: {
      records: sorted.length,
      profiles: profiles.length,
      merges,
      unknownLinks,
      conflicts,
      sharedDevices: shared.length,
    },
  };
}
