import { describe, expect, test } from 'vitest';
import { productRow } from '../profile/history.fixture.ts';
import type { ProductCategory } from '../profile/schema.ts';
import { creatorOf, seriesOf } from './relations.ts';

const titled = (title: string, category: ProductCategory) => productRow({ title, category });

describe('seriesOf', () => {
  test.each([
    ['Sakura Strikers — tome 14, Jules Aubert', { series: 'Sakura Strikers', volume: 14 }],
    [
      'Les Chroniques de Ysmir — livre 5, Julien Bertrand',
      { series: 'Les Chroniques de Ysmir', volume: 5 },
    ],
    ['Capitaine Ysar — Tome 7, Noémie Michaud', { series: 'Capitaine Ysar', volume: 7 }],
    ['Capitaine Ysar — tome 7', { series: 'Capitaine Ysar', volume: 7 }],
    ['Mortelle saison à Roubaix, Karim Schneider', null],
    ['Capitaine Ysar — tome sept, Noémie Michaud', null],
    ['Capitaine Ysar — tome 7 bis, Noémie Michaud', null],
  ])('%s', (title, expected) => {
    expect(seriesOf(titled(title, 'books'))).toEqual(expected);
  });

  test('only books have volumes', () => {
    expect(seriesOf(titled('Sakura Strikers — tome 14, Jules Aubert', 'films'))).toBeNull();
  });
});

describe('creatorOf', () => {
  test.each([
    [
      'Mortelle saison à Roubaix, Karim Schneider',
      'books',
      { name: 'Karim Schneider', role: 'author' },
    ],
    ['Sakura Strikers — tome 14, Jules Aubert', 'books', { name: 'Jules Aubert', role: 'author' }],
    [
      'Cuisine facile : 120 recettes, Anne-Marie de La Tour',
      'books',
      { name: 'Anne-Marie de La Tour', role: 'author' },
    ],
    [
      'Le Rouge, le Noir et le Blanc, Marie Curie',
      'books',
      { name: 'Marie Curie', role: 'author' },
    ],
    [
      'Fables, Jean de la Fontaine Junior',
      'books',
      { name: 'Jean de la Fontaine Junior', role: 'author' },
    ],
    ['Le Rouge et le Noir, Marie Curie ', 'books', { name: 'Marie Curie', role: 'author' }],
    ['Éloge de la lenteur', 'books', null],
    ['Recettes, 120', 'books', null],
    ['Pourquoi nous lisons, Madonna', 'books', null],
    ['Un titre, un très long nom de plus de cinq mots', 'books', null],
    ['Néon Riviera — Rivages (CD)', 'music', { name: 'Néon Riviera', role: 'artist' }],
    ['Néon Riviera — Rivages (vinyle)', 'music', { name: 'Néon Riviera', role: 'artist' }],
    ['Moreau Quartet — Live à Lyon (CD)', 'music', { name: 'Moreau Quartet', role: 'artist' }],
    ['Satie : Gymnopédies — Quatuor Ébène (CD)', 'music', { name: 'Satie', role: 'composer' }],
    ['Vol de nuit (bande originale du film) (CD)', 'music', null],
    [' — Sans artiste (CD)', 'music', null],
    ['Le Seigneur des Anneaux — La Trilogie, coffret DVD', 'films', null],
    ['Sony WH-1000XM6 casque à réduction de bruit, noir', 'hifi', null],
  ] satisfies [string, ProductCategory, unknown][])('%s (%s)', (title, category, expected) => {
    expect(creatorOf(titled(title, category))).toEqual(expected);
  });
});
