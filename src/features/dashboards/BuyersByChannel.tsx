// First-time and repeat buyers on each order channel side by side, over the period and segment of
// the filters (the channel filter aside): the same figures as the buyers dashboard with the
// channel filter set to each channel in turn (GET /api/dashboards/buyers, one request a channel).
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
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
import { orderChannel } from '../../domain/profile/schema.ts';
import { QueryState } from '../../ui/QueryState.tsx';
import { formatCount, formatMoney, formatPercent } from '../../ui/format.ts';
import { repeatShare, totals } from './BuyersDashboard.tsx';
import { FigureCard, legendText, countColumn } from './FigureCard.tsx';
import { filterQuery, type DashboardFilters } from './filters.ts';
import { dashboardQueries } from './queries.ts';

const FIRST = 'var(--color-accent-600, #4a50d6)';
const REPEAT = 'var(--color-accent-300, #a3aefa)';

export function BuyersByChannel({ filters }: { filters: DashboardFilters }) {
  const { t } = useTranslation('dashboards');
  const { t: tBuilder } = useTranslation('builder');
  const results = useQueries({
    queries: orderChannel.options.map((channel) =>
      dashboardQueries.buyers(filterQuery({ ...filters, channel })),
    ),
  });
  const failed = results.find((r) => r.isError);
  const status = failed
    ? 'error'
    : results.some((r) => r.data === undefined)
      ? 'pending'
      : 'success';
  const rows = orderChannel.options.map((channel, i) => {
    const sum = totals(results[i]?.data?.months ?? []);
    return {
      ...sum,
      channel,
      label: tBuilder(`value.${channel}`),
      repeat_share: repeatShare(sum),
    };
  });
  return (
    <QueryState
      status={status}
      error={failed?.error ?? null}
      data={rows}
      isEmpty={(r) => r.every((c) => c.orders === 0)}
      empty={null}
      loadingLabel={t('byChannel.loading')}
      onRetry={() => results.forEach((r) => void r.refetch())}
      retrying={results.some((r) => r.isRefetching)}
    >
      {(data) => (
        <FigureCard
          id="buyers-by-channel"
          title={t('byChannel.title')}
          description={t('byChannel.description')}
          tableLabel={t('byChannel.table')}
          file={`buyers-by-channel-${filters.from}-${filters.to}.csv`}
          rows={data}
          rowKey={(r) => r.channel}
          columns={[
            { label: t('byChannel.channel'), cell: (r) => r.label, csv: (r) => r.channel },
            countColumn(t('buyers.firstTime'), 'first_time'),
            countColumn(t('byChannel.repeat'), 'repeat'),
            countColumn(t('buyers.orders'), 'orders'),
            {
              label: t('buyers.revenue'),
              numeric: true,
              cell: (r) => formatMoney(r.revenue_cents, 'EUR'),
              csv: (r) => (r.revenue_cents / 100).toFixed(2),
            },
            {
              label: t('buyers.repeatShare'),
              numeric: true,
              cell: (r) => (r.repeat_share === null ? '–' : formatPercent(r.repeat_share)),
              csv: (r) => (r.repeat_share === null ? '' : r.repeat_share.toFixed(4)),
            },
          ]}
          chart={
            <ResponsiveContainer width="100%" height={220}>
              <BarChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
                <CartesianGrid vertical={false} stroke="var(--color-line, #e5e7eb)" />
                <XAxis dataKey="label" tick={{ fontSize: 12 }} />
                <YAxis tick={{ fontSize: 12 }} tickFormatter={(v: number) => formatCount(v)} />
                <Tooltip formatter={(v) => (typeof v === 'number' ? formatCount(v) : v)} />
                <Legend formatter={legendText} />
                <Bar dataKey="first_time" name={t('buyers.firstTime')} fill={FIRST} />
                <Bar dataKey="repeat" name={t('byChannel.repeat')} fill={REPEAT} />
              </BarChart>
            </ResponsiveContainer>
          }
        />
      )}
    </QueryState>
  );
}
