// The films phases: the promoted coffret's work in its editions, then films and series, one work in
// several editions (DVD, Blu-ray, 4K UHD, coffret).
import type { Product } from '../../../src/domain/profile/schema.ts';
import { DAY, iso } from '../time.ts';
import * as words from '../words.ts';
import { price, type ProductMaker } from './maker.ts';

/** The promoted "coffret Blu-ray" of the demo campaign. */
export const PROMOTED_SKU = 'FI-SDA-COFFRET-BR';
export const PROMOTED_TITLE =
  'Le Seigneur des Anneaux — La Trilogie, coffret Blu-ray version longue';
export const PROMOTED_PRICE_CENTS = 10_032;
/** How long before the as-of instant the promoted coffret came out. */
export const PROMOTED_LAUNCH_DAYS_BEFORE_AS_OF = 60;

/** The trilogy's three coffrets, the promoted one among them (returned). */
export function addPromotedWork(make: ProductMaker): Product {
  const { asOfMs, add, launchedYearsBack } = make;
  const promotedLaunch = asOfMs - PROMOTED_LAUNCH_DAYS_BEFORE_AS_OF * DAY + 9 * 3_600_000;
  const lotrWork = 'W-FI-SDA';
  const lotrBase = {
    category: 'films' as const,
    subcategory: 'fantastique',
    brand: 'Warner Bros.',
    requires: null,
    work_id: lotrWork,
  };
  const lotrOld = iso(launchedYearsBack(9));
  add(
    {
      ...lotrBase,
      sku: 'FI-SDA-TRILOGIE-DVD',
      title: 'Le Seigneur des Anneaux — La Trilogie, coffret DVD',
      format: 'box_set',
      price_cents: 2_999,
      launched_at: lotrOld,
    },
    false,
  );
  add(
    {
      ...lotrBase,
      sku: 'FI-SDA-TRILOGIE-4K',
      title: 'Le Seigneur des Anneaux — La Trilogie, coffret 4K Ultra HD version cinéma',
      format: 'box_set',
      price_cents: 8_999,
      launched_at: iso(launchedYearsBack(5)),
    },
    false,
  );
  const promoted = add(
    {
      ...lotrBase,
      sku: PROMOTED_SKU,
      title: PROMOTED_TITLE,
      format: 'box_set',
      price_cents: PROMOTED_PRICE_CENTS,
      launched_at: iso(promotedLaunch),
    },
    false,
  );
  promoted.online_stock = 240;
  return promoted;
}

export function addFilms(make: ProductMaker): void {
  const { rng, asOfMs, add, nextSku, nextWork, recentBiased } = make;
  for (let i = 0; i < 130; i += 1) {
    const series = i % 10 === 9;
    const title = series
      ? `${rng.pick(words.SERIES_TITLES)} — saisons 1 à ${rng.between(2, 6)}`
      : rng.chance(0.4)
        ? rng.pick(words.FILM_STANDALONE)
        : `${rng.pick(words.FILM_SUBJECTS)} ${rng.pick(words.FILM_COMPLEMENTS)}`;
    const launched = recentBiased(12);
    const base = {
      category: 'films' as const,
      subcategory: series ? 'serie' : rng.pick(words.FILM_GENRES),
      brand: rng.pick(words.STUDIOS),
      requires: null,
    };
    const editions: [string, string, number, number][] = series
      ? [
          ['box_set', 'coffret DVD', 25, 45],
          ['box_set', 'coffret Blu-ray', 35, 70],
        ]
      : [['dvd', 'DVD', 8, 20]];
    if (!series && rng.chance(0.8)) editions.push(['blu_ray', 'Blu-ray', 13, 25]);
    if (!series && rng.chance(0.35)) editions.push(['4k', '4K Ultra HD', 25, 35]);
    if (!series && rng.chance(0.12))
      editions.push(['box_set', 'coffret collector Blu-ray', 40, 100]);
    const work = editions.length > 1 ? nextWork('FI') : null;
    for (const [format, label, lo, hi] of editions) {
      const later =
        format === '4k' || label.startsWith('coffret collector') ? rng.uniform(30, 700) * DAY : 0;
      add({
        ...base,
        work_id: work,
        sku: nextSku('FI'),
        title: `${title}, ${label}`,
        format,
        price_cents: price(rng, lo, hi),
        launched_at: iso(Math.min(launched + later, asOfMs - DAY)),
      });
    }
  }
}
