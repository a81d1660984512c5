// A campaign's offer with its prices worked out against the catalogue: what the customer pays, how
// much that takes off the list price, in cents and as a share. The guardrails and the message read
// these figures, so they are worked out once, here. A figure that cannot be known is null (a
// percentage on a whole category has no amount), never guessed.
import type { CampaignBody } from '../campaign/campaign.ts';
import type { Product } from '../profile/schema.ts';
import type { OfferTerms } from './input.ts';

/** Rounds half away from zero (2.5 → 3, −2.5 → −3): money is never rounded by the sign. */
export function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/** `part` as a share of `whole`, 0–100, two decimals (half away from zero); null for no whole. */
export function percentOf(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return roundHalfAway((part * 10_000) / whole) / 100;
}

/** `percent` % of `cents`, in whole cents (half away from zero): 10 % of 10 005 is 1 001. */
export function centsOff(cents: number, percent: number): number {
  return roundHalfAway((cents * percent) / 100);
}

type Prices = Pick<
  OfferTerms,
  'list_price_cents' | 'price_cents' | 'discount_cents' | 'discount_percent'
>;

const unknownPrices: Prices = {
  list_price_cents: null,
  price_cents: null,
  discount_cents: null,
  discount_percent: null,
};

/**
 * The offer's terms, or null when the campaign has no offer. `products` is the catalogue by sku;
 * `fallbackTitle` names an offer whose title is blank (a product offer's product names it first).
 *
 * On a product, every figure follows from the list price and the offer's own one: a price to pay
 * (the discount is what it takes off, negative when it is above the list price), a percentage
 * (the amount rounded to the cent), or an amount off (the price never below 0; the share at most
 * 100 %). On a category, or a sku the catalogue lacks, only the offer's own figure is known.
 */
export function offerTerms(
  body: CampaignBody,
  products: ReadonlyMap<string, Product>,
  fallbackTitle: string,
): OfferTerms | null {
  const offer = body.offer;
  if (offer === null) return null;
  const product = offer.target.kind === 'product' ? (products.get(offer.target.sku) ?? null) : null;
  const list = product?.price_cents ?? null;
  const price = offer.price;
  let prices: Prices;
  switch (price.kind) {
    case 'price':
      prices =
        list === null
          ? { ...unknownPrices, price_cents: price.cents }
          : {
              list_price_cents: list,
              price_cents: price.cents,
              discount_cents: list - price.cents,
              discount_percent: percentOf(list - price.cents, list),
            };
      break;
    case 'percent': {
      if (list === null) {
        prices = { ...unknownPrices, discount_percent: price.percent };
        break;
      }
      const off = centsOff(list, price.percent);
      prices = {
        list_price_cents: list,
        price_cents: list - off,
        discount_cents: off,
        discount_percent: price.percent,
      };
      break;
    }
    case 'amount_off': {
      if (list === null) {
        prices = { ...unknownPrices, discount_cents: price.cents };
        break;
      }
      const share = percentOf(price.cents, list);
      prices = {
        list_price_cents: list,
        price_cents: Math.max(0, list - price.cents),
        discount_cents: price.cents,
        discount_percent: share === null ? null : Math.min(100, share),
      };
      break;
    }
  }
  const title = offer.title.trim();
  return {
    target: offer.target,
    product,
    title: title !== '' ? title : (product?.title ?? fallbackTitle),
    ...prices,
    valid_from: offer.valid_from,
    valid_to: offer.valid_to,
  };
}
