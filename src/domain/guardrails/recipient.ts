// One recipient's message as it would leave, and every guardrail's verdict on it: the campaign's
// offer worked out against the catalogue, the recommendation slot ranked for them, their
// personalisation built from their history, the message rendered, then the checks. The preview
// and the recipients list both call it, so a recipient's verdicts are the same in both. Pure but
// for the renderer, which is given (in this thread, or a server's worker threads).
//
// One instant for everything: `at`, the instant the message would leave. The template's « today »
// is `at`, the guardrails count nothing after it, and the recommendations are ranked as of it too
// (recommend's `asOf`): a product launched before the send is out when the message arrives, and
// an order after `at` (a preview of a send in the data's past) is not yet known. The co-purchase
// statistics stay those counted up to the data's present.
//
// The message is in the recipient's language (`customer.language`): the words Tact adds (civility,
// tier and category names, the recommendations' reasons, money and dates) are theirs.
import { maskHistory } from '../profile/mask.ts';
import { bodyOnChannel, type CampaignBody, type CampaignChannel } from '../campaign/campaign.ts';
import type { DomainLanguage } from '../language.ts';
import {
  historyTables,
  requireScope,
  type CustomerHistory,
  type HistoryReference,
  type HistoryScope,
} from '../profile/history.ts';
import type { RecommendationContext } from '../recommend/context.ts';
import { describeReason } from '../recommend/describe.ts';
import { recommend, type Recommendation } from '../recommend/recommend.ts';
import {
  personalisation,
  type TemplateOffer,
  type TemplateRecommendation,
  type TemplateScores,
} from '../template/context.ts';
import type { RenderRequest } from '../template/render.ts';
import type { MessageTemplate, TemplateRenderResult } from '../template/result.ts';
import { recipientChannel } from './channel-choice.ts';
import { checkRecipient } from './check.ts';
import type { OfferTerms } from './input.ts';
import { offerTerms } from './offer.ts';
import type { GuardrailPolicy } from './policy.ts';
import type { Verdict } from './verdict.ts';

export type Renderer = (request: RenderRequest) => Promise<TemplateRenderResult>;

/** What is the same for every recipient of one campaign check. */
export interface RecipientCampaign {
  body: CampaignBody;
  reference: HistoryReference;
  /** The catalogue by relation and the co-purchase statistics (built once per fit). */
  recommendations: RecommendationContext;
  policy: GuardrailPolicy;
  /** The instant the message would leave (ISO). */
  at: string;
  render: Renderer;
}

export interface RecipientMessage {
  /** The channel it leaves on (channel-choice.ts): the campaign's, or an alternate's. */
  channel: CampaignChannel;
  /** The message's language: the recipient's. */
  language: DomainLanguage;
  offer: OfferTerms | null;
  /** The recommendation slot's products, best first; none without a slot. */
  recommendations: Recommendation[];
  render: TemplateRenderResult;
  /** Blocking first. */
  verdicts: Verdict[];
}

/**
 * What a recipient's message and verdicts read of their history: every table but the browsing
 * events (no guardrail, personalisation or recommendation reads them), each whole. A check reads
 * no more than this (SQL narrows what is read); every function below still says what it needs.
 */
export const RECIPIENT_SCOPE: HistoryScope = {
  tables: historyTables.filter((t) => t !== 'events'),
  since: null,
};

/** How a blank offer title reads when no product names it (a category offer). */
export const FALLBACK_OFFER_TITLE: Readonly<Record<DomainLanguage, string>> = {
  fr: 'Votre offre',
  en: 'Your offer',
};

/** The campaign's template parts as the renderer takes them. */
export function messageTemplateOf(body: CampaignBody): MessageTemplate {
  switch (body.channel) {
    case 'email':
      return { channel: 'email', template: body.template };
    case 'sms':
      return { channel: 'sms', template: body.template };
    case 'push':
      return { channel: 'push', template: body.template };
    case 'web_banner':
      return { channel: 'web_banner', template: body.template };
  }
}

/** The offer as a template names it: `regular_price` is the catalogue's list price. */
export function templateOfferOf(terms: OfferTerms): TemplateOffer {
  return {
    title: terms.title,
    price_cents: terms.price_cents,
    regular_price_cents: terms.list_price_cents,
    discount_percent: terms.discount_percent,
    discount_cents: terms.discount_cents,
    valid_from: terms.valid_from,
    valid_to: terms.valid_to,
  };
}

/** The slot's products for this recipient, ranked as of `at`; none without a slot. */
export function slotRecommendations(
  history: CustomerHistory,
  campaign: Pick<RecipientCampaign, 'body' | 'recommendations' | 'at'>,
): Recommendation[] {
  const { body } = campaign;
  if (body.recommendation === null) return [];
  return recommend(history, campaign.recommendations, body.recommendation.strategy, {
    count: body.recommendation.count,
    asOf: campaign.at,
    channel: body.channel,
    offer: body.offer?.target ?? null,
  });
}

/**
 * One recipient's message and verdicts. `history` holds at least RECIPIENT_SCOPE (the guardrails
 * and the personalisation refuse part of one); `scores` are what the models say of them, null
 * without.
 */
export async function recipientMessage(
  history: CustomerHistory,
  scores: TemplateScores | null,
  campaign: RecipientCampaign,
  /**
   * `masked`: the message shown is rendered again from the history with its personal data masked
   * (profile/mask.ts), for someone not allowed to see it; the verdicts stay those of the real one.
   */
  options: { masked?: boolean } = {},
): Promise<RecipientMessage> {
  requireScope(history, RECIPIENT_SCOPE.tables);
  const { at } = campaign;
  // Everything below reads the campaign as it leaves for this recipient, on their channel.
  const channel = recipientChannel(history, campaign.body, at);
  const body = bodyOnChannel(campaign.body, channel);
  const { customer } = history;
  const language = customer.language;
  const offer = offerTerms(body, campaign.reference.products, FALLBACK_OFFER_TITLE[language]);
  const recommendations = slotRecommendations(history, { ...campaign, body });
  const wording = { asOf: at, gender: customer.gender };
  const views: TemplateRecommendation[] = recommendations.map(({ product, reason }) => ({
    title: product.title,
    price_cents: product.price_cents,
    reason: describeReason(reason, language, wording),
    category: product.category,
  }));
  const renderFor = (h: CustomerHistory) =>
    campaign.render({
      template: messageTemplateOf(body),
      personalisation: personalisation(h, {
        language,
        offer: offer === null ? null : templateOfferOf(offer),
        recommendations: views,
        campaign: { name: body.name, channel: body.channel },
        scores,
      }),
      language,
      now: Date.parse(at),
    });
  const render = await renderFor(history);
  const verdicts = checkRecipient({
    history,
    reference: campaign.reference,
    campaign: { channel: body.channel, time_zone: body.time_zone, body },
    offer,
    at,
    recommendations: recommendations.map((r) => r.product),
    render,
    policy: campaign.policy,
  });
  const shown = options.masked === true ? await renderFor(maskHistory(history)) : render;
  return { channel, language, offer, recommendations, render: shown, verdicts };
}
