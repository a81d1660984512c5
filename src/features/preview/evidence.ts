// The timeline entries verdicts cite: the marks the timeline highlights, and where a click leads.
import type { Evidence, GuardrailId, Verdict } from '../../domain/guardrails/verdict.ts';
import type { EvidenceMark } from './parts.ts';

export type EvidenceEntry = Extract<Evidence, { kind: 'entry' }>;

const isEntry = (e: Evidence): e is EvidenceEntry => e.kind === 'entry';

/** The first timeline entry a verdict cites, or null when it cites none. */
export function firstEntry(verdict: Verdict): EvidenceEntry | null {
  return verdict.evidence.find(isEntry) ?? null;
}

/** Every entry cited, labelled with the guardrails citing it. */
export function evidenceMarks(
  verdicts: readonly Verdict[],
  name: (id: GuardrailId) => string,
): EvidenceMark[] {
  return verdicts.flatMap((v) =>
    v.evidence
      .filter(isEntry)
      .map((e) => ({ kind: e.entry_kind, id: e.id, label: name(v.guardrail) })),
  );
}
