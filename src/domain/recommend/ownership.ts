// What a customer owns, as far as their history tells: every product of their completed orders
// (a returned or cancelled order leaves nothing owned), the base products those need (a Wii game
// means a Wii at home, bought here or not), and every work of which they own an edition.
import { requireScope, type CustomerHistory } from '../profile/history.ts';
import type { Product } from '../profile/schema.ts';

/** One product of a completed order. */
export interface Purchase {
  sku: string;
  qty: number;
  /** null when the sku is not in the catalogue: still owned, its relations unknown. */
  product: Product | null;
  order_id: string;
  /** The order's instant. */
  at: string;
  /** The same in epoch ms. */
  ms: number;
}

export interface Ownership {
  /** Each product bought, at its latest purchase. */
  purchases: ReadonlyMap<string, Purchase>;
  /** Each base product something bought needs (transitively), with the purchase that needs it. */
  bases: ReadonlyMap<string, Purchase>;
  /** Each work of which they own an edition, bought or needed, with the purchase behind it. */
  works: ReadonlyMap<string, Purchase>;
}

const parisDays = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** An instant's calendar day in Paris: `2026-03-11T23:30:00.000Z` → `2026-03-12`. */
export function parisDay(instant: string): string {
  return parisDays.format(new Date(instant));
}

/**
 * The products of the history's completed orders placed at or before `asOf`, in the history's
 * order. Needs the whole orders table: a trimmed one would make things look unowned.
 */
export function keptPurchases(history: CustomerHistory, asOf: string): Purchase[] {
  requireScope(history, ['orders']);
  const asOfMs = Date.parse(asOf);
  const out: Purchase[] = [];
  for (const { order, lines } of history.orders) {
    const ms = Date.parse(order.placed_at);
    if (order.status !== 'completed' || ms > asOfMs) continue;
    for (const { line, product } of lines) {
      out.push({
        sku: line.sku,
        qty: line.qty,
        product,
        order_id: order.order_id,
        at: order.placed_at,
        ms,
      });
    }
  }
  return out;
}

/** Whether `a` is a later purchase than `b` (same instant: the one recorded later wins). */
const laterOrSame = (a: Purchase, b: Purchase) => a.ms >= b.ms;

/**
 * What a customer owns, from their kept purchases (`keptPurchases`); `products` resolves the
 * relations of the bases they never bought here.
 */
export function ownershipOf(
  kept: readonly Purchase[],
  products: ReadonlyMap<string, Product>,
): Ownership {
  const purchases = new Map<string, Purchase>();
  for (const p of kept) {
    const known = purchases.get(p.sku);
    if (known === undefined || laterOrSame(p, known)) purchases.set(p.sku, p);
  }
  const bases = new Map<string, Purchase>();
  const works = new Map<string, Purchase>();
  const own = (product: Product | null, evidence: Purchase) => {
    if (product?.work_id != null && !works.has(product.work_id))
      works.set(product.work_id, evidence);
  };
  for (const purchase of purchases.values()) {
    own(purchase.product, purchase);
    // A chain of requirements (a case needs a phone) is followed to its end; a cycle stops.
    let base = purchase.product?.requires ?? null;
    while (base !== null && !bases.has(base)) {
      bases.set(base, purchase);
      const product = products.get(base) ?? null;
      own(product, purchase);
      base = product?.requires ?? null;
    }
  }
  return { purchases, bases, works };
}
