// First-time and repeat buyers per month (the seeds' measure of whether personalisation works):
// the period's totals, a stacked bar per month with its data table as the alternative, and the
// same rows as a CSV. Every figure comes from GET /api/dashboards/buyers.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
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
import type { BuyersResponse } from '../../api/contract.ts';
import { csvRow } from '../../domain/segment/csv.ts';
import { Button } from '../../ui/Button.tsx';
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from '../../ui/Card.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { Table, TBody, Td, Th, THead, Tr } from '../../ui/Table.tsx';
import { saveTextFile } from '../../ui/download.ts';
import {
  formatCount,
  formatDay,
  formatMoney,
  formatMonth,
  formatPercent,
} from '../../ui/format.ts';
import { monthOf } from '../../domain/analytics/buyers.ts';
import { Tile, legendText } from './FigureCard.tsx';
import { filterQuery, type DashboardFilters } from './filters.ts';
import { dashboardQueries } from './queries.ts';

type Month = BuyersResponse['months'][number];

const FIRST = 'var(--color-accent-600, #4a50d6)';
const REPEAT = 'var(--color-accent-300, #a3aefa)';

/** Repeat buyers' share of the revenue; null without revenue. */
export const repeatShare = (m: Pick<Month, 'revenue_cents' | 'repeat_revenue_cents'>) =>
  m.revenue_cents > 0 ? m.repeat_revenue_cents / m.revenue_cents : null;

/** The months summed (repeat buyers once a month each). */
export function totals(months: readonly Month[]) {
  const sum = (pick: (m: Month) => number) => months.reduce((n, m) => n + pick(m), 0);
  return {
    first_time: sum((m) => m.first_time),
    repeat: sum((m) => m.repeat),
    orders: sum((m) => m.orders),
    revenue_cents: sum((m) => m.revenue_cents),
    repeat_revenue_cents: sum((m) => m.repeat_revenue_cents),
  };
}

/** The CSV: the table's rows, figures as plain numbers (euros with a point, shares 0–1). */
export function buyersCsv(months: readonly Month[], header: readonly string[]): string {
  return (
    csvRow(header) +
    months
      .map((m) => {
        const share = repeatShare(m);
        return csvRow([
          m.month,
          String(m.first_time),
          String(m.repeat),
          String(m.orders),
          (m.revenue_cents / 100).toFixed(2),
          share === null ? '' : share.toFixed(4),
        ]);
      })
      .join('')
  );
}

export function BuyersDashboard({ filters }: { filters: DashboardFilters }) {
  const { t } = useTranslation('dashboards');
  const [asTable, setAsTable] = useState(false);
  const query = filterQuery(filters);
  const buyers = useQuery(dashboardQueries.buyers(query));
  const header = [
    t('buyers.month'),
    t('buyers.firstTime'),
    t('buyers.repeat'),
    t('buyers.orders'),
    t('buyers.revenue'),
    t('buyers.repeatShare'),
  ];
  return (
    <Card aria-labelledby="buyers-title" aria-busy={buyers.isFetching}>
      <CardHeader
        actions={
          buyers.data && (
            <>
              <Button size="sm" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
                {asTable ? t('buyers.showChart') : t('buyers.showTable')}
              </Button>
              <Button
                size="sm"
                onClick={() =>
                  saveTextFile(
                    `buyers-${filters.from}-${filters.to}.csv`,
                    buyersCsv(buyers.data.months, header),
                  )
                }
              >
                {t('buyers.csv')}
              </Button>
            </>
          )
        }
      >
        <CardTitle id="buyers-title">{t('buyers.title')}</CardTitle>
        <CardDescription>{t('buyers.description')}</CardDescription>
      </CardHeader>
      <CardBody>
        <QueryState
          status={buyers.status}
          error={buyers.error}
          data={buyers.data}
          isEmpty={(d) => d.months.every((m) => m.orders === 0)}
          empty={<p className="py-6 text-base text-fg-muted">{t('buyers.empty')}</p>}
          loadingLabel={t('buyers.loading')}
          onRetry={() => void buyers.refetch()}
          retrying={buyers.isRefetching}
        >
          {(data) => {
            const sum = totals(data.months);
            const share = repeatShare(sum);
            return (
              <div className="space-y-3">
                <dl className="grid grid-cols-4 gap-2" aria-label={t('buyers.total')}>
                  <Tile label={t('buyers.totals.firstTime')} value={formatCount(sum.first_time)} />
                  <Tile
                    label={t('buyers.totals.repeatShare')}
                    value={share === null ? '–' : formatPercent(share)}
                  />
                  <Tile label={t('buyers.totals.orders')} value={formatCount(sum.orders)} />
                  <Tile
                    label={t('buyers.totals.revenue')}
                    value={formatMoney(sum.revenue_cents, 'EUR')}
                  />
                </dl>
                {data.months.some((m) => m.month === monthOf(data.as_of)) && (
                  <p className="text-sm text-fg-muted">
                    {t('buyers.partial', {
                      month: formatMonth(monthOf(data.as_of)),
                      asOf: formatDay(data.as_of),
                    })}
                  </p>
                )}
                {asTable ? (
                  <BuyersTable months={data.months} header={header} />
                ) : (
                  <figure aria-label={t('buyers.chart')} className="m-0">
                    <ResponsiveContainer width="100%" height={280}>
                      <BarChart
                        data={data.months.map((m) => ({ ...m, label: formatMonth(m.month) }))}
                        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
                        accessibilityLayer
                      >
                        <CartesianGrid vertical={false} stroke="var(--color-line, #e5e7eb)" />
                        <XAxis dataKey="label" tick={{ fontSize: 12 }} />
                        <YAxis
                          tick={{ fontSize: 12 }}
                          tickFormatter={(v: number) => formatCount(v)}
                        />
                        <Tooltip formatter={(v) => (typeof v === 'number' ? formatCount(v) : v)} />
                        <Legend formatter={legendText} />
                        <Bar
                          dataKey="first_time"
                          name={t('buyers.firstTime')}
                          stackId="b"
                          fill={FIRST}
                        />
                        <Bar dataKey="repeat" name={t('buyers.repeat')} stackId="b" fill={REPEAT} />
                      </BarChart>
                    </ResponsiveContainer>
                  </figure>
                )}
              </div>
            );
          }}
        </QueryState>
      </CardBody>
    </Card>
  );
}

function BuyersTable({ months, header }: { months: readonly Month[]; header: readonly string[] }) {
  const { t } = useTranslation('dashboards');
  return (
    <Table aria-label={t('buyers.table')}>
      <THead>
        <Tr>
          {header.map((h, i) => (
            <Th key={h} numeric={i > 0}>
              {h}
            </Th>
          ))}
        </Tr>
      </THead>
      <TBody>
        {months.map((m) => {
          const share = repeatShare(m);
          return (
            <Tr key={m.month}>
              <Td>{formatMonth(m.month)}</Td>
              <Td numeric>{formatCount(m.first_time)}</Td>
              <Td numeric>{formatCount(m.repeat)}</Td>
              <Td numeric>{formatCount(m.orders)}</Td>
              <Td numeric>{formatMoney(m.revenue_cents, 'EUR')}</Td>
              <Td numeric>{share === null ? '–' : formatPercent(share)}</Td>
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
