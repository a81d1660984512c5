// Whether a product can be recommended on a campaign's channel. Every campaign channel (e-mail,
// SMS, push, web banner) sends the customer to the web shop: a product is available when it is
// out, not discontinued, and the web shop has it (online_stock > 0). Store stock is per store and
// a message does not know which store its reader would walk into, so it is not read; a call
// without a channel is read the same way (never recommend what cannot be delivered).
import type { MessageChannel, Product } from '../profile/schema.ts';

export type Unavailability = 'discontinued' | 'not_launched' | 'out_of_stock_online';

/**
 * Why `product` cannot be recommended on `channel` at `asOf`, or null. `asOf` is an instant in
 * the products' own form (`isoInstant`: UTC with milliseconds), so instants compare as text.
 */
export function unavailability(
  product: Product,
  channel: MessageChannel | null,
  asOf: string,
): Unavailability | null {
  if (product.discontinued) return 'discontinued';
  if (product.launched_at > asOf) return 'not_launched';
  switch (channel) {
    case 'email':
    case 'sms':
    case 'push':
    case 'web_banner':
    case null:
      return product.online_stock > 0 ? null : 'out_of_stock_online';
  }
}
