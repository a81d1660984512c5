// The books phase: novels (some in two editions), crime, comics and manga series, fantasy, essays,
// cooking.
import { FEMALE_FIRST_NAMES, LAST_NAMES } from '../france.ts';
import { DAY, iso } from '../time.ts';
import * as words from '../words.ts';
import { price, type ProductMaker } from './maker.ts';

const BOOK_KIND_WEIGHTS = Float64Array.from([35, 60, 80, 100, 110, 118, 125]);

export function addBooks(make: ProductMaker): void {
  const { rng, asOfMs, add, author, city, nextSku, nextWork, recentBiased } = make;
  for (let i = 0; i < 360; i += 1) {
    const kind = rng.weighted(BOOK_KIND_WEIGHTS);
    const writer = author();
    let title: string;
    let subcategory: string;
    let format = rng.pick(['paperback', 'paperback', 'pocket', 'hardcover']);
    let lo = 16;
    let hi = 24;
    switch (kind) {
      case 0:
        title = `${rng.pick(words.BOOK_SUBJECTS)} ${rng.pick(words.BOOK_COMPLEMENTS)}`;
        subcategory = 'roman';
        break;
      case 1:
        title = rng
          .pick(words.CRIME_PATTERNS)
          .replace('{city}', city())
          .replace('{name}', rng.pick(LAST_NAMES))
          .replace('{first}', rng.pick(FEMALE_FIRST_NAMES));
        subcategory = 'polar';
        break;
      case 2:
        title = `${rng.pick(words.COMIC_SERIES)} — tome ${rng.between(1, 24)}`;
        subcategory = 'bande_dessinee';
        format = 'hardcover';
        lo = 11;
        hi = 17;
        break;
      case 3:
        title = `${rng.pick(words.MANGA_SERIES)} — tome ${rng.between(1, 40)}`;
        subcategory = 'manga';
        format = 'paperback';
        lo = 6;
        hi = 9;
        break;
      case 4:
        title = `Les Chroniques de ${rng.pick(words.FANTASY_WORLDS)} — livre ${rng.between(1, 6)}`;
        subcategory = 'science_fiction_fantasy';
        break;
      case 5:
        title = rng.pick(words.ESSAY_TITLES);
        subcategory = 'essai';
        break;
      default:
        title = `${rng.pick(words.COOKBOOK_TITLES)} : ${rng.between(5, 30) * 10} recettes`;
        subcategory = 'cuisine';
        format = 'hardcover';
        lo = 19;
        hi = 35;
    }
    if (format === 'pocket') {
      lo = 7;
      hi = 11;
    }
    const launched = recentBiased(12);
    const base = {
      title: `${title}, ${writer}`,
      category: 'books' as const,
      subcategory,
      brand: rng.pick(
        format === 'pocket'
          ? words.POCKET_PUBLISHERS
          : (words.PUBLISHERS_BY_SUBCATEGORY[subcategory] ?? words.PUBLISHERS),
      ),
      requires: null,
    };
    const twoEditions = kind <= 1 && format !== 'pocket' && rng.chance(0.35);
    const work = twoEditions ? nextWork('BK') : null;
    add({
      ...base,
      sku: nextSku('BK'),
      format,
      price_cents: price(rng, lo, hi),
      launched_at: iso(launched),
      work_id: work,
    });
    if (twoEditions) {
      const pocketLaunch = Math.min(launched + rng.uniform(300, 500) * DAY, asOfMs - DAY);
      add({
        ...base,
        brand: rng.pick(words.POCKET_PUBLISHERS),
        sku: nextSku('BK'),
        format: 'pocket',
        price_cents: price(rng, 7, 11),
        launched_at: iso(pocketLaunch),
        work_id: work,
      });
    }
  }
}
