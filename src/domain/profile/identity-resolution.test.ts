import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  resolveIdentities,
  toE164,
  type RecordIdentity,
  type RecordLink,
  type SourceRecord,
} from './identity-resolution.ts';
import { id, record, seen } from './identity.fixture.ts';
import type { IdentityKind } from './schema.ts';

const groups = (records: SourceRecord[], links: RecordLink[] = []) =>
  resolveIdentities(records, links).profiles.map((p) => p.records);

describe('toE164', () => {
  test.each([
    ['06 12 34 56 78', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['0033 6 12 34 56 78', '+33612345678'],
    ['+33 (0)6 12 34 56 78', '+33612345678'],
    ['06.12.34.56.78', '+33612345678'],
    ['+44 20 7946 0958', '+442079460958'],
    ['612345678', null],
    ['00 12 34 56 78', null],
    ['06 12', null],
    ['+33 6 12 34 56 78 90 12 34', null],
    ['tel: 06 12 34 56 78', null],
    ['', null],
  ])('%j → %j', (phone, e164) => {
    expect(toE164(phone)).toBe(e164);
  });
});

describe('the rules', () => {
  test('a verified e-mail merges whatever its case; an unverified one does not', () => {
    expect(
      groups([
        record('web:1', 'web', id('email', 'Marie.Dupont@Example.fr')),
        record('store:1', 'store', id('email', ' marie.dupont@example.fr')),
        record('call:1', 'call_centre', id('email', 'marie.dupont@example.fr', false)),
      ]),
    ).toEqual([['call:1'], ['store:1', 'web:1']]);
  });

  test('a loyalty card, a phone in any French writing and an explicit link each merge', () => {
    const resolution = resolveIdentities(
      [
        record('store:1', 'store', id('loyalty_card', 'fid-0042'), id('phone', '06 12 34 56 78')),
        record('store:2', 'store', id('loyalty_card', 'FID-0042')),
        record('call:1', 'call_centre', id('phone', '+33 6 12 34 56 78')),
        record('app:1', 'app', id('app_device', 'dev-1')),
        record('web:9', 'web', id('web_cookie', 'ck-9')),
      ],
      [{ a: 'app:1', b: 'store:2' }],
    );
    expect(resolution.profiles.map((p) => p.records)).toEqual([
      ['app:1', 'call:1', 'store:1', 'store:2'],
      ['web:9'],
    ]);
    const linked = Object.fromEntries(
      resolution.profiles[0]?.identities.map((i) => [i.record_id, i.linked_by]) ?? [],
    );
    // From the first record (app:1): the link to store:2, its card to store:1, its phone to call:1.
    expect(linked).toEqual({
      'app:1': null,
      'store:2': 'link_table',
      'store:1': 'loyalty_card',
      'call:1': 'phone',
    });
    expect(resolution.report).toMatchObject({
      records: 5,
      profiles: 2,
      merges: { link_table: 1, loyalty_card: 1, phone: 1, verified_email: 0 },
      unknownLinks: 0,
      conflicts: [],
    });
  });

  test('a device seen in two profiles is shared and merges nothing', () => {
    const resolution = resolveIdentities([
      record('app:1', 'app', id('app_device', 'tablet'), id('email', 'a@x.fr')),
      record('app:2', 'app', id('app_device', 'tablet'), id('email', 'b@x.fr')),
      record('web:1', 'web', id('web_cookie', 'ck'), id('email', 'a@x.fr')),
    ]);
    expect(resolution.profiles.map((p) => p.records)).toEqual([['app:1', 'web:1'], ['app:2']]);
    expect(resolution.shared).toEqual([
      { kind: 'app_device', value: 'tablet', profiles: ['app:1', 'app:2'] },
    ]);
    expect(resolution.report.sharedDevices).toBe(1);
  });

  test('two cards in one profile are a conflict to look at; a link to nobody is counted', () => {
    const resolution = resolveIdentities(
      [
        record('store:1', 'store', id('loyalty_card', 'C1'), id('phone', '0612345678')),
        record('store:2', 'store', id('loyalty_card', 'C2'), id('phone', '+33612345678')),
      ],
      [{ a: 'store:1', b: 'gone' }],
    );
    expect(resolution.report.conflicts).toEqual([
      { profile: 'store:1', kind: 'loyalty_card', values: ['C1', 'C2'] },
    ]);
    expect(resolution.report.unknownLinks).toBe(1);
  });

  test('every identity is kept with its source and dates', () => {
    const [profile] = resolveIdentities([
      record('web:1', 'web', id('email', 'a@x.fr'), id('web_cookie', 'ck')),
    ]).profiles;
    expect(profile?.identities).toEqual([
      {
        kind: 'email',
        value: 'a@x.fr',
        source: 'web',
        record_id: 'web:1',
        linked_by: null,
        ...seen,
      },
      {
        kind: 'web_cookie',
        value: 'ck',
        source: 'web',
        record_id: 'web:1',
        linked_by: null,
        ...seen,
      },
    ]);
  });
});

describe('on random records', () => {
  const kinds: IdentityKind[] = ['email', 'phone', 'loyalty_card', 'app_device', 'web_cookie'];
  const identityArb = fc.record({
    kind: fc.constantFrom(...kinds),
    value: fc.constantFrom('a@x.fr', 'B@x.fr', '06 00 00 00 01', '+33600000001', 'C1', 'c1', 'd1'),
    verified: fc.boolean(),
    first_seen: fc.constant(seen.first_seen),
    last_seen: fc.constant(seen.last_seen),
  });
  const recordsArb = fc
    .array(fc.array(identityArb, { maxLength: 3 }), { minLength: 1, maxLength: 12 })
    .map((lists) => lists.map((identities, i) => record(`r${String(i)}`, 'web', ...identities)));
  const input = recordsArb.chain((records) =>
    fc.tuple(
      fc.constant(records),
      fc.array(
        fc.record({
          a: fc.constantFrom(...records.map((r) => r.record_id), 'nobody'),
          b: fc.constantFrom(...records.map((r) => r.record_id)),
        }),
        { maxLength: 4 },
      ),
    ),
  );

  /** The profiles by the definition: records connected by a shared merge value or a link. */
  function connected(records: SourceRecord[], links: RecordLink[]): string[][] {
    const key = (i: RecordIdentity): string | null => {
      if (i.kind === 'email') return i.verified ? `e:${i.value.trim().toLowerCase()}` : null;
      if (i.kind === 'loyalty_card') return `c:${i.value.trim().toUpperCase()}`;
      if (i.kind === 'phone') return `p:${toE164(i.value) ?? '?'}`;
      return null;
    };
    const linkedTo = (a: SourceRecord, b: SourceRecord) =>
      links.some(
        (l) =>
          (l.a === a.record_id && l.b === b.record_id) ||
          (l.b === a.record_id && l.a === b.record_id),
      ) ||
      a.identities.some((x) => {
        const k = key(x);
        return k !== null && !k.endsWith('?') && b.identities.some((y) => key(y) === k);
      });
    const done = new Set<string>();
    const out: string[][] = [];
    for (const start of records) {
      if (done.has(start.record_id)) continue;
      const group = [start];
      done.add(start.record_id);
      for (let i = 0; i < group.length; i += 1) {
        const at = group[i];
        if (at === undefined) continue;
        for (const other of records)
          if (!done.has(other.record_id) && linkedTo(at, other)) {
            done.add(other.record_id);
            group.push(other);
          }
      }
      out.push(group.map((r) => r.record_id).sort());
    }
    return out.sort((x, y) => (x[0] ?? '').localeCompare(y[0] ?? ''));
  }

  test('profiles are exactly the records connected by a rule or a link', () => {
    fc.assert(
      fc.property(input, ([records, links]) => {
        const resolution = resolveIdentities(records, links);
        expect(resolution.profiles.map((p) => p.records)).toEqual(connected(records, links));
        const merged = Object.values(resolution.report.merges).reduce((a, b) => a + b, 0);
        expect(merged).toBe(records.length - resolution.profiles.length);
      }),
      { numRuns: 300 },
    );
  });

  test('the order of records and links changes nothing', () => {
    fc.assert(
      fc.property(input, fc.integer(), ([records, links], seed) => {
        const shuffle = <T>(xs: readonly T[]) =>
          xs
            .map((x, i) => ({ x, k: Math.sin(seed + i * 7919) }))
            .sort((p, q) => p.k - q.k)
            .map((p) => p.x);
        expect(resolveIdentities(shuffle(records), shuffle(links))).toEqual(
          resolveIdentities(records, links),
        );
      }),
      { numRuns: 200 },
    );
  });
});
