// The per-recipient preview: a campaign's recipients with their verdicts (GET
// /api/campaigns/:id/recipients) and one recipient's message beside the proof (GET
// /api/campaigns/:id/preview/:customerId). Both read the campaign's current version and the
// guardrail policy's current version, and compute everything per customer from their history by
// the domain functions (src/domain/guardrails, src/domain/template, src/domain/recommend). A
// campaign without a segment, or whose pinned version cannot be read, has no recipients (409).
import { z } from 'zod';
import { decimalInteger } from './decimal.ts';
import { guardrailId, verdict } from '../../domain/guardrails/verdict.ts';
import { isoInstant, productCategory } from '../../domain/profile/schema.ts';
import { traceStep } from '../../domain/segment/trace.ts';
import { templateRenderResult } from '../../domain/template/result.ts';
import { campaignId } from './campaigns.ts';
import { recommendedProduct } from './recommendations.ts';

export const MAX_RECIPIENTS_PAGE = 500;
export const DEFAULT_RECIPIENTS_PAGE = 100;

const customerId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'A customer id is 1–64 letters, digits, _ or -.');

/** GET /api/campaigns/:id/preview/:customerId */
export const previewParams = z.object({ id: campaignId, customerId });

export const recipientsQuery = z.strictObject({
  /** `true`: only recipients with at least one verdict. */
  flagged: z.enum(['true', 'false']).optional(),
  /** Only recipients with a verdict of this guardrail. */
  guardrail: guardrailId.optional(),
  /** Searches the customer id, names and e-mail (as the customer search does). */
  q: z.string().max(200, 'A search is at most 200 characters.').optional(),
  /** The last customer id of the previous page. */
  cursor: customerId.optional(),
  limit: decimalInteger(
    1,
    MAX_RECIPIENTS_PAGE,
    `A limit is a whole number from 1 to ${MAX_RECIPIENTS_PAGE}.`,
  ).default(DEFAULT_RECIPIENTS_PAGE),
});
export type RecipientsQuery = z.infer<typeof recipientsQuery>;

export const recipientSummary = z.strictObject({
  customer_id: z.string(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  email: z.string().nullable(),
  /** The guardrails with a verdict, blocking first. */
  guardrails: z.array(guardrailId),
  /** Those with a blocking verdict. */
  blocking: z.array(guardrailId),
  blocked: z.boolean(),
});
export type RecipientSummary = z.infer<typeof recipientSummary>;

const policyRef = z.strictObject({ policy_id: z.string(), version: z.number().int().min(1) });

export const recipientsResponse = z.strictObject({
  campaign_id: campaignId,
  /** The campaign version the recipients and verdicts are of. */
  version: z.number().int().min(1),
  policy: policyRef,
  /**
   * The instant the checks are made for: the campaign's send time, or without one the data's
   * present (the store's as-of instant).
   */
  at: isoInstant,
  /** Segment members at the pinned version, less the holdout. */
  total: z.number().int().nonnegative(),
  /** Recipients with at least one verdict. */
  flagged: z.number().int().nonnegative(),
  /** Recipients with a verdict of each guardrail (every guardrail listed, 0 included). */
  by_guardrail: z.record(guardrailId, z.number().int().nonnegative()),
  /** Recipients matching the query (filters and search), before paging. */
  matching: z.number().int().nonnegative(),
  recipients: z.array(recipientSummary),
  next_cursor: z.string().nullable(),
});
export type RecipientsResponse = z.infer<typeof recipientsResponse>;

/** The offer as worked out for the message (src/domain/guardrails/offer.ts). */
export const previewOffer = z.strictObject({
  title: z.string(),
  sku: z.string().nullable(),
  category: productCategory.nullable(),
  list_price_cents: z.number().int().nullable(),
  price_cents: z.number().int().nullable(),
  discount_cents: z.number().int().nullable(),
  discount_percent: z.number().nullable(),
  valid_from: z.string().nullable(),
  valid_to: z.string().nullable(),
});
export type PreviewOffer = z.infer<typeof previewOffer>;

export const previewResponse = z.strictObject({
  campaign_id: campaignId,
  version: z.number().int().min(1),
  policy: policyRef,
  customer_id: z.string(),
  /**
   * `recipient`: a member at the pinned version, outside the holdout; `holdout`: a member held
   * out; `excluded`: a member the campaign excludes (after an audit); `not_member`: not (or no
   * longer) in the segment — previewed all the same.
   */
  membership: z.enum(['recipient', 'holdout', 'excluded', 'not_member']),
  at: isoInstant,
  render: templateRenderResult,
  offer: previewOffer.nullable(),
  recommendations: z.array(recommendedProduct),
  verdicts: z.array(verdict),
  /** Each node of the pinned segment's definition, met or not and on what value; empty without a segment. */
  trace: z.array(traceStep),
});
export type PreviewResponse = z.infer<typeof previewResponse>;
