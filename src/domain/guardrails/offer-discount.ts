// meaningless_discount: an offer that takes next to nothing off (0,33 € off a 100,32 € box set), or
// that asks no less than they last paid for the product. Either rule is its own verdict.
import { requireScope, type HistoryOrder } from '../profile/history.ts';
import type { GuardrailInput } from './input.ts';
import { roundHalfAway } from './offer.ts';
import { offerEvidence, orderEvidence, ownRows } from './offer-message.ts';
import type { Evidence, VerdictOf } from './verdict.ts';

interface Paid {
  /** The unit price after the line's discount, rounded to the cent (half away from zero). */
  cents: number;
  order: HistoryOrder;
}

/**
 * What they paid a unit of `sku` the last time they bought it: the latest line of it (by the
 * order's instant; same instant, the line recorded later) in an order placed at or before `at`,
 * completed or returned — a return does not change what the price was. Cancelled orders were
 * never paid.
 */
export function lastPaid(input: GuardrailInput, sku: string): Paid | null {
  requireScope(input.history, ['orders']);
  const atMs = Date.parse(input.at);
  let latest: (Paid & { ms: number }) | null = null;
  for (const order of ownRows(input.history).orders) {
    const ms = Date.parse(order.order.placed_at);
    if (order.order.status === 'cancelled' || ms > atMs) continue;
    if (latest !== null && ms < latest.ms) continue;
    for (const { line } of order.lines) {
      if (line.sku !== sku) continue;
      const cents = roundHalfAway(
        (line.qty * line.unit_price_cents - line.discount_cents) / line.qty,
      );
      latest = { cents, order, ms };
    }
  }
  return latest;
}

/**
 * `threshold`: a known discount under either of the policy's minimums (a share under
 * `min_discount_percent`, an amount under `min_discount_cents`; the share as the terms round it,
 * to two decimals; a minimum itself is enough). `not_below_paid`: a product offer's price at or
 * above what they last paid a unit of it.
 */
export function meaninglessDiscount(input: GuardrailInput): VerdictOf<'meaningless_discount'>[] {
  const offer = input.offer;
  if (offer === null) return [];
  const { policy } = input;
  const sku = offer.target.kind === 'product' ? offer.target.sku : null;
  const verdict = (
    rule: 'threshold' | 'not_below_paid',
    paid: Paid | null,
    evidence: Evidence[],
  ): VerdictOf<'meaningless_discount'> => ({
    guardrail: 'meaningless_discount',
    severity: 'block',
    params: {
      rule,
      sku,
      title: offer.title,
      list_price_cents: offer.list_price_cents,
      offer_price_cents: offer.price_cents,
      discount_cents: offer.discount_cents,
      discount_percent: offer.discount_percent,
      min_discount_percent: policy.min_discount_percent,
      min_discount_cents: policy.min_discount_cents,
      paid_cents: paid?.cents ?? null,
      paid_at: paid?.order.order.placed_at ?? null,
    },
    evidence,
  });
  const out: VerdictOf<'meaningless_discount'>[] = [];
  const percentUnder =
    offer.discount_percent !== null && offer.discount_percent < policy.min_discount_percent;
  const centsUnder =
    offer.discount_cents !== null && offer.discount_cents < policy.min_discount_cents;
  if (percentUnder || centsUnder) out.push(verdict('threshold', null, [offerEvidence]));
  const price = offer.price_cents;
  if (sku !== null && price !== null) {
    const paid = lastPaid(input, sku);
    if (paid !== null && price >= paid.cents) {
      out.push(verdict('not_below_paid', paid, [offerEvidence, orderEvidence(paid.order)]));
    }
  }
  return out;
}
