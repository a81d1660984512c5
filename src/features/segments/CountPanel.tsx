// The audience as it stands: the live count and its share of all customers, who can be reached on
// each channel, a breakdown and sample members. Never a number for a definition it does not hold:
// an earlier count shows dimmed while the new one runs, and an incomplete segment says why.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogueResponse } from '../../api/contract.ts';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { describeError } from '../../ui/QueryState.tsx';
import { useErrorWords } from '../../ui/error-words.ts';
import { Skeleton } from '../../ui/Skeleton.tsx';
import { formatCount } from '../../ui/format.ts';
import { share } from './audience-format.ts';
import { Attention, audienceSentence, Headline } from './AudienceHeadline.tsx';
import { Breakdown } from './Breakdown.tsx';
import type { IssueSummary } from './node-issues.ts';
import { SampleMembers } from './SampleMembers.tsx';
import type { LiveCount } from './useLiveCount.ts';

export interface CountPanelProps {
  count: LiveCount;
  /** Conditions and groups by name, to say which need attention. */
  names: ReadonlyMap<string, string>;
  summary: IssueSummary;
  empty: boolean;
  catalogue: CatalogueResponse;
  breakdown: string | null;
  onBreakdown: (field: string) => void;
  /** The contact-pressure forecast, under the reach. */
  forecast?: ReactNode;
}

const CHANNELS = ['email', 'sms', 'push'] as const;

export function CountPanel({
  count,
  names,
  summary,
  empty,
  catalogue,
  breakdown,
  onBreakdown,
  forecast = null,
}: CountPanelProps) {
  const { t } = useTranslation('segments');
  const errorWords = useErrorWords();
  const data = count.state === 'fresh' || count.state === 'updating' ? count.data : null;
  const updating = count.state === 'updating';
  let headline;
  if (empty) {
    headline = <p className="text-base text-fg-muted">{t('audience.empty')}</p>;
  } else if (count.state === 'idle') {
    headline = <Attention summary={summary} names={names} />;
  } else if (count.state === 'loading') {
    headline = (
      <div role="status" aria-label={t('audience.counting')} className="space-y-2">
        <Skeleton className="h-7 w-32" />
        <Skeleton className="h-3 w-44" />
      </div>
    );
  } else if (count.state === 'error') {
    const { title, detail } = describeError(count.error, errorWords);
    headline = (
      <ErrorState
        layout="inline"
        title={t('audience.failed', { title })}
        detail={t('audience.failedDetail', { detail })}
        onRetry={count.retry}
        retrying={count.retrying}
      />
    );
  } else {
    headline = <Headline data={count.data} updating={updating} />;
  }

  return (
    <aside
      aria-label={t('audience.heading')}
      aria-busy={updating || count.state === 'loading'}
      className="flex w-[340px] shrink-0 flex-col overflow-y-auto border-l border-line bg-surface"
    >
      <section className="border-b border-line px-4 py-3">
        <h2 className="mb-1.5 text-xs font-medium text-fg-subtle uppercase">
          {t('audience.heading')}
        </h2>
        {headline}
        <p role="status" className="sr-only">
          {count.state === 'fresh' ? audienceSentence(t, count.data.count) : ''}
        </p>
      </section>
      {data && (
        <div aria-busy={updating}>
          <section aria-labelledby="reach-heading" className="border-b border-line px-4 py-3">
            <h3 id="reach-heading" className="text-sm font-medium text-fg">
              {t('audience.reachable')}
            </h3>
            <dl className="mt-1.5 space-y-1">
              {CHANNELS.map((key) => (
                <div
                  key={key}
                  className="grid grid-cols-[1fr_auto_3.5rem] items-baseline gap-2 text-sm"
                >
                  <dt className="text-fg-muted">{t(`audience.channel.${key}`)}</dt>
                  <dd className="text-right text-fg tabular-nums">
                    {formatCount(data.reachable[key])}
                  </dd>
                  <dd className="text-right text-fg-subtle tabular-nums">
                    {share(data.reachable[key], data.count)}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
          {forecast}
          <Breakdown catalogue={catalogue} field={breakdown} onField={onBreakdown} data={data} />
          <SampleMembers members={data.sample} count={data.count} />
        </div>
      )}
    </aside>
  );
}
