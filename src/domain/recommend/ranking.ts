// How a strategy's candidates become a ranked list: each candidate gathers weight from every
// reason it has (the strongest one is the reason given), what the customer may not be offered is
// dropped as it comes, a product needing a base they show no sign of owning ranks after the
// others, and a list holds one edition of a work.
import { compareText } from '../compare.ts';
import type { MessageChannel, Product } from '../profile/schema.ts';
import { exclusionOf, fitsWhatTheyOwn } from './eligibility.ts';
import { parisDay, type Ownership, type Purchase } from './ownership.ts';
import type { Anchor, RecommendationReason } from './reason.ts';

export interface Recommendation {
  product: Product;
  reason: RecommendationReason;
  /** The strategy's weight for it, for ordering only: comparable within one list, not across. */
  score: number;
}

/** The weight left to a product that needs a base the customer shows no sign of owning. */
export const UNFIT_WEIGHT = 0.2;
/** A purchase's weight as evidence halves every this many days. */
export const RECENCY_HALF_LIFE_DAYS = 180;

const DAY_MS = 86_400_000;

/** A purchase's weight as evidence at `asOfMs`: 1 on the day, ½ after RECENCY_HALF_LIFE_DAYS. */
export function recency(purchase: Purchase, asOfMs: number): number {
  const days = Math.max(0, (asOfMs - purchase.ms) / DAY_MS);
  return 0.5 ** (days / RECENCY_HALF_LIFE_DAYS);
}

/** A purchase whose product the catalogue knows: only those can anchor a reason. */
export type KnownPurchase = Purchase & { product: Product };

export const isKnown = (p: Purchase): p is KnownPurchase => p.product !== null;

/** A reason's anchor: the purchase it rests on. */
export function anchorOf(purchase: KnownPurchase): Anchor {
  const { product } = purchase;
  return {
    product: product.title,
    product_sku: product.sku,
    product_category: product.category,
    order_id: purchase.order_id,
    bought_at: parisDay(purchase.at),
  };
}

/** `make`, run once when first asked: an anchor costs a date in Paris time. */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | null = null;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}

export interface Ranking {
  /**
   * Adds `weight` to `product` for a reason (built only if it is the strongest so far: a strategy
   * may weigh thousands of candidates); ignored when the product is excluded.
   */
  add(product: Product, weight: number, reason: () => RecommendationReason): void;
  /** The best `count`, strongest first (ties by sku). */
  top(count: number): Recommendation[];
}

/** A ranking for one customer; `asOf` as `exclusionOf` takes it. */
export function ranking(
  ownership: Ownership,
  channel: MessageChannel | null,
  asOf: string,
): Ranking {
  const entries = new Map<
    string,
    { product: Product; score: number; strongest: number; reason: () => RecommendationReason }
  >();
  const excluded = new Set<string>();
  return {
    add(product, weight, reason) {
      if (!(weight > 0) || excluded.has(product.sku)) return;
      const entry = entries.get(product.sku);
      if (entry) {
        entry.score += weight;
        if (weight > entry.strongest) {
          entry.strongest = weight;
          entry.reason = reason;
        }
        return;
      }
      if (exclusionOf(product, ownership, channel, asOf) !== null) {
        excluded.add(product.sku);
        return;
      }
      entries.set(product.sku, { product, score: weight, strongest: weight, reason });
    },
    top(count) {
      const ranked = [...entries.values()]
        .map(({ product, score, reason }) => ({
          product,
          reason,
          score: fitsWhatTheyOwn(product, ownership) ? score : score * UNFIT_WEIGHT,
        }))
        .sort((a, b) => b.score - a.score || compareText(a.product.sku, b.product.sku));
      // One edition of a work per list: the best placed.
      const works = new Set<string>();
      const out: Recommendation[] = [];
      for (const r of ranked) {
        if (out.length === count) break;
        const work = r.product.work_id;
        if (work !== null) {
          if (works.has(work)) continue;
          works.add(work);
        }
        out.push({ product: r.product, reason: r.reason(), score: r.score });
      }
      return out;
    },
  };
}
