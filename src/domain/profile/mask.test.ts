import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { customerRow, historyOf, identityRow } from './history.fixture.ts';
import {
  MASK,
  maskCustomer,
  maskEmail,
  maskFullName,
  maskHistory,
  maskIdentityValue,
  maskJson,
  maskPerson,
  maskName,
  maskPhone,
  maskTail,
} from './mask.ts';

describe('maskName', () => {
  test.each([
    ['Camille', 'C.'],
    ['jean-pierre', 'J.'],
    ['  Élodie ', 'É.'],
    ['Øyvind', 'Ø.'],
    ['<img src=x>', '<.'],
    ['', ''],
    ['   ', ''],
  ])('%j → %j', (name, masked) => expect(maskName(name)).toBe(masked));
  test('null stays null', () => expect(maskName(null)).toBeNull());
  test('an emoji is one character, not half of one', () => expect(maskName('😀 Zoé')).toBe('😀.'));
});

describe('maskEmail', () => {
  test.each([
    ['camille.roux@example.fr', 'c•••@e•••.fr'],
    ['a@b.co.uk', 'a•••@b•••.uk'],
    ['  zoe@mail.com  ', 'z•••@m•••.com'],
    ['noatsign', 'n•••'],
    ['@example.fr', '@•••'],
    ['user@localhost', 'u•••@•••'],
    ['', ''],
  ])('%j → %j', (email, masked) => expect(maskEmail(email)).toBe(masked));
  test('null stays null', () => expect(maskEmail(null)).toBeNull());
});

describe('maskPhone', () => {
  test.each([
    ['+33612345678', '+33•••••••78'],
    ['+33 6 12 34 56 78', '+33 • •• •• •• 78'],
    ['0612345678', '••••••••78'],
    ['06.12.34.56.78', '••.••.••.••.78'],
    ['12', '12'],
    ['', ''],
  ])('%j → %j', (phone, masked) => expect(maskPhone(phone)).toBe(masked));
  test('null stays null', () => expect(maskPhone(null)).toBeNull());
});

describe('identities', () => {
  test('a loyalty card, a device or a cookie keeps its last four characters', () => {
    expect(maskTail('LOY-0012345678')).toBe('•••5678');
    expect(maskTail('abc')).toBe('•••');
    expect(maskIdentityValue('loyalty_card', 'LOY-0012345678')).toBe('•••5678');
    expect(maskIdentityValue('app_device', 'dev-9f8e7d6c')).toBe('•••7d6c');
    expect(maskIdentityValue('email', 'zoe@mail.com')).toBe('z•••@m•••.com');
    expect(maskIdentityValue('phone', '+33612345678')).toBe('+33•••••••78');
  });
});

test('a masked customer keeps everything but names, e-mail, phone and date of birth', () => {
  const customer = customerRow({ email: 'olivier.martin@example.fr', birth_date: '1960-11-09' });
  const masked = maskCustomer({ ...customer, phone: '+33612345678' });
  expect(masked).toEqual({
    ...customer,
    first_name: maskName(customer.first_name),
    last_name: maskName(customer.last_name),
    email: maskEmail(customer.email),
    phone: '+33•••••••78',
    birth_date: null,
  });
  expect(masked.first_name).not.toBe(customer.first_name);
});

test('a list row is masked in the fields it has, and is given none it had not', () => {
  expect(maskPerson({ customer_id: 'C1', first_name: 'Zoé', city: 'Lyon' })).toEqual({
    customer_id: 'C1',
    first_name: 'Z.',
    city: 'Lyon',
  });
  expect(maskPerson({ customer_id: 'C1', birth_date: '1960-11-09', phone: null })).toEqual({
    customer_id: 'C1',
    birth_date: null,
    phone: null,
  });
});

test('a masked history hides every identity’s value and the customer’s, and nothing else', () => {
  const history = historyOf({
    customer: customerRow({ email: 'olivier.martin@example.fr' }),
    identities: [
      identityRow({ kind: 'email', value: 'olivier.martin@example.fr' }),
      identityRow({ kind: 'loyalty_card', value: 'LOY-0012345678' }),
    ],
  });
  const masked = maskHistory(history);
  expect(masked.orders).toBe(history.orders);
  expect(masked.events).toBe(history.events);
  expect(masked.consents).toBe(history.consents);
  expect(masked.identities).toHaveLength(history.identities.length);
  for (const [i, identity] of masked.identities.entries()) {
    const original = history.identities[i];
    expect(identity.value).not.toBe(original?.value);
    expect(identity.value).toContain(MASK);
    expect({ ...identity, value: '' }).toEqual({ ...original, value: '' });
  }
  expect(JSON.stringify(masked)).not.toContain(history.customer.email ?? 'no email');
});

describe('maskJson', () => {
  test('masks personal strings at any depth, and identity values by their kind', () => {
    const body = {
      customer: {
        first_name: 'Camille',
        last_name: 'Roux',
        email: 'c.roux@ex.fr',
        phone: null,
        birth_date: '1960-11-09',
        created_at: '2022-09-20T10:00:00Z',
      },
      identities: [
        { kind: 'loyalty_card', value: 'LOY-0012345678', source: 'store' },
        { kind: 'email', value: 'c.roux@ex.fr', source: 'web' },
      ],
      hits: [{ customer_id: 'C1', matched: { kind: 'name', value: 'Camille Roux' } }],
      by_id: { matched: { kind: 'customer_id', value: 'C0000042' } },
      reachable: { email: 654, sms: 12 },
      quality: { email: { valid: 10, invalid: 2 } },
      name: 'Cinéphiles',
    };
    expect(maskJson(body)).toEqual({
      customer: {
        first_name: 'C.',
        last_name: 'R.',
        email: 'c•••@e•••.fr',
        phone: null,
        birth_date: null,
        created_at: '2022-09-20T10:00:00Z',
      },
      identities: [
        { kind: 'loyalty_card', value: '•••5678', source: 'store' },
        { kind: 'email', value: 'c•••@e•••.fr', source: 'web' },
      ],
      hits: [{ customer_id: 'C1', matched: { kind: 'name', value: 'C. R.' } }],
      by_id: { matched: { kind: 'customer_id', value: 'C0000042' } },
      reachable: { email: 654, sms: 12 },
      quality: { email: { valid: 10, invalid: 2 } },
      name: 'Cinéphiles',
    });
  });

  test('an identity given as a verdict’s evidence is masked by its own kind', () => {
    expect(
      maskJson({ kind: 'identity', identity_kind: 'loyalty_card', value: 'FID2854033665' }),
    ).toEqual({ kind: 'identity', identity_kind: 'loyalty_card', value: '•••3665' });
  });

  test('a value under another kind (a campaign’s, a condition’s) is left alone', () => {
    const condition = { kind: 'attribute', field: 'customer.city', value: 'Lyon' };
    expect(maskJson(condition)).toEqual(condition);
  });

  test('the full name of a hit', () => {
    expect(maskFullName('  Jean   Dupont-Moreau ')).toBe('J. D.');
    expect(maskFullName('')).toBe('');
  });

  test('masking twice is masking once', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(maskJson(maskJson(value))).toEqual(maskJson(value));
      }),
    );
  });

  test('no masked address or name shows more than its first character', () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.string({ minLength: 2 }), (email, name) => {
        const masked = maskJson({ email, first_name: name }) as {
          email: string;
          first_name: string;
        };
        const local = email.slice(0, email.lastIndexOf('@'));
        expect(masked.email.startsWith(`${local.charAt(0)}${MASK}`)).toBe(true);
        // An initial and a full stop at most: nothing of the rest of the name.
        expect([...masked.first_name].length).toBeLessThanOrEqual(2);
      }),
    );
  });
});

describe('the edges of each mask', () => {
  test.each([
    ['a@.fr', 'a•••@•••'], // a domain starting with its dot has no first character to show
    ['@ex.fr', '@•••'],
    ['  ', ''],
  ])('e-mail %j → %j', (email, masked) => expect(maskEmail(email)).toBe(masked));

  test.each([
    ['+33 6 12 34 56 78', '+33 • •• •• •• 78'], // separators are not digits: kept, not counted
    ['06 99 99 99 99', '•• •• •• •• 99'], // every digit, 9 included, is hidden but the last two
    [' +33612345678', ' +33•••••••78'], // a space before the + still makes it international
    ['Tél 06 12 34 56 78', 'Tél •• •• •• •• 78'], // letters are not digits either
  ])('phone %j → %j', (phone, masked) => expect(maskPhone(phone)).toBe(masked));

  test('an identifier of four characters or fewer is hidden whole', () => {
    expect(maskTail('ABCD')).toBe('••••');
    expect(maskTail('ABCDE')).toBe('•••BCDE');
  });

  test('a full name spaced anyhow gives one initial per word', () => {
    expect(maskFullName('  Camille   Roux ')).toBe('C. R.');
  });

  test.each([
    ['phone', '+33612345678', '+33•••••••78'],
    ['web_cookie', 'ck-1234567890', '•••7890'],
    ['app_device', 'dev-9f8e7d6c', '•••7d6c'],
    ['social', 'fb:10099887766', '•••7766'],
  ])('a %s identity anywhere in an answer is masked', (kind, value, masked) => {
    expect(maskJson({ nested: [{ kind, value }] })).toEqual({ nested: [{ kind, value: masked }] });
  });

  test('a phone in an answer is masked; a missing identity value stays missing', () => {
    expect(maskJson({ phone: '+33612345678' })).toEqual({ phone: '+33•••••••78' });
    expect(maskJson({ kind: 'email', value: null })).toEqual({ kind: 'email', value: null });
  });

  test('an identity kind that is not text is no kind: the object’s own kind decides', () => {
    expect(maskJson({ identity_kind: 5, kind: 'email', value: 'ana@ex.fr' })).toEqual({
      identity_kind: 5,
      kind: 'email',
      value: 'a•••@e•••.fr',
    });
  });
});
