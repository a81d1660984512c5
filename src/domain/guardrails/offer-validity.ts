// unavailable and offer_not_valid: what the message offers cannot be had when it arrives — a
// product discontinued, not out yet or out of stock in the web shop every channel leads to, or an
// offer whose days do not include the send's.
import { localDateAt } from '../campaign/send-time.ts';
import { unavailability } from '../recommend/availability.ts';
import type { GuardrailInput } from './input.ts';
import { messageProducts, offerEvidence, productEvidence, sendInstant } from './offer-message.ts';
import type { VerdictOf } from './verdict.ts';

/**
 * One verdict per product in the message that cannot be sold online at the send (the
 * recommender's rule, recommend/availability.ts). A sku the catalogue lacks says nothing either way.
 */
export function unavailable(input: GuardrailInput): VerdictOf<'unavailable'>[] {
  const at = sendInstant(input);
  const out: VerdictOf<'unavailable'>[] = [];
  for (const item of messageProducts(input)) {
    if (item.product === null) continue;
    const rule = unavailability(item.product, input.campaign.channel, at);
    if (rule === null) continue;
    out.push({
      guardrail: 'unavailable',
      severity: 'block',
      params: {
        sku: item.sku,
        title: item.title,
        role: item.role,
        rule,
        launched_at: rule === 'not_launched' ? item.product.launched_at : null,
      },
      evidence: [productEvidence(item)],
    });
  }
  return out;
}

/**
 * The send's day in the campaign's time zone before the offer's first day (`not_started`) or after
 * its last (`expired`); both days are in the offer, an open end never stops it.
 */
export function offerNotValid(input: GuardrailInput): VerdictOf<'offer_not_valid'>[] {
  const offer = input.offer;
  if (offer === null) return [];
  const day = localDateAt(input.at, input.campaign.time_zone);
  const out: VerdictOf<'offer_not_valid'>[] = [];
  const verdict = (rule: 'expired' | 'not_started'): VerdictOf<'offer_not_valid'> => ({
    guardrail: 'offer_not_valid',
    severity: 'block',
    params: { rule, valid_from: offer.valid_from, valid_to: offer.valid_to, send_day: day },
    evidence: [offerEvidence],
  });
  // An open end stands for the send's own day: it never stops the offer.
  if (day < (offer.valid_from ?? day)) out.push(verdict('not_started'));
  if (day > (offer.valid_to ?? day)) out.push(verdict('expired'));
  return out;
}
