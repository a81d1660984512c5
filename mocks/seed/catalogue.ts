// The product catalogue and its availability, built from the seed alone: books, music, films in
// several editions (sharing a work_id), consoles with their games and accessories, hi-fi, phones.
// Each phase is a function in catalogue/; they draw from one random stream, in the order listed in
// `buildCatalogue`.
import type { Product, ProductCategory, StoreStock } from '../../src/domain/profile/schema.ts';
import { addBooks } from './catalogue/books.ts';
import { PROMOTED_SKU, addFilms, addPromotedWork } from './catalogue/films.ts';
import { addAccessories, addConsoles, addGames, releasedPlatforms } from './catalogue/gaming.ts';
import { addHifi } from './catalogue/hifi.ts';
import { productMaker } from './catalogue/maker.ts';
import { addMusic } from './catalogue/music.ts';
import { addPhoneCases, addPhones } from './catalogue/phones.ts';
import { buildStoreStock } from './catalogue/stock.ts';
import { type Rng, cumulative } from './random.ts';
import { instantMs } from './time.ts';

export {
  PROMOTED_LAUNCH_DAYS_BEFORE_AS_OF,
  PROMOTED_PRICE_CENTS,
  PROMOTED_SKU,
  PROMOTED_TITLE,
} from './catalogue/films.ts';

/** A shelf: products of one kind sorted by launch, so "launched by then" is a prefix. */
export interface Shelf {
  items: Product[];
  launched: Float64Array;
  logPrice: Float64Array;
}

export interface Catalogue {
  products: Product[];
  storeStock: StoreStock[];
  bySku: Map<string, Product>;
  shelves: Map<ProductCategory, Shelf>;
  /** Games by the sku of the console they require. */
  gamesByConsole: Map<string, Shelf>;
  consoles: Product[];
  /** Cumulative popularity of `consoles`, to draw a gamer's platform. */
  consolePopularity: Float64Array;
  promoted: Product;
}

function shelfOf(items: Product[]): Shelf {
  const sorted = [...items].sort(
    (a, b) => instantMs(a.launched_at) - instantMs(b.launched_at) || (a.sku < b.sku ? -1 : 1),
  );
  return {
    items: sorted,
    launched: Float64Array.from(sorted, (p) => instantMs(p.launched_at)),
    logPrice: Float64Array.from(sorted, (p) => Math.log(p.price_cents)),
  };
}

/** How many of the shelf's products were launched at or before `ms`. */
export function launchedBy(shelf: Shelf, ms: number): number {
  let lo = 0;
  let hi = shelf.launched.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((shelf.launched[mid] ?? Infinity) <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A product on sale at `ms`, favouring recent releases and a price near `targetCents`: of a few
 * candidates, the one whose log price is closest wins. Null when nothing was out yet.
 */
export function pickProduct(
  rng: Rng,
  shelf: Shelf,
  ms: number,
  targetCents: number,
): Product | null {
  const n = launchedBy(shelf, ms);
  if (n === 0) return null;
  const target = Math.log(Math.max(targetCents, 100));
  let best = -1;
  let bestGap = Infinity;
  for (let k = 0; k < 3; k += 1) {
    const index = n - 1 - Math.floor(n * squared(rng.next()));
    const item = shelf.items[index];
    if (item === undefined || item.sku === PROMOTED_SKU) continue;
    const gap = Math.abs((shelf.logPrice[index] ?? 0) - target);
    if (gap < bestGap) {
      bestGap = gap;
      best = index;
    }
  }
  return best < 0 ? null : (shelf.items[best] ?? null);
}

export function buildCatalogue(seed: number, asOfMs: number): Catalogue {
  const make = productMaker(seed, asOfMs);
  addBooks(make);
  addMusic(make);
  const promoted = addPromotedWork(make);
  addFilms(make);
  const released = releasedPlatforms(asOfMs);
  const consoles = addConsoles(make, released);
  addGames(make, released);
  addAccessories(make, released);
  addHifi(make);
  const phones = addPhones(make);
  addPhoneCases(make, phones);

  const { products } = make;
  const bySku = new Map(products.map((p) => [p.sku, p]));
  const shelves = new Map<ProductCategory, Shelf>();
  for (const category of CATEGORY_ORDER) {
    shelves.set(category, shelfOf(products.filter((p) => p.category === category)));
  }
  const gamesByConsole = new Map<string, Shelf>();
  for (const base of consoles) {
    gamesByConsole.set(
      base.sku,
      shelfOf(products.filter((p) => p.category === 'video_games' && p.requires === base.sku)),
    );
  }
  return {
    products,
    storeStock: buildStoreStock(make.rng, products),
    bySku,
    shelves,
    gamesByConsole,
    consoles,
    consolePopularity: cumulative(released.map((p) => p.popularity)),
    promoted,
  };
}

export const CATEGORY_ORDER: readonly ProductCategory[] = [
  'books',
  'music',
  'films',
  'video_games',
  'consoles',
  'gaming_accessories',
  'hifi',
  'phones',
];

/** Skews a uniform draw towards 0: recent releases sell more. */
function squared(u: number): number {
  return u * u;
}
