// What an audit says of a campaign before it leaves: every recipient checked by every guardrail
// (recipient.ts, the same function the preview calls), counted per guardrail, less the recipients
// the campaign excludes; and whether it may be marked ready — not while a blocking guardrail still
// flags a recipient, unless a person writes why it may go out all the same.
import { z } from 'zod';
import { compareText } from '../compare.ts';
import type { ListedRecipient, RecipientSummary } from './recipient-list.ts';
import { guardrailId, guardrailIds, type GuardrailId } from './verdict.ts';

const count = z.number().int().nonnegative();

export const guardrailTally = z.strictObject({
  /** Recipients with a verdict of this guardrail. */
  flagged: count,
  /** Of those, the recipients it blocks. */
  blocking: count,
});
export type GuardrailTally = z.infer<typeof guardrailTally>;

export const auditCounts = z.strictObject({
  /** Members of the pinned segment version less the holdout. */
  members: count,
  /** Of those, the recipients the campaign excludes. */
  excluded: count,
  /** Members less the excluded: who the campaign goes to. */
  recipients: count,
  /** Recipients with at least one verdict. */
  flagged: count,
  /** Recipients with at least one blocking verdict. */
  blocked: count,
  /** Every guardrail, 0 included. */
  by_guardrail: z.record(guardrailId, guardrailTally),
});
export type AuditCounts = z.infer<typeof auditCounts>;

/** Every guardrail at 0. */
export function emptyTallies(): Record<GuardrailId, GuardrailTally> {
  const zero = (): GuardrailTally => ({ flagged: 0, blocking: 0 });
  return {
    already_owned: zero(),
    owned_base_product: zero(),
    meaningless_discount: zero(),
    answered_elsewhere: zero(),
    contact_pressure: zero(),
    quiet_hours: zero(),
    no_consent: zero(),
    missing_data: zero(),
    unavailable: zero(),
    offer_not_valid: zero(),
    preference_mismatch: zero(),
  };
}

/** The members the campaign still sends to: those not excluded, in the same order. */
export function withoutExcluded(
  members: readonly ListedRecipient[],
  excluded: ReadonlySet<string>,
): ListedRecipient[] {
  return excluded.size === 0
    ? [...members]
    : members.filter((m) => !excluded.has(m.summary.customer_id));
}

/** The counts over the members (holdout already out), leaving out the excluded. */
export function countAudit(
  members: readonly ListedRecipient[],
  excluded: ReadonlySet<string>,
): AuditCounts {
  const byGuardrail = emptyTallies();
  let [excludedCount, flagged, blocked] = [0, 0, 0];
  for (const { summary } of members) {
    if (excluded.has(summary.customer_id)) {
      excludedCount += 1;
      continue;
    }
    if (summary.guardrails.length > 0) flagged += 1;
    if (summary.blocking.length > 0) blocked += 1;
    for (const id of summary.guardrails) byGuardrail[id].flagged += 1;
    for (const id of summary.blocking) byGuardrail[id].blocking += 1;
  }
  return {
    members: members.length,
    excluded: excludedCount,
    recipients: members.length - excludedCount,
    flagged,
    blocked,
    by_guardrail: byGuardrail,
  };
}

/** The recipients a guardrail flags (the excluded left out), in customer id order, each once. */
export function flaggedBy(
  members: readonly ListedRecipient[],
  guardrail: GuardrailId,
  excluded: ReadonlySet<string>,
): string[] {
  const ids = members
    .map((m) => m.summary)
    .filter((s: RecipientSummary) => s.guardrails.includes(guardrail))
    .map((s) => s.customer_id)
    .filter((id) => !excluded.has(id));
  return [...new Set(ids)].sort(compareText);
}

export type ReadyDecision =
  | { ready: true; override: null }
  | { ready: true; override: { reason: string; blocked: number } }
  /** Blocked recipients remain and no reason was written. */
  | { ready: false; blocked: number; guardrails: GuardrailId[] };

/**
 * Whether a campaign audited with these counts may be marked ready: yes when no recipient is
 * blocked; otherwise only with a written reason (blank is no reason), recorded as an override.
 */
export function readyDecision(counts: AuditCounts, reason: string | null): ReadyDecision {
  if (counts.blocked === 0) return { ready: true, override: null };
  const written = reason?.trim() ?? '';
  if (written !== '')
    return { ready: true, override: { reason: written, blocked: counts.blocked } };
  return {
    ready: false,
    blocked: counts.blocked,
    guardrails: guardrailIds.filter((id) => counts.by_guardrail[id].blocking > 0),
  };
}
