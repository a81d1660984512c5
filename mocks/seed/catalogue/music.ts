// The music phase: albums on CD, vinyl or both (a shared work_id).
import { LAST_NAMES } from '../france.ts';
import { iso } from '../time.ts';
import * as words from '../words.ts';
import { price, type ProductMaker } from './maker.ts';

export function addMusic(make: ProductMaker): void {
  const { rng, add, author, city, nextSku, nextWork, recentBiased } = make;
  for (let i = 0; i < 170; i += 1) {
    const genre = rng.pick(words.MUSIC_GENRES);
    let title: string;
    if (genre === 'classique')
      title = `${rng.pick(words.CLASSICAL_WORKS)} — ${rng.pick(words.ORCHESTRAS)}`;
    else if (genre === 'bande_originale')
      title = `${rng.pick(words.FILM_STANDALONE)} (bande originale du film)`;
    else if (genre === 'jazz') title = `${rng.pick(LAST_NAMES)} Quartet — Live à ${city()}`;
    else {
      const artist = rng.chance(0.35) ? author() : rng.pick(words.BAND_NAMES);
      title = `${artist} — ${rng.pick(words.ALBUM_TITLES)}`;
    }
    const launched = recentBiased(10);
    const base = {
      category: 'music' as const,
      subcategory: genre,
      brand: rng.pick(genre === 'classique' ? words.CLASSICAL_LABELS : words.LABELS),
      requires: null,
      launched_at: iso(launched),
    };
    const formats = rng.chance(0.45) ? ['cd', 'vinyl'] : [rng.chance(0.7) ? 'cd' : 'vinyl'];
    const work = formats.length > 1 ? nextWork('MU') : null;
    for (const format of formats) {
      add({
        ...base,
        sku: nextSku('MU'),
        title: `${title} (${format === 'cd' ? 'CD' : 'vinyle'})`,
        format,
        price_cents: format === 'cd' ? price(rng, 9, 20) : price(rng, 19, 40),
        work_id: work,
      });
    }
  }
}
