// The error body every endpoint answers with when it fails (4xx and 5xx).
import { z } from 'zod';

export const apiIssue = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  /** On a 422 for a definition: the condition or group the issue is about (null: the whole). */
  node_id: z.string().nullable().optional(),
});
export type ApiIssue = z.infer<typeof apiIssue>;
export const apiError = z.object({
  error: z.object({
    code: z.enum([
      'bad_request',
      'not_found',
      'invalid_definition',
      'payload_too_large',
      'internal',
      // Saved segments: 409, 412, 428.
      'conflict',
      'precondition_failed',
      'precondition_required',
    ]),
    message: z.string(),
    issues: z.array(apiIssue).optional(),
  }),
});
export type ApiError = z.infer<typeof apiError>;
