// Whatever a customer bought, returned or cancelled, and whatever the strategy, channel and offer:
// no recommendation is owned, another edition of something owned, a base product something owned
// needs, or unsellable — ownership computed here from the purchases listed, not by the recommender.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { messageChannel } from '../profile/schema.ts';
import { coPurchaseStats } from './co-purchase.ts';
import { recommendationContext } from './context.ts';
import { recommend } from './recommend.ts';
import {
  AS_OF,
  catalogue,
  historyOfPurchases,
  reference,
  type Bought,
} from './recommend.fixture.ts';
import { recommendationStrategy, type OfferTarget } from './strategy.ts';

const DAY = 86_400_000;
const bought = fc.record({
  sku: fc.constantFrom(...catalogue.map((p) => p.sku), 'UNKNOWN'),
  status: fc.constantFrom(
    'completed' as const,
    'completed' as const,
    'returned' as const,
    'cancelled' as const,
  ),
  at: fc
    .integer({ min: -800, max: 20 })
    .map((d) => new Date(Date.parse(AS_OF) + d * DAY).toISOString()),
  qty: fc.integer({ min: 1, max: 3 }),
});
const baskets = fc.array(fc.array(bought, { maxLength: 8 }), { maxLength: 12 });

/** What the listed purchases own at AS_OF: skus, the bases they need, and both's works. */
function ownedBy(purchases: readonly Bought[]) {
  const skus = new Set(
    purchases
      .filter((b) => b.status === 'completed' && Date.parse(b.at ?? '') <= Date.parse(AS_OF))
      .map((b) => b.sku),
  );
  const bases = new Set<string>();
  for (const sku of skus) {
    for (
      let base = reference.products.get(sku)?.requires ?? null;
      base !== null && !bases.has(base);
    ) {
      bases.add(base);
      base = reference.products.get(base)?.requires ?? null;
    }
  }
  const works = new Set(
    [...skus, ...bases].flatMap((sku) => reference.products.get(sku)?.work_id ?? []),
  );
  return { skus, bases, works };
}

test('no strategy ever recommends what is owned, in any edition, needed, or unsellable', () => {
  fc.assert(
    fc.property(
      baskets,
      fc.array(bought, { maxLength: 10 }),
      fc.constantFrom(...recommendationStrategy.options),
      fc.constantFrom(...messageChannel.options, null),
      fc.option(
        fc.oneof(
          fc.constantFrom(...catalogue.map((p): OfferTarget => ({ kind: 'product', sku: p.sku }))),
          fc.constantFrom(
            ...catalogue.map((p): OfferTarget => ({ kind: 'category', category: p.category })),
          ),
        ),
      ),
      fc.integer({ min: 1, max: 20 }),
      (others, mine, strategy, channel, offer, count) => {
        const stats = coPurchaseStats(
          others.map((b, i) => historyOfPurchases(b, `C${i + 2}`)),
          { asOf: AS_OF, minCustomers: 1 },
        );
        const context = recommendationContext(catalogue, stats);
        const list = recommend(historyOfPurchases(mine), context, strategy, {
          count,
          asOf: AS_OF,
          channel,
          offer,
        });
        const owned = ownedBy(mine);
        expect(list.length).toBeLessThanOrEqual(count);
        const works = list.flatMap((r) => r.product.work_id ?? []);
        expect(new Set(works).size).toBe(works.length);
        for (const { product } of list) {
          expect(owned.skus.has(product.sku)).toBe(false);
          expect(owned.bases.has(product.sku)).toBe(false);
          expect(product.work_id !== null && owned.works.has(product.work_id)).toBe(false);
          expect(product.discontinued).toBe(false);
          expect(product.online_stock).toBeGreaterThan(0);
          expect(Date.parse(product.launched_at)).toBeLessThanOrEqual(Date.parse(AS_OF));
        }
      },
    ),
    { numRuns: 300 },
  );
});
