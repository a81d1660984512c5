// What a campaign gives a template besides the customer's history: its offer, its recommendations
// (their reasons already in words), its name and the customer's scores. Small plain shapes, so that
// whoever builds campaigns and recommendations maps theirs onto them; the API's render request
// carries them as they are.
import { z } from 'zod';
import { CHURN_BANDS } from '../analytics/churn.ts';
import { RFM_CELLS } from '../analytics/rfm.ts';
import { cents, isoDate, isoInstant, messageChannel, productCategory } from '../profile/schema.ts';

/** A day (`2026-12-24`) or an instant. */
export const dateOrInstant = z.union([isoDate, isoInstant]);
const words = (max: number) => z.string().max(max);
const url = z.string().max(2_000);

/** The campaign's offer as a message names it; amounts in cents. */
export const templateOffer = z.strictObject({
  title: words(200),
  /** What the customer pays, when the offer sets a price. */
  price_cents: cents.nullish(),
  /** The usual price, for « au lieu de ». */
  regular_price_cents: cents.nullish(),
  discount_percent: z.number().min(0).max(100).nullish(),
  discount_cents: cents.nullish(),
  valid_from: dateOrInstant.nullish(),
  valid_to: dateOrInstant.nullish(),
  url: url.nullish(),
});
export type TemplateOffer = z.infer<typeof templateOffer>;

/** One recommended product, its reason already in words. */
export const templateRecommendation = z.strictObject({
  title: words(300),
  price_cents: cents.nullish(),
  reason: words(500).nullish(),
  url: url.nullish(),
  image_url: url.nullish(),
  category: productCategory.nullish(),
});
export type TemplateRecommendation = z.infer<typeof templateRecommendation>;

export const templateCampaign = z.strictObject({ name: words(200), channel: messageChannel });
export type TemplateCampaign = z.infer<typeof templateCampaign>;

/** Whatever scores the models have for the customer; absent ones stay empty. */
export const templateScores = z.strictObject({
  churn_band: z.enum(CHURN_BANDS).nullish(),
  rfm_cell: z.enum(RFM_CELLS).nullish(),
  purchase_probability: z.number().min(0).max(1).nullish(),
  predicted_clv_cents: cents.nullish(),
  next_order_date: isoDate.nullish(),
});
export type TemplateScores = z.infer<typeof templateScores>;

export const MAX_TEMPLATE_RECOMMENDATIONS = 20;
