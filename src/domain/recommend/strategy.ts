// The recommendation strategies a campaign's slot can name, and what a call is asked: how many
// products, for which channel, as of when, and the campaign's offer.
import { z } from 'zod';
import { productCategory, type MessageChannel } from '../profile/schema.ts';

export const recommendationStrategy = z.enum([
  /** What goes with what they own: their console's games and accessories, the next volume, the same author or artist. */
  'complements',
  /** What customers who bought what they own also bought (co-purchase statistics). */
  'bought_together',
  /** The best sellers of their favourite category. */
  'category_best_sellers',
  /** The campaign's own offer: its product, or the best sellers of its category. */
  'offer',
]);
export type RecommendationStrategy = z.infer<typeof recommendationStrategy>;

/** What a campaign's offer is on: one product, or a category (the campaign document's shape). */
export const offerTarget = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('product'), sku: z.string().min(1).max(64) }),
  z.strictObject({ kind: z.literal('category'), category: productCategory }),
]);
export type OfferTarget = z.infer<typeof offerTarget>;

/** The most products one call ranks. */
export const MAX_RECOMMENDATIONS = 20;

export interface RecommendOptions {
  /** How many products at most (1 to MAX_RECOMMENDATIONS). */
  count: number;
  /**
   * The instant the recommendation is made: orders placed after it are not known yet, products
   * launched after it are not out yet (an offline evaluation moves it back to its cut-off).
   */
  asOf: string;
  /** The campaign's channel; null when there is no campaign (read as a remote channel too). */
  channel: MessageChannel | null;
  /** The campaign's offer; the 'offer' strategy recommends nothing without one. */
  offer: OfferTarget | null;
}
