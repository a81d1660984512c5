// An import on its way: the bytes of its files sent (resumable after a failure, or cancelled),
// then its steps — each file read and checked, the checks across files, each table written, the
// derived tables rebuilt — with the one under way named.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ImportJob, ImportStep } from '../../api/contract/imports.ts';
import { Button } from '../../ui/Button.tsx';
import { Card, CardHeader } from '../../ui/Card.tsx';
import { describeError } from '../../ui/QueryState.tsx';
import { Spinner } from '../../ui/Spinner.tsx';
import { useErrorWords } from '../../ui/error-words.ts';
import { formatBytes, formatDateTime, formatPercent } from '../../ui/format.ts';

function Bar({
  label,
  value,
  max,
  text,
}: {
  label: string;
  value: number;
  max: number;
  text: string;
}) {
  const share = max === 0 ? 1 : Math.min(1, value / max);
  return (
    <div className="space-y-1">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        aria-valuetext={text}
        className="h-2 w-full overflow-hidden rounded-full bg-subtle"
      >
        <div className="h-full rounded-full bg-accent-600" style={{ width: `${share * 100}%` }} />
      </div>
      <p className="flex justify-between text-sm text-fg-muted tabular-nums">
        <span>{text}</span>
        <span>{formatPercent(share)}</span>
      </p>
    </div>
  );
}

export function SendingProgress({
  sent,
  total,
  failure,
  onResume,
  onCancel,
}: {
  sent: number;
  total: number;
  failure: unknown;
  onResume: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('imports');
  const words = useErrorWords();
  const failed = failure === null ? null : describeError(failure, words);
  const text = t('progress.sent', { sent: formatBytes(sent), total: formatBytes(total) });
  return (
    <Card>
      <CardHeader
        actions={
          <>
            {failed !== null && (
              <Button variant="primary" onClick={onResume}>
                {t('progress.resume')}
              </Button>
            )}
            <Button onClick={onCancel}>{t('progress.cancel')}</Button>
          </>
        }
      >
        <h3 className="flex items-center gap-2 text-md font-semibold text-fg">
          {failed === null && <Spinner />}
          {t('progress.sending')}
        </h3>
      </CardHeader>
      <div className="space-y-2 px-4 py-3">
        <Bar label={t('progress.sending')} value={sent} max={total} text={text} />
        {failed !== null && (
          <p role="alert" className="text-sm text-danger-700">
            {t('progress.sendFailed')} ({failed.title}. {failed.detail})
          </p>
        )}
      </div>
    </Card>
  );
}

export function stepText(step: ImportStep, t: TFunction<'imports'>): string {
  const table = step.table ?? '';
  switch (step.stage) {
    case 'read':
      return t('progress.step.read', { table });
    case 'check':
      return t('progress.step.check', { table });
    case 'resolve':
      return t('progress.step.resolve');
    case 'cross_check':
      return t('progress.step.cross_check');
    case 'write':
      return t('progress.step.write', { table });
    case 'rebuild':
      return t('progress.step.rebuild', { table });
    case 'reload':
      return t('progress.step.reload');
  }
}

export function ImportProgress({ job }: { job: ImportJob }) {
  const { t } = useTranslation('imports');
  const { done, total, step } = job.progress;
  return (
    <Card>
      <CardHeader>
        <h3 className="flex items-center gap-2 text-md font-semibold text-fg">
          <Spinner />
          {t(job.check ? 'progress.checking' : 'progress.running')}
        </h3>
      </CardHeader>
      <div className="space-y-2 px-4 py-3">
        <Bar
          label={t('progress.label')}
          value={done}
          max={total}
          text={t('progress.steps', { done, total })}
        />
        <p aria-live="polite" className="text-sm text-fg">
          {step === null ? '' : stepText(step, t)}
        </p>
        <p className="text-sm text-fg-subtle">
          {t('progress.startedBy', {
            name: job.author.name,
            when: formatDateTime(job.created_at),
          })}
        </p>
      </div>
    </Card>
  );
}
