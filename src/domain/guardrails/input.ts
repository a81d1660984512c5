// What every guardrail is given about one recipient: their whole history (with the reference rows
// it points to), the campaign as it would leave (its channel, time zone, offer terms), the instant
// it would leave, the recommended products, the rendered message and the policy. Guardrails are
// pure functions of it (check.ts runs them all).
import type { CampaignBody, OfferTarget } from '../campaign/campaign.ts';
import type { CustomerHistory, HistoryReference } from '../profile/history.ts';
import type { MessageChannel, Product } from '../profile/schema.ts';
import type { TemplateRenderResult } from '../template/result.ts';
import type { GuardrailPolicy } from './policy.ts';
import type { Verdict } from './verdict.ts';

/** A campaign's offer with its prices worked out against the catalogue (offer.ts). */
export interface OfferTerms {
  target: OfferTarget;
  /** The product of a product offer; null for a category offer or a sku the catalogue lacks. */
  product: Product | null;
  /** How messages name it. */
  title: string;
  /** The product's catalogue price; null for a category offer. */
  list_price_cents: number | null;
  /** What the customer pays for the product; null when it cannot be known (a category offer). */
  price_cents: number | null;
  /** The amount off the list price; null when it cannot be known (a percentage on a category). */
  discount_cents: number | null;
  /** The share off the list price, 0–100; null when it cannot be known (an amount on a category). */
  discount_percent: number | null;
  /** Days in the campaign's time zone, both included; null: open. */
  valid_from: string | null;
  valid_to: string | null;
}

export interface GuardrailInput {
  /** The recipient's whole history: guardrails never answer from part of one. */
  history: CustomerHistory;
  reference: HistoryReference;
  campaign: {
    channel: MessageChannel;
    /** The campaign's IANA time zone: its send time and offer days are read in it. */
    time_zone: string;
    body: CampaignBody;
  };
  offer: OfferTerms | null;
  /**
   * The instant the message would leave (ISO): the campaign's send time, or now when it has none.
   * Rows after it are not known yet and count for nothing.
   */
  at: string;
  /** The recommended products, in the message's order. */
  recommendations: readonly Product[];
  /** The message as rendered for this recipient; null when it could not be. */
  render: TemplateRenderResult | null;
  policy: GuardrailPolicy;
}

/** One guardrail: its verdicts on one recipient (none when the message is fine on its count). */
export type Guardrail = (input: GuardrailInput) => Verdict[];
