// The personalisation context a template sees: the fields of fields.ts and nothing else, built by a
// pure function from one customer's history and the campaign's own inputs (offer, recommendations,
// scores), which are small plain shapes so that whoever builds campaigns and recommendations can map
// theirs onto them. No id, e-mail, phone or other customer's row ever reaches a template.
import { z } from 'zod';
import { CHURN_BANDS } from '../analytics/churn.ts';
import { RFM_CELLS } from '../analytics/rfm.ts';
import {
  MAX_TEMPLATE_RECOMMENDATIONS,
  dateOrInstant,
  type TemplateCampaign,
  type TemplateOffer,
  type TemplateRecommendation,
  type TemplateScores,
} from './inputs.ts';
import { roundHalfEven } from '../profile/figures.ts';
import { requireScope, type CustomerHistory, type HistoryOrder } from '../profile/history.ts';
import {
  cents,
  isoDate,
  isoInstant,
  language,
  loyaltyTier,
  messageChannel,
  orderChannel,
  productCategory,
  type ProductCategory,
} from '../profile/schema.ts';
import type { DomainLanguage } from '../language.ts';

export {
  MAX_TEMPLATE_RECOMMENDATIONS,
  templateCampaign,
  templateOffer,
  templateRecommendation,
  templateScores,
  type TemplateCampaign,
  type TemplateOffer,
  type TemplateRecommendation,
  type TemplateScores,
} from './inputs.ts';

const orderItem = z.strictObject({
  title: z.string().nullable(),
  quantity: z.number().int(),
  price: cents,
  category: z.string().nullable(),
});

/** What a template sees: every path is a field of fields.ts (a test holds the two together). */
export const personalisationContext = z.strictObject({
  customer: z.strictObject({
    first_name: z.string().nullable(),
    last_name: z.string().nullable(),
    civility: z.string().nullable(),
    city: z.string().nullable(),
    language,
    loyalty_tier: loyaltyTier,
    loyalty_tier_name: z.string().nullable(),
    favourite_category: z.string().nullable(),
    favourite_category_code: productCategory.nullable(),
    preferences: z.strictObject({
      interests: z.array(z.string()),
      preferred_channel: z.string().nullable(),
      contact_frequency: z.string().nullable(),
    }),
    scores: z
      .strictObject({
        churn_band: z.enum(CHURN_BANDS).nullable(),
        rfm_cell: z.enum(RFM_CELLS).nullable(),
        purchase_probability: z.number().nullable(),
        predicted_clv: cents.nullable(),
        next_order_date: isoDate.nullable(),
      })
      .nullable(),
    last_order: z
      .strictObject({
        date: isoInstant,
        total: cents,
        channel: orderChannel,
        items: z.array(orderItem),
      })
      .nullable(),
  }),
  offer: z
    .strictObject({
      title: z.string(),
      price: cents.nullable(),
      regular_price: cents.nullable(),
      discount_percent: z.number().nullable(),
      discount_amount: cents.nullable(),
      valid_from: dateOrInstant.nullable(),
      valid_to: dateOrInstant.nullable(),
      url: z.string().nullable(),
    })
    .nullable(),
  recommendations: z.array(
    z.strictObject({
      title: z.string(),
      price: cents.nullable(),
      reason: z.string().nullable(),
      url: z.string().nullable(),
      image_url: z.string().nullable(),
      category: z.string().nullable(),
    }),
  ),
  campaign: z.strictObject({ name: z.string(), channel: messageChannel }).nullable(),
  unsubscribe_url: z.string(),
});
export type PersonalisationContext = z.infer<typeof personalisationContext>;

/**
 * What the renderer knows about the recipient besides the context, never shown to a template: the
 * local parts of their e-mail addresses that read as addresses, so that a first name typed as
 * « jdupont » or « o.martin75 » is junk while « olivier » (olivier@…) stays Olivier.
 */
export const salutationHints = z.strictObject({ email_local_parts: z.array(z.string()) });
export type SalutationHints = z.infer<typeof salutationHints>;

export interface Personalisation {
  context: PersonalisationContext;
  hints: SalutationHints;
}

/** Where a preview's unsubscribe link points: a reserved domain, so nobody is unsubscribed. */
export const PREVIEW_UNSUBSCRIBE_URL = 'https://unsubscribe.invalid/preview';

export interface PersonalisationInputs {
  /** The message's language: civility, tiers and categories are worded in it (default French). */
  language?: DomainLanguage;
  offer?: TemplateOffer | null;
  recommendations?: readonly TemplateRecommendation[];
  campaign?: TemplateCampaign | null;
  scores?: TemplateScores | null;
  /** The recipient's own unsubscribe link (default: the preview's). */
  unsubscribeUrl?: string;
}

const categoryWords: Readonly<Record<DomainLanguage, Readonly<Record<ProductCategory, string>>>> = {
  fr: {
    books: 'Livres',
    music: 'Musique',
    films: 'Films',
    video_games: 'Jeux vidéo',
    consoles: 'Consoles',
    gaming_accessories: 'Accessoires gaming',
    hifi: 'Hi-fi',
    phones: 'Téléphonie',
  },
  en: {
    books: 'Books',
    music: 'Music',
    films: 'Films',
    video_games: 'Video games',
    consoles: 'Consoles',
    gaming_accessories: 'Gaming accessories',
    hifi: 'Hi-fi',
    phones: 'Phones',
  },
};

const tierWords: Readonly<Record<DomainLanguage, Readonly<Record<string, string>>>> = {
  fr: { silver: 'Argent', gold: 'Or', platinum: 'Platine' },
  en: { silver: 'Silver', gold: 'Gold', platinum: 'Platinum' },
};

const civilityWords: Readonly<Record<DomainLanguage, Readonly<Record<string, string>>>> = {
  fr: { female: 'Madame', male: 'Monsieur' },
  en: { female: 'Ms', male: 'Mr' },
};

const isCategory = (value: string): value is ProductCategory =>
  productCategory.options.some((c) => c === value);

/** A category code in words; a value that is not a known code is kept as stated. */
function categoryName(value: string, lang: DomainLanguage): string {
  return isCategory(value) ? categoryWords[lang][value] : value;
}

/**
 * The category with the largest quantity over completed orders' lines with a known product, ties
 * to the alphabetically first: the segment evaluator's `favourite_category` (evaluate.ts).
 */
export function favouriteCategory(orders: readonly HistoryOrder[]): ProductCategory | null {
  const qty = new Map<ProductCategory, number>();
  for (const { order, lines } of orders) {
    if (order.status !== 'completed') continue;
    for (const { line, product } of lines) {
      if (product) qty.set(product.category, (qty.get(product.category) ?? 0) + line.qty);
    }
  }
  let best: ProductCategory | null = null;
  let bestQty = -Infinity;
  for (const [category, n] of qty) {
    if (n > bestQty || (n === bestQty && best !== null && category < best)) {
      best = category;
      bestQty = n;
    }
  }
  return best;
}

/** The latest completed order (ties: the one recorded last), or null. */
function lastOrder(orders: readonly HistoryOrder[]): HistoryOrder | null {
  let latest: HistoryOrder | null = null;
  for (const o of orders) {
    if (o.order.status !== 'completed') continue;
    if (latest === null || o.order.placed_at >= latest.order.placed_at) latest = o;
  }
  return latest;
}

function lastOrderFields(
  history: CustomerHistory,
  lang: DomainLanguage,
): PersonalisationContext['customer']['last_order'] {
  const last = lastOrder(history.orders);
  if (last === null) return null;
  return {
    date: last.order.placed_at,
    total: last.order.total_cents,
    channel: last.order.channel,
    items: last.lines.map(({ line, product }) => ({
      title: product?.title ?? null,
      quantity: line.qty,
      price: roundHalfEven((line.qty * line.unit_price_cents - line.discount_cents) / line.qty),
      category: product ? categoryName(product.category, lang) : null,
    })),
  };
}

function preferenceFields(
  history: CustomerHistory,
  lang: DomainLanguage,
): PersonalisationContext['customer']['preferences'] {
  // Newest statement first; a tie keeps the one recorded last first.
  const newest = history.preferences
    .map((p, i) => ({ p, i }))
    .sort((a, b) =>
      a.p.stated_at < b.p.stated_at ? 1 : a.p.stated_at > b.p.stated_at ? -1 : b.i - a.i,
    )
    .map(({ p }) => p);
  const latest = (topic: string) => newest.find((p) => p.topic === topic)?.value ?? null;
  const interests: string[] = [];
  for (const p of newest) {
    if (p.topic !== 'interest') continue;
    const name = categoryName(p.value, lang);
    if (!interests.includes(name)) interests.push(name);
  }
  return {
    interests,
    preferred_channel: latest('preferred_channel'),
    contact_frequency: latest('contact_frequency'),
  };
}

/** The part of an address before its last `@`, lower-cased; null without one. */
function localPart(address: string | null): string | null {
  if (address === null) return null;
  const at = address.lastIndexOf('@');
  return at > 0 ? address.slice(0, at).toLowerCase() : null;
}

/**
 * Whether a local part reads as an address rather than a name: « olivier » may well be Olivier's
 * first name, « o.martin75 », « jdupont » (Jean Dupont) or « olivierm » are not anyone's.
 */
function addressLike(local: string, names: readonly (string | null)[]): boolean {
  if (/[^\p{L}'’ -]/u.test(local)) return true;
  return names.some((name) => {
    const n = name?.trim().toLowerCase() ?? '';
    return n.length >= 2 && local.length > n.length && local.includes(n);
  });
}

/**
 * The context of one recipient's message, and the hints its fallbacks read. Needs the history's
 * identities, preferences and orders whole (a last order read from part of them could be wrong).
 */
export function personalisation(
  history: CustomerHistory,
  inputs: PersonalisationInputs = {},
): Personalisation {
  requireScope(history, ['identities', 'preferences', 'orders']);
  const lang = inputs.language ?? 'fr';
  const { customer } = history;
  const favourite = favouriteCategory(history.orders);
  const scores = inputs.scores ?? null;
  const offer = inputs.offer ?? null;
  const localParts = [
    localPart(customer.email),
    ...history.identities.filter((i) => i.kind === 'email').map((i) => localPart(i.value)),
  ]
    .filter((p): p is string => p !== null)
    .filter((p) => addressLike(p, [customer.first_name, customer.last_name]));
  return {
    context: {
      customer: {
        first_name: customer.first_name,
        last_name: customer.last_name,
        civility: civilityWords[lang][customer.gender] ?? null,
        city: customer.city,
        language: customer.language,
        loyalty_tier: customer.loyalty_tier,
        loyalty_tier_name: tierWords[lang][customer.loyalty_tier] ?? null,
        favourite_category: favourite === null ? null : categoryWords[lang][favourite],
        favourite_category_code: favourite,
        preferences: preferenceFields(history, lang),
        scores:
          scores === null
            ? null
            : {
                churn_band: scores.churn_band ?? null,
                rfm_cell: scores.rfm_cell ?? null,
                purchase_probability: scores.purchase_probability ?? null,
                predicted_clv: scores.predicted_clv_cents ?? null,
                next_order_date: scores.next_order_date ?? null,
              },
        last_order: lastOrderFields(history, lang),
      },
      offer:
        offer === null
          ? null
          : {
              title: offer.title,
              price: offer.price_cents ?? null,
              regular_price: offer.regular_price_cents ?? null,
              discount_percent: offer.discount_percent ?? null,
              discount_amount: offer.discount_cents ?? null,
              valid_from: offer.valid_from ?? null,
              valid_to: offer.valid_to ?? null,
              url: offer.url ?? null,
            },
      recommendations: (inputs.recommendations ?? [])
        .slice(0, MAX_TEMPLATE_RECOMMENDATIONS)
        .map((r) => ({
          title: r.title,
          price: r.price_cents ?? null,
          reason: r.reason ?? null,
          url: r.url ?? null,
          image_url: r.image_url ?? null,
          category: r.category ? categoryWords[lang][r.category] : null,
        })),
      campaign: inputs.campaign
        ? { name: inputs.campaign.name, channel: inputs.campaign.channel }
        : null,
      unsubscribe_url: inputs.unsubscribeUrl ?? PREVIEW_UNSUBSCRIBE_URL,
    },
    hints: { email_local_parts: [...new Set(localParts)] },
  };
}
