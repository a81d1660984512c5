// Relations between products that the catalogue's columns do not hold but its titles do. The
// product table has `requires` (a base product), `work_id` (editions of one work) and `brand`, but
// no series or creator column: books are titled "Series — tome 14, Author" and albums
// "Artist — Album (CD)", so this file reads them there, in one place. A retailer's import that
// brings series and creator columns replaces these two functions and nothing else.
import type { CreatorRole } from './reason.ts';
import type { Product } from '../profile/schema.ts';

export interface SeriesVolume {
  series: string;
  volume: number;
}

export interface Creator {
  name: string;
  role: CreatorRole;
}

const VOLUME = /^(.+?) — (?:tome|livre|volume|vol\.) (\d{1,4})(?:,|$)/i;

/** A book's series and volume: "Sakura Strikers — tome 14, Jules Aubert" → Sakura Strikers, 14. */
export function seriesOf(product: Product): SeriesVolume | null {
  if (product.category !== 'books') return null;
  const [, series, volume] = VOLUME.exec(product.title) ?? [];
  return series && volume ? { series, volume: Number(volume) } : null;
}

/** The last part of "Title, First Last": a name of two to five words, no digits. */
const AUTHOR = /, ([^,\d]+)$/;

/**
 * A book's author (after the title's last comma), an album's artist (before " — ") or, for a
 * classical work titled "Composer : Work — Performers", its composer. Soundtracks name no one.
 */
export function creatorOf(product: Product): Creator | null {
  if (product.category === 'books') {
    const name = AUTHOR.exec(product.title)?.[1]?.trim();
    const words = name?.split(/\s+/).length ?? 0;
    return name && words >= 2 && words <= 5 ? { name, role: 'author' } : null;
  }
  if (product.category === 'music') {
    const dash = product.title.indexOf(' — ');
    if (dash <= 0) return null;
    const credit = product.title.slice(0, dash);
    const colon = credit.indexOf(' : ');
    return colon > 0
      ? { name: credit.slice(0, colon), role: 'composer' }
      : { name: credit, role: 'artist' };
  }
  return null;
}
