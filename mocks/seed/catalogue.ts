// The product catalogue and its availability, built from the seed alone: books, music, films in
// several editions (sharing a work_id), consoles with their games and accessories, hi-fi, phones.
import type { Product, ProductCategory, StoreStock } from '../../src/domain/profile/schema.ts';
import { FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES, STORES, CITIES } from './france.ts';
import { Rng, cumulative, hashInts, itemAt } from './random.ts';
import { DAY, YEAR, instantMs, iso } from './time.ts';
import * as words from './words.ts';

/** The promoted "coffret Blu-ray" of the demo campaign. */
export const PROMOTED_SKU = 'FI-SDA-COFFRET-BR';
export const PROMOTED_TITLE =
  'Le Seigneur des Anneaux — La Trilogie, coffret Blu-ray version longue';
export const PROMOTED_PRICE_CENTS = 10_032;
/** How long before the as-of instant the promoted coffret came out. */
export const PROMOTED_LAUNCH_DAYS_BEFORE_AS_OF = 60;

interface Platform {
  platform: string;
  sku: string;
  title: string;
  brand: string;
  launched: string;
  price: number;
  discontinued: boolean;
  /** How many gamers play on it, relatively. */
  popularity: number;
}

const PLATFORMS: readonly Platform[] = [
  {
    platform: 'wii',
    sku: 'CO-WII',
    title: 'Nintendo Wii',
    brand: 'Nintendo',
    launched: '2006-12-08',
    price: 14_999,
    discontinued: true,
    popularity: 4,
  },
  {
    platform: 'ps4',
    sku: 'CO-PS4',
    title: 'Sony PlayStation 4 Slim 500 Go',
    brand: 'Sony',
    launched: '2013-11-29',
    price: 29_999,
    discontinued: true,
    popularity: 12,
  },
  {
    platform: 'switch',
    sku: 'CO-SWITCH',
    title: 'Nintendo Switch modèle OLED',
    brand: 'Nintendo',
    launched: '2021-10-08',
    price: 34_999,
    discontinued: false,
    popularity: 26,
  },
  {
    platform: 'ps5',
    sku: 'CO-PS5',
    title: 'Sony PlayStation 5 édition standard',
    brand: 'Sony',
    launched: '2020-11-19',
    price: 54_999,
    discontinued: false,
    popularity: 34,
  },
  {
    platform: 'xbox_series',
    sku: 'CO-XSX',
    title: 'Microsoft Xbox Series X 1 To',
    brand: 'Microsoft',
    launched: '2020-11-10',
    price: 54_999,
    discontinued: false,
    popularity: 14,
  },
  {
    platform: 'switch_2',
    sku: 'CO-SWITCH2',
    title: 'Nintendo Switch 2',
    brand: 'Nintendo',
    launched: '2025-06-05',
    price: 46_999,
    discontinued: false,
    popularity: 10,
  },
];

const ACCESSORIES: readonly {
  title: string;
  platform: string | null;
  brand: string;
  price: number;
  sub: string;
}[] = [
  {
    title: 'Manette sans fil Wii Remote Plus',
    platform: 'wii',
    brand: 'Nintendo',
    price: 3_999,
    sub: 'manette',
  },
  {
    title: 'Manette sans fil DualShock 4',
    platform: 'ps4',
    brand: 'Sony',
    price: 5_999,
    sub: 'manette',
  },
  {
    title: 'Manette sans fil DualSense',
    platform: 'ps5',
    brand: 'Sony',
    price: 7_499,
    sub: 'manette',
  },
  {
    title: 'Manette sans fil DualSense Edge',
    platform: 'ps5',
    brand: 'Sony',
    price: 23_999,
    sub: 'manette',
  },
  {
    title: 'Station de recharge DualSense',
    platform: 'ps5',
    brand: 'Sony',
    price: 2_999,
    sub: 'recharge',
  },
  {
    title: 'Casque sans fil Pulse Elite',
    platform: 'ps5',
    brand: 'Sony',
    price: 14_999,
    sub: 'casque',
  },
  {
    title: 'Manette sans fil Xbox',
    platform: 'xbox_series',
    brand: 'Microsoft',
    price: 5_999,
    sub: 'manette',
  },
  {
    title: 'Carte d’extension de stockage 1 To pour Xbox Series',
    platform: 'xbox_series',
    brand: 'Seagate',
    price: 17_999,
    sub: 'stockage',
  },
  {
    title: 'Manette Pro Nintendo Switch',
    platform: 'switch',
    brand: 'Nintendo',
    price: 6_999,
    sub: 'manette',
  },
  {
    title: 'Paire de Joy-Con (rouge néon et bleu néon)',
    platform: 'switch',
    brand: 'Nintendo',
    price: 7_999,
    sub: 'manette',
  },
  {
    title: 'Carte microSDXC 256 Go pour Nintendo Switch',
    platform: 'switch',
    brand: 'SanDisk',
    price: 3_999,
    sub: 'stockage',
  },
  {
    title: 'Housse de transport pour Nintendo Switch',
    platform: 'switch',
    brand: 'Hori',
    price: 1_999,
    sub: 'protection',
  },
  {
    title: 'Manette Pro Nintendo Switch 2',
    platform: 'switch_2',
    brand: 'Nintendo',
    price: 8_999,
    sub: 'manette',
  },
  {
    title: 'Paire de Joy-Con 2',
    platform: 'switch_2',
    brand: 'Nintendo',
    price: 9_499,
    sub: 'manette',
  },
  {
    title: 'Carte microSD Express 256 Go',
    platform: 'switch_2',
    brand: 'SanDisk',
    price: 5_999,
    sub: 'stockage',
  },
  {
    title: 'Volant Racing Wheel pour PS5',
    platform: 'ps5',
    brand: 'Logitech',
    price: 34_999,
    sub: 'volant',
  },
  {
    title: 'Volant Racing Wheel pour Xbox Series',
    platform: 'xbox_series',
    brand: 'Thrustmaster',
    price: 29_999,
    sub: 'volant',
  },
  {
    title: 'Casque gaming filaire Arctis Nova 1',
    platform: null,
    brand: 'SteelSeries',
    price: 5_999,
    sub: 'casque',
  },
  {
    title: 'Casque gaming sans fil Cloud III',
    platform: null,
    brand: 'HyperX',
    price: 12_999,
    sub: 'casque',
  },
  {
    title: 'Fauteuil gaming Titan Evo',
    platform: null,
    brand: 'Secretlab',
    price: 49_900,
    sub: 'mobilier',
  },
];

const HIFI: readonly {
  title: string;
  brand: string;
  price: number;
  sub: string;
  launched: number;
}[] = [
  {
    title: 'Sony WH-1000XM6 casque à réduction de bruit',
    brand: 'Sony',
    price: 44_999,
    sub: 'casque',
    launched: 0.6,
  },
  {
    title: 'Sony WH-1000XM5 casque à réduction de bruit',
    brand: 'Sony',
    price: 34_999,
    sub: 'casque',
    launched: 4.4,
  },
  {
    title: 'Bose QuietComfort Ultra Headphones',
    brand: 'Bose',
    price: 49_995,
    sub: 'casque',
    launched: 2.1,
  },
  {
    title: 'Sennheiser Momentum 4 Wireless',
    brand: 'Sennheiser',
    price: 37_999,
    sub: 'casque',
    launched: 4.2,
  },
  { title: 'JBL Tune 770NC', brand: 'JBL', price: 12_999, sub: 'casque', launched: 3.2 },
  { title: 'Apple AirPods Pro 3', brand: 'Apple', price: 24_900, sub: 'ecouteurs', launched: 0.2 },
  { title: 'Apple AirPods 4', brand: 'Apple', price: 14_900, sub: 'ecouteurs', launched: 1.2 },
  {
    title: 'Samsung Galaxy Buds3 Pro',
    brand: 'Samsung',
    price: 24_900,
    sub: 'ecouteurs',
    launched: 1.3,
  },
  {
    title: 'Marshall Emberton III',
    brand: 'Marshall',
    price: 16_999,
    sub: 'enceinte_bluetooth',
    launched: 2.3,
  },
  { title: 'JBL Charge 5', brand: 'JBL', price: 17_999, sub: 'enceinte_bluetooth', launched: 5.5 },
  { title: 'JBL Flip 6', brand: 'JBL', price: 12_999, sub: 'enceinte_bluetooth', launched: 4.6 },
  {
    title: 'Sonos Era 100',
    brand: 'Sonos',
    price: 27_900,
    sub: 'enceinte_connectee',
    launched: 3.6,
  },
  {
    title: 'Sonos Era 300',
    brand: 'Sonos',
    price: 49_900,
    sub: 'enceinte_connectee',
    launched: 3.6,
  },
  {
    title: 'Sonos Arc Ultra barre de son',
    brand: 'Sonos',
    price: 99_900,
    sub: 'barre_de_son',
    launched: 1.1,
  },
  {
    title: 'Samsung HW-Q800D barre de son',
    brand: 'Samsung',
    price: 69_900,
    sub: 'barre_de_son',
    launched: 2.4,
  },
  {
    title: 'Bose Smart Soundbar',
    brand: 'Bose',
    price: 49_995,
    sub: 'barre_de_son',
    launched: 2.0,
  },
  {
    title: 'Audio-Technica AT-LP120XUSB platine vinyle',
    brand: 'Audio-Technica',
    price: 32_900,
    sub: 'platine_vinyle',
    launched: 7.0,
  },
  {
    title: 'Audio-Technica AT-LP60XBT platine vinyle Bluetooth',
    brand: 'Audio-Technica',
    price: 17_900,
    sub: 'platine_vinyle',
    launched: 6.0,
  },
  {
    title: 'Pro-Ject Debut Carbon EVO platine vinyle',
    brand: 'Pro-Ject',
    price: 59_900,
    sub: 'platine_vinyle',
    launched: 5.0,
  },
  {
    title: 'Technics SL-1500C platine vinyle',
    brand: 'Technics',
    price: 109_900,
    sub: 'platine_vinyle',
    launched: 7.5,
  },
  {
    title: 'Denon PMA-900HNE amplificateur connecté',
    brand: 'Denon',
    price: 89_900,
    sub: 'amplificateur',
    launched: 4.0,
  },
  {
    title: 'Marantz PM6007 amplificateur stéréo',
    brand: 'Marantz',
    price: 59_900,
    sub: 'amplificateur',
    launched: 6.8,
  },
  {
    title: 'Yamaha R-N600A ampli-tuner réseau',
    brand: 'Yamaha',
    price: 69_900,
    sub: 'amplificateur',
    launched: 3.0,
  },
  {
    title: 'Focal Chora 806 paire d’enceintes',
    brand: 'Focal',
    price: 79_900,
    sub: 'enceintes_hifi',
    launched: 6.5,
  },
  {
    title: 'Bowers & Wilkins 607 S3 paire d’enceintes',
    brand: 'Bowers & Wilkins',
    price: 79_900,
    sub: 'enceintes_hifi',
    launched: 3.1,
  },
  {
    title: 'Cabasse Pearl Akoya enceinte connectée',
    brand: 'Cabasse',
    price: 149_000,
    sub: 'enceinte_connectee',
    launched: 4.5,
  },
  {
    title: 'Bang & Olufsen Beosound A1 2nd Gen',
    brand: 'Bang & Olufsen',
    price: 29_900,
    sub: 'enceinte_bluetooth',
    launched: 5.6,
  },
  {
    title: 'Philips radio-réveil DAB+ TAR3505',
    brand: 'Philips',
    price: 4_999,
    sub: 'radio',
    launched: 5.0,
  },
];

const HIFI_COLOURS = ['noir', 'blanc', 'bleu nuit', 'gris', 'vert sauge'] as const;

const PHONES: readonly {
  title: string;
  brand: string;
  price: number;
  launched: number;
  storage: readonly number[];
}[] = [
  { title: 'Apple iPhone 17', brand: 'Apple', price: 96_900, launched: 0.18, storage: [256, 512] },
  {
    title: 'Apple iPhone 17 Pro',
    brand: 'Apple',
    price: 132_900,
    launched: 0.18,
    storage: [256, 512, 1000],
  },
  { title: 'Apple iPhone 16', brand: 'Apple', price: 86_900, launched: 1.18, storage: [128, 256] },
  { title: 'Apple iPhone 16e', brand: 'Apple', price: 66_900, launched: 0.72, storage: [128, 256] },
  { title: 'Apple iPhone 15', brand: 'Apple', price: 76_900, launched: 2.18, storage: [128] },
  {
    title: 'Samsung Galaxy S25',
    brand: 'Samsung',
    price: 90_900,
    launched: 0.8,
    storage: [128, 256],
  },
  {
    title: 'Samsung Galaxy S25 Ultra',
    brand: 'Samsung',
    price: 141_900,
    launched: 0.8,
    storage: [256, 512],
  },
  { title: 'Samsung Galaxy S24', brand: 'Samsung', price: 80_900, launched: 1.8, storage: [128] },
  {
    title: 'Samsung Galaxy A56 5G',
    brand: 'Samsung',
    price: 49_900,
    launched: 0.7,
    storage: [128, 256],
  },
  { title: 'Samsung Galaxy A16', brand: 'Samsung', price: 19_900, launched: 1.9, storage: [128] },
  { title: 'Google Pixel 10', brand: 'Google', price: 89_900, launched: 0.25, storage: [128, 256] },
  {
    title: 'Google Pixel 10 Pro',
    brand: 'Google',
    price: 109_900,
    launched: 0.25,
    storage: [128, 256],
  },
  { title: 'Google Pixel 9a', brand: 'Google', price: 54_900, launched: 0.6, storage: [128] },
  {
    title: 'Xiaomi Redmi Note 14',
    brand: 'Xiaomi',
    price: 22_990,
    launched: 1.8,
    storage: [128, 256],
  },
  { title: 'Xiaomi 15', brand: 'Xiaomi', price: 99_990, launched: 0.7, storage: [256, 512] },
  { title: 'Fairphone 6', brand: 'Fairphone', price: 59_900, launched: 0.4, storage: [256] },
  { title: 'Fairphone 5', brand: 'Fairphone', price: 49_900, launched: 3.2, storage: [256] },
  { title: 'OnePlus 13', brand: 'OnePlus', price: 89_900, launched: 0.8, storage: [256, 512] },
  {
    title: 'Nothing Phone (3a)',
    brand: 'Nothing',
    price: 32_900,
    launched: 0.65,
    storage: [128, 256],
  },
  { title: 'Crosscall Core-Z5', brand: 'Crosscall', price: 54_990, launched: 3.0, storage: [128] },
];

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

/** French-style price: euros ending in ,99 or ,90 or round, in cents. */
function price(rng: Rng, loEuros: number, hiEuros: number): number {
  const euros = Math.floor(rng.uniform(loEuros, hiEuros));
  const ending = rng.pick([99, 99, 99, 90, 50, 0]);
  return euros * 100 + ending;
}

export function buildCatalogue(seed: number, asOfMs: number): Catalogue {
  const rng = new Rng(hashInts(seed, 0xca7a1060));
  const products: Product[] = [];
  let workCounter = 0;
  const nextWork = (prefix: string): string => {
    workCounter += 1;
    return `W-${prefix}-${String(workCounter).padStart(5, '0')}`;
  };
  const counters = new Map<string, number>();
  const nextSku = (prefix: string): string => {
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    return `${prefix}-${String(n).padStart(5, '0')}`;
  };
  /** A launch instant `yearsBack`-ish before as-of, never after it. */
  const launchedYearsBack = (years: number): number =>
    Math.floor((asOfMs - years * YEAR - rng.uniform(1, 20) * DAY) / 1000) * 1000;
  const recentBiased = (maxYears: number): number =>
    launchedYearsBack(maxYears * Math.pow(rng.next(), 1.4));
  const add = (
    p: Omit<Product, 'currency' | 'online_stock' | 'discontinued'>,
    discontinued?: boolean,
  ): Product => {
    const age = (asOfMs - instantMs(p.launched_at)) / YEAR;
    const isDiscontinued = discontinued ?? (age > 3 && rng.chance(0.12));
    const stock = isDiscontinued ? 0 : rng.chance(0.1) ? 0 : Math.floor(rng.gamma(1.5, 40)) + 1;
    const product: Product = {
      ...p,
      currency: 'EUR',
      online_stock: stock,
      discontinued: isDiscontinued,
    };
    products.push(product);
    return product;
  };
  const author = (): string =>
    `${rng.pick(rng.chance(0.5) ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
  const city = (): string => rng.pick(CITIES).name;

  // Books: novels (some in two editions), crime, comics and manga series, fantasy, essays, cooking.
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

  // Music: albums on CD, vinyl or both (a shared work_id).
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

  // Films: one work in several editions (DVD, Blu-ray, 4K UHD, coffret).
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

  // Consoles out by then, games on one to three of them (a work_id across platforms), accessories.
  const released = PLATFORMS.filter(
    (p) => instantMs(`${p.launched}T08:00:00.000Z`) < asOfMs - 30 * DAY,
  );
  const consoles = released.map((p) =>
    add(
      {
        sku: p.sku,
        title: p.title,
        category: 'consoles',
        subcategory: 'console_de_salon',
        brand: p.brand,
        format: p.platform,
        price_cents: p.price,
        launched_at: `${p.launched}T08:00:00.000Z`,
        requires: null,
        work_id: null,
      },
      p.discontinued,
    ),
  );
  const usedGameTitles = new Set<string>();
  for (let i = 0; i < 150; i += 1) {
    let title = `${rng.pick(words.GAME_PREFIXES)} ${rng.pick(words.GAME_SUFFIXES)}`;
    if (usedGameTitles.has(title)) title = `${title} ${rng.between(2, 5)}`;
    if (usedGameTitles.has(title)) continue;
    usedGameTitles.add(title);
    const launched = recentBiased(12);
    const onSale = released.filter(
      (p) =>
        instantMs(`${p.launched}T00:00:00.000Z`) <= launched &&
        (p.platform !== 'wii' || launched < asOfMs - 9 * YEAR) &&
        (p.platform !== 'ps4' || launched < asOfMs - 2 * YEAR),
    );
    if (onSale.length === 0) continue;
    const count = Math.min(onSale.length, rng.weighted(GAME_PLATFORM_COUNT_WEIGHTS) + 1);
    const platforms = pickDistinct(rng, onSale, count);
    const work = platforms.length > 1 ? nextWork('VG') : null;
    const base = {
      category: 'video_games' as const,
      subcategory: rng.pick(words.GAME_GENRES),
      brand: rng.pick(words.GAME_PUBLISHERS),
      launched_at: iso(launched),
      work_id: work,
    };
    const lo = rng.chance(0.2) ? 20 : 40;
    const cents = price(rng, lo, lo + 40);
    for (const platform of platforms) {
      const discontinued = platform.platform === 'wii' ? rng.chance(0.6) : undefined;
      add(
        {
          ...base,
          sku: nextSku('VG'),
          title: `${title} (${platformLabel(platform.platform)})`,
          format: platform.platform,
          price_cents: cents,
          requires: platform.sku,
        },
        discontinued,
      );
    }
  }
  for (const accessory of ACCESSORIES) {
    const platform = released.find((p) => p.platform === accessory.platform);
    if (accessory.platform !== null && !platform) continue;
    const from = platform ? instantMs(`${platform.launched}T00:00:00.000Z`) : asOfMs - 6 * YEAR;
    const launched = Math.max(from + 7 * DAY, asOfMs - rng.uniform(0.2, 8) * YEAR);
    add(
      {
        sku: nextSku('GA'),
        title: accessory.title,
        category: 'gaming_accessories',
        subcategory: accessory.sub,
        brand: accessory.brand,
        format: platform?.platform ?? null,
        price_cents: accessory.price,
        launched_at: iso(Math.min(launched, asOfMs - DAY)),
        requires: platform?.sku ?? null,
        work_id: null,
      },
      platform?.discontinued,
    );
  }

  // Hi-fi in a few colours; phones by storage, then cases that require a phone.
  for (const item of HIFI) {
    const colours = pickDistinct(rng, HIFI_COLOURS, rng.between(1, 3));
    for (const colour of colours) {
      add({
        sku: nextSku('HF'),
        title: `${item.title}, ${colour}`,
        category: 'hifi',
        subcategory: item.sub,
        brand: item.brand,
        format: null,
        price_cents: item.price,
        launched_at: iso(launchedYearsBack(item.launched)),
        requires: null,
        work_id: null,
      });
    }
  }
  const phones: Product[] = [];
  for (const item of PHONES) {
    const work = item.storage.length > 1 ? nextWork('PH') : null;
    for (const storage of item.storage) {
      const extra = (storage / 128 - 1) * 12_000;
      phones.push(
        add({
          sku: nextSku('PH'),
          title: `${item.title} ${storage >= 1000 ? '1 To' : `${storage} Go`}`,
          category: 'phones',
          subcategory: 'smartphone',
          brand: item.brand,
          format: null,
          price_cents: Math.round(item.price + Math.max(0, extra)),
          launched_at: iso(launchedYearsBack(item.launched)),
          requires: null,
          work_id: work,
        }),
      );
    }
  }
  for (const phone of phones.filter(() => rng.chance(0.5))) {
    add({
      sku: nextSku('PH'),
      title: `Coque de protection pour ${phone.title.replace(/ \d+ (Go|To)$/, '')}`,
      category: 'phones',
      subcategory: 'coque',
      brand: rng.pick(['Otterbox', 'Spigen', 'Muvit', phone.brand]),
      format: null,
      price_cents: price(rng, 15, 50),
      launched_at: phone.launched_at,
      requires: phone.sku,
      work_id: null,
    });
  }

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
    storeStock: buildStoreStock(rng, products),
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

const BOOK_KIND_WEIGHTS = Float64Array.from([35, 60, 80, 100, 110, 118, 125]);
const GAME_PLATFORM_COUNT_WEIGHTS = Float64Array.from([50, 80, 100]);

function pickDistinct<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) {
    const index = rng.int(pool.length);
    out.push(itemAt(pool, index));
    pool.splice(index, 1);
  }
  return out;
}

function platformLabel(platform: string): string {
  const labels: Record<string, string> = {
    wii: 'Wii',
    ps4: 'PS4',
    ps5: 'PS5',
    xbox_series: 'Xbox Series X|S',
    switch: 'Nintendo Switch',
    switch_2: 'Nintendo Switch 2',
  };
  return labels[platform] ?? platform;
}

const STOCKED_SHARE: Record<ProductCategory, number> = {
  books: 0.2,
  music: 0.2,
  films: 0.25,
  video_games: 0.35,
  consoles: 0.9,
  gaming_accessories: 0.5,
  hifi: 0.4,
  phones: 0.45,
};

function buildStoreStock(rng: Rng, products: readonly Product[]): StoreStock[] {
  const rows: StoreStock[] = [];
  for (const store of STORES) {
    for (const product of products) {
      if (product.discontinued) continue;
      const promoted = product.sku === PROMOTED_SKU;
      if (!promoted && !rng.chance(STOCKED_SHARE[product.category])) continue;
      const quantity = promoted ? rng.between(3, 30) : rng.chance(0.12) ? 0 : rng.between(1, 25);
      rows.push({ sku: product.sku, store_id: store.store_id, quantity });
    }
  }
  return rows;
}

/** Skews a uniform draw towards 0: recent releases sell more. */
function squared(u: number): number {
  return u * u;
}
