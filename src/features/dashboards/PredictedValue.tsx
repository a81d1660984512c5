// What customers should be worth over the next 12 months (the model's CLV, as of the data's date:
// the period and channel do not apply): the members by band of predicted value, and every saved
// segment's predicted value, in total and per member. From GET /api/dashboards/propensity (its
// value bands) and GET /api/dashboards/segments.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { SegmentValueResponse } from '../../api/contract.ts';
import { QueryState } from '../../ui/QueryState.tsx';
import { formatCount } from '../../ui/format.ts';
import { FigureCard, legendText, countColumn } from './FigureCard.tsx';
import { euros, plainEuros } from './numbers.ts';
import { filterQuery, type DashboardFilters } from './filters.ts';
import { dashboardQueries } from './queries.ts';

const ACCENT = 'var(--color-accent-600, #4a50d6)';

type SegmentRow = SegmentValueResponse['segments'][number];

export function PredictedValue({ filters }: { filters: DashboardFilters }) {
  const { t } = useTranslation('dashboards');
  const query = filterQuery(filters);
  const scores = useQuery(dashboardQueries.propensity(query));
  const segments = useQuery(dashboardQueries.segmentValue(query));
  const band = (b: string) => {
    const [from = '', to] = b.replace('+', '').split('-');
    return to === undefined
      ? t('predicted.bandFrom', { from: formatCount(Number(from)) })
      : t('predicted.band', { from: formatCount(Number(from)), to: formatCount(Number(to)) });
  };
  return (
    <div className="grid grid-cols-2 gap-3">
      <QueryState
        status={scores.status}
        error={scores.error}
        data={scores.data}
        isEmpty={(d) => d.customers - d.unscored === 0}
        empty={<p className="py-6 text-base text-fg-muted">{t('predicted.empty')}</p>}
        loadingLabel={t('predicted.loading')}
        onRetry={() => void scores.refetch()}
        retrying={scores.isRefetching}
      >
        {(data) => {
          const rows = data.clv_12m.map((b) => ({ ...b, label: band(b.band) }));
          return (
            <FigureCard
              id="predicted-bands"
              title={t('predicted.bands.title')}
              description={t('predicted.bands.description', {
                scored: formatCount(data.customers - data.unscored),
                unscored: formatCount(data.unscored),
              })}
              tableLabel={t('predicted.bands.table')}
              file="predicted-value-bands.csv"
              rows={rows}
              rowKey={(r) => r.band}
              columns={[
                { label: t('predicted.bands.band'), cell: (r) => r.label, csv: (r) => r.band },
                countColumn(t('predicted.bands.customers'), 'customers'),
              ]}
              chart={
                <ResponsiveContainer width="100%" height={240}>
                  <BarChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
                    <CartesianGrid vertical={false} stroke="var(--color-line, #e5e7eb)" />
                    <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} />
                    <YAxis tick={{ fontSize: 12 }} tickFormatter={(v: number) => formatCount(v)} />
                    <Tooltip formatter={(v) => (typeof v === 'number' ? formatCount(v) : v)} />
                    <Legend formatter={legendText} />
                    <Bar dataKey="customers" name={t('predicted.bands.customers')} fill={ACCENT} />
                  </BarChart>
                </ResponsiveContainer>
              }
            />
          );
        }}
      </QueryState>
      <QueryState
        status={segments.status}
        error={segments.error}
        data={segments.data}
        isEmpty={(d) => d.segments.length === 0}
        empty={<p className="py-6 text-base text-fg-muted">{t('predicted.segments.empty')}</p>}
        loadingLabel={t('predicted.segments.loading')}
        onRetry={() => void segments.refetch()}
        retrying={segments.isRefetching}
      >
        {(data) => {
          const perMember = (r: { members: number; clv_cents: number }) =>
            r.members > 0 ? Math.round(r.clv_cents / r.members) : null;
          const rows = [...data.segments].sort((a, b) => b.clv_cents - a.clv_cents);
          return (
            <FigureCard<SegmentRow>
              id="predicted-segments"
              title={t('predicted.segments.title')}
              description={t('predicted.segments.description', {
                everyone: euros(data.everyone.clv_cents),
                perCustomer: euros(perMember(data.everyone) ?? 0),
              })}
              tableLabel={t('predicted.segments.table')}
              file="predicted-value-by-segment.csv"
              rows={rows}
              rowKey={(r) => r.segment_id}
              columns={[
                {
                  label: t('predicted.segments.segment'),
                  cell: (r) => (
                    <Link
                      to={`/segments/${encodeURIComponent(r.segment_id)}`}
                      className="text-accent-700 underline-offset-2 hover:underline"
                    >
                      {r.name}
                    </Link>
                  ),
                  csv: (r) => r.name,
                },
                {
                  label: t('predicted.segments.members'),
                  numeric: true,
                  cell: (r) =>
                    r.counted ? formatCount(r.members) : t('predicted.segments.notCounted'),
                  csv: (r) => (r.counted ? String(r.members) : ''),
                },
                {
                  label: t('predicted.segments.value'),
                  numeric: true,
                  cell: (r) => (r.counted ? euros(r.clv_cents) : '—'),
                  csv: (r) => (r.counted ? plainEuros(r.clv_cents) : ''),
                },
                {
                  label: t('predicted.segments.perMember'),
                  numeric: true,
                  cell: (r) => {
                    const v = r.counted ? perMember(r) : null;
                    return v === null ? '—' : euros(v);
                  },
                  csv: (r) => {
                    const v = r.counted ? perMember(r) : null;
                    return v === null ? '' : plainEuros(v);
                  },
                },
              ]}
            />
          );
        }}
      </QueryState>
    </div>
  );
}
