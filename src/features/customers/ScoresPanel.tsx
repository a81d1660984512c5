// What the customer-base models say about this customer: propensity to buy, churn band, expected
// next order, predicted lifetime value and RFM cell, each with the figure behind it, and in words
// why (the drivers). Loaded on its own, so a scoring failure never hides the profile.
import { useQuery } from '@tanstack/react-query';
import { clsx } from 'clsx';
import { ArrowDownRight, ArrowUpRight } from 'lucide-react';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { getI18n, Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CustomerScoresResponse, NoModelReason } from '../../api/contract.ts';
import { Badge, type Tone } from '../../ui/Badge.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { Skeleton } from '../../ui/Skeleton.tsx';
import { formatCalendarDate, formatCount, formatMoney, formatPercent } from '../../ui/format.ts';
import { useLanguage } from '../../ui/i18n/I18nProvider.tsx';
import { explainScores } from './explanation.ts';
import { customerQueries } from './queries.ts';

const bandTone: Record<'low' | 'medium' | 'high', Tone> = {
  low: 'success',
  medium: 'warn',
  high: 'danger',
};

/**
 * "top 8%" above the median, "bottom 30%" below it: where a customer stands. Worded by `t`, by
 * default the app's current language.
 */
export function standing(
  percentileValue: number,
  t: TFunction<'customers'> = getI18n().getFixedT(null, 'customers'),
): string {
  const p = Math.min(100, Math.max(0, percentileValue));
  if (p >= 50) {
    return t('scores.standing.top', { share: formatCount(Math.max(1, Math.round(100 - p))) });
  }
  return t('scores.standing.bottom', { share: formatCount(Math.max(1, Math.round(p))) });
}

/** Why the models could not be fitted, in the user's language. */
export function noModelText(t: TFunction<'customers'>, noModel: NoModelReason | undefined): string {
  if (noModel?.reason !== 'too_little_data') return t('scores.noModel.fitFailed');
  const p = noModel.params;
  return t('scores.noModel.tooLittleData', {
    minCustomers: formatCount(p.min_customers),
    minRepeatCustomers: formatCount(p.min_repeat_customers),
    customers: formatCount(p.customers),
    repeatCustomers: formatCount(p.repeat_customers),
  });
}

/**
 * One score: a short label, the figure, and a note under it. A figure in words (an RFM segment)
 * and a note wrap rather than lose their end: French names run longer than the column.
 */
function Figure({
  label,
  value,
  note,
  words = false,
}: {
  label: string;
  value: ReactNode;
  note?: string;
  words?: boolean;
}) {
  return (
    <div className="min-w-0">
      <dt className="truncate text-xs text-fg-muted" title={label}>
        {label}
      </dt>
      <dd
        className={clsx(
          'text-md font-semibold text-fg tabular-nums',
          words ? 'leading-tight break-words' : 'truncate',
        )}
        // A cut figure keeps its whole text on hover (screen readers read the text itself).
        title={!words && typeof value === 'string' ? value : undefined}
      >
        {value}
      </dd>
      {note !== undefined && <dd className="text-xs break-words text-fg-subtle">{note}</dd>}
    </div>
  );
}

function Scored({ data }: { data: CustomerScoresResponse }) {
  const { t } = useTranslation('customers');
  const { language } = useLanguage();
  const { scores } = data;
  if (data.status === 'no_model') {
    return <p className="text-sm text-fg-muted">{noModelText(t, data.no_model)}</p>;
  }
  if (data.status === 'no_orders' || scores === null) {
    return <p className="text-sm text-fg-muted">{t('scores.noOrders')}</p>;
  }
  const explanation = data.explanation && explainScores(data.explanation, language);
  return (
    <>
      {explanation && <p className="text-base text-fg">{explanation.headline}</p>}
      <dl className="mt-2 grid grid-cols-3 gap-x-3 gap-y-2 rounded-md border border-line bg-canvas px-3 py-2">
        {scores.propensity.map((p) => (
          <Figure
            key={p.horizon_days}
            label={t('scores.buysIn', { days: formatCount(p.horizon_days) })}
            value={formatPercent(p.probability)}
            note={standing(p.percentile, t)}
          />
        ))}
        <Figure
          label={t('scores.churnRisk', { days: formatCount(scores.churn.horizon_days) })}
          value={
            <Badge tone={bandTone[scores.churn.band]} className="align-middle">
              {t('scores.churnBand', {
                band: scores.churn.band,
                risk: formatPercent(scores.churn.risk),
              })}
            </Badge>
          }
        />
        <Figure
          label={
            scores.clv
              ? t('scores.valueNext', { months: formatCount(scores.clv.months) })
              : t('scores.predictedValue')
          }
          value={
            scores.clv ? formatMoney(Math.round(scores.clv.value * 100), scores.currency) : '—'
          }
          {...(scores.clv ? { note: standing(scores.clv.percentile, t) } : {})}
        />
        <Figure
          label={t('scores.nextOrder')}
          value={
            scores.next_order
              ? formatCalendarDate(scores.next_order.expected_date)
              : t('scores.notExpected')
          }
          note={
            scores.next_order
              ? t('scores.nextOrderMedian', {
                  days: formatCount(Math.round(scores.next_order.median_days)),
                })
              : t('scores.notWithinYears')
          }
        />
        <Figure
          label={t('scores.rfm')}
          value={scores.rfm ? t(`scores.rfmCell.${scores.rfm.cell}`) : '—'}
          words
          {...(scores.rfm
            ? { note: `R${scores.rfm.recency} F${scores.rfm.frequency} M${scores.rfm.monetary}` }
            : {})}
        />
      </dl>
      {explanation && explanation.drivers.length > 0 && (
        <ul aria-label={t('scores.why')} className="mt-2 space-y-1">
          {explanation.drivers.map((d) => (
            <li key={`${d.factor}-${d.text}`} className="flex items-start gap-1.5 text-sm text-fg">
              {d.direction === 'up' ? (
                <ArrowUpRight
                  size={14}
                  aria-label={t('scores.raises')}
                  className="mt-0.5 shrink-0 text-success-600"
                />
              ) : (
                <ArrowDownRight
                  size={14}
                  aria-label={t('scores.lowers')}
                  className="mt-0.5 shrink-0 text-danger-600"
                />
              )}
              <span>{d.text}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-2 text-xs text-fg-subtle">
        <Trans
          t={t}
          i18nKey={data.as_of === null ? 'scores.footerUndated' : 'scores.footer'}
          values={{
            day: data.as_of === null ? '' : formatCalendarDate(data.as_of),
            version: data.model_version,
          }}
          components={{
            cardlink: <Link to="/dashboards#model-card" className="text-accent-700 underline" />,
          }}
        />
      </p>
    </>
  );
}

export function ScoresPanel({ customerId }: { customerId: string }) {
  const { t } = useTranslation('customers');
  const scores = useQuery(customerQueries.scores(customerId));
  return (
    <section aria-label={t('scores.label')} className="border-b border-line px-4 py-3">
      <h3 className="mb-1 text-xs font-medium tracking-wide text-fg-muted uppercase">
        {t('scores.title')}
      </h3>
      <QueryState
        status={scores.status}
        error={scores.error}
        data={scores.data}
        isEmpty={() => false}
        empty={null}
        loading={<Skeleton className="h-20 w-full" />}
        loadingLabel={t('scores.loading')}
        onRetry={() => void scores.refetch()}
        retrying={scores.isRefetching}
      >
        {(data) => <Scored data={data} />}
      </QueryState>
    </section>
  );
}
