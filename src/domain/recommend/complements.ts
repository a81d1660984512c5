// The complements strategy: what goes with what the customer owns. A base product they bought
// (a console, a phone) brings what needs it and, for a console, the accessories that fit any; a
// product that needs a base (a game) tells they own that base and brings the rest of its range;
// a volume of a series brings the next volume out; a book or an album brings the same author's,
// artist's or composer's other works. Each weighs by how recent the purchase behind it is and by
// how well the product sells.
import type { Product } from '../profile/schema.ts';
import { creatorKey, type RecommendationContext } from './context.ts';
import type { Ownership } from './ownership.ts';
import { anchorOf, isKnown, once, recency, type KnownPurchase, type Ranking } from './ranking.ts';
import type { RecommendationReason } from './reason.ts';
import { creatorOf, seriesOf } from './relations.ts';

/** How strongly each relation suggests a purchase, before recency and popularity. */
export const COMPLEMENT_WEIGHTS = {
  next_in_series: 3,
  complements_owned: 2,
  for_platform: 1.5,
  same_creator: 1,
  any_console: 0.5,
} as const;

export function complements(
  ownership: Ownership,
  context: RecommendationContext,
  asOfMs: number,
  ranking: Ranking,
): void {
  const selling = (p: Product) => 1 + Math.log1p(context.stats.popularity.get(p.sku) ?? 0);
  const add = (
    products: readonly Product[],
    weight: number,
    reason: () => RecommendationReason,
  ) => {
    for (const p of products) ranking.add(p, weight * selling(p), reason);
  };
  const latestVolumes = new Map<string, { volume: number; purchase: KnownPurchase }>();

  for (const purchase of ownership.purchases.values()) {
    if (!isKnown(purchase)) continue;
    const owned = purchase.product;
    const weight = recency(purchase, asOfMs);
    const anchor = once(() => anchorOf(purchase));

    // A base product they bought: what needs it, and for a console what fits any console.
    const withBase = once((): RecommendationReason => ({
      code: 'complements_owned',
      params: anchor(),
    }));
    add(
      context.needing.get(owned.sku) ?? [],
      COMPLEMENT_WEIGHTS.complements_owned * weight,
      withBase,
    );
    if (owned.category === 'consoles')
      add(context.anyConsole, COMPLEMENT_WEIGHTS.any_console * weight, withBase);

    // A product that needs a base: they own the base, so the rest of its range fits.
    const base = owned.requires === null ? undefined : context.products.get(owned.requires);
    if (base) {
      const forPlatform = once((): RecommendationReason => ({
        code: 'for_platform',
        params: {
          ...anchor(),
          platform: base.title,
          platform_sku: base.sku,
          platform_category: base.category,
        },
      }));
      add(
        context.needing.get(base.sku) ?? [],
        COMPLEMENT_WEIGHTS.for_platform * weight,
        forPlatform,
      );
      if (base.category === 'consoles')
        add(context.anyConsole, COMPLEMENT_WEIGHTS.any_console * weight, forPlatform);
    }

    // The latest volume they own of each series, to offer the next one below.
    const volume = seriesOf(owned);
    if (volume) {
      const seen = latestVolumes.get(volume.series);
      if (seen === undefined || volume.volume > seen.volume)
        latestVolumes.set(volume.series, { volume: volume.volume, purchase });
    }

    const creator = creatorOf(owned);
    if (creator) {
      const byCreator = once((): RecommendationReason => ({
        code: 'same_creator',
        params: { ...anchor(), creator: creator.name, role: creator.role },
      }));
      const works = context.byCreator.get(creatorKey(creator.role, creator.name)) ?? [];
      add(works, COMPLEMENT_WEIGHTS.same_creator * weight, byCreator);
    }
  }

  for (const [series, { volume, purchase }] of latestVolumes) {
    const volumes = context.series.get(series) ?? [];
    const next = volumes.find((v) => v.volume > volume)?.volume;
    if (next === undefined) continue;
    const reason = once((): RecommendationReason => ({
      code: 'next_in_series',
      params: { ...anchorOf(purchase), series, volume: next, owned_volume: volume },
    }));
    // Every product of the next volume: two editions of it are both offered.
    const editions = volumes.filter((v) => v.volume === next).map((v) => v.product);
    add(editions, COMPLEMENT_WEIGHTS.next_in_series * recency(purchase, asOfMs), reason);
  }
}
