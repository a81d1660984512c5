// Guardrail policies, versioned like campaigns on the same document repository: every save appends
// a version; the current version is the ETag (`"3"`), and a save sends it back in If-Match. The
// body is the domain's policy (src/domain/guardrails/policy.ts); every store holds the default
// policy from its load on. There is no create or delete: one policy per tenant for now.
import { z } from 'zod';
import { decimalInteger } from './decimal.ts';
import { guardrailPolicy } from '../../domain/guardrails/policy.ts';
import { isoInstant } from '../../domain/profile/schema.ts';
import { segmentVersionSummary } from './segments.ts';

export const policyId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'A policy id is 1–64 letters, digits, _ or -.');
export const policyIdParam = z.object({ id: policyId });
export const policyVersionParam = z.object({
  id: policyId,
  v: decimalInteger(1, 1_000_000_000, 'A version is a whole number from 1.'),
});

const version = z.number().int().min(1);
const versionNote = z.string().trim().max(200, 'A note is at most 200 characters.');

/** A policy as it is now: its latest version. */
export const savedPolicy = guardrailPolicy.extend({
  policy_id: policyId,
  version,
  author: z.string(),
  created_at: isoInstant,
  updated_at: isoInstant,
});
export type SavedPolicy = z.infer<typeof savedPolicy>;

/**
 * Update (PUT with If-Match): the whole policy (absent fields take their defaults), who saves and
 * why. A policy breaking a rule of src/domain/guardrails/policy-rules.ts is a 422.
 */
export const savePolicyRequest = guardrailPolicy.extend({
  /** What this version is about, shown in the history. */
  note: versionNote.optional(),
});
export type SavePolicyRequest = z.input<typeof savePolicyRequest>;

/** Restore (POST with If-Match, body optional, empty: the author is the signed-in caller). */
export const restorePolicyRequest = z.strictObject({});
export type RestorePolicyRequest = z.input<typeof restorePolicyRequest>;

/** Newest first: the audit trail. */
export const policyVersionsResponse = z.object({
  policy_id: policyId,
  versions: z.array(segmentVersionSummary),
});
export type PolicyVersionsResponse = z.infer<typeof policyVersionsResponse>;

/** One version as it was saved: its body, who saved it, when and why. */
export const policyVersion = guardrailPolicy.extend({
  policy_id: policyId,
  version,
  author: z.string(),
  at: isoInstant,
  note: z.string(),
});
export type PolicyVersion = z.infer<typeof policyVersion>;
