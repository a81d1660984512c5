import { describe, expect, test } from 'vitest';
import {
  IDENTITY_BUCKETS,
  QUALITY_LISTS,
  QUALITY_LIST_NAMES,
  contactState,
  emailKey,
  phoneKey,
  qualityFigures,
  qualityFiguresOfGroups,
  type QualityGroup,
  qualityListDefinition,
  qualityRows,
  type QualityInput,
} from './quality.ts';
import { firstNameJunk } from '../template/salutation.ts';

const customer = (
  id: string,
  first_name: string | null,
  email: string | null,
  phone: string | null,
) => ({ customer_id: id, first_name, email, phone });

const input: QualityInput = {
  customers: [
    customer('C1', 'Camille', 'camille.roux@example.fr', '+33 6 12 34 56 78'),
    customer('C2', 'XXX', 'CAMILLE.ROUX@example.fr ', '06 12 34 56 78'),
    customer('C3', 'jdupont', 'jdupont@example.fr', '123'),
    customer('C4', null, null, null),
    customer('C5', 'Léa', 'lea@@example.fr', ''),
  ],
  identities: [
    { customer_id: 'C1', kind: 'app_device', value: 'dev-1' },
    { customer_id: 'C1', kind: 'email', value: 'camille.roux@example.fr' },
    { customer_id: 'C2', kind: 'app_device', value: 'dev-1' },
    { customer_id: 'C3', kind: 'web_cookie', value: 'dev-1' },
    { customer_id: 'C3', kind: 'loyalty_card', value: 'L1' },
    { customer_id: 'C4', kind: 'loyalty_card', value: 'L1' },
    ...Array.from({ length: 7 }, (_, i) => ({
      customer_id: 'C5',
      kind: 'web_cookie',
      value: `ck-${i}`,
    })),
  ],
  consents: [
    { customer_id: 'C1', channel: 'email', status: 'granted', at: '2026-01-01T00:00:00.000Z' },
    { customer_id: 'C1', channel: 'email', status: 'withdrawn', at: '2026-02-01T00:00:00.000Z' },
    { customer_id: 'C1', channel: 'sms', status: 'withdrawn', at: '2026-01-01T00:00:00.000Z' },
    { customer_id: 'C1', channel: 'sms', status: 'granted', at: '2026-03-01T00:00:00.000Z' },
    { customer_id: 'C2', channel: 'push', status: 'granted', at: '2026-01-01T00:00:00.000Z' },
  ],
};

describe('data quality, customer by customer', () => {
  const rows = qualityRows(input);
  const row = (id: string) => rows.find((r) => r.customer_id === id);

  test('a first name greets unless the salutation check says why not', () => {
    expect(row('C1')?.first_name).toBeNull();
    expect(row('C2')?.first_name).toBe('placeholder');
    expect(row('C3')?.first_name).toBe('email_local_part');
    expect(row('C4')?.first_name).toBe('missing');
    expect(firstNameJunk('JULES', null)).toBe('all_capitals');
    expect(firstNameJunk('Jules', 'jules')).toBe('email_local_part');
  });

  test('e-mail and phone: missing, valid by the segment engine’s checks, invalid otherwise', () => {
    expect(rows.map((r) => r.email)).toEqual(['valid', 'invalid', 'valid', 'missing', 'invalid']);
    expect(rows.map((r) => r.phone)).toEqual(['valid', 'valid', 'invalid', 'missing', 'missing']);
    expect(contactState('', () => true)).toBe('missing');
  });

  test('consent: the latest record per channel, unknown without one', () => {
    expect(row('C1')?.consent).toEqual({
      email: 'withdrawn',
      sms: 'granted',
      push: 'unknown',
      phone: 'unknown',
    });
    expect(row('C2')?.consent.push).toBe('granted');
  });

  test('a device held by two profiles is shared; the same kind and value only', () => {
    expect(rows.filter((r) => r.shared_device).map((r) => r.customer_id)).toEqual(['C1', 'C2']);
  });

  test('duplicates: the same e-mail trimmed and lower-cased, the same phone digits (+33 as 0)', () => {
    expect(emailKey(' A@B.fr ')).toBe('a@b.fr');
    expect(emailKey('  ')).toBeNull();
    expect(phoneKey('+33 6 12 34 56 78')).toBe('0612345678');
    expect(phoneKey('06.12.34.56.78')).toBe('0612345678');
    expect(phoneKey('123')).toBeNull();
    expect(rows.filter((r) => r.duplicate_email).map((r) => r.customer_id)).toEqual(['C1', 'C2']);
    expect(rows.filter((r) => r.duplicate_phone).map((r) => r.customer_id)).toEqual(['C1', 'C2']);
  });

  test('the figures add up; a segment keeps its members', () => {
    const all = qualityFigures(rows, null);
    expect(all.customers).toBe(5);
    expect(all.first_name.usable).toBe(2);
    expect(all.first_name.unusable.reduce((n, u) => n + u.customers, 0)).toBe(3);
    expect(all.email).toEqual({ valid: 2, invalid: 2, missing: 1 });
    expect(all.consent.find((c) => c.channel === 'email')).toEqual({
      channel: 'email',
      granted: 0,
      withdrawn: 1,
      unknown: 4,
    });
    expect(all.identities).toHaveLength(IDENTITY_BUCKETS + 1);
    expect(all.identities.map((b) => b.customers)).toEqual([0, 2, 2, 0, 0, 0, 1]);
    expect(all.shared_device).toBe(2);
    const some = qualityFigures(rows, new Set(['C2', 'C5']));
    expect(some.customers).toBe(2);
    expect(some.email).toEqual({ valid: 0, invalid: 2, missing: 0 });
  });

  test('customers counted by group (a store’s GROUP BY) give the figures counted one by one', () => {
    const many = [...rows, ...rows, ...rows.slice(0, 1)];
    const groups = new Map<string, QualityGroup>();
    for (const r of many) {
      const row: QualityGroup['row'] = {
        first_name: r.first_name,
        email: r.email,
        phone: r.phone,
        consent: r.consent,
        identities: r.identities,
        shared_device: r.shared_device,
        duplicate_email: r.duplicate_email,
        duplicate_phone: r.duplicate_phone,
      };
      const key = JSON.stringify(row);
      const seen = groups.get(key);
      if (seen) seen.customers += 1;
      else groups.set(key, { row, customers: 1 });
    }
    expect(groups.size).toBeLessThan(rows.length * 2 + 1);
    expect(qualityFiguresOfGroups(groups.values())).toEqual(qualityFigures(many, null));
  });

  test('every list has its predicate and its definition', () => {
    expect(Object.keys(QUALITY_LISTS).sort()).toEqual([...QUALITY_LIST_NAMES].sort());
    expect(rows.filter(QUALITY_LISTS.email_invalid).map((r) => r.customer_id)).toEqual([
      'C2',
      'C5',
    ]);
    expect(rows.filter(QUALITY_LISTS.consent_push_unknown)).toHaveLength(4);
    for (const list of QUALITY_LIST_NAMES)
      expect(qualityListDefinition(list).root.children).not.toEqual([]);
  });

  test('each list keeps exactly the customers its figure counts', () => {
    const ids = (list: keyof typeof QUALITY_LISTS) =>
      rows.filter(QUALITY_LISTS[list]).map((r) => r.customer_id);
    expect(ids('first_name_unusable')).toEqual(['C2', 'C3', 'C4']);
    expect(ids('email_missing')).toEqual(['C4']);
    expect(ids('email_invalid')).toEqual(['C2', 'C5']);
    expect(ids('phone_missing')).toEqual(['C4', 'C5']);
    expect(ids('phone_invalid')).toEqual(['C3']);
    expect(ids('consent_email_unknown')).toEqual(['C2', 'C3', 'C4', 'C5']);
    expect(ids('consent_sms_unknown')).toEqual(['C2', 'C3', 'C4', 'C5']);
    expect(ids('consent_push_unknown')).toEqual(['C1', 'C3', 'C4', 'C5']);
    expect(ids('consent_phone_unknown')).toEqual(['C1', 'C2', 'C3', 'C4', 'C5']);
    expect(ids('shared_device')).toEqual(['C1', 'C2']);
    expect(ids('duplicate_email')).toEqual(['C1', 'C2']);
    expect(ids('duplicate_phone')).toEqual(['C1', 'C2']);
  });
});

describe('the lists the segment engine can say', () => {
  const attribute = (id: string, field: string, operator: string) => ({
    id,
    kind: 'attribute',
    negate: false,
    field,
    test: { operator },
  });
  const invalid = (id: string, type: string) => ({
    id,
    kind: 'reachability',
    negate: true,
    check: { type },
  });
  const check = (id: string, type: string) => ({
    id,
    kind: 'reachability',
    negate: false,
    check: { type },
  });
  const group = (id: string, children: unknown[]) => ({
    version: 1,
    root: { id, kind: 'group', negate: false, combinator: 'and', children },
  });

  test('missing: the field is empty; invalid: it is set and the engine’s check fails', () => {
    expect(qualityListDefinition('email_missing')).toEqual(
      group('qualite_email_absent', [attribute('email_absent', 'customer.email', 'is_empty')]),
    );
    expect(qualityListDefinition('email_invalid')).toEqual(
      group('qualite_email_invalide', [
        attribute('email_renseigne', 'customer.email', 'is_set'),
        invalid('email_invalide', 'valid_email'),
      ]),
    );
    expect(qualityListDefinition('phone_missing')).toEqual(
      group('qualite_telephone_absent', [
        attribute('telephone_absent', 'customer.phone', 'is_empty'),
      ]),
    );
    expect(qualityListDefinition('phone_invalid')).toEqual(
      group('qualite_telephone_invalide', [
        attribute('telephone_renseigne', 'customer.phone', 'is_set'),
        invalid('telephone_invalide', 'valid_phone'),
      ]),
    );
    expect(qualityListDefinition('shared_device')).toEqual(
      group('qualite_appareil_partage', [check('appareil_partage', 'shared_device')]),
    );
    expect(qualityListDefinition('duplicate_email')).toEqual(
      group('qualite_email_double', [check('email_double', 'duplicate_email')]),
    );
    expect(qualityListDefinition('duplicate_phone')).toEqual(
      group('qualite_telephone_double', [check('telephone_double', 'duplicate_phone')]),
    );
  });

  test('an unusable first name and an unknown consent: the engine’s own check, negated', () => {
    expect(qualityListDefinition('first_name_unusable')).toEqual(
      group('qualite_prenom', [invalid('prenom_inutilisable', 'usable_first_name')]),
    );
    const unknown = (channel: string, id: string) => ({
      id,
      kind: 'reachability',
      negate: true,
      check: { type: 'consent_known', channel },
    });
    expect(qualityListDefinition('consent_email_unknown')).toEqual(
      group('qualite_consentement_email', [unknown('email', 'email_inconnu')]),
    );
    expect(qualityListDefinition('consent_sms_unknown')).toEqual(
      group('qualite_consentement_sms', [unknown('sms', 'sms_inconnu')]),
    );
    expect(qualityListDefinition('consent_push_unknown')).toEqual(
      group('qualite_consentement_push', [unknown('push', 'push_inconnu')]),
    );
    expect(qualityListDefinition('consent_phone_unknown')).toEqual(
      group('qualite_consentement_telephone', [unknown('phone', 'telephone_inconnu')]),
    );
  });
});

describe('keys and first names at the edges', () => {
  test('an address without @ is its own local part; the local part is compared trimmed, in lower case', () => {
    expect(firstNameJunk('Jules', 'JULES')).toBe('email_local_part');
    expect(firstNameJunk('Jules', ' Jules @example.fr')).toBe('email_local_part');
    expect(firstNameJunk('Jules', 'julia@example.fr')).toBeNull();
    expect(firstNameJunk('Jules', null)).toBeNull();
  });

  test('phone keys: only eleven digits starting 33 read as 0', () => {
    expect(phoneKey('33612345678')).toBe('0612345678');
    expect(phoneKey('44612345678')).toBe('44612345678');
    expect(phoneKey('336123456789')).toBe('336123456789');
    expect(phoneKey(null)).toBeNull();
    expect(emailKey(null)).toBeNull();
  });
});
