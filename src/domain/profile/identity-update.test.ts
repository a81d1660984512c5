import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { resolveIdentities, type SourceRecord } from './identity-resolution.ts';
import { resolveUpdate, type StoredRecord } from './identity-update.ts';
import { id, record, seen } from './identity.fixture.ts';
import type { IdentityKind } from './schema.ts';

const storedIn = (
  customer_id: string,
  r: SourceRecord,
  linked_by: StoredRecord['linked_by'] = null,
): StoredRecord => ({ ...r, customer_id, linked_by });

/** The customer each new record's identities went to, and the rule they carry. */
const placed = (update: ReturnType<typeof resolveUpdate>) =>
  Object.fromEntries(
    update.identities.map((i) => [`${i.record_id}:${i.value}`, [i.customer_id, i.linked_by]]),
  );

describe('new records against the stored ones', () => {
  const pos = storedIn('POS-1', record('POS-1', 'store', id('loyalty_card', 'FID-1')));
  const web = storedIn('POS-1', record('WEB-9', 'web', id('email', 'ann@x.fr')), 'link_table');
  const call = storedIn('CALL-5', record('CALL-5', 'call_centre', id('phone', '06 11 22 33 44')));

  test('a record meeting a stored profile by a rule joins it, and says by which rule', () => {
    const update = resolveUpdate(
      [pos, web, call],
      [record('APP-2', 'app', id('email', 'ANN@x.fr '), id('app_device', 'dev-1'))],
      [],
    );
    expect(update.profileOf).toEqual(new Map([['APP-2', 'POS-1']]));
    // APP-2 comes before POS-1 by id: the profile is still walked from its stored records.
    expect(placed(update)).toEqual({
      'APP-2:ANN@x.fr ': ['POS-1', 'verified_email'],
      'APP-2:dev-1': ['POS-1', 'verified_email'],
    });
    expect(update.absorbed.size).toBe(0);
    expect(update.report).toMatchObject({
      records: 1,
      profiles: 1,
      joined: 1,
      merged: 0,
      merges: { link_table: 0, verified_email: 1, loyalty_card: 0, phone: 0 },
      unknownLinks: 0,
    });
  });

  test('an unverified e-mail joins nothing: the records form a profile named by their first id', () => {
    const update = resolveUpdate(
      [pos, web, call],
      [
        record('WEB-20', 'web', id('email', 'ann@x.fr', false), id('loyalty_card', 'FID-7')),
        record('STORE-3', 'store', id('loyalty_card', 'fid-7')),
      ],
      [],
    );
    expect(update.profileOf).toEqual(
      new Map([
        ['WEB-20', 'STORE-3'],
        ['STORE-3', 'STORE-3'],
      ]),
    );
    expect(update.report).toMatchObject({ records: 2, profiles: 1, joined: 0, merged: 0 });
    expect(update.report.merges.loyalty_card).toBe(1);
  });

  test('a record holding two stored profiles’ identities merges them into the first customer id', () => {
    const update = resolveUpdate(
      [pos, web, call],
      [record('APP-3', 'app', id('phone', '+33 6 11 22 33 44'), id('loyalty_card', 'FID-1'))],
      [],
    );
    expect(update.absorbed).toEqual(new Map([['POS-1', 'CALL-5']]));
    expect(update.profileOf).toEqual(new Map([['APP-3', 'CALL-5']]));
    expect(update.report).toMatchObject({ profiles: 1, joined: 1, merged: 1 });
  });

  test('a link names a stored record; a link to no record is counted; the store’s own are not', () => {
    const update = resolveUpdate(
      [pos, web, call],
      [record('CRM-1', 'crm', id('email', 'other@x.fr'))],
      [
        { a: 'CRM-1', b: 'WEB-9' },
        { a: 'CRM-1', b: 'GONE-1' },
      ],
    );
    expect(update.profileOf).toEqual(new Map([['CRM-1', 'POS-1']]));
    expect(update.report.merges.link_table).toBe(1);
    expect(update.report.unknownLinks).toBe(1);
  });

  test('a record sent again stays in its profile with its new identities and the rule that first linked it', () => {
    const update = resolveUpdate(
      [pos, web, call],
      [record('WEB-9', 'web', id('email', 'ann.new@x.fr'))],
      [],
    );
    expect(update.profileOf).toEqual(new Map([['WEB-9', 'POS-1']]));
    expect(placed(update)).toEqual({ 'WEB-9:ann.new@x.fr': ['POS-1', 'link_table'] });
    expect(update.report).toMatchObject({ records: 1, profiles: 1, joined: 1, merged: 0 });
    expect(Object.values(update.report.merges).every((n) => n === 0)).toBe(true);
  });

  test('a device a new record shares with a stored profile is reported by customer ids, merging no one', () => {
    const tablet = storedIn('CALL-5', record('APP-8', 'app', id('app_device', 'tab-1')));
    const update = resolveUpdate(
      [pos, call, tablet],
      [record('APP-9', 'app', id('app_device', 'tab-1'))],
      [],
    );
    expect(update.profileOf).toEqual(new Map([['APP-9', 'APP-9']]));
    expect(update.shared).toEqual([
      { kind: 'app_device', value: 'tab-1', profiles: ['APP-9', 'CALL-5'] },
    ]);
  });

  test('a conflict is counted for a profile a new record brings a second loyalty card to', () => {
    const update = resolveUpdate(
      [pos, web],
      [record('APP-4', 'app', id('email', 'ann@x.fr'), id('loyalty_card', 'FID-2'))],
      [],
    );
    expect(update.report.conflicts).toBe(1);
  });
});

describe('on random records', () => {
  const kinds: IdentityKind[] = ['email', 'phone', 'loyalty_card', 'app_device'];
  const identityArb = fc.record({
    kind: fc.constantFrom(...kinds),
    value: fc.constantFrom('a@x.fr', 'B@x.fr', '06 00 00 00 01', '+33600000001', 'C1', 'c1', 'd1'),
    verified: fc.boolean(),
    first_seen: fc.constant(seen.first_seen),
    last_seen: fc.constant(seen.last_seen),
  });
  /** Records split into those a first import brought and those an update brings, with links. */
  const input = fc
    .array(fc.tuple(fc.array(identityArb, { minLength: 1, maxLength: 3 }), fc.boolean()), {
      minLength: 1,
      maxLength: 12,
    })
    .chain((lists) => {
      const records = lists.map(([identities, later], i) => ({
        record: record(`r${String(i).padStart(2, '0')}`, 'web', ...identities),
        later,
      }));
      const ids = records.map((r) => r.record.record_id);
      return fc.tuple(
        fc.constant(records),
        fc.array(fc.record({ a: fc.constantFrom(...ids), b: fc.constantFrom(...ids) }), {
          maxLength: 4,
        }),
      );
    });

  /** Each record's profile as a set of records, whatever the profiles are named. */
  const partition = (profileOf: ReadonlyMap<string, string>) => {
    const groups = new Map<string, string[]>();
    for (const [r, p] of profileOf) groups.set(p, [...(groups.get(p) ?? []), r]);
    return [...groups.values()].map((g) => g.sort().join(' ')).sort();
  };

  test('a first import then an update group the records as one import of them all', () => {
    fc.assert(
      fc.property(input, ([records, links]) => {
        const first = records.filter((r) => !r.later).map((r) => r.record);
        const later = records.filter((r) => r.later).map((r) => r.record);
        const firstIds = new Set(first.map((r) => r.record_id));
        const firstLinks = links.filter((l) => firstIds.has(l.a) && firstIds.has(l.b));
        const laterLinks = links.filter((l) => !firstLinks.includes(l));
        const stored: StoredRecord[] = resolveIdentities(first, firstLinks).profiles.flatMap((p) =>
          p.records.flatMap((rid) => {
            const r = first.find((x) => x.record_id === rid);
            return r === undefined
              ? []
              : [{ ...r, customer_id: p.records[0] ?? rid, linked_by: null }];
          }),
        );
        const update = resolveUpdate(stored, later, laterLinks);
        // Where every record is after the update: a stored one in its (maybe absorbing) profile.
        const after = new Map<string, string>(update.profileOf);
        for (const r of stored)
          after.set(r.record_id, update.absorbed.get(r.customer_id) ?? r.customer_id);
        const once = new Map<string, string>();
        for (const p of resolveIdentities([...first, ...later], links).profiles)
          for (const r of p.records) once.set(r, p.records[0] ?? r);
        expect(partition(after)).toEqual(partition(once));
        // Stored profiles keep their ids; a profile holding stored records is named by one.
        const storedIds = new Set(stored.map((r) => r.customer_id));
        for (const [r, p] of update.profileOf)
          if (stored.some((s) => after.get(s.record_id) === p))
            expect(storedIds.has(p), r).toBe(true);
        for (const survivor of update.absorbed.values()) expect(storedIds.has(survivor)).toBe(true);
        expect(update.report.records).toBe(later.length);
        const merged = Object.values(update.report.merges).reduce((a, b) => a + b, 0);
        expect(merged).toBeLessThanOrEqual(later.length);
      }),
      { numRuns: 400 },
    );
  });

  test('the order of stored records, new records and links changes nothing', () => {
    fc.assert(
      fc.property(input, fc.integer(), ([records, links], seed) => {
        const shuffle = <T>(xs: readonly T[]) =>
          xs
            .map((x, i) => ({ x, k: Math.sin(seed + i * 7919) }))
            .sort((p, q) => p.k - q.k)
            .map((p) => p.x);
        const stored = records
          .filter((r) => !r.later)
          .map((r, i) => ({ ...r.record, customer_id: `c${String(i % 3)}`, linked_by: null }));
        const later = records.filter((r) => r.later).map((r) => r.record);
        const a = resolveUpdate(stored, later, links);
        const b = resolveUpdate(shuffle(stored), shuffle(later), shuffle(links));
        expect(b.profileOf).toEqual(a.profileOf);
        expect(b.absorbed).toEqual(a.absorbed);
        expect(b.report).toEqual(a.report);
        const key = (i: { record_id: string; kind: string; value: string }) =>
          `${i.record_id}|${i.kind}|${i.value}`;
        expect([...b.identities].sort((x, y) => key(x).localeCompare(key(y)))).toEqual(
          [...a.identities].sort((x, y) => key(x).localeCompare(key(y))),
        );
      }),
      { numRuns: 200 },
    );
  });
});
