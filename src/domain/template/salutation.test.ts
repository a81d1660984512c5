import { describe, expect, test } from 'vitest';
import { nameCase, rendersEmpty, salutationJunk, type JunkReason } from './salutation.ts';

const check = { emailLocalParts: ['jdupont', 'o.martin75'], capitalised: false };

describe('salutationJunk', () => {
  test.each<[unknown, JunkReason | null]>([
    ['Olivier', null],
    ['Jean-Pierre', null],
    ["D'Artagnan", null],
    ['Éloïse', null],
    ['Lé', null],
    ['Anna', null],
    ['王', null],
    ['王伟', null],
    ['محمد', null],
    [null, 'missing'],
    [undefined, 'missing'],
    [{}, 'missing'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['\t\n', 'empty'],
    ['XXX', 'placeholder'],
    ['xxx', 'placeholder'],
    ['xx', 'placeholder'],
    ['Xxxxx', 'placeholder'],
    ['test', 'placeholder'],
    ['Test', 'placeholder'],
    ['TEST', 'placeholder'],
    ['essai', 'placeholder'],
    ['Client', 'placeholder'],
    ['aaa', 'placeholder'],
    ['ZZZZ', 'placeholder'],
    ['n/a', 'placeholder'],
    ['N.C.', 'placeholder'],
    ['Prénom', 'placeholder'],
    ['inconnu', 'placeholder'],
    ['Madame', 'placeholder'],
    ['.', 'no_letters'],
    ['-', 'no_letters'],
    ['?!', 'no_letters'],
    ['J', 'single_letter'],
    ['j', 'single_letter'],
    ['J.', 'single_letter'],
    [' É ', 'single_letter'],
    ['OLIVIER', 'all_capitals'],
    ['JEAN-PIERRE', 'all_capitals'],
    ['LÉA', 'all_capitals'],
    ['jdupont', 'email_local_part'],
    ['JDupont', 'email_local_part'],
    ['o.martin75', 'email_local_part'],
    ['olivier@example.fr', 'email_local_part'],
    ['Olivier2', 'digits'],
    ['12345', 'digits'],
    [42, 'digits'],
  ])('%j → %s', (value, reason) => {
    expect(salutationJunk(value, check)).toBe(reason);
  });

  test('capitals are fine when the template asks for normal case', () => {
    expect(salutationJunk('OLIVIER', { ...check, capitalised: true })).toBeNull();
    expect(salutationJunk('XXX', { ...check, capitalised: true })).toBe('placeholder');
    expect(salutationJunk('J', { ...check, capitalised: true })).toBe('single_letter');
  });

  test('a name equal to no address-like local part is kept', () => {
    expect(salutationJunk('jdupont', { emailLocalParts: [], capitalised: false })).toBeNull();
  });
});

describe('rendersEmpty', () => {
  test.each<[unknown, boolean]>([
    [null, true],
    [undefined, true],
    [false, true],
    ['', true],
    ['  ', true],
    [[], true],
    ['x', false],
    [0, false],
    [true, false],
    [['a'], false],
    [{}, false],
  ])('%j → %s', (value, empty) => {
    expect(rendersEmpty(value)).toBe(empty);
  });
});

describe('nameCase', () => {
  test.each([
    ['OLIVIER', 'Olivier'],
    ['olivier', 'Olivier'],
    ['JEAN-PIERRE', 'Jean-Pierre'],
    ["D'ALBRET", "D'Albret"],
    ['MARIE CLAIRE', 'Marie Claire'],
    ['ÉLODIE', 'Élodie'],
    ['o’neil', 'O’Neil'],
  ])('%s → %s', (from, to) => {
    expect(nameCase(from)).toBe(to);
  });
});
