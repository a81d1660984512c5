// What the guardrail policy would do to an audience were a message to leave now (or at the send
// time): members capped, delayed and skipped, each with its share and the rules behind it. An
// earlier answer stays dimmed while the next one comes; a failure says why and offers Retry.
import { clsx } from 'clsx';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ForecastResponse } from '../../api/contract.ts';
import { forecastAction } from '../../domain/guardrails/forecast.ts';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { describeError } from '../../ui/QueryState.tsx';
import { useErrorWords } from '../../ui/error-words.ts';
import { Skeleton } from '../../ui/Skeleton.tsx';
import { formatCount, formatDateTime, formatPercent } from '../../ui/format.ts';

export interface PressureForecastProps {
  data: ForecastResponse | undefined;
  /** `data` is for an earlier ask. */
  stale: boolean;
  error: unknown;
  onRetry: () => void;
  retrying: boolean;
  /** Beside the heading: the channel picker of the segment builder. */
  control?: ReactNode;
  className?: string;
}

export function PressureForecast(props: PressureForecastProps) {
  const { t } = useTranslation('guardrails');
  const words = useErrorWords();
  const { data, stale } = props;
  let body: ReactNode;
  if (props.error !== null && (data === undefined || !stale)) {
    const { title, detail } = describeError(props.error, words);
    body = (
      <ErrorState
        layout="inline"
        title={t('forecast.failed', { title })}
        detail={detail}
        onRetry={props.onRetry}
        retrying={props.retrying}
      />
    );
  } else if (data === undefined) {
    body = (
      <div role="status" aria-label={t('forecast.loading')} className="space-y-1.5">
        <Skeleton className="h-3 w-48" />
        <Skeleton className="h-3 w-40" />
        <Skeleton className="h-3 w-44" />
      </div>
    );
  } else {
    body = <Figures data={data} />;
  }
  return (
    <section
      aria-labelledby="forecast-heading"
      aria-busy={stale || data === undefined}
      className={clsx('space-y-1.5', props.className)}
    >
      <div className="flex items-center justify-between gap-2">
        <h3 id="forecast-heading" className="text-sm font-medium text-fg">
          {t('forecast.title')}
        </h3>
        {props.control}
      </div>
      <div aria-busy={stale && data !== undefined}>{body}</div>
    </section>
  );
}

function Figures({ data }: { data: ForecastResponse }) {
  const { t } = useTranslation('guardrails');
  const members = formatCount(data.members);
  const share = (n: number) => (data.members === 0 ? '' : formatPercent(n / data.members));
  return (
    <div className="space-y-1.5">
      <p className="text-xs text-fg-subtle">
        {t('forecast.subtitle', {
          channel: t(`forecast.channel.${data.channel}`),
          when: t('forecast.at', { at: formatDateTime(data.at) }),
          policy: data.policy.version,
        })}
      </p>
      {data.affected === 0 ? (
        <p className="text-sm text-success-700">{t('forecast.none', { members })}</p>
      ) : (
        <>
          <p className="text-sm text-fg-muted">
            {t('forecast.affected', { count: data.affected, members })}
          </p>
          <table className="w-full text-sm">
            <caption className="sr-only">{t('forecast.rules')}</caption>
            <tbody>
              {forecastAction.options.flatMap((action) => [
                <tr key={action} title={t(`forecast.actionHint.${action}`)}>
                  <th scope="row" className="py-0.5 text-left font-normal text-fg-muted">
                    {t(`forecast.action.${action}`)}
                  </th>
                  <td className="text-right text-fg tabular-nums">{formatCount(data[action])}</td>
                  <td className="w-14 text-right text-fg-subtle tabular-nums">
                    {share(data[action])}
                  </td>
                </tr>,
                ...data.rules
                  .filter((r) => r.action === action)
                  .map((r) => (
                    <tr key={`${action} ${r.rule}`} className="text-xs text-fg-subtle">
                      <th scope="row" className="py-0.5 pl-3 text-left font-normal">
                        {t(`forecast.rule.${r.rule}`, { defaultValue: r.rule })}
                      </th>
                      <td className="text-right tabular-nums">{formatCount(r.members)}</td>
                      <td />
                    </tr>
                  )),
              ])}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
