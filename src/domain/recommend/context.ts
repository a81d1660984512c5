// What recommending reads besides the customer's history, indexed once: the product catalogue by
// relation (what needs which base, series by volume, creators) and the best-seller charts from the
// co-purchase statistics. Built once per catalogue and statistics, then shared by every call.
import { compareText } from '../compare.ts';
import type { Product, ProductCategory } from '../profile/schema.ts';
import type { CoPurchaseStats } from './co-purchase.ts';
import { creatorOf, seriesOf } from './relations.ts';

export interface VolumeEntry {
  product: Product;
  volume: number;
}

export interface RecommendationContext {
  products: ReadonlyMap<string, Product>;
  stats: CoPurchaseStats;
  /** The products that need each base product (`requires`). */
  needing: ReadonlyMap<string, readonly Product[]>;
  /** Gaming accessories that need no particular console: they go with any. */
  anyConsole: readonly Product[];
  /** Each series' volumes, by volume number, then sku. */
  series: ReadonlyMap<string, readonly VolumeEntry[]>;
  /** Each creator's products, keyed by `creatorKey`. */
  byCreator: ReadonlyMap<string, readonly Product[]>;
  /** Every product, best selling first (popularity, then buyers, then sku). */
  chart: readonly Product[];
  /** The same chart per category. */
  charts: ReadonlyMap<ProductCategory, readonly Product[]>;
  /** A product's place in its category's chart, from 1. */
  categoryRank: ReadonlyMap<string, number>;
}

/** A creator's key: their role and name, so an author and a band of the same name stay apart. */
export const creatorKey = (role: string, name: string) => `${role}\u0000${name}`;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function recommendationContext(
  catalogue: Iterable<Product>,
  stats: CoPurchaseStats,
): RecommendationContext {
  const products = new Map<string, Product>();
  for (const p of catalogue) products.set(p.sku, p);
  const needing = new Map<string, Product[]>();
  const anyConsole: Product[] = [];
  const series = new Map<string, VolumeEntry[]>();
  const byCreator = new Map<string, Product[]>();
  for (const p of products.values()) {
    if (p.requires !== null) push(needing, p.requires, p);
    else if (p.category === 'gaming_accessories') anyConsole.push(p);
    const volume = seriesOf(p);
    if (volume) push(series, volume.series, { product: p, volume: volume.volume });
    const creator = creatorOf(p);
    if (creator) push(byCreator, creatorKey(creator.role, creator.name), p);
  }
  for (const list of series.values())
    list.sort((a, b) => a.volume - b.volume || compareText(a.product.sku, b.product.sku));

  const popularity = (p: Product) => stats.popularity.get(p.sku) ?? 0;
  const buyers = (p: Product) => stats.buyers.get(p.sku) ?? 0;
  const chart = [...products.values()].sort(
    (a, b) => popularity(b) - popularity(a) || buyers(b) - buyers(a) || compareText(a.sku, b.sku),
  );
  const charts = new Map<ProductCategory, Product[]>();
  const categoryRank = new Map<string, number>();
  for (const p of chart) {
    push(charts, p.category, p);
    categoryRank.set(p.sku, charts.get(p.category)?.length ?? 0);
  }
  return { products, stats, needing, anyConsole, series, byCreator, chart, charts, categoryRank };
}
