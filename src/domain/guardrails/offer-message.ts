// What the offer guardrails read alike: the products a message carries (its offer's product and
// its recommendations), the recipient's own rows as known at the send, and the evidence that points
// at an order.
import type { CustomerHistory, HistoryOrder } from '../profile/history.ts';
import type { Product } from '../profile/schema.ts';
import type { GuardrailInput } from './input.ts';
import type { Evidence, ProductRole } from './verdict.ts';

export const DAY_MS = 86_400_000;

/** A product the message shows, and as what. */
export interface MessageProduct {
  sku: string;
  title: string;
  /** null for an offer on a sku the catalogue lacks: still matched by its sku. */
  product: Product | null;
  role: ProductRole;
}

/**
 * The products in the message: the offer's product first (a product offer), then the
 * recommendations in their order; a product shown twice (an offer strategy recommends the offer's
 * own product) is listed once, as the offer.
 */
export function messageProducts(input: GuardrailInput): MessageProduct[] {
  const out: MessageProduct[] = [];
  const seen = new Set<string>();
  const add = (p: MessageProduct) => {
    if (seen.has(p.sku)) return;
    seen.add(p.sku);
    out.push(p);
  };
  const offer = input.offer;
  if (offer?.target.kind === 'product') {
    const product = offer.product;
    add({ sku: offer.target.sku, title: product?.title ?? offer.title, product, role: 'offer' });
  }
  for (const product of input.recommendations) {
    add({ sku: product.sku, title: product.title, product, role: 'recommendation' });
  }
  return out;
}

/**
 * The history with only the customer's own orders, responses and identities. A history holds
 * nothing else; this makes sure a row of someone else's (a household's other profile) never
 * counts as theirs, whatever assembled it.
 */
export function ownRows(history: CustomerHistory): CustomerHistory {
  const id = history.customer.customer_id;
  return {
    ...history,
    orders: history.orders.filter((o) => o.order.customer_id === id),
    offerResponses: history.offerResponses.filter((r) => r.response.customer_id === id),
    identities: history.identities.filter((i) => i.customer_id === id),
  };
}

/** The send's instant in the rows' own form (UTC, milliseconds), so instants compare as text. */
export function sendInstant(input: GuardrailInput): string {
  return new Date(Date.parse(input.at)).toISOString();
}

/** The timeline's entry for an order. */
export function orderEvidence(order: HistoryOrder): Evidence {
  return {
    kind: 'entry',
    entry_kind: 'order',
    id: order.order.order_id,
    at: order.order.placed_at,
  };
}

export function productEvidence(product: MessageProduct): Evidence {
  return { kind: 'product', sku: product.sku, title: product.title };
}

export const offerEvidence: Evidence = { kind: 'campaign', part: 'offer' };
