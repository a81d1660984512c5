// The top of the centre column: who this is, and every verdict as a chip, blocking first. A chip
// brings its verdict (below the message) and its first cited entry (in the timeline) into view.
import { useTranslation } from 'react-i18next';
import { clsx } from 'clsx';
import { compareVerdicts, type Verdict } from '../../domain/guardrails/verdict.ts';
import { firstEntry, type EvidenceEntry } from './evidence.ts';
import { useVerdictWords } from './verdict-words.ts';

/**
 * Scrolls the centre column (and only it: scrollIntoView would scroll the page's frame too) so
 * the verdict's top shows.
 */
function bringIntoView(id: string) {
  const target = document.getElementById(id);
  const scroller = target?.closest<HTMLElement>('[data-preview-scroller]');
  if (!target || !scroller) return;
  const offset = target.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
  scroller.scrollTo?.({ top: scroller.scrollTop + offset - 16, behavior: 'smooth' });
}

export function VerdictSummary({
  name,
  customerId,
  verdicts,
  onShow,
  idOf,
}: {
  name: string;
  customerId: string;
  verdicts: readonly Verdict[];
  onShow: (entry: EvidenceEntry) => void;
  idOf: (place: number) => string;
}) {
  const { t } = useTranslation('preview');
  const words = useVerdictWords();
  const sorted = [...verdicts].sort(compareVerdicts);
  return (
    <header className="flex flex-wrap items-center gap-x-2 gap-y-1">
      <h3 className="min-w-0 truncate text-md font-semibold text-fg">{name}</h3>
      <span className="font-mono text-xs text-fg-muted">{customerId}</span>
      {sorted.length > 0 && (
        <ul aria-label={t('verdicts.summary')} className="flex flex-wrap gap-1">
          {sorted.map((verdict, i) => {
            const entry = firstEntry(verdict);
            return (
              <li key={`${verdict.guardrail}-${i}`}>
                <button
                  type="button"
                  title={words.severity(verdict.severity)}
                  onClick={() => {
                    bringIntoView(idOf(i));
                    if (entry !== null) onShow(entry);
                  }}
                  className={clsx(
                    'h-5 rounded-sm border px-1.5 text-xs font-medium whitespace-nowrap hover:underline',
                    verdict.severity === 'block'
                      ? 'border-danger-200 bg-danger-50 text-danger-700'
                      : 'border-warn-200 bg-warn-50 text-warn-700',
                  )}
                >
                  {words.name(verdict.guardrail)}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </header>
  );
}
