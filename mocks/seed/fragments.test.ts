// The demo's per-source records, resolved by the domain's rules alone, give back the generator's
// customers: every record (so every identity) in its customer's profile, no two customers merged
// — not the households sharing a tablet, not the customers whose addresses collide — and every
// identity the generator made is in its customer's records.
import { describe, expect, test } from 'vitest';
import {
  resolveIdentities,
  type SourceRecord,
} from '../../src/domain/profile/identity-resolution.ts';
import { DEMO_AS_OF, generateDataset } from './index.ts';
import { fragmentsOf } from './fragments.ts';

function recordsOf(fragments: ReturnType<typeof fragmentsOf>): SourceRecord[] {
  const records = new Map<
    string,
    SourceRecord & { identities: SourceRecord['identities'][number][] }
  >();
  for (const f of fragments.identities) {
    const record = records.get(f.record_id) ?? {
      record_id: f.record_id,
      source: f.source,
      identities: [],
    };
    record.identities.push({
      kind: f.kind,
      value: f.value,
      verified: f.verified,
      first_seen: f.first_seen,
      last_seen: f.last_seen,
    });
    records.set(f.record_id, record);
  }
  return [...records.values()];
}

describe.each([1_000, 3_000])('the demo of %i customers', (size) => {
  const { dataset } = generateDataset({ seed: 42, customers: size, asOf: DEMO_AS_OF });
  const fragments = fragmentsOf(dataset);
  const resolution = resolveIdentities(
    recordsOf(fragments),
    fragments.links.map((l) => ({ a: l.record_a, b: l.record_b })),
  );

  test('each profile is one customer, whole', () => {
    const truth = new Map<string, string[]>();
    for (const [record, customer] of fragments.customerOf) {
      const list = truth.get(customer) ?? [];
      list.push(record);
      truth.set(customer, list);
    }
    const rebuilt = resolution.profiles.map((p) => [...p.records].sort().join(' ')).sort();
    const expected = [...truth.values()].map((records) => records.sort().join(' ')).sort();
    expect(rebuilt).toEqual(expected);
    // Several records per customer: the rules did merge (this is not one record each).
    expect(fragments.customerOf.size).toBeGreaterThan(1.5 * truth.size);
    expect(resolution.report.profiles).toBe(truth.size);
  });

  test('every identity the generator made is in its customer’s records', () => {
    const held = new Set(
      fragments.identities.map(
        (f) => `${fragments.customerOf.get(f.record_id) ?? ''}|${f.kind}|${f.value}`,
      ),
    );
    const missing = dataset.identities.filter(
      (i) => !held.has(`${i.customer_id}|${i.kind}|${i.value}`),
    );
    expect(missing).toEqual([]);
  });

  test('a tablet two customers share is reported shared and merges nobody', () => {
    const devices = new Map<string, Set<string>>();
    for (const i of dataset.identities) {
      if (i.kind !== 'app_device') continue;
      const set = devices.get(i.value) ?? new Set<string>();
      set.add(i.customer_id);
      devices.set(i.value, set);
    }
    const shared = [...devices].filter(([, who]) => who.size > 1).map(([value]) => value);
    expect(shared.length).toBeGreaterThan(0);
    expect(resolution.shared.map((s) => s.value).sort()).toEqual(shared.sort());
  });

  test('merges come from each rule: links, proved e-mails, cards and phones typed two ways', () => {
    const { merges } = resolution.report;
    for (const rule of ['link_table', 'verified_email', 'loyalty_card', 'phone'] as const)
      expect(merges[rule], rule).toBeGreaterThan(0);
    // A phone in two spellings ties a till's record to the account.
    const spelled = fragments.identities.filter(
      (f) => f.kind === 'phone' && f.value.startsWith('0'),
    );
    expect(spelled.length).toBeGreaterThan(0);
  });
});
