import { describe, expect, test } from 'vitest';
import { consentRow, customerRow, historyOf, identityRow } from '../profile/history.fixture.ts';
import type { Consent, Customer, Identity, MessageChannel } from '../profile/schema.ts';
import { AT, DAY_MS, after, before, contactInput, parsed } from './contact.fixture.ts';
import { noConsent } from './contact-consent.ts';

interface Rows {
  consents?: Consent[];
  customer?: Partial<Customer>;
  identities?: Identity[];
}

function check(channel: MessageChannel, rows: Rows = {}) {
  const history = historyOf({
    customer: customerRow({ phone: '+33 6 12 34 56 78', ...rows.customer }),
    consents: rows.consents ?? [],
    identities: rows.identities ?? [],
  });
  return parsed('no_consent', noConsent(contactInput({ history, channel })));
}

const rules = (verdicts: ReturnType<typeof check>) => verdicts.map((v) => v.params.rule);

const granted = (over: Partial<Consent> = {}) =>
  consentRow({ consent_id: 'K1', status: 'granted', at: before(30 * DAY_MS), ...over });
const withdrawn = (over: Partial<Consent> = {}) =>
  consentRow({
    consent_id: 'K2',
    status: 'withdrawn',
    at: before(10 * DAY_MS),
    source: 'email',
    ...over,
  });

describe('no_consent: consent', () => {
  test('a grant on the channel, and an address: nothing to say', () => {
    expect(check('email', { consents: [granted()] })).toEqual([]);
    expect(check('sms', { consents: [granted({ channel: 'sms' })] })).toEqual([]);
  });

  test('never granted: no consent event on the channel at all', () => {
    expect(check('email')).toEqual([
      {
        guardrail: 'no_consent',
        severity: 'block',
        params: { rule: 'never_granted', channel: 'email', at: null, source: null },
        evidence: [],
      },
    ]);
    // A grant on another channel says nothing of this one.
    expect(rules(check('email', { consents: [granted({ channel: 'sms' })] }))).toEqual([
      'never_granted',
    ]);
    expect(
      rules(
        check('push', { consents: [granted()], identities: [identityRow({ kind: 'app_device' })] }),
      ),
    ).toEqual(['never_granted']);
  });

  test('a grant then a withdrawal: withdrawn, pointing at the withdrawal', () => {
    expect(check('email', { consents: [granted(), withdrawn()] })).toEqual([
      {
        guardrail: 'no_consent',
        severity: 'block',
        params: { rule: 'withdrawn', channel: 'email', at: before(10 * DAY_MS), source: 'email' },
        evidence: [{ kind: 'entry', entry_kind: 'consent', id: 'K2', at: before(10 * DAY_MS) }],
      },
    ]);
  });

  test('a withdrawal then a new grant is a grant', () => {
    const again = granted({ consent_id: 'K3', at: before(DAY_MS) });
    expect(check('email', { consents: [granted(), withdrawn(), again] })).toEqual([]);
    // In any load order.
    expect(check('email', { consents: [again, withdrawn(), granted()] })).toEqual([]);
  });

  test('consent events after the send are not known yet; one at the send is', () => {
    const later = withdrawn({ at: after(1) });
    expect(check('email', { consents: [granted(), later] })).toEqual([]);
    const atSend = withdrawn({ at: AT });
    expect(rules(check('email', { consents: [granted(), atSend] }))).toEqual(['withdrawn']);
    const laterGrant = granted({ at: after(DAY_MS) });
    expect(rules(check('email', { consents: [laterGrant] }))).toEqual(['never_granted']);
    const reGrantLater = granted({ consent_id: 'K3', at: after(1) });
    expect(rules(check('email', { consents: [granted(), withdrawn(), reGrantLater] }))).toEqual([
      'withdrawn',
    ]);
  });

  test('two events at the same instant: the higher consent id wins, as on the profile', () => {
    const same = before(DAY_MS);
    const grantA = granted({ consent_id: 'A', at: same });
    const withdrawB = withdrawn({ consent_id: 'B', at: same });
    expect(rules(check('email', { consents: [grantA, withdrawB] }))).toEqual(['withdrawn']);
    expect(rules(check('email', { consents: [withdrawB, grantA] }))).toEqual(['withdrawn']);
    const withdrawA = withdrawn({ consent_id: 'A', at: same });
    const grantB = granted({ consent_id: 'B', at: same });
    expect(check('email', { consents: [withdrawA, grantB] })).toEqual([]);
    // Two withdrawals at once: the evidence is the one the profile shows.
    const both = check('email', {
      consents: [
        withdrawn({ consent_id: 'C', at: same }),
        withdrawn({ consent_id: 'D', at: same, source: 'web' }),
      ],
    });
    expect(both[0]?.evidence).toEqual([
      { kind: 'entry', entry_kind: 'consent', id: 'D', at: same },
    ]);
    expect(both[0]?.params).toMatchObject({ source: 'web' });
  });

  test('the evidence is the latest event, whatever the ids of older ones', () => {
    const late = withdrawn({ consent_id: 'A', at: before(DAY_MS) });
    const early = granted({ consent_id: 'Z', at: before(30 * DAY_MS) });
    expect(check('email', { consents: [early, late] })[0]?.evidence).toEqual([
      { kind: 'entry', entry_kind: 'consent', id: 'A', at: before(DAY_MS) },
    ]);
  });

  test('another channel’s event at the same instant, with a higher id, is not the evidence', () => {
    const same = before(DAY_MS);
    const email = withdrawn({ consent_id: 'A', at: same });
    const sms = withdrawn({ consent_id: 'Z', channel: 'sms', at: same, source: 'sms' });
    const [verdict] = check('email', { consents: [email, sms] });
    expect(verdict?.evidence).toEqual([
      { kind: 'entry', entry_kind: 'consent', id: 'A', at: same },
    ]);
    expect(verdict?.params).toMatchObject({ source: 'email' });
  });

  test('the withdrawal on the campaign’s channel is the one shown, not another channel’s', () => {
    const sms = withdrawn({ consent_id: 'S', channel: 'sms', at: before(DAY_MS) });
    const verdicts = check('email', { consents: [withdrawn(), sms] });
    expect(verdicts[0]?.evidence).toEqual([
      { kind: 'entry', entry_kind: 'consent', id: 'K2', at: before(10 * DAY_MS) },
    ]);
  });

  test('refuses a history without its consents or identities', () => {
    for (const tables of [['identities'], ['consents']] as const) {
      const history = historyOf({}, { tables, since: null });
      expect(() => noConsent(contactInput({ history }))).toThrow(/lacks/);
    }
  });

  test('a web banner needs neither consent nor address', () => {
    expect(check('web_banner', { customer: { email: null, phone: null } })).toEqual([]);
  });
});

describe('no_consent: address', () => {
  const ok = { consents: [granted(), granted({ consent_id: 'K5', channel: 'sms' })] };

  test.each([
    [null, 'no_address'],
    ['', 'no_address'],
    ['   ', 'no_address'],
    ['olivier', 'invalid_address'],
    ['olivier@', 'invalid_address'],
    ['olivier@example', 'invalid_address'],
  ] as const)('e-mail %j → %s, pointing at the field', (email, rule) => {
    expect(check('email', { ...ok, customer: { email } })).toEqual([
      {
        guardrail: 'no_consent',
        severity: 'block',
        params: { rule, channel: 'email', at: null, source: null },
        evidence: [{ kind: 'customer_field', field: 'email', value: email }],
      },
    ]);
  });

  test.each([
    [null, 'no_address'],
    ['', 'no_address'],
    [' ', 'no_address'],
    ['0612', 'invalid_address'],
    ['06 12 34 5', 'invalid_address'],
  ] as const)('phone %j → %s for an SMS', (phone, rule) => {
    const verdicts = check('sms', { ...ok, customer: { phone } });
    expect(verdicts.map((v) => [v.params.rule, v.evidence])).toEqual([
      [rule, [{ kind: 'customer_field', field: 'phone', value: phone }]],
    ]);
  });

  test('a valid phone number has eight digits at least, written any way', () => {
    expect(check('sms', { ...ok, customer: { phone: '06 12 34 56' } })).toEqual([]);
    expect(check('sms', { ...ok, customer: { phone: '+33612345678' } })).toEqual([]);
  });

  test('an SMS does not need an e-mail address, nor an e-mail a phone', () => {
    expect(check('sms', { ...ok, customer: { email: null } })).toEqual([]);
    expect(check('email', { ...ok, customer: { phone: null } })).toEqual([]);
  });

  test('push needs a device with the app, seen by the send', () => {
    const consents = [granted({ channel: 'push' })];
    const device = identityRow({ kind: 'app_device', value: 'dev-1', first_seen: before(DAY_MS) });
    expect(check('push', { consents, identities: [device] })).toEqual([]);
    const noDevice = {
      guardrail: 'no_consent',
      severity: 'block',
      params: { rule: 'no_address', channel: 'push', at: null, source: null },
      evidence: [],
    };
    expect(check('push', { consents })).toEqual([noDevice]);
    expect(check('push', { consents, identities: [identityRow({ kind: 'web_cookie' })] })).toEqual([
      noDevice,
    ]);
    const later = identityRow({ kind: 'app_device', first_seen: after(1) });
    expect(check('push', { consents, identities: [later] })).toEqual([noDevice]);
    const atSend = identityRow({ kind: 'app_device', first_seen: AT });
    expect(check('push', { consents, identities: [atSend] })).toEqual([]);
  });

  test('each failing rule is its own verdict: consent first, then address', () => {
    expect(rules(check('email', { consents: [withdrawn()], customer: { email: 'nope' } }))).toEqual(
      ['withdrawn', 'invalid_address'],
    );
    expect(rules(check('sms', { customer: { phone: null } }))).toEqual([
      'never_granted',
      'no_address',
    ]);
    expect(rules(check('push'))).toEqual(['never_granted', 'no_address']);
  });
});
