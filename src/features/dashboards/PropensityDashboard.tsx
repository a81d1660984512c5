// Who is likely to buy again, over the shared segment filter: the members by band of propensity
// over 30 and 90 days and by churn band (scores as of the data's date, so the period and channel
// do not apply), the churn bands at each month's end of the last year (a model refitted per month),
// and how well the propensity is calibrated — predicted against observed by decile
// on the holdout period of the validation fit (the whole base, whatever the filter). From
// GET /api/dashboards/propensity and the model card.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { PropensityResponse } from '../../api/contract.ts';
import { QueryState } from '../../ui/QueryState.tsx';
import {
  formatCalendarDate,
  formatCount,
  formatDay,
  formatMonth,
  formatPercent,
} from '../../ui/format.ts';
import { FigureCard, legendText, countColumn } from './FigureCard.tsx';
import { filterQuery, type DashboardFilters } from './filters.ts';
import { dashboardQueries, modelQueries } from './queries.ts';

const DARK = 'var(--color-accent-600, #4a50d6)';
const LIGHT = 'var(--color-accent-300, #a3aefa)';
// Low to high risk: green, amber, red, each 3:1 against the page (non-text contrast).
const LOW = 'var(--color-success-600, #15803d)';
const MEDIUM = 'var(--color-warn-600, #b45309)';
const HIGH = 'var(--color-danger-600, #dc2626)';
const bandLabel = (band: string) => `${band.replace('-', '–')} %`;

type Band = PropensityResponse['propensity_30d'][number];
type TrendMonth = PropensityResponse['churn_trend'][number];

export function PropensityDashboard({ filters }: { filters: DashboardFilters }) {
  const { t } = useTranslation('dashboards');
  const propensity = useQuery(dashboardQueries.propensity(filterQuery(filters)));
  const card = useQuery(modelQueries.card());
  return (
    <QueryState
      status={propensity.status}
      error={propensity.error}
      data={propensity.data}
      isEmpty={(d) => d.customers === 0}
      empty={<p className="py-6 text-base text-fg-muted">{t('propensity.empty')}</p>}
      loadingLabel={t('propensity.loading')}
      onRetry={() => void propensity.refetch()}
      retrying={propensity.isRefetching}
    >
      {(data) => {
        const rows = data.propensity_30d.map((b, i) => ({
          band: b.band,
          label: bandLabel(b.band),
          d30: b.customers,
          d90: data.propensity_90d[i]?.customers ?? 0,
        }));
        const scored = data.customers - data.unscored;
        const deciles = card.data?.holdout?.calibration_by_decile ?? [];
        return (
          <div className="space-y-3" aria-busy={propensity.isFetching}>
            <p className="text-sm text-fg-muted">
              {t('propensity.asOf', {
                asOf: formatDay(data.as_of),
                scored: formatCount(scored),
                unscored: formatCount(data.unscored),
              })}
            </p>
            <FigureCard
              id="propensity-bands"
              title={t('propensity.bands.title')}
              description={t('propensity.bands.description')}
              tableLabel={t('propensity.bands.table')}
              file="propensity-bands.csv"
              rows={rows}
              rowKey={(r) => r.band}
              columns={[
                { label: t('propensity.bands.band'), cell: (r) => r.label, csv: (r) => r.band },
                countColumn(t('propensity.bands.d30'), 'd30'),
                countColumn(t('propensity.bands.d90'), 'd90'),
              ]}
              chart={
                <ResponsiveContainer width="100%" height={240}>
                  <BarChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
                    <CartesianGrid vertical={false} stroke="var(--color-line, #e5e7eb)" />
                    <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} />
                    <YAxis tick={{ fontSize: 12 }} tickFormatter={(v: number) => formatCount(v)} />
                    <Tooltip formatter={(v) => (typeof v === 'number' ? formatCount(v) : v)} />
                    <Legend formatter={legendText} />
                    <Bar dataKey="d30" name={t('propensity.bands.d30')} fill={DARK} />
                    <Bar dataKey="d90" name={t('propensity.bands.d90')} fill={LIGHT} />
                  </BarChart>
                </ResponsiveContainer>
              }
            />
            <div className="grid grid-cols-2 gap-3">
              <FigureCard<Band>
                id="propensity-churn"
                title={t('propensity.churn.title')}
                description={t('propensity.churn.description')}
                tableLabel={t('propensity.churn.table')}
                file="churn-bands.csv"
                rows={data.churn}
                rowKey={(r) => r.band}
                columns={[
                  {
                    label: t('propensity.churn.band'),
                    cell: (r) =>
                      t(
                        `propensity.churn.${r.band === 'low' ? 'low' : r.band === 'medium' ? 'medium' : 'high'}`,
                      ),
                    csv: (r) => r.band,
                  },
                  countColumn(t('propensity.churn.customers'), 'customers'),
                  {
                    label: t('propensity.churn.share'),
                    numeric: true,
                    cell: (r) => (scored > 0 ? formatPercent(r.customers / scored) : '–'),
                    csv: (r) => (scored > 0 ? (r.customers / scored).toFixed(4) : ''),
                  },
                ]}
              />
              <FigureCard
                id="propensity-reliability"
                title={t('propensity.reliability.title')}
                description={t('propensity.reliability.description')}
                tableLabel={t('propensity.reliability.table')}
                file="propensity-reliability.csv"
                rows={deciles}
                rowKey={(d) => String(d.decile)}
                columns={[
                  {
                    label: t('propensity.reliability.decile'),
                    cell: (d) => String(d.decile),
                    csv: (d) => String(d.decile),
                  },
                  countColumn(t('propensity.reliability.customers'), 'customers'),
                  {
                    label: t('propensity.reliability.predicted'),
                    numeric: true,
                    cell: (d) =>
                      d.mean_predicted === null ? '–' : formatPercent(d.mean_predicted),
                    csv: (d) => (d.mean_predicted === null ? '' : d.mean_predicted.toFixed(4)),
                  },
                  {
                    label: t('propensity.reliability.observed'),
                    numeric: true,
                    cell: (d) => (d.observed_rate === null ? '–' : formatPercent(d.observed_rate)),
                    csv: (d) => (d.observed_rate === null ? '' : d.observed_rate.toFixed(4)),
                  },
                ]}
                chart={
                  deciles.length === 0 ? undefined : (
                    <ResponsiveContainer width="100%" height={220}>
                      <LineChart data={deciles} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
                        <CartesianGrid stroke="var(--color-line, #e5e7eb)" />
                        <XAxis dataKey="decile" tick={{ fontSize: 12 }} />
                        <YAxis
                          domain={[0, 1]}
                          tick={{ fontSize: 12 }}
                          tickFormatter={(v: number) => formatPercent(v)}
                        />
                        <Tooltip
                          formatter={(v) => (typeof v === 'number' ? formatPercent(v) : v)}
                        />
                        <Legend formatter={legendText} />
                        <Line
                          dataKey="mean_predicted"
                          name={t('propensity.reliability.predicted')}
                          stroke={DARK}
                          strokeWidth={2}
                          isAnimationActive={false}
                        />
                        <Line
                          dataKey="observed_rate"
                          name={t('propensity.reliability.observed')}
                          stroke="var(--color-success-600, #16a34a)"
                          strokeWidth={2}
                          strokeDasharray="4 3"
                          isAnimationActive={false}
                        />
                      </LineChart>
                    </ResponsiveContainer>
                  )
                }
              />
            </div>
            <FigureCard<TrendMonth>
              id="propensity-trend"
              title={t('propensity.trend.title')}
              description={t('propensity.trend.description', { asOf: formatDay(data.as_of) })}
              tableLabel={t('propensity.trend.table')}
              file="churn-trend.csv"
              rows={data.churn_trend}
              rowKey={(m) => m.month}
              columns={[
                {
                  label: t('propensity.trend.month'),
                  cell: (m) => formatMonth(m.month),
                  csv: (m) => m.month,
                },
                {
                  label: t('propensity.trend.cutoff'),
                  csvOnly: true,
                  cell: (m) => formatCalendarDate(m.cutoff),
                  csv: (m) => m.cutoff,
                },
                ...(['low', 'medium', 'high'] as const).map((band) => ({
                  label: t(`propensity.churn.${band}`),
                  numeric: true,
                  cell: (m: TrendMonth) => (m.fitted ? formatCount(m[band]) : '–'),
                  csv: (m: TrendMonth) => (m.fitted ? String(m[band]) : ''),
                })),
                {
                  label: t('propensity.trend.highShare'),
                  numeric: true,
                  cell: (m) =>
                    m.fitted && m.customers > 0 ? formatPercent(m.high / m.customers) : '–',
                  csv: (m) =>
                    m.fitted && m.customers > 0 ? (m.high / m.customers).toFixed(4) : '',
                },
              ]}
              chart={
                <ResponsiveContainer width="100%" height={240}>
                  <BarChart
                    data={data.churn_trend.map((m) => ({ ...m, label: formatMonth(m.month) }))}
                    margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
                  >
                    <CartesianGrid vertical={false} stroke="var(--color-line, #e5e7eb)" />
                    <XAxis dataKey="label" tick={{ fontSize: 11 }} />
                    <YAxis tick={{ fontSize: 12 }} tickFormatter={(v: number) => formatCount(v)} />
                    {/* The values in the text colour: amber text on white fails contrast. */}
                    <Tooltip
                      formatter={(v) => (typeof v === 'number' ? formatCount(v) : v)}
                      itemStyle={{ color: 'var(--color-fg, #111827)' }}
                    />
                    <Legend formatter={legendText} />
                    <Bar dataKey="low" stackId="c" name={t('propensity.churn.low')} fill={LOW} />
                    <Bar
                      dataKey="medium"
                      stackId="c"
                      name={t('propensity.churn.medium')}
                      fill={MEDIUM}
                    />
                    <Bar dataKey="high" stackId="c" name={t('propensity.churn.high')} fill={HIGH} />
                  </BarChart>
                </ResponsiveContainer>
              }
            />
          </div>
        );
      }}
    </QueryState>
  );
}
