// The audit log (issue 13): every change made through the API — documents saved, restored and
// deleted, audits, overrides, exports, refits, users and tokens — with who, when, what, and for
// documents the body before and after. Read by admins, filtered, paged newest first, and as CSV.
import { z } from 'zod';
import { decimalInteger } from './decimal.ts';

export const AUDIT_ACTIONS = [
  'segment.create',
  'segment.update',
  'segment.restore',
  'segment.delete',
  'campaign.create',
  'campaign.update',
  'campaign.restore',
  'campaign.delete',
  'campaign.remedy',
  'campaign.ready',
  'audit.start',
  'audit.cancel',
  'policy.update',
  'policy.restore',
  'export.campaign',
  'export.segment_members',
  'export.recipients',
  'refit.start',
  'user.create',
  'user.update',
  'token.create',
  'token.revoke',
  'account.password',
  'import.start',
] as const;
export const auditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof auditAction>;

export const auditTargetKind = z.enum([
  'segment',
  'campaign',
  'policy',
  'model',
  'user',
  'token',
  'data',
]);
export type AuditTargetKind = z.infer<typeof auditTargetKind>;

export const auditEntry = z.object({
  entry_id: z.string(),
  at: z.string(),
  actor: z.object({
    kind: z.enum(['session', 'token', 'fixed']),
    login: z.string(),
    name: z.string(),
    role: z.string(),
  }),
  action: auditAction,
  target: z.object({ kind: auditTargetKind, id: z.string(), name: z.string().nullable() }),
  /** The document's version after the change (null: not a versioned document, or deleted). */
  version: z.number().int().nullable(),
  /** The document (or user, token) as it was before and after; null where there is none. */
  before: z.unknown(),
  after: z.unknown(),
  /** What else the change said: an export's wave, a refit's run, the fields a user edit changed. */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditLogQuery = z.strictObject({
  /** Part of the actor's login or name. */
  actor: z.string().trim().max(120).optional(),
  /** An action, or its family before the dot ("segment"). */
  action: z
    .string()
    .regex(/^[a-z_]+(\.[a-z_]+)?$/, 'An action is like segment.update, or a family like segment.')
    .optional(),
  /** A target's id. */
  target: z.string().trim().max(200).optional(),
  /** Days, inclusive (YYYY-MM-DD, UTC). */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** The last entry id of the previous page. */
  cursor: z.string().max(100).optional(),
  limit: decimalInteger(1, 200, 'A limit is a whole number from 1 to 200.').default(50),
});
export type AuditLogQuery = z.infer<typeof auditLogQuery>;

export const auditLogResponse = z.object({
  entries: z.array(auditEntry),
  /** Entries matching the filters, all pages. */
  total: z.number().int().nonnegative(),
  next_cursor: z.string().nullable(),
});
export type AuditLogResponse = z.infer<typeof auditLogResponse>;
