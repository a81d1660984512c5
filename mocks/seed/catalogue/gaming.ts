// The gaming phases: consoles out by then, games on one to three of them (a work_id across
// platforms), accessories for a console or for any.
import type { Product } from '../../../src/domain/profile/schema.ts';
import { DAY, YEAR, instantMs, iso } from '../time.ts';
import * as words from '../words.ts';
import { pickDistinct, price, type ProductMaker } from './maker.ts';

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

const GAME_PLATFORM_COUNT_WEIGHTS = Float64Array.from([50, 80, 100]);

/** The platforms out at least a month before as-of: the only ones sold. */
export function releasedPlatforms(asOfMs: number): Platform[] {
  return PLATFORMS.filter((p) => instantMs(`${p.launched}T08:00:00.000Z`) < asOfMs - 30 * DAY);
}

export function addConsoles(make: ProductMaker, released: readonly Platform[]): Product[] {
  const { add } = make;
  return released.map((p) =>
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
}

export function addGames(make: ProductMaker, released: readonly Platform[]): void {
  const { rng, asOfMs, add, nextSku, nextWork, recentBiased } = make;
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
}

export function addAccessories(make: ProductMaker, released: readonly Platform[]): void {
  const { rng, asOfMs, add, nextSku } = make;
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
