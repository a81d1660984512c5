// Templates: the personalisation context's fields for the editor (GET /api/templates/fields) and a
// message rendered for one customer's history (POST /api/templates/render). A template that does
// not parse or render is an answer (`ok: false` with its line and column), not an HTTP error.
import { z } from 'zod';
import { isoInstant } from '../../domain/profile/schema.ts';
import { templateFieldTypes } from '../../domain/template/codes.ts';
import {
  MAX_TEMPLATE_RECOMMENDATIONS,
  templateOffer,
  templateRecommendation,
} from '../../domain/template/inputs.ts';
import { templatePartsByChannel, templateRenderResult } from '../../domain/template/result.ts';

export const templateField = z.object({
  path: z.string(),
  type: z.enum(templateFieldTypes),
  values: z.array(z.string()).readonly().optional(),
  salutation: z.boolean().optional(),
  description: z.object({ fr: z.string(), en: z.string() }),
  example: z.union([z.string(), z.number(), z.null()]),
});
export type TemplateFieldInfo = z.infer<typeof templateField>;

export const templateFieldsResponse = z.object({ fields: z.array(templateField) });
export type TemplateFieldsResponse = z.infer<typeof templateFieldsResponse>;

/** What the message is rendered with besides its template: whose history, and the campaign's. */
const renderInputs = {
  customer_id: z.string().min(1).max(200),
  offer: templateOffer.nullish(),
  recommendations: z.array(templateRecommendation).max(MAX_TEMPLATE_RECOMMENDATIONS).optional(),
  /** The campaign's name (its channel is the request's). */
  campaign: z.strictObject({ name: z.string().max(200) }).nullish(),
  /** The message's language for money, dates and worded fields (default French). */
  language: z.enum(['fr', 'en']).optional(),
  /** The instant « now » stands for in `date`: the planned send time (default: the server's now). */
  now: isoInstant.optional(),
};

export const templateRenderRequest = z.discriminatedUnion('channel', [
  z.strictObject({
    channel: z.literal('email'),
    template: templatePartsByChannel.email,
    ...renderInputs,
  }),
  z.strictObject({
    channel: z.literal('sms'),
    template: templatePartsByChannel.sms,
    ...renderInputs,
  }),
  z.strictObject({
    channel: z.literal('push'),
    template: templatePartsByChannel.push,
    ...renderInputs,
  }),
  z.strictObject({
    channel: z.literal('web_banner'),
    template: templatePartsByChannel.web_banner,
    ...renderInputs,
  }),
]);
export type TemplateRenderRequest = z.infer<typeof templateRenderRequest>;

export const templateRenderResponse = templateRenderResult;
export type TemplateRenderResponse = z.infer<typeof templateRenderResponse>;
