// Why a product is recommended: a stable code with the figures its wording needs (describe.ts words
// it in French or English). A reason anchored on a purchase names that purchase's product, order and
// day, so a preview can link it to the customer's timeline.
import { z } from 'zod';
import { isoDate, productCategory } from '../profile/schema.ts';

/** The purchase a reason rests on: the product bought, its order and its day (Paris time). */
const anchor = {
  product: z.string(),
  product_sku: z.string(),
  product_category: productCategory,
  order_id: z.string(),
  bought_at: isoDate,
};
const rank = z.number().int().positive();

export const creatorRole = z.enum(['author', 'artist', 'composer']);
export type CreatorRole = z.infer<typeof creatorRole>;

export const recommendationReason = z.discriminatedUnion('code', [
  /** Needs or goes with a base product they bought (a game or an accessory for their console). */
  z.strictObject({ code: z.literal('complements_owned'), params: z.strictObject(anchor) }),
  /**
   * For a base product they must own, since something they bought needs it (a Switch game tells
   * they have a Switch): `platform` is the base, the anchor the product that needs it.
   */
  z.strictObject({
    code: z.literal('for_platform'),
    params: z.strictObject({
      ...anchor,
      platform: z.string(),
      platform_sku: z.string(),
      platform_category: productCategory,
    }),
  }),
  /** The next volume of a series they bought a volume of. */
  z.strictObject({
    code: z.literal('next_in_series'),
    params: z.strictObject({
      ...anchor,
      series: z.string(),
      volume: z.number().int().nonnegative(),
      owned_volume: z.number().int().nonnegative(),
    }),
  }),
  /** By the author, artist or composer of something they bought. */
  z.strictObject({
    code: z.literal('same_creator'),
    params: z.strictObject({ ...anchor, creator: z.string(), role: creatorRole }),
  }),
  /** Bought by many customers who bought what they bought (`customers` of them). */
  z.strictObject({
    code: z.literal('bought_together'),
    params: z.strictObject({ ...anchor, customers: z.number().int().positive() }),
  }),
  /** Among the best sellers (`rank` in the category's chart) of their favourite category. */
  z.strictObject({
    code: z.literal('category_best_seller'),
    params: z.strictObject({ category: productCategory, rank }),
  }),
  /** The product of the campaign's offer. */
  z.strictObject({ code: z.literal('offer_product'), params: z.strictObject({}) }),
  /** Among the best sellers of the campaign's offer's category. */
  z.strictObject({
    code: z.literal('offer_best_seller'),
    params: z.strictObject({ category: productCategory, rank }),
  }),
]);
export type RecommendationReason = z.infer<typeof recommendationReason>;
export type ReasonCode = RecommendationReason['code'];
export type Anchor = Extract<RecommendationReason, { code: 'complements_owned' }>['params'];
