// Recommendations for a batch of customers (POST /api/recommendations): per customer, the products
// a strategy ranks, each with its reason as a stable code and params (the client words it with
// src/domain/recommend/describe.ts).
import { z } from 'zod';
import {
  currency,
  isoInstant,
  messageChannel,
  productCategory,
} from '../../domain/profile/schema.ts';
import { recommendationReason } from '../../domain/recommend/reason.ts';
import {
  MAX_RECOMMENDATIONS,
  offerTarget,
  recommendationStrategy,
} from '../../domain/recommend/strategy.ts';

/** The most customers one request asks about. */
export const MAX_RECOMMENDATION_CUSTOMERS = 100;

export const recommendationsRequest = z
  .strictObject({
    customer_ids: z.array(z.string().min(1).max(64)).min(1).max(MAX_RECOMMENDATION_CUSTOMERS),
    strategy: recommendationStrategy,
    count: z.number().int().min(1).max(MAX_RECOMMENDATIONS),
    /** The campaign's channel: what it cannot sell is left out (web shop stock for all of them). */
    channel: messageChannel.optional(),
    /** The campaign's offer: a product or a category. The 'offer' strategy needs it. */
    offer: offerTarget.optional(),
  })
  .check((ctx) => {
    if (ctx.value.strategy === 'offer' && ctx.value.offer === undefined) {
      ctx.issues.push({
        code: 'custom',
        path: ['offer'],
        message: 'The offer strategy recommends the campaign’s offer: send it.',
        input: ctx.value,
      });
    }
  });
export type RecommendationsRequest = z.infer<typeof recommendationsRequest>;

export const recommendedProduct = z.object({
  sku: z.string(),
  title: z.string(),
  category: productCategory,
  subcategory: z.string(),
  brand: z.string(),
  format: z.string().nullable(),
  price_cents: z.number().int(),
  currency,
  work_id: z.string().nullable(),
  reason: recommendationReason,
});
export type RecommendedProduct = z.infer<typeof recommendedProduct>;

export const recommendationsResponse = z.object({
  strategy: recommendationStrategy,
  channel: messageChannel.nullable(),
  as_of: isoInstant,
  /** The co-purchase statistics the ranking read: counted up to `as_of` over `customers`. */
  statistics: z.object({
    as_of: isoInstant,
    customers: z.number().int().nonnegative(),
    window_days: z.number().int().positive(),
  }),
  /** One entry per known customer, in the order asked; products best first. */
  results: z.array(
    z.object({ customer_id: z.string(), recommendations: z.array(recommendedProduct) }),
  ),
  /** The ids asked that name no customer, in the order asked. */
  unknown_customer_ids: z.array(z.string()),
});
export type RecommendationsResponse = z.infer<typeof recommendationsResponse>;
