// What a template is and what rendering it answers, as zod schemas (the API's contract and the
// server's render worker parse with them) with their types. Plain data: no template engine here,
// so the contract stays light and liquidjs loads only where a template is rendered.
import { z } from 'zod';
import { messageChannel, type MessageChannel } from '../profile/schema.ts';
import { junkReasons, removedLinkReasons } from './codes.ts';

const part = (max: number) =>
  z
    .string()
    .max(max, `At most ${max.toLocaleString('en')} characters.`)
    .default('');

/** Each channel's parts, with the campaign's limits (src/domain/campaign/campaign.ts). */
export const templatePartsByChannel = {
  email: z.strictObject({ subject: part(300), preheader: part(300), html: part(200_000) }),
  sms: z.strictObject({ text: part(1_600) }),
  push: z.strictObject({ title: part(120), body: part(500) }),
  web_banner: z.strictObject({ headline: part(120), text: part(500), link: part(2_000) }),
} as const;

/** A message template: its channel and that channel's Liquid parts. */
export const messageTemplate = z.discriminatedUnion('channel', [
  z.strictObject({ channel: z.literal('email'), template: templatePartsByChannel.email }),
  z.strictObject({ channel: z.literal('sms'), template: templatePartsByChannel.sms }),
  z.strictObject({ channel: z.literal('push'), template: templatePartsByChannel.push }),
  z.strictObject({ channel: z.literal('web_banner'), template: templatePartsByChannel.web_banner }),
]);
export type MessageTemplate = z.infer<typeof messageTemplate>;

export const templatePart = z.enum([
  'subject',
  'preheader',
  'html',
  'text',
  'title',
  'body',
  'headline',
  'link',
]);
export type TemplatePart = z.infer<typeof templatePart>;

/** The parts a channel's message has, in the order they are rendered. */
export const PARTS_OF: Readonly<Record<MessageChannel, readonly TemplatePart[]>> = {
  email: ['subject', 'preheader', 'html'],
  sms: ['text'],
  push: ['title', 'body'],
  web_banner: ['headline', 'text', 'link'],
};

/** Parts read on one line (a line break there is a header injection or an ugly title). */
export const ONE_LINE_PARTS: ReadonlySet<TemplatePart> = new Set([
  'subject',
  'preheader',
  'title',
  'headline',
  'link',
]);

export const smsCountSchema = z.strictObject({
  encoding: z.enum(['gsm7', 'ucs2']),
  units: z.number().int().nonnegative(),
  characters: z.number().int().nonnegative(),
  parts: z.number().int().positive(),
  per_part: z.number().int().positive(),
  remaining: z.number().int().nonnegative(),
  extension_characters: z.number().int().nonnegative(),
  ucs2_characters: z.array(z.string()),
});

export const renderedMessage = z.discriminatedUnion('channel', [
  z.strictObject({
    channel: z.literal('email'),
    subject: z.string(),
    preheader: z.string(),
    /** Sanitised. */
    html: z.string(),
  }),
  z.strictObject({ channel: z.literal('sms'), text: z.string(), sms: smsCountSchema }),
  z.strictObject({ channel: z.literal('push'), title: z.string(), body: z.string() }),
  z.strictObject({
    channel: z.literal('web_banner'),
    headline: z.string(),
    text: z.string(),
    /** Empty when the link was removed. */
    link: z.string(),
  }),
]);
export type RenderedMessage = z.infer<typeof renderedMessage>;

const line = z.number().int().positive().nullable();

/** A token that fell back to its `default`: where, which value, why, and what replaced it. */
export const templateFallback = z.strictObject({
  part: templatePart,
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  /** The token as written: `{{ customer.first_name | default: 'Bonjour' }}`. */
  token: z.string(),
  /** The field it reads (`recommendations[].title` inside a loop), or null for an expression. */
  field: z.string().nullable(),
  /** The value that was not fit to show, as text; null when there was none. */
  raw: z.string().nullable(),
  reason: z.enum(junkReasons),
  replacement: z.string(),
});
export type TemplateFallback = z.infer<typeof templateFallback>;

export const removedLink = z.strictObject({
  part: templatePart,
  /** The element and attribute it was in (null for the web banner's link). */
  tag: z.string().nullable(),
  attribute: z.string().nullable(),
  url: z.string(),
  reason: z.enum(removedLinkReasons),
  scheme: z.string().nullable(),
});
export type RemovedLink = z.infer<typeof removedLink>;

export const templateWarningCode = z.enum([
  /** A variable the personalisation context does not have (`customer.email`): renders empty. */
  'unknown_field',
  /** A token rendered nothing and has no `default`. */
  'empty_token',
  /** A salutation field is junk (`reason`, `raw`) and the token has no `default`. */
  'junk_without_default',
  /** `raw` does not turn off escaping in an e-mail: customer data stays escaped. */
  'raw_ignored',
  /** `money` was given something that is not an amount in cents. */
  'not_an_amount',
  /** `date` was given something that is not a date, or a format it does not know. */
  'not_a_date',
  /** The sanitiser removed elements (`tags`: script, style, iframe…). */
  'removed_elements',
  /** A marketing SMS without « STOP au 36xxx ». */
  'sms_stop_missing',
  /** The SMS is sent in UCS-2 (70 characters a part) because of `characters`. */
  'sms_ucs2',
  /** Longer than inboxes or lock screens show (`length`, `max`). */
  'too_long_to_show',
  /** Line breaks in a one-line part were replaced by spaces. */
  'line_breaks_removed',
  /** More fallbacks fired than the result lists (`listed`). */
  'too_many_fallbacks',
]);
export type TemplateWarningCode = z.infer<typeof templateWarningCode>;

export const warningParams = z.record(z.string(), z.union([z.string(), z.number()]));

export const templateWarning = z.strictObject({
  code: templateWarningCode,
  part: templatePart.nullable(),
  line,
  column: line,
  params: warningParams,
});
export type TemplateWarning = z.infer<typeof templateWarning>;

export const templateErrorCode = z.enum([
  /** The template does not parse (an unclosed tag, a bad expression). */
  'syntax',
  /** A tag Liquid does not have. */
  'unknown_tag',
  /** include, render or layout: a template reads no file. */
  'file_tag',
  /** A filter Liquid and Tact do not have (`filter`). */
  'unknown_filter',
  /** A part longer than its limit (`max`). */
  'too_long',
  /** Blocks nested deeper than `max`. */
  'too_deep',
  /** Rendering took longer than `max_ms` (a loop too long). */
  'render_time',
  /** Rendering built more than the memory limit allows (a huge range or string). */
  'memory',
  /** The rendered part is longer than `max` characters. */
  'output_too_large',
  /** Rendering stopped on another error (`message` says which). */
  'render_failed',
  /** The renderer did not answer within `max_ms` and was stopped. */
  'timeout',
]);
export type TemplateErrorCode = z.infer<typeof templateErrorCode>;

export const templateError = z.strictObject({
  code: templateErrorCode,
  /** English, for developers and logs; the editor words the code. */
  message: z.string(),
  part: templatePart.nullable(),
  /** Where in the part, when the error has a place (1-based). */
  line,
  column: line,
  params: warningParams,
});
export type TemplateError = z.infer<typeof templateError>;

export const templateRenderResult = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    message: renderedMessage,
    fallbacks: z.array(templateFallback),
    removed_links: z.array(removedLink),
    warnings: z.array(templateWarning),
  }),
  z.strictObject({ ok: z.literal(false), error: templateError }),
]);
export type TemplateRenderResult = z.infer<typeof templateRenderResult>;

export const templateChannel = messageChannel;
