// What customers are worth so far, over the shared filters: the period's totals, how concentrated
// the value is (Pareto), customers by band of value, by acquisition cohort and by first channel,
// and the most valuable customers, each opening their 360. From GET /api/dashboards/value.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
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
import type { ValueResponse } from '../../api/contract.ts';
import { QueryState } from '../../ui/QueryState.tsx';
import { formatCount, formatMonth, formatPercent } from '../../ui/format.ts';
import { FigureCard, Tile, legendText, type FigureColumn, countColumn } from './FigureCard.tsx';
import { euros, plainEuros } from './numbers.ts';
import { PredictedValue } from './PredictedValue.tsx';
import { filterQuery, type DashboardFilters } from './filters.ts';
import { dashboardQueries } from './queries.ts';

const ACCENT = 'var(--color-accent-600, #4a50d6)';
const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

type Group = ValueResponse['cohorts'][number];

export function ValueDashboard({ filters }: { filters: DashboardFilters }) {
  const { t } = useTranslation('dashboards');
  const { t: tBuilder } = useTranslation('builder');
  const value = useQuery(dashboardQueries.value(filterQuery(filters)));
  const period = `${filters.from}-${filters.to}`;
  return (
    <div className="space-y-3">
      <QueryState
        status={value.status}
        error={value.error}
        data={value.data}
        isEmpty={(d) => d.customers === 0}
        empty={<p className="py-6 text-base text-fg-muted">{t('value.empty')}</p>}
        loadingLabel={t('value.loading')}
        onRetry={() => void value.refetch()}
        retrying={value.isRefetching}
      >
        {(data) => {
          const top10 = data.pareto.find((p) => p.top_percent === 10);
          const groupColumns = (first: FigureColumn<Group>): FigureColumn<Group>[] => [
            first,
            countColumn(t('value.cohorts.customers'), 'customers'),
            {
              label: t('value.cohorts.value'),
              numeric: true,
              cell: (g) => euros(g.value_cents),
              csv: (g) => plainEuros(g.value_cents),
            },
            {
              label: t('value.cohorts.average'),
              numeric: true,
              cell: (g) => euros(Math.round(g.value_cents / g.customers)),
              csv: (g) => (g.value_cents / g.customers / 100).toFixed(2),
            },
          ];
          const paretoRows = data.pareto.map((p) => ({
            ...p,
            share: share(p.value_cents, data.value_cents) ?? 0,
          }));
          return (
            <div className="space-y-3" aria-busy={value.isFetching}>
              <dl className="grid grid-cols-4 gap-2" aria-label={t('value.tiles.label')}>
                <Tile label={t('value.tiles.customers')} value={formatCount(data.customers)} />
                <Tile label={t('value.tiles.value')} value={euros(data.value_cents)} />
                <Tile
                  label={t('value.tiles.average')}
                  value={euros(Math.round(data.value_cents / data.customers))}
                />
                <Tile
                  label={t('value.tiles.top10')}
                  value={formatPercent(share(top10?.value_cents ?? 0, data.value_cents) ?? 0)}
                />
              </dl>
              <div className="grid grid-cols-2 gap-3">
                <FigureCard
                  id="value-pareto"
                  title={t('value.pareto.title')}
                  description={t('value.pareto.description')}
                  tableLabel={t('value.pareto.table')}
                  file={`value-pareto-${period}.csv`}
                  rows={paretoRows}
                  rowKey={(r) => String(r.top_percent)}
                  columns={[
                    {
                      label: t('value.pareto.top'),
                      cell: (r) => `${r.top_percent} %`,
                      csv: (r) => String(r.top_percent),
                    },
                    countColumn(t('value.pareto.customers'), 'customers'),
                    {
                      label: t('value.pareto.value'),
                      numeric: true,
                      cell: (r) => euros(r.value_cents),
                      csv: (r) => plainEuros(r.value_cents),
                    },
                    {
                      label: t('value.pareto.share'),
                      numeric: true,
                      cell: (r) => formatPercent(r.share),
                      csv: (r) => r.share.toFixed(4),
                    },
                  ]}
                  chart={
                    <ResponsiveContainer width="100%" height={220}>
                      <LineChart
                        data={paretoRows}
                        margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
                      >
                        <CartesianGrid stroke="var(--color-line, #e5e7eb)" />
                        <XAxis
                          dataKey="top_percent"
                          tick={{ fontSize: 12 }}
                          tickFormatter={(v: number) => `${v} %`}
                        />
                        <YAxis
                          domain={[0, 1]}
                          tick={{ fontSize: 12 }}
                          tickFormatter={(v: number) => formatPercent(v)}
                        />
                        <Tooltip
                          formatter={(v) => (typeof v === 'number' ? formatPercent(v) : v)}
                          labelFormatter={(v) => `${String(v)} %`}
                        />
                        <Legend formatter={legendText} />
                        <Line
                          dataKey="share"
                          name={t('value.pareto.series')}
                          stroke={ACCENT}
                          strokeWidth={2}
                          isAnimationActive={false}
                        />
                      </LineChart>
                    </ResponsiveContainer>
                  }
                />
                <FigureCard
                  id="value-bands"
                  title={t('value.bands.title')}
                  description={t('value.bands.description')}
                  tableLabel={t('value.bands.table')}
                  file={`value-bands-${period}.csv`}
                  rows={data.bands.map((b) => ({
                    ...b,
                    label:
                      b.to_cents === null
                        ? t('value.bands.from', { from: euros(b.from_cents) })
                        : t('value.bands.range', {
                            from: euros(b.from_cents),
                            to: euros(b.to_cents),
                          }),
                  }))}
                  rowKey={(b) => String(b.from_cents)}
                  columns={[
                    {
                      label: t('value.bands.band'),
                      cell: (b) => b.label,
                      csv: (b) =>
                        `${plainEuros(b.from_cents)}-${b.to_cents === null ? '' : plainEuros(b.to_cents)}`,
                    },
                    countColumn(t('value.bands.customers'), 'customers'),
                    {
                      label: t('value.bands.value'),
                      numeric: true,
                      cell: (b) => euros(b.value_cents),
                      csv: (b) => plainEuros(b.value_cents),
                    },
                  ]}
                  chart={
                    <ResponsiveContainer width="100%" height={220}>
                      <BarChart
                        data={data.bands.map((b) => ({
                          ...b,
                          label:
                            b.to_cents === null
                              ? `≥ ${euros(b.from_cents)}`
                              : `< ${euros(b.to_cents)}`,
                        }))}
                        margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
                      >
                        <CartesianGrid vertical={false} stroke="var(--color-line, #e5e7eb)" />
                        <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} />
                        <YAxis
                          tick={{ fontSize: 12 }}
                          tickFormatter={(v: number) => formatCount(v)}
                        />
                        <Tooltip formatter={(v) => (typeof v === 'number' ? formatCount(v) : v)} />
                        <Legend formatter={legendText} />
                        <Bar dataKey="customers" name={t('value.bands.customers')} fill={ACCENT} />
                      </BarChart>
                    </ResponsiveContainer>
                  }
                />
                <FigureCard
                  id="value-cohorts"
                  title={t('value.cohorts.title')}
                  description={t('value.cohorts.description')}
                  tableLabel={t('value.cohorts.table')}
                  file={`value-cohorts-${period}.csv`}
                  rows={[...data.cohorts].reverse()}
                  rowKey={(g) => g.key}
                  className="max-h-[420px] overflow-auto"
                  columns={groupColumns({
                    label: t('value.cohorts.cohort'),
                    cell: (g) => formatMonth(g.key),
                    csv: (g) => g.key,
                  })}
                />
                <div className="space-y-3">
                  <FigureCard
                    id="value-channels"
                    title={t('value.channels.title')}
                    description={t('value.channels.description')}
                    tableLabel={t('value.channels.table')}
                    file={`value-first-channel-${period}.csv`}
                    rows={data.first_channels}
                    rowKey={(g) => g.key}
                    columns={groupColumns({
                      label: t('value.channels.channel'),
                      cell: (g) => tBuilder(`value.${g.key}`, { defaultValue: g.key }),
                      csv: (g) => g.key,
                    })}
                  />
                  <FigureCard
                    id="value-top"
                    title={t('value.top.title')}
                    description={t('value.top.description')}
                    tableLabel={t('value.top.table')}
                    file={`value-top-${period}.csv`}
                    rows={data.top}
                    rowKey={(c) => c.customer_id}
                    columns={[
                      {
                        label: t('value.top.customer'),
                        cell: (c) => (
                          <Link
                            to={`/customers/${encodeURIComponent(c.customer_id)}`}
                            className="text-accent-700 hover:underline"
                          >
                            {c.customer_id}
                          </Link>
                        ),
                        csv: (c) => c.customer_id,
                      },
                      countColumn(t('value.top.orders'), 'orders'),
                      {
                        label: t('value.top.value'),
                        numeric: true,
                        cell: (c) => euros(c.value_cents),
                        csv: (c) => plainEuros(c.value_cents),
                      },
                    ]}
                  />
                </div>
              </div>
            </div>
          );
        }}
      </QueryState>
      <PredictedValue filters={filters} />
    </div>
  );
}
