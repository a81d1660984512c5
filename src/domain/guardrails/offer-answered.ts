// answered_elsewhere: the customer already answered this offer — accepted or declined it — on
// another channel (in store, on the phone) within the policy's window: pushing it again on the
// campaign's channel reads as not listening.
import { requireScope, type HistoryResponse } from '../profile/history.ts';
import type { OfferTarget } from '../campaign/campaign.ts';
import type { Offer, Product } from '../profile/schema.ts';
import type { GuardrailInput } from './input.ts';
import { DAY_MS, ownRows } from './offer-message.ts';
import type { VerdictOf } from './verdict.ts';

/**
 * Whether an answered offer is the campaign's: on a product, the same sku or another edition of
 * the same work (a non-null work_id both products share); on a category, the same category.
 */
function sameOffer(target: OfferTarget, answered: Offer, products: ReadonlyMap<string, Product>) {
  if (target.kind === 'category') return answered.category === target.category;
  if (answered.sku === null) return false;
  if (answered.sku === target.sku) return true;
  const work = products.get(target.sku)?.work_id ?? null;
  return work !== null && products.get(answered.sku)?.work_id === work;
}

/**
 * The latest answer (same instant: the one recorded later) to the campaign's offer in the window
 * (at − answered_window_days, at] — an answer exactly `answered_window_days` × 24 h before the send
 * is out, one at the send's instant is in — on a channel other than the campaign's. Only the latest
 * is reported: it is what the customer last said, and one proof blocks the message.
 */
export function answeredElsewhere(input: GuardrailInput): VerdictOf<'answered_elsewhere'>[] {
  const target = input.offer?.target;
  if (target === undefined) return [];
  requireScope(input.history, ['offer_responses']);
  const atMs = Date.parse(input.at);
  const window = input.policy.answered_window_days;
  const fromMs = atMs - window * DAY_MS;
  let latest: { answer: HistoryResponse; offer: Offer; ms: number } | null = null;
  for (const answer of ownRows(input.history).offerResponses) {
    const { response, offer } = answer;
    const ms = Date.parse(response.at);
    if (ms <= fromMs || ms > atMs || response.channel === input.campaign.channel) continue;
    if (offer === null || !sameOffer(target, offer, input.reference.products)) continue;
    if (latest === null || ms >= latest.ms) latest = { answer, offer, ms };
  }
  if (latest === null) return [];
  const { response } = latest.answer;
  const verdict: VerdictOf<'answered_elsewhere'> = {
    guardrail: 'answered_elsewhere',
    severity: 'block',
    params: {
      response: response.response,
      offer_id: latest.offer.offer_id,
      offer_title: latest.offer.title,
      channel: response.channel,
      at: response.at,
      days_before: Math.floor((atMs - latest.ms) / DAY_MS),
      window_days: window,
    },
    evidence: [
      { kind: 'entry', entry_kind: 'offer_response', id: response.response_id, at: response.at },
    ],
  };
  return [verdict];
}
