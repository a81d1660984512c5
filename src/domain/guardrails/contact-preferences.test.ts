import { describe, expect, test } from 'vitest';
import { historyOf, preferenceRow, productRow } from '../profile/history.fixture.ts';
import type { MessageChannel, Preference, ProductCategory } from '../profile/schema.ts';
import { AT, DAY_MS, after, before, contactInput, parsed } from './contact.fixture.ts';
import { preferenceMismatch } from './contact-preferences.ts';
import type { OfferTerms } from './input.ts';

const terms = (
  target: OfferTerms['target'],
  product: OfferTerms['product'] = null,
): OfferTerms => ({
  target,
  product,
  title: 'Offre',
  list_price_cents: null,
  price_cents: null,
  discount_cents: null,
  discount_percent: 10,
  valid_from: null,
  valid_to: null,
});
const onCategory = (category: ProductCategory) => terms({ kind: 'category', category });
const onProduct = (sku: string, category: ProductCategory) =>
  terms({ kind: 'product', sku }, productRow({ sku, category }));

const prefer = (value: string, stated_at = before(DAY_MS)) =>
  preferenceRow({ topic: 'preferred_channel', value, stated_at });
const likes = (value: string, stated_at = before(DAY_MS)) =>
  preferenceRow({ topic: 'interest', value, stated_at });

function check(
  preferences: Preference[],
  channel: MessageChannel = 'email',
  offer: OfferTerms | null = null,
) {
  return parsed(
    'preference_mismatch',
    preferenceMismatch(contactInput({ history: historyOf({ preferences }), channel, offer })),
  );
}

const rules = (verdicts: ReturnType<typeof check>) => verdicts.map((v) => v.params.rule);

describe('preference_mismatch: channel', () => {
  test('prefers SMS, the campaign is an e-mail: a warning with the preference', () => {
    expect(check([prefer('sms')])).toEqual([
      {
        guardrail: 'preference_mismatch',
        severity: 'warn',
        params: {
          rule: 'channel',
          channel: 'email',
          preferred_channel: 'sms',
          category: null,
          interests: [],
        },
        evidence: [
          {
            kind: 'preference',
            topic: 'preferred_channel',
            value: 'sms',
            stated_at: before(DAY_MS),
          },
        ],
      },
    ]);
  });

  test.each([
    ['email', 'email'],
    ['sms', 'sms'],
    ['push', 'push'],
    ['web_banner', 'web_banner'],
    ['web_banner', 'web'],
  ] as const)('a %s campaign meets a preference for %s', (channel, value) => {
    expect(check([prefer(value)], channel)).toEqual([]);
  });

  test.each([
    ['email', 'web'],
    ['push', 'app'],
    ['sms', 'store'],
    ['web_banner', 'email'],
  ] as const)('a %s campaign does not meet a preference for %s', (channel, value) => {
    expect(rules(check([prefer(value)], channel))).toEqual(['channel']);
  });

  test('no preference: nothing to say', () => {
    expect(check([])).toEqual([]);
  });

  test('the latest preference stated by the send counts', () => {
    expect(check([prefer('sms', before(9 * DAY_MS)), prefer('email', before(DAY_MS))])).toEqual([]);
    expect(
      rules(check([prefer('email', before(9 * DAY_MS)), prefer('sms', before(DAY_MS))])),
    ).toEqual(['channel']);
    // In any load order.
    expect(check([prefer('email', before(DAY_MS)), prefer('sms', before(9 * DAY_MS))])).toEqual([]);
    // After the send: not known yet; at it: known.
    expect(check([prefer('email', before(9 * DAY_MS)), prefer('sms', after(1))])).toEqual([]);
    expect(rules(check([prefer('email', before(9 * DAY_MS)), prefer('sms', AT)]))).toEqual([
      'channel',
    ]);
    expect(check([prefer('sms', after(1))])).toEqual([]);
  });
});

test('refuses a history without its preferences', () => {
  const history = historyOf({}, { tables: ['messages'], since: null });
  expect(() => preferenceMismatch(contactInput({ history }))).toThrow(/lacks preferences/);
});

describe('preference_mismatch: interest', () => {
  test('likes books and music, the offer is on films: a warning with every interest stated', () => {
    const verdicts = check(
      [likes('books'), likes('music', before(2 * DAY_MS))],
      'email',
      onCategory('films'),
    );
    expect(verdicts).toEqual([
      {
        guardrail: 'preference_mismatch',
        severity: 'warn',
        params: {
          rule: 'interest',
          channel: 'email',
          preferred_channel: null,
          category: 'films',
          interests: ['books', 'music'],
        },
        evidence: [
          { kind: 'preference', topic: 'interest', value: 'books', stated_at: before(DAY_MS) },
          { kind: 'preference', topic: 'interest', value: 'music', stated_at: before(2 * DAY_MS) },
        ],
      },
    ]);
  });

  test('an interest in the offer’s category: nothing to say', () => {
    expect(check([likes('books'), likes('films')], 'email', onCategory('films'))).toEqual([]);
  });

  test('a product offer reads its product’s category', () => {
    expect(check([likes('films')], 'email', onProduct('P1', 'films'))).toEqual([]);
    const verdicts = check([likes('films')], 'email', onProduct('P2', 'consoles'));
    expect(verdicts[0]?.params).toMatchObject({ rule: 'interest', category: 'consoles' });
  });

  test('no offer, a product the catalogue lacks, or no declared interest: nothing to say', () => {
    expect(check([likes('books')])).toEqual([]);
    expect(check([likes('books')], 'email', terms({ kind: 'product', sku: 'gone' }))).toEqual([]);
    expect(check([], 'email', onCategory('films'))).toEqual([]);
  });

  test('interests stated after the send are not known yet; one stated twice is listed once', () => {
    expect(check([likes('films', after(1))], 'email', onCategory('books'))).toEqual([]);
    const verdicts = check(
      [likes('films', before(3 * DAY_MS)), likes('films'), likes('music', after(1))],
      'email',
      onCategory('books'),
    );
    expect(verdicts[0]?.params).toMatchObject({ interests: ['films'] });
    expect(verdicts[0]?.evidence).toHaveLength(2);
    // Stated at the send: known.
    expect(check([likes('books', AT)], 'email', onCategory('books'))).toEqual([]);
  });

  test('both rules at once, each its own verdict with its own evidence', () => {
    const verdicts = check([prefer('sms'), likes('music')], 'email', onCategory('books'));
    expect(verdicts.map((v) => [v.params.rule, v.evidence.length])).toEqual([
      ['channel', 1],
      ['interest', 1],
    ]);
    for (const v of verdicts) {
      expect(v.params).toMatchObject({
        preferred_channel: 'sms',
        category: 'books',
        interests: ['music'],
      });
    }
  });
});
