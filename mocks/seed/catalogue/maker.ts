// What every catalogue phase adds products with: the catalogue's own random stream, sku and work
// counters, launch dates before the as-of instant, French prices, and the stock a product gets
// when added. The phases share one maker, so the order they run in is the order of the draws.
import type { Product } from '../../../src/domain/profile/schema.ts';
import { CITIES, FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES } from '../france.ts';
import { Rng, hashInts, itemAt } from '../random.ts';
import { DAY, YEAR, instantMs } from '../time.ts';

/** A product as a phase describes it: `add` decides its currency, stock and discontinuation. */
export type NewProduct = Omit<Product, 'currency' | 'online_stock' | 'discontinued'>;

export interface ProductMaker {
  readonly rng: Rng;
  readonly asOfMs: number;
  /** Every product added so far, in the order added. */
  readonly products: Product[];
  /** A new work id (`W-BK-00001`): the editions of one work share it. */
  nextWork(prefix: string): string;
  /** The next sku of a family (`BK-00001`). */
  nextSku(prefix: string): string;
  /** A launch instant `yearsBack`-ish before as-of, never after it. */
  launchedYearsBack(years: number): number;
  /** A launch instant within `maxYears`, recent ones more likely. */
  recentBiased(maxYears: number): number;
  /** Adds a product; `discontinued` undefined: decided by its age. */
  add(p: NewProduct, discontinued?: boolean): Product;
  /** A French author's or artist's name. */
  author(): string;
  city(): string;
}

export function productMaker(seed: number, asOfMs: number): ProductMaker {
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
  const launchedYearsBack = (years: number): number =>
    Math.floor((asOfMs - years * YEAR - rng.uniform(1, 20) * DAY) / 1000) * 1000;
  const recentBiased = (maxYears: number): number =>
    launchedYearsBack(maxYears * Math.pow(rng.next(), 1.4));
  const add = (p: NewProduct, discontinued?: boolean): Product => {
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
  return {
    rng,
    asOfMs,
    products,
    nextWork,
    nextSku,
    launchedYearsBack,
    recentBiased,
    add,
    author,
    city,
  };
}

/** French-style price: euros ending in ,99 or ,90 or round, in cents. */
export function price(rng: Rng, loEuros: number, hiEuros: number): number {
  const euros = Math.floor(rng.uniform(loEuros, hiEuros));
  const ending = rng.pick([99, 99, 99, 90, 50, 0]);
  return euros * 100 + ending;
}

export function pickDistinct<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) {
    const index = rng.int(pool.length);
    out.push(itemAt(pool, index));
    pool.splice(index, 1);
  }
  return out;
}
