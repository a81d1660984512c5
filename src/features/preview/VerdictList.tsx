// The guardrails' verdicts on one recipient, blocking first: each with its severity, its sentence
// and its evidence. A verdict citing timeline entries brings the first into view in the timeline;
// each entry cited can be brought into view on its own.
import { clsx } from 'clsx';
import { History, ShieldCheck } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { compareVerdicts, type Evidence, type Verdict } from '../../domain/guardrails/verdict.ts';
import { Badge } from '../../ui/Badge.tsx';
import type { EvidenceEntry } from './evidence.ts';
import { firstEntry } from './evidence.ts';
import { useVerdictWords } from './verdict-words.ts';

export function VerdictList({
  verdicts,
  onShow,
  idOf,
}: {
  verdicts: readonly Verdict[];
  /** Brings a timeline entry into view. */
  onShow: (entry: EvidenceEntry) => void;
  /** The element id of the verdict at this place in blocking-first order. */
  idOf: (place: number) => string;
}) {
  const { t } = useTranslation('preview');
  const words = useVerdictWords();
  const sorted = [...verdicts].sort(compareVerdicts);
  return (
    <section aria-labelledby="preview-verdicts" className="space-y-2">
      <h3 id="preview-verdicts" className="text-base font-semibold text-fg">
        {t('verdicts.title', { count: verdicts.length })}
      </h3>
      {sorted.length === 0 ? (
        <p className="flex items-center gap-1.5 text-sm text-success-700">
          <ShieldCheck size={14} aria-hidden="true" />
          {t('verdicts.none')}
        </p>
      ) : (
        <ul className="space-y-2">
          {sorted.map((verdict, i) => {
            const entry = firstEntry(verdict);
            const name = words.name(verdict.guardrail);
            return (
              <li
                key={`${verdict.guardrail}-${i}`}
                id={idOf(i)}
                className={clsx(
                  'scroll-mt-4 rounded-md border border-l-4 border-line bg-surface px-3 py-2',
                  verdict.severity === 'block' ? 'border-l-danger-600' : 'border-l-warn-600',
                )}
              >
                <div className="flex flex-wrap items-center gap-2">
                  <Badge tone={verdict.severity === 'block' ? 'danger' : 'warn'}>
                    {words.severity(verdict.severity)}
                  </Badge>
                  {entry === null ? (
                    <span className="text-base font-medium text-fg">{name}</span>
                  ) : (
                    <button
                      type="button"
                      onClick={() => onShow(entry)}
                      title={t('verdicts.showHint')}
                      className="inline-flex items-center gap-1 rounded-sm text-base font-medium text-fg hover:text-accent-700 hover:underline"
                    >
                      {name}
                      <History size={13} aria-hidden="true" className="text-fg-subtle" />
                    </button>
                  )}
                </div>
                <p className="mt-1 text-sm text-fg">{words.sentence(verdict)}</p>
                <EvidenceList evidence={verdict.evidence} onShow={onShow} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function EvidenceList({
  evidence,
  onShow,
}: {
  evidence: readonly Evidence[];
  onShow: (entry: EvidenceEntry) => void;
}) {
  const { t } = useTranslation('preview');
  const words = useVerdictWords();
  if (evidence.length === 0) return null;
  return (
    <ul aria-label={t('verdicts.evidence')} className="mt-1 space-y-0.5 text-sm text-fg-muted">
      {evidence.map((e, i) => (
        <li key={i} className="flex gap-1">
          <span aria-hidden="true">·</span>
          {e.kind === 'entry' ? (
            <button
              type="button"
              onClick={() => onShow(e)}
              className="text-left text-accent-700 hover:underline"
            >
              {words.evidence(e)}
            </button>
          ) : (
            <span className="min-w-0 break-words">{words.evidence(e)}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
