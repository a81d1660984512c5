// The model card of the current fit: what data the customer-base models saw, their parameters
// with the log-likelihood, how the scores are defined, and how well the model did on a holdout
// period it never saw (predicted vs actual repeat purchases by calibration frequency, AUC, Brier
// score, calibration by decile). Every score in the product points here.
import { useQuery, type QueryKey } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ModelCardResponse } from '../../api/contract.ts';
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from '../../ui/Card.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { Table, TBody, Td, Th, THead } from '../../ui/Table.tsx';
import {
  formatCalendarDate,
  formatCount,
  formatDateTime,
  formatDecimal,
  formatMoney,
  formatPercent,
} from '../../ui/format.ts';
import { modelQueries } from './queries.ts';
import { Refit } from './Refit.tsx';

const decimal = (v: number | null, digits: number) => (v === null ? '–' : formatDecimal(v, digits));
const pct = (v: number | null) => (v === null ? '–' : formatPercent(v));
/** A cut-off such as 0.5 with the decimals it was written with (up to 4). */
const cutoff = (v: number) => formatDecimal(v, Math.min(4, (String(v).split('.')[1] ?? '').length));

/** The server's wording of the discounting, per language; a wording not listed shows as it came. */
const discountingKeys = {
  'expected spend per 30-day month, discounted by the monthly rate per month': 'monthly',
} as const;
const isDiscounting = (text: string): text is keyof typeof discountingKeys =>
  Object.hasOwn(discountingKeys, text);

function discountingText(t: TFunction<'dashboards'>, discounting: string): string {
  return isDiscounting(discounting)
    ? t(`modelCard.scoring.discounting.${discountingKeys[discounting]}`)
    : discounting;
}

function Param({ name, value, note }: { name: string; value: string; note?: string }) {
  return (
    <div>
      <dt className="text-xs text-fg-muted">{name}</dt>
      <dd className="font-mono text-base text-fg tabular-nums">{value}</dd>
      {note !== undefined && <dd className="text-xs text-fg-subtle">{note}</dd>}
    </div>
  );
}

function Holdout({ card }: { card: ModelCardResponse }) {
  const { t } = useTranslation('dashboards');
  const h = card.holdout;
  if (h === null) {
    return <p className="text-base text-fg-muted">{t('modelCard.holdout.none')}</p>;
  }
  const totals = h.reliability.totals;
  return (
    <div className="grid grid-cols-2 gap-6">
      <section aria-label={t('modelCard.holdout.repeat.label')}>
        <h3 className="mb-1 text-base font-semibold text-fg">
          {t('modelCard.holdout.repeat.title', {
            end: formatCalendarDate(h.holdout_end),
            count: Math.round(h.holdout_length),
            length: formatDecimal(h.holdout_length, 0),
            unit: card.unit,
          })}
        </h3>
        <p className="mb-2 text-sm text-fg-muted">
          {t('modelCard.holdout.repeat.totals', {
            predicted: formatDecimal(totals.predicted, 1),
            actual: formatCount(totals.actual),
            count: totals.customers,
            customers: formatCount(totals.customers),
            gap: pct((totals.predicted - totals.actual) / Math.max(1, totals.actual)),
          })}
        </p>
        <Table aria-label={t('modelCard.holdout.repeat.table')}>
          <THead>
            <tr>
              <Th>{t('modelCard.holdout.repeat.before')}</Th>
              <Th numeric>{t('modelCard.holdout.repeat.customers')}</Th>
              <Th numeric>{t('modelCard.holdout.repeat.predicted')}</Th>
              <Th numeric>{t('modelCard.holdout.repeat.actual')}</Th>
            </tr>
          </THead>
          <TBody>
            {h.reliability.rows.map((r) => (
              <tr key={r.label}>
                <Td>{r.label}</Td>
                <Td numeric>{formatCount(r.customers)}</Td>
                <Td numeric>{decimal(r.mean_predicted, 3)}</Td>
                <Td numeric>{decimal(r.mean_actual, 3)}</Td>
              </tr>
            ))}
          </TBody>
        </Table>
      </section>
      <section aria-label={t('modelCard.holdout.propensity.label')}>
        <h3 className="mb-1 text-base font-semibold text-fg">
          {t('modelCard.holdout.propensity.title', {
            count: h.propensity_horizon_days,
            days: formatCount(h.propensity_horizon_days),
          })}
        </h3>
        <p className="mb-2 text-sm text-fg-muted">
          {t('modelCard.holdout.propensity.scores', {
            auc: decimal(h.auc, 3),
            brier: decimal(h.brier, 4),
          })}
        </p>
        <Table aria-label={t('modelCard.holdout.propensity.table')}>
          <THead>
            <tr>
              <Th>{t('modelCard.holdout.propensity.decile')}</Th>
              <Th numeric>{t('modelCard.holdout.propensity.customers')}</Th>
              <Th numeric>{t('modelCard.holdout.propensity.predicted')}</Th>
              <Th numeric>{t('modelCard.holdout.propensity.observed')}</Th>
            </tr>
          </THead>
          <TBody>
            {h.calibration_by_decile.map((b) => (
              <tr key={b.decile}>
                <Td>{formatCount(b.decile)}</Td>
                <Td numeric>{formatCount(b.customers)}</Td>
                <Td numeric>{pct(b.mean_predicted)}</Td>
                <Td numeric>{pct(b.observed_rate)}</Td>
              </tr>
            ))}
          </TBody>
        </Table>
      </section>
    </div>
  );
}

function CardView({ card }: { card: ModelCardResponse }) {
  const { t, i18n } = useTranslation('dashboards');
  const bg = card.bg_nbd;
  const gg = card.gamma_gamma;
  const s = card.scoring;
  const converged = (yes: boolean) => t('modelCard.converged', { converged: yes ? 'yes' : 'no' });
  const horizons = new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(
    s.horizons_days.map(formatCount),
  );
  return (
    <div className="space-y-4">
      <p className="text-base text-fg">
        {t('modelCard.summary', {
          customerCount: card.customers,
          customers: formatCount(card.customers),
          repeatCount: card.repeat_customers,
          repeatBuyers: formatCount(card.repeat_customers),
          from: formatCalendarDate(card.data_window.first_purchase),
          to: formatCalendarDate(card.data_window.calibration_end),
          unit: card.unit,
        })}
        {card.fitted_at !== null && (
          <> {t('modelCard.fitted', { when: formatDateTime(card.fitted_at) })}</>
        )}
      </p>
      <div className="grid grid-cols-2 gap-6">
        <section aria-label={t('modelCard.bgNbd.name')}>
          <h3 className="text-base font-semibold text-fg">{t('modelCard.bgNbd.title')}</h3>
          <dl className="mt-1 grid grid-cols-4 gap-3">
            <Param name="r" value={decimal(bg.parameters.r, 4)} />
            <Param
              name="α"
              value={decimal(bg.parameters.alpha, 4)}
              note={t('modelCard.units', { unit: card.unit })}
            />
            <Param name="a" value={decimal(bg.parameters.a, 4)} />
            <Param name="b" value={decimal(bg.parameters.b, 4)} />
          </dl>
          <p className="mt-1 text-sm text-fg-muted">
            {t('modelCard.bgNbd.fit', {
              logLikelihood: decimal(bg.log_likelihood, 2),
              count: bg.iterations,
              iterations: formatCount(bg.iterations),
              converged: converged(bg.converged),
            })}
          </p>
        </section>
        <section aria-label={t('modelCard.gammaGamma.name')}>
          <h3 className="text-base font-semibold text-fg">{t('modelCard.gammaGamma.title')}</h3>
          {gg === null ? (
            <p className="text-sm text-fg-muted">{t('modelCard.gammaGamma.notFitted')}</p>
          ) : (
            <>
              <dl className="mt-1 grid grid-cols-4 gap-3">
                <Param name="p" value={decimal(gg.parameters.p, 4)} />
                <Param name="q" value={decimal(gg.parameters.q, 4)} />
                <Param name="γ" value={decimal(gg.parameters.gamma, 4)} />
                <Param
                  name={t('modelCard.gammaGamma.meanSpend')}
                  value={formatMoney(Math.round(gg.mean_spend * 100), 'EUR')}
                />
              </dl>
              <p className="mt-1 text-sm text-fg-muted">
                {t('modelCard.gammaGamma.fit', {
                  logLikelihood: decimal(gg.log_likelihood, 2),
                  count: gg.customers,
                  customers: formatCount(gg.customers),
                  converged: converged(gg.converged),
                })}
              </p>
            </>
          )}
        </section>
      </div>
      <p className="text-sm text-fg-muted">
        {t('modelCard.scoring.propensity', { horizons })}{' '}
        {t('modelCard.scoring.churn', {
          count: s.churn_horizon_days,
          days: formatCount(s.churn_horizon_days),
          medium: cutoff(s.churn_band_cutoffs.medium),
          high: cutoff(s.churn_band_cutoffs.high),
        })}{' '}
        {t('modelCard.scoring.value', {
          count: s.clv_months,
          months: formatCount(s.clv_months),
          discounting: discountingText(t, s.discounting),
          rate: pct(s.monthly_discount_rate),
        })}
      </p>
      <Holdout card={card} />
    </div>
  );
}

export function ModelCard({
  rescored,
}: {
  /** What else reads the scores or the catalogue a fit feeds (key prefixes of other features). */
  rescored: readonly QueryKey[];
}) {
  const { t } = useTranslation('dashboards');
  const card = useQuery(modelQueries.card());
  return (
    <Card id="model-card" aria-labelledby="model-card-title">
      <CardHeader actions={<Refit rescored={rescored} />}>
        <CardTitle id="model-card-title">{t('modelCard.title')}</CardTitle>
        <CardDescription>
          {card.data
            ? t('modelCard.version', { version: card.data.model_version })
            : t('modelCard.description')}
        </CardDescription>
      </CardHeader>
      <CardBody>
        <QueryState
          status={card.status}
          error={card.error}
          data={card.data}
          isEmpty={() => false}
          empty={null}
          loadingLabel={t('modelCard.loading')}
          onRetry={() => void card.refetch()}
          retrying={card.isRefetching}
        >
          {(data) => <CardView card={data} />}
        </QueryState>
      </CardBody>
    </Card>
  );
}
