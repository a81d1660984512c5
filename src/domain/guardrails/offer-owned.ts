// already_owned and owned_base_product: the message offers or recommends what the customer has.
// Owning follows the recommender's one rule (recommend/ownership.ts): the products of their
// completed orders placed by the send, on any channel; a returned or cancelled order owns nothing.
// Owned too: another edition of a work they bought (the DVD of the box set), and the base a
// product they bought needs, followed down the chain (a Wii game: the Wii).
import { compareText } from '../compare.ts';
import { requireScope, type HistoryOrder } from '../profile/history.ts';
import { keptPurchases, ownershipOf, type Purchase } from '../recommend/ownership.ts';
import type { GuardrailInput } from './input.ts';
import {
  messageProducts,
  orderEvidence,
  ownRows,
  productEvidence,
  sendInstant,
  type MessageProduct,
} from './offer-message.ts';
import type { Evidence, VerdictOf } from './verdict.ts';

interface OwnedFinding {
  product: MessageProduct;
  /** Their latest purchase of the product, or else of another edition of its work. */
  owned: Purchase;
  order: HistoryOrder;
}

/** The latest purchase of another edition of `workId` (same instant: the one listed later). */
function sameWorkPurchase(
  purchases: Iterable<Purchase>,
  workId: string | null | undefined,
): Purchase | undefined {
  if (workId == null) return undefined;
  let latest: Purchase | undefined;
  for (const p of purchases) {
    if (p.product?.work_id === workId && (latest === undefined || p.ms >= latest.ms)) latest = p;
  }
  return latest;
}

type Owned = ReturnType<typeof ownershipAt>;

function ownershipAt(input: GuardrailInput) {
  const history = ownRows(input.history);
  const ownership = ownershipOf(keptPurchases(history, input.at), input.reference.products);
  const orders = new Map(history.orders.map((o) => [o.order.order_id, o]));
  return { history, ownership, orders };
}

function ownedFindings(input: GuardrailInput, { ownership, orders }: Owned): OwnedFinding[] {
  const out: OwnedFinding[] = [];
  for (const product of messageProducts(input)) {
    const owned =
      ownership.purchases.get(product.sku) ??
      sameWorkPurchase(ownership.purchases.values(), product.product?.work_id);
    const order = owned === undefined ? undefined : orders.get(owned.order_id);
    if (owned !== undefined && order !== undefined) out.push({ product, owned, order });
  }
  return out;
}

/**
 * One verdict per product in the message they bought, or of which they bought another edition.
 * An in-store purchase is theirs through their loyalty card: the earliest card known at the send
 * is shown with the order.
 */
export function alreadyOwned(input: GuardrailInput): VerdictOf<'already_owned'>[] {
  requireScope(input.history, ['orders', 'identities']);
  const state = ownershipAt(input);
  const findings = ownedFindings(input, state);
  const at = sendInstant(input);
  const cards = state.history.identities
    .filter((i) => i.kind === 'loyalty_card' && i.first_seen <= at)
    .sort((a, b) => compareText(a.first_seen, b.first_seen));
  const card = cards[0];
  return findings.map(({ product, owned, order }): VerdictOf<'already_owned'> => {
    const inStore = order.order.channel === 'store';
    const evidence: Evidence[] = [orderEvidence(order)];
    if (inStore && card) {
      evidence.push({
        kind: 'identity',
        identity_kind: 'loyalty_card',
        value: card.value,
        first_seen: card.first_seen,
      });
    }
    evidence.push(productEvidence(product));
    return {
      guardrail: 'already_owned',
      severity: 'block',
      params: {
        sku: product.sku,
        title: product.title,
        role: product.role,
        owned_sku: owned.sku,
        owned_title: owned.product?.title ?? product.title,
        owned_format: owned.product?.format ?? null,
        same_work: owned.sku !== product.sku,
        order_id: order.order.order_id,
        bought_at: order.order.placed_at,
        order_channel: order.order.channel,
        store_name: inStore ? (order.store?.name ?? null) : null,
        loyalty_card: card !== undefined,
      },
      evidence,
    };
  });
}

/**
 * One verdict per product in the message that something they bought needs (their console, for
 * their games), unless it is already_owned: a purchase of it is the stronger proof.
 */
export function ownedBaseProduct(input: GuardrailInput): VerdictOf<'owned_base_product'>[] {
  const state = ownershipAt(input);
  const { ownership, orders } = state;
  const reported = new Set(ownedFindings(input, state).map((f) => f.product.sku));
  const out: VerdictOf<'owned_base_product'>[] = [];
  for (const product of messageProducts(input)) {
    if (reported.has(product.sku)) continue;
    const needer = ownership.bases.get(product.sku);
    const order = needer === undefined ? undefined : orders.get(needer.order_id);
    if (needer === undefined || order === undefined) continue;
    out.push({
      guardrail: 'owned_base_product',
      severity: 'block',
      params: {
        sku: product.sku,
        title: product.title,
        role: product.role,
        needed_by_sku: needer.sku,
        needed_by_title: needer.product?.title ?? needer.sku,
        order_id: needer.order_id,
        bought_at: needer.at,
      },
      evidence: [orderEvidence(order)],
    });
  }
  return out;
}
