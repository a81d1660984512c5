import { describe, expect, test } from 'vitest';
import {
  foldForSearch,
  listedRecipient,
  recipientPage,
  recipientTotals,
  type ListedRecipient,
  type RecipientQuery,
} from './recipient-list.ts';
import type { GuardrailId, Severity, Verdict } from './verdict.ts';

/** A verdict of `guardrail` whose params nobody reads here. */
function verdict(guardrail: GuardrailId, severity: Severity): Verdict {
  const params = { rule: 'expired', valid_from: null, valid_to: null, send_day: '2026-12-01' };
  return { guardrail, severity, params, evidence: [] } as Verdict;
}

const person = (
  customer_id: string,
  first_name: string | null,
  last_name: string | null,
  email: string | null,
  verdicts: Verdict[] = [],
) => listedRecipient({ customer_id, first_name, last_name, email }, verdicts);

const list: ListedRecipient[] = [
  person('C01', 'Hélène', 'Dupré', 'helene.dupre@example.fr', [
    verdict('already_owned', 'block'),
    verdict('missing_data', 'warn'),
    verdict('already_owned', 'block'),
  ]),
  person('C02', 'Olivier', 'Martin', 'olivier@example.fr'),
  person('C03', 'Zoé', 'Lœwy', null, [verdict('contact_pressure', 'warn')]),
  person('C04', null, null, 'jdupont@example.fr', [verdict('missing_data', 'warn')]),
  person('C05', 'Anaïs', 'Martin', 'anais@example.fr', [verdict('already_owned', 'block')]),
];

const ids = (query: Partial<RecipientQuery>) =>
  recipientPage(list, { limit: 100, ...query }).recipients.map((r) => r.customer_id);

describe('a recipient as listed', () => {
  test('names each guardrail once, in the verdicts’ order, and is blocked by any block', () => {
    expect(list[0]?.summary).toEqual({
      customer_id: 'C01',
      first_name: 'Hélène',
      last_name: 'Dupré',
      email: 'helene.dupre@example.fr',
      guardrails: ['already_owned', 'missing_data'],
      blocking: ['already_owned'],
      blocked: true,
    });
    expect(list[2]?.summary).toMatchObject({
      guardrails: ['contact_pressure'],
      blocking: [],
      blocked: false,
    });
    expect(list[1]?.summary).toMatchObject({ guardrails: [], blocking: [], blocked: false });
  });
});

test('the totals count recipients, not verdicts, and list every guardrail', () => {
  const totals = recipientTotals(list);
  expect(totals.total).toBe(5);
  expect(totals.flagged).toBe(4);
  expect(totals.byGuardrail).toMatchObject({
    already_owned: 2,
    missing_data: 2,
    contact_pressure: 1,
    no_consent: 0,
  });
  expect(Object.keys(totals.byGuardrail)).toHaveLength(11);
});

describe('filters', () => {
  test.each([
    [{ flagged: true }, ['C01', 'C03', 'C04', 'C05']],
    [{ flagged: false }, ['C02']],
    [{ guardrail: 'missing_data' as const }, ['C01', 'C04']],
    [{ guardrail: 'no_consent' as const }, []],
    [{ flagged: true, guardrail: 'already_owned' as const }, ['C01', 'C05']],
  ])('%j selects %j', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });
});

describe('search', () => {
  test.each([
    ['helene', ['C01']],
    ['HÉLÈNE dupre', ['C01']],
    ['martin', ['C02', 'C05']],
    ['martin anais', ['C05']],
    ['loewy', ['C03']],
    ['c04', ['C04']],
    ['jdupont@', ['C04']],
    ['example.fr', ['C01', 'C02', 'C04', 'C05']],
    ['   ', ['C01', 'C02', 'C03', 'C04', 'C05']],
    ['nobody', []],
  ])('« %s » finds %j', (q, expected) => {
    expect(ids({ q })).toEqual(expected);
  });

  test('folds case, accents and ligatures', () => {
    expect(foldForSearch('Œuvre Ÿvonne ÆSIR Straße')).toBe('oeuvre yvonne aesir strasse');
  });
});

describe('paging', () => {
  test('pages follow the customer id after the cursor, the last saying so', () => {
    const first = recipientPage(list, { limit: 2 });
    expect(first).toMatchObject({ matching: 5, nextCursor: 'C02' });
    const second = recipientPage(list, { limit: 2, cursor: 'C02' });
    expect(second.recipients.map((r) => r.customer_id)).toEqual(['C03', 'C04']);
    expect(second.nextCursor).toBe('C04');
    const last = recipientPage(list, { limit: 2, cursor: 'C04' });
    expect(last.recipients.map((r) => r.customer_id)).toEqual(['C05']);
    expect(last.nextCursor).toBeNull();
  });

  test('a page exactly filled by the last recipients has no next cursor', () => {
    expect(recipientPage(list, { limit: 5 }).nextCursor).toBeNull();
    expect(recipientPage(list, { limit: 1, cursor: 'C04' }).nextCursor).toBeNull();
  });

  test('matching counts every match, before and after the cursor', () => {
    const page = recipientPage(list, { limit: 1, flagged: true, cursor: 'C03' });
    expect(page).toMatchObject({ matching: 4, nextCursor: 'C04' });
    expect(page.recipients.map((r) => r.customer_id)).toEqual(['C04']);
  });

  test('a cursor between ids starts after it; one past the end gives an empty page', () => {
    expect(ids({ cursor: 'C02x' })).toEqual(['C03', 'C04', 'C05']);
    expect(ids({ cursor: 'Z' })).toEqual([]);
  });
});
