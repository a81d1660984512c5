// The last phase: how many of each product every store holds (the promoted coffret in all of them).
import type { Product, ProductCategory, StoreStock } from '../../../src/domain/profile/schema.ts';
import { STORES } from '../france.ts';
import type { Rng } from '../random.ts';
import { PROMOTED_SKU } from './films.ts';

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

export function buildStoreStock(rng: Rng, products: readonly Product[]): StoreStock[] {
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
