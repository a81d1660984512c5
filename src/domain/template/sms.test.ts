import { describe, expect, test } from 'vitest';
import { hasStopMention, smsCount } from './sms.ts';

const gsm = (n: number) => 'a'.repeat(n);
const ucs = (n: number) => 'ê'.repeat(n);

describe('GSM-7', () => {
  test.each([
    [0, 1, 160, 160],
    [1, 1, 160, 159],
    [160, 1, 160, 0],
    [161, 2, 153, 145],
    [306, 2, 153, 0],
    [307, 3, 153, 152],
    [459, 3, 153, 0],
    [460, 4, 153, 152],
    [153 * 7, 7, 153, 0],
    [153 * 7 + 1, 8, 153, 152],
  ])('%i characters: %i part(s) of %i, %i left', (n, parts, perPart, remaining) => {
    expect(smsCount(gsm(n))).toMatchObject({
      encoding: 'gsm7',
      units: n,
      characters: n,
      parts,
      per_part: perPart,
      remaining,
    });
  });

  test('French letters of the alphabet stay GSM-7: é è ù à ì ò É Ç', () => {
    expect(smsCount('éèùàìòÉÇ Noel? ÄÖÑÜäöñü').encoding).toBe('gsm7');
  });

  test.each(['€', '^', '{', '}', '[', ']', '~', '|', '\\', '\f'])(
    'the extension character %j counts two septets',
    (c) => {
      expect(smsCount(c)).toMatchObject({
        encoding: 'gsm7',
        units: 2,
        characters: 1,
        extension_characters: 1,
      });
    },
  );

  test('80 euro signs fill one part; 81 need two', () => {
    expect(smsCount('€'.repeat(80))).toMatchObject({ units: 160, parts: 1 });
    expect(smsCount('€'.repeat(81))).toMatchObject({ units: 162, parts: 2 });
  });

  test('an escaped character is never split across parts', () => {
    // 152 septets then a €: it does not fit in the first part's last septet.
    const text = gsm(152) + '€' + gsm(10);
    expect(smsCount(text)).toMatchObject({ units: 164, parts: 2, remaining: 153 - 12 });
    // 151 + € = 153 exactly: the first part is full, the rest goes on.
    expect(smsCount(gsm(151) + '€' + gsm(10))).toMatchObject({ parts: 2, remaining: 143 });
  });
});

describe('UCS-2', () => {
  test.each([
    [1, 1, 70, 69],
    [70, 1, 70, 0],
    [71, 2, 67, 63],
    [134, 2, 67, 0],
    [135, 3, 67, 66],
    [67 * 5, 5, 67, 0],
    [67 * 5 + 1, 6, 67, 66],
  ])('%i characters: %i part(s) of %i, %i left', (n, parts, perPart, remaining) => {
    expect(smsCount(ucs(n))).toMatchObject({
      encoding: 'ucs2',
      units: n,
      parts,
      per_part: perPart,
      remaining,
    });
  });

  test.each(['ê', 'ç', 'œ', 'î', '’', '«', '\u00a0', '\u202f', '😀'])(
    '%j forces UCS-2 and is named',
    (c) => {
      const count = smsCount(`Bonjour ${c}`);
      expect(count.encoding).toBe('ucs2');
      expect(count.ucs2_characters).toEqual([c]);
    },
  );

  test('one character outside GSM-7 halves what a part holds', () => {
    expect(smsCount(gsm(100)).parts).toBe(1);
    expect(smsCount(gsm(99) + 'ê')).toMatchObject({ encoding: 'ucs2', parts: 2 });
  });

  test('an emoji takes two units and is never split', () => {
    expect(smsCount('😀')).toMatchObject({ units: 2, characters: 1 });
    expect(smsCount('😀'.repeat(35))).toMatchObject({ units: 70, parts: 1 });
    // 66 units then an emoji: it does not fit in the 67th unit.
    expect(smsCount(ucs(66) + '😀' + ucs(1))).toMatchObject({ units: 69, parts: 1 });
    expect(smsCount(ucs(70) + '😀')).toMatchObject({ units: 72, parts: 2, remaining: 67 - 5 });
  });

  test('extension characters cost one unit in UCS-2', () => {
    expect(smsCount('ê€')).toMatchObject({ encoding: 'ucs2', units: 2, extension_characters: 0 });
  });

  test('at most 20 distinct characters are named', () => {
    const many = Array.from({ length: 30 }, (_, i) => String.fromCodePoint(0x3041 + i)).join('');
    expect(smsCount(many).ucs2_characters).toHaveLength(20);
  });
});

describe('STOP mention', () => {
  test.each([
    'Soldes ! STOP au 36111',
    'Soldes ! STOP au 36 111',
    'Soldes ! Stop SMS 36173',
    'Soldes ! STOP SMS au 36180',
    'Soldes ! STOP: 36111',
    'Soldes ! stop au 36111',
    'STOP au 36111 pour ne plus recevoir',
    'Soldes !\nSTOP 36111',
  ])('found in %j', (text) => {
    expect(hasStopMention(text)).toBe(true);
  });

  test.each([
    'Soldes !',
    'Soldes ! STOP',
    'Soldes ! Stoppez tout au 36111',
    'Ne STOP pas',
    'STOP au 3611',
    'STOP au 361112',
    'NONSTOP au 36111',
  ])('missing from %j', (text) => {
    expect(hasStopMention(text)).toBe(false);
  });
});

test('ë, ê and the lower-case ç are outside GSM-7 (its 0x09 is the capital Ç)', () => {
  expect(smsCount('Noël').ucs2_characters).toEqual(['ë']);
  expect(smsCount('Ça va, garçon ?').ucs2_characters).toEqual(['ç']);
});
