// Campaign performance over time: the campaigns sent each month of the period (by their send, UTC),
// their recipients and how many converted, beside their holdouts' conversion. The months come from
// the campaigns' own figures (campaignsByMonth), so they add up to the table below them.
import { useTranslation } from 'react-i18next';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { CampaignPerformance } from '../../api/contract.ts';
import { campaignsByMonth, type CampaignMonth } from '../../domain/analytics/campaigns.ts';
import { formatCount, formatMonth, formatPercent } from '../../ui/format.ts';
import {
  FigureCard,
  countColumn,
  legendText,
  rateColumn,
  type FigureColumn,
} from './FigureCard.tsx';
import { euros, plainEuros } from './numbers.ts';

const BARS = 'var(--color-accent-600, #4a50d6)';
// The rates over the bars: dots ringed in white, so that a month alone reads on a bar too.
const RECIPIENTS_RATE = 'var(--color-warn-600, #d97706)';
const HOLDOUT_RATE = 'var(--color-gray-900, #1b1f27)';
const dot = (fill: string) => ({
  r: 4,
  fill,
  stroke: '#ffffff',
  strokeWidth: 1.5,
  strokeDasharray: 'none',
});

export function CampaignMonths({
  campaigns,
  from,
  to,
}: {
  campaigns: readonly CampaignPerformance[];
  from: string;
  to: string;
}) {
  const { t } = useTranslation('dashboards');
  const months = campaignsByMonth(campaigns, from, to);
  const chartRows = months.map((m) => ({
    label: formatMonth(m.month),
    recipients: m.recipients,
    rate: m.recipients > 0 ? m.converted / m.recipients : null,
    heldRate: m.held_out > 0 ? m.held_out_converted / m.held_out : null,
  }));
  return (
    <FigureCard<CampaignMonth>
      id="campaign-months"
      title={t('campaigns.months.title')}
      description={t('campaigns.months.description')}
      tableLabel={t('campaigns.months.table')}
      file="campaigns-by-month.csv"
      rows={months}
      rowKey={(m) => m.month}
      columns={[
        {
          label: t('campaigns.months.month'),
          cell: (m) => formatMonth(m.month),
          csv: (m) => m.month,
        },
        countColumn(t('campaigns.tiles.campaigns'), 'campaigns'),
        countColumn(t('campaigns.table.messages'), 'messages'),
        ...messageRateColumns<CampaignMonth>(t),
        countColumn(t('campaigns.table.recipients'), 'recipients'),
        countColumn(t('campaigns.months.converted'), 'converted'),
        rateColumn(
          t('campaigns.table.converted'),
          (m) => m.converted,
          (m) => m.recipients,
        ),
        {
          label: t('campaigns.table.revenue'),
          numeric: true,
          cell: (m) => euros(m.revenue_cents),
          csv: (m) => plainEuros(m.revenue_cents),
        },
        countColumn(t('campaigns.table.holdout'), 'held_out'),
        rateColumn(
          t('campaigns.table.holdoutConverted'),
          (m) => m.held_out_converted,
          (m) => m.held_out,
        ),
        countColumn(t('campaigns.table.unsubscribed'), 'unsubscribed'),
      ]}
      chart={
        <ResponsiveContainer width="100%" height={240}>
          <ComposedChart data={chartRows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} stroke="var(--color-line, #e5e7eb)" />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} />
            <YAxis
              yAxisId="count"
              tick={{ fontSize: 12 }}
              tickFormatter={(v: number) => formatCount(v)}
            />
            <YAxis
              yAxisId="rate"
              orientation="right"
              tick={{ fontSize: 12 }}
              tickFormatter={(v: number) => formatPercent(v)}
            />
            <Tooltip
              formatter={(v, name) =>
                typeof v !== 'number'
                  ? String(v)
                  : name === t('campaigns.table.recipients')
                    ? formatCount(v)
                    : formatPercent(v)
              }
            />
            <Legend formatter={legendText} />
            <Bar
              yAxisId="count"
              dataKey="recipients"
              name={t('campaigns.table.recipients')}
              fill={BARS}
              isAnimationActive={false}
            />
            <Line
              yAxisId="rate"
              dataKey="rate"
              name={t('campaigns.months.rate')}
              stroke={RECIPIENTS_RATE}
              strokeWidth={2}
              dot={dot(RECIPIENTS_RATE)}
              connectNulls={false}
              isAnimationActive={false}
            />
            <Line
              yAxisId="rate"
              dataKey="heldRate"
              name={t('campaigns.months.heldRate')}
              stroke={HOLDOUT_RATE}
              strokeWidth={2}
              dot={dot(HOLDOUT_RATE)}
              strokeDasharray="4 3"
              connectNulls={false}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      }
    />
  );
}

/** Delivered, opened and clicked, each a share of the messages sent: a campaign's or a month's. */
export function messageRateColumns<
  R extends { messages: number; delivered: number; opened: number; clicked: number },
>(
  t: (
    key: 'campaigns.table.delivered' | 'campaigns.table.opened' | 'campaigns.table.clicked',
  ) => string,
): FigureColumn<R>[] {
  return (['delivered', 'opened', 'clicked'] as const).map((part) =>
    rateColumn<R>(
      t(`campaigns.table.${part}`),
      (row) => row[part],
      (row) => row.messages,
    ),
  );
}
