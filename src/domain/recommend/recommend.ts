// Recommendations for one customer: a pure function of their history, the catalogue and
// co-purchase statistics (the context), a strategy and the campaign's options. Whatever the
// strategy, nothing they own, no other edition of a work they own, no base product something they
// own needs, and nothing the campaign's channel cannot sell (eligibility.ts, availability.ts).
import type { CustomerHistory } from '../profile/history.ts';
import type { Product, ProductCategory } from '../profile/schema.ts';
import { compareText } from '../compare.ts';
import { complements } from './complements.ts';
import { exclusionOf } from './eligibility.ts';
import type { RecommendationContext } from './context.ts';
import { keptPurchases, ownershipOf, type Ownership, type Purchase } from './ownership.ts';
import {
  anchorOf,
  isKnown,
  once,
  ranking,
  recency,
  type Ranking,
  type Recommendation,
} from './ranking.ts';
import type { RecommendationReason } from './reason.ts';
import {
  MAX_RECOMMENDATIONS,
  type RecommendOptions,
  type RecommendationStrategy,
} from './strategy.ts';

export type { Recommendation } from './ranking.ts';

/**
 * The category with the most units over their completed orders, ties to the alphabetically
 * first: the rule of the segment builder's "favourite category", so both name the same one.
 */
export function favouriteCategory(purchases: readonly Purchase[]): ProductCategory | null {
  const units = new Map<ProductCategory, number>();
  for (const p of purchases) {
    if (p.product) units.set(p.product.category, (units.get(p.product.category) ?? 0) + p.qty);
  }
  let best: ProductCategory | null = null;
  let bestUnits = 0;
  for (const [category, n] of units) {
    if (best === null || n > bestUnits || (n === bestUnits && compareText(category, best) < 0)) {
      best = category;
      bestUnits = n;
    }
  }
  return best;
}

/** Charted products weigh by their place: the first of n weighs n, the last 1. */
function fromChart(
  chart: readonly Product[],
  into: Ranking,
  reasonOf: (rank: number) => RecommendationReason,
): void {
  chart.forEach((p, i) => into.add(p, chart.length - i, () => reasonOf(i + 1)));
}

function boughtTogether(
  ownership: Ownership,
  context: RecommendationContext,
  asOfMs: number,
  into: Ranking,
): void {
  for (const purchase of ownership.purchases.values()) {
    if (!isKnown(purchase)) continue;
    const weight = recency(purchase, asOfMs);
    const anchor = once(() => anchorOf(purchase));
    for (const n of context.stats.neighbours.get(purchase.sku) ?? []) {
      const product = context.products.get(n.sku);
      if (product === undefined) continue;
      into.add(product, n.score * weight, () => ({
        code: 'bought_together',
        params: { ...anchor(), customers: n.customers },
      }));
    }
  }
}

/** The instant of `options.asOf`, in ms and in the products' own form; checks `count`. */
function checked(options: RecommendOptions): { asOfMs: number; asOf: string } {
  const { count } = options;
  if (!Number.isInteger(count) || count < 1 || count > MAX_RECOMMENDATIONS)
    throw new RangeError(`count must be an integer from 1 to ${MAX_RECOMMENDATIONS}, got ${count}`);
  const asOfMs = Date.parse(options.asOf);
  if (Number.isNaN(asOfMs)) throw new RangeError(`asOf is not an instant: ${options.asOf}`);
  return { asOfMs, asOf: new Date(asOfMs).toISOString() };
}

/** The customer's products ranked by `strategy`, at most `options.count`, best first. */
export function recommend(
  history: CustomerHistory,
  context: RecommendationContext,
  strategy: RecommendationStrategy,
  options: RecommendOptions,
): Recommendation[] {
  const { asOfMs, asOf } = checked(options);
  const purchases = keptPurchases(history, asOf);
  const ownership = ownershipOf(purchases, context.products);
  const into = ranking(ownership, options.channel, asOf);
  switch (strategy) {
    case 'complements':
      complements(ownership, context, asOfMs, into);
      break;
    case 'bought_together':
      boughtTogether(ownership, context, asOfMs, into);
      break;
    case 'category_best_sellers': {
      const category = favouriteCategory(purchases);
      if (category === null) break;
      fromChart(context.charts.get(category) ?? [], into, (rank) => ({
        code: 'category_best_seller',
        params: { category, rank },
      }));
      break;
    }
    case 'offer': {
      const offer = options.offer;
      if (offer === null) break;
      if (offer.kind === 'product') {
        const product = context.products.get(offer.sku);
        if (product) into.add(product, 1, () => ({ code: 'offer_product', params: {} }));
      } else {
        const { category } = offer;
        fromChart(context.charts.get(category) ?? [], into, (rank) => ({
          code: 'offer_best_seller',
          params: { category, rank },
        }));
      }
      break;
    }
  }
  return into.top(options.count);
}

/**
 * The "most popular" baseline the offline evaluation measures the strategies against: the whole
 * catalogue's chart in order, under the same exclusions and nothing else. Not a strategy a
 * campaign can choose: it knows nothing of the customer but what to leave out.
 */
export function mostPopular(
  history: CustomerHistory,
  context: RecommendationContext,
  options: RecommendOptions,
): Product[] {
  const { asOf } = checked(options);
  const ownership = ownershipOf(keptPurchases(history, asOf), context.products);
  const out: Product[] = [];
  for (const p of context.chart) {
    if (out.length === options.count) break;
    if (exclusionOf(p, ownership, options.channel, asOf) === null) out.push(p);
  }
  return out;
}
