// The one rule every strategy obeys: never recommend what the customer owns, another edition of a
// work they own, a base product something they own needs, or what the channel cannot sell.
import type { MessageChannel, Product } from '../profile/schema.ts';
import { unavailability, type Unavailability } from './availability.ts';
import type { Ownership } from './ownership.ts';

export type Exclusion = 'owned' | 'base_owned' | 'other_edition_owned' | Unavailability;

/**
 * Why `product` is not for this customer, or null when it may be recommended. `asOf` as
 * `unavailability` takes it (UTC with milliseconds).
 */
export function exclusionOf(
  product: Product,
  ownership: Ownership,
  channel: MessageChannel | null,
  asOf: string,
): Exclusion | null {
  if (ownership.purchases.has(product.sku)) return 'owned';
  if (ownership.bases.has(product.sku)) return 'base_owned';
  if (product.work_id !== null && ownership.works.has(product.work_id))
    return 'other_edition_owned';
  return unavailability(product, channel, asOf);
}

/**
 * Whether the customer can use `product`: it needs no base, or a base they own (bought, or needed
 * by something bought). A game for a console they show no sign of owning ranks after the rest.
 */
export function fitsWhatTheyOwn(product: Product, ownership: Ownership): boolean {
  return (
    product.requires === null ||
    ownership.purchases.has(product.requires) ||
    ownership.bases.has(product.requires)
  );
}
