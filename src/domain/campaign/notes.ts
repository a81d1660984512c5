// The notes the server writes on a campaign version made from an audit: a remedy applied, the
// campaign marked ready (over a blocking guardrail, with a written reason, when overridden). Like
// version-notes.ts's, written here and read back as codes the client words in its language.
import { remedy, type RemedyKind } from '../guardrails/remedy.ts';
import { guardrailId, type GuardrailId } from '../guardrails/verdict.ts';

export type CampaignNote =
  | { kind: 'remedy'; remedy: RemedyKind; guardrail: GuardrailId | null; count: number | null }
  | { kind: 'ready'; audit_id: string; overridden: boolean };

/** A remedy applied from an audit; an exclusion names its guardrail and how many it left out. */
export function remedyNote(
  kind: RemedyKind,
  exclusion?: { guardrail: GuardrailId; count: number },
) {
  return exclusion === undefined
    ? `remedy ${kind}`
    : `remedy ${kind} ${exclusion.guardrail} ${exclusion.count}`;
}

/** Marked ready from an audit, over a blocking guardrail when `overridden`. */
export const readyNote = (auditId: string, overridden: boolean) =>
  `marked ready${overridden ? ' with an override' : ''} after audit ${auditId}`;

const REMEDY = /^remedy ([a-z_]{1,40})(?: ([a-z_]{1,40}) (\d{1,9}))?$/;
const READY = /^marked ready( with an override)? after audit ([A-Za-z0-9_-]{1,64})$/;
const remedyKind = remedy.options.map((o) => o.shape.kind.value);

/** The campaign note a version's note is, or null for any other. */
export function campaignNote(note: string): CampaignNote | null {
  const applied = REMEDY.exec(note);
  if (applied !== null) {
    const kind = remedyKind.find((k) => k === applied[1]);
    if (kind === undefined) return null;
    const guardrail = guardrailId.safeParse(applied[2]);
    return {
      kind: 'remedy',
      remedy: kind,
      guardrail: guardrail.success ? guardrail.data : null,
      count: applied[3] === undefined ? null : Number(applied[3]),
    };
  }
  const ready = READY.exec(note);
  if (ready?.[2] !== undefined)
    return { kind: 'ready', audit_id: ready[2], overridden: ready[1] !== undefined };
  return null;
}
