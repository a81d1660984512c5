// Recommendations for up to 100 customers (POST /api/recommendations): each customer's history
// from the store, ranked by the domain (src/domain/recommend) against the catalogue and the
// store's co-purchase statistics. The statistics are counted from the store's history stream on
// first use and again after each fit of the scores (a refit, or a reload of the data): they are
// the scores' contemporaries, never counted per request.
import { Hono } from 'hono';
import {
  recommendationsRequest,
  type RecommendationsResponse,
  type RecommendedProduct,
} from '../../src/api/contract.ts';
import type { HistoryScope } from '../../src/domain/profile/history.ts';
import { coPurchaseStatsOfStream } from '../../src/domain/recommend/co-purchase.ts';
import {
  recommendationContext,
  type RecommendationContext,
} from '../../src/domain/recommend/context.ts';
import { recommend, type Recommendation } from '../../src/domain/recommend/recommend.ts';
import { parseOr400 } from '../http.ts';
import type { ProfileStore } from '../store.ts';
import { bodyNotJson, limitBody } from './versioned-http.ts';

const MAX_BYTES = 16 * 1024;
/** Recommending reads orders only (with their lines and products). */
const ORDERS: HistoryScope = { tables: ['orders'], since: null };

interface Counted {
  /** The score book (or why none) the statistics go with: a new one means a refit or a reload. */
  generation: object;
  context: Promise<RecommendationContext>;
}
const counted = new WeakMap<ProfileStore, Counted>();

/**
 * The store's catalogue and co-purchase statistics, counted once per fit of its scores from the
 * histories of every customer with a completed order; concurrent callers share one count, and a
 * failed count is not kept.
 */
export async function recommendationContextOf(store: ProfileStore): Promise<RecommendationContext> {
  const generation = await store.scoreBook();
  const known = counted.get(store);
  if (known !== undefined && known.generation === generation) return known.context;
  const asOf = store.asOf;
  const context = (async () => {
    const [{ customerIds }, reference] = await Promise.all([
      store.scoringTransactions(),
      store.referenceRows(),
    ]);
    const stats = await coPurchaseStatsOfStream(store.histories(customerIds, { scope: ORDERS }), {
      asOf,
    });
    return recommendationContext(reference.products.values(), stats);
  })();
  const entry = { generation, context };
  counted.set(store, entry);
  context.catch(() => {
    if (counted.get(store) === entry) counted.delete(store);
  });
  return context;
}

/** A ranked product as the API sends it: the catalogue fields and the reason as code and params. */
export function productOf({ product, reason }: Recommendation): RecommendedProduct {
  return {
    sku: product.sku,
    title: product.title,
    category: product.category,
    subcategory: product.subcategory,
    brand: product.brand,
    format: product.format,
    price_cents: product.price_cents,
    currency: product.currency,
    work_id: product.work_id,
    reason,
  };
}

export function recommendationRoutes(store: ProfileStore): Hono {
  return new Hono().post('/', limitBody(MAX_BYTES, 'A recommendations request'), async (c) => {
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      throw bodyNotJson();
    }
    const request = parseOr400(recommendationsRequest, body, 'body');
    const context = await recommendationContextOf(store);
    const asked = [...new Set(request.customer_ids)];
    const options = {
      count: request.count,
      asOf: store.asOf,
      channel: request.channel ?? null,
      offer: request.offer ?? null,
    };
    const ranked = new Map<string, RecommendedProduct[]>();
    for await (const chunk of store.histories(asked, { scope: ORDERS })) {
      for (const history of chunk) {
        const list = recommend(history, context, request.strategy, options);
        ranked.set(history.customer.customer_id, list.map(productOf));
      }
    }
    const response: RecommendationsResponse = {
      strategy: request.strategy,
      channel: options.channel,
      as_of: options.asOf,
      statistics: {
        as_of: context.stats.asOf,
        customers: context.stats.customers,
        window_days: context.stats.windowDays,
      },
      results: asked.flatMap((id) => {
        const recommendations = ranked.get(id);
        return recommendations ? [{ customer_id: id, recommendations }] : [];
      }),
      unknown_customer_ids: asked.filter((id) => !ranked.has(id)),
    };
    return c.json(response);
  });
}
