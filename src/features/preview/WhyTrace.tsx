// Why the recipient is (or is not) in the campaign's segment: each node of the pinned version,
// indented as the builder nests it, met or not, and on what value.
import { clsx } from 'clsx';
import { Check, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { TraceStep } from '../../domain/segment/trace.ts';
import { QueryState } from '../../ui/QueryState.tsx';
import { Skeleton } from '../../ui/Skeleton.tsx';
import { useLanguage } from '../../ui/i18n/I18nProvider.tsx';
import type { SegmentSource, SegmentWording } from './parts.ts';
import { describeStep, nodesById, observedWords } from './trace-words.ts';

export function WhyTrace({
  steps,
  segment,
}: {
  steps: readonly TraceStep[];
  segment: SegmentSource;
}) {
  const { t } = useTranslation('preview');
  return (
    <section aria-labelledby="preview-trace" className="space-y-2">
      <h3 id="preview-trace" className="text-base font-semibold text-fg">
        {t('trace.title')}
      </h3>
      <QueryState
        status={segment.status}
        error={segment.error}
        data={segment.data}
        isEmpty={(data) => data === null || steps.length === 0}
        empty={<p className="text-sm text-fg-muted">{t('trace.noSegment')}</p>}
        loading={
          <div className="space-y-1.5">
            <Skeleton className="w-2/3" />
            <Skeleton className="w-1/2" />
          </div>
        }
        loadingLabel={t('trace.loading')}
        onRetry={segment.retry}
        retrying={segment.retrying}
      >
        {(wording) => (wording === null ? null : <Steps steps={steps} wording={wording} />)}
      </QueryState>
    </section>
  );
}

function Steps({ steps, wording }: { steps: readonly TraceStep[]; wording: SegmentWording }) {
  const { t } = useTranslation('preview');
  const { language } = useLanguage();
  const nodes = nodesById(wording.definition.root);
  return (
    <>
      <p className="text-sm text-fg-muted">
        {t('trace.segment', { name: wording.name, version: wording.version })}
      </p>
      <ol className="space-y-1 text-sm">
        {steps.map((step) => {
          const node = nodes.get(step.node_id);
          return (
            <li
              key={step.node_id}
              className="flex items-start gap-1.5"
              style={{ paddingLeft: `${step.depth * 1.25}rem` }}
            >
              {step.held ? (
                <Check size={14} aria-hidden="true" className="mt-0.5 shrink-0 text-success-700" />
              ) : (
                <X size={14} aria-hidden="true" className="mt-0.5 shrink-0 text-danger-700" />
              )}
              <span className="sr-only">{step.held ? t('trace.met') : t('trace.notMet')}</span>
              <span className="min-w-0">
                <span className={clsx(step.kind === 'group' ? 'font-medium' : '', 'text-fg')}>
                  {node === undefined
                    ? t('trace.unknownNode', { id: step.node_id })
                    : describeStep(node, wording, language)}
                </span>
                {node !== undefined && node.kind !== 'group' && (
                  <span className="block text-fg-muted">
                    {t('trace.observed', {
                      value: observedWords(node, step.observed, wording, t),
                    })}
                  </span>
                )}
              </span>
            </li>
          );
        })}
      </ol>
    </>
  );
}
