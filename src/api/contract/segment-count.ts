// Counting a segment definition before it is saved: its audience, reach, groups, breakdown and
// sample (POST /api/segments/count), and the 422 an invalid definition gets.
import { z } from 'zod';
import { isoInstant } from '../../domain/profile/schema.ts';
import { apiIssue, definitionOutcome } from './errors.ts';

/**
 * One problem with a definition, tied to the node it is about (null: the whole definition). Its
 * code is zod's for a definition of the wrong shape, a segment rule's otherwise
 * (src/domain/segment/validate.ts), with the figures its wording needs.
 */
export const definitionIssue = apiIssue.extend({ node_id: z.string().nullable() });
export type DefinitionIssue = z.infer<typeof definitionIssue>;
/** 422: the definition is invalid; it was not evaluated. */
export const invalidDefinitionResponse = z.object({
  error: z.object({
    code: z.literal('invalid_definition'),
    reason: z.enum(['definition_malformed', 'invalid_definition']),
    message: z.string(),
    params: definitionOutcome,
    issues: z.array(definitionIssue),
  }),
});

export const countRequest = z.strictObject({
  /** Parsed by the segment definition schema on the server (zod errors come back as issues). */
  definition: z.unknown(),
  /** What to break the members down by: a customer text attribute, a score, the channels (breakdown.ts). */
  breakdown: z.string().max(200).optional(),
  /** How many sample members to return. */
  sample: z.number().int().min(0).max(100).default(20),
});
export type CountRequest = z.input<typeof countRequest>;
export const memberSummary = z.object({
  customer_id: z.string(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  email: z.string().nullable(),
  city: z.string().nullable(),
});
export type MemberSummary = z.infer<typeof memberSummary>;
export const countResponse = z.object({
  count: z.number().int(),
  /** Customers in the store. */
  total: z.number().int(),
  reachable: z.object({
    /** Members with granted consent on the channel and a valid address where one is needed. */
    email: z.number().int(),
    sms: z.number().int(),
    push: z.number().int(),
  }),
  /** Members of each top-level child of the root, alone (not combined with the others). */
  groups: z.array(z.object({ node_id: z.string(), count: z.number().int() })),
  breakdown: z
    .object({
      field: z.string(),
      values: z.array(z.object({ value: z.string().nullable(), count: z.number().int() })),
    })
    .nullable(),
  /** The first members by customer id. */
  sample: z.array(memberSummary),
  as_of: isoInstant,
});
export type CountResponse = z.infer<typeof countResponse>;
