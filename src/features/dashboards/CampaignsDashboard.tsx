// Campaign performance over the shared filters: each campaign sent in the period — its messages
// (sent, delivered, opened, clicked), its recipients' conversions and revenue within the
// attribution window, unsubscribes — and, where it kept a holdout, its uplift against it with a
// 95 % interval and what a marketer may conclude ("too small to conclude" when the interval spans
// zero or the holdout is under the minimum). From GET /api/dashboards/campaigns.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ErrorBar,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { CampaignPerformance, CampaignsResponse } from '../../api/contract.ts';
import { Badge, type Tone } from '../../ui/Badge.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { formatCount, formatDay, formatDecimal } from '../../ui/format.ts';
import { CampaignMonths, messageRateColumns } from './CampaignMonths.tsx';
import {
  FigureCard,
  Tile,
  legendText,
  type FigureColumn,
  countColumn,
  rateColumn,
} from './FigureCard.tsx';
import { euros, percentOf, plainRate } from './numbers.ts';
import { filterQuery, type DashboardFilters } from './filters.ts';
import { dashboardQueries } from './queries.ts';

const ACCENT = 'var(--color-accent-600, #4a50d6)';
/** A difference of rates in percentage points, signed: « +3,4 pts ». */
const points = (difference: number) =>
  `${difference > 0 ? '+' : difference < 0 ? '−' : ''}${formatDecimal(Math.abs(difference) * 100, 1)}`;

type Verdict = CampaignPerformance['uplift']['conversion_verdict'];

const VERDICT_TONE: Record<Verdict, Tone> = {
  up: 'success',
  down: 'danger',
  too_small: 'neutral',
};

export function CampaignsDashboard({ filters }: { filters: DashboardFilters }) {
  const { t } = useTranslation('dashboards');
  const { t: tCampaigns } = useTranslation('campaigns');
  const { t: tBuilder } = useTranslation('builder');
  const campaigns = useQuery(dashboardQueries.campaigns(filterQuery(filters)));
  const channelName = (channel: CampaignPerformance['channel']) =>
    channel === null ? '—' : tCampaigns(`channel.${channel}`);
  return (
    <QueryState
      status={campaigns.status}
      error={campaigns.error}
      data={campaigns.data}
      isEmpty={(d) => d.campaigns.length === 0 && d.audits.length === 0}
      empty={<p className="py-6 text-base text-fg-muted">{t('campaigns.empty')}</p>}
      loadingLabel={t('campaigns.loading')}
      onRetry={() => void campaigns.refetch()}
      retrying={campaigns.isRefetching}
    >
      {(data) => {
        const rows = data.campaigns;
        /** What may be concluded, and why not when the holdout is too small. */
        const verdict = (v: Verdict, held: number) =>
          v === 'too_small' && held < data.min_holdout
            ? t('campaigns.verdict.smallHoldout', { minimum: formatCount(data.min_holdout) })
            : t(`campaigns.verdict.${v}`);
        const sum = (pick: (c: CampaignPerformance) => number) =>
          rows.reduce((n, c) => n + pick(c), 0);
        const recipients = sum((c) => c.recipients.customers);
        const converted = sum((c) => c.recipients.converted);
        const tested = rows.filter((c) => c.uplift.conversion !== null);
        const chartRows = [...tested].reverse().map((c) => {
          const interval = c.uplift.conversion;
          const estimate = (interval?.estimate ?? 0) * 100;
          return {
            id: c.campaign_id,
            label: formatDay(c.sent_at),
            name: c.name,
            estimate,
            error: [estimate - (interval?.low ?? 0) * 100, (interval?.high ?? 0) * 100 - estimate],
          };
        });
        const interval = (
          i: CampaignPerformance['uplift']['conversion'],
          scale: 'points' | 'euros',
        ) =>
          i === null
            ? '—'
            : scale === 'points'
              ? t('campaigns.table.points', {
                  estimate: points(i.estimate),
                  low: points(i.low),
                  high: points(i.high),
                })
              : t('campaigns.table.euros', {
                  estimate: euros(Math.round(i.estimate)),
                  low: euros(Math.round(i.low)),
                  high: euros(Math.round(i.high)),
                });
        const columns: FigureColumn<CampaignPerformance>[] = [
          {
            label: t('campaigns.table.campaign'),
            cell: (c) => (
              <span className="flex min-w-56 flex-col">
                <Link
                  to={`/campaigns/${encodeURIComponent(c.campaign_id)}`}
                  className="text-accent-700 underline-offset-2 hover:underline"
                >
                  {c.name}
                </Link>
                <span className="text-xs text-fg-muted">
                  {formatDay(c.sent_at)} · {channelName(c.channel)}
                </span>
              </span>
            ),
            csv: (c) => c.name,
          },
          {
            label: t('campaigns.table.sentAt'),
            csvOnly: true,
            cell: (c) => formatDay(c.sent_at),
            csv: (c) => c.sent_at,
          },
          {
            label: t('campaigns.table.channel'),
            csvOnly: true,
            cell: (c) => channelName(c.channel),
            csv: (c) => c.channel ?? '',
          },
          countColumn(t('campaigns.table.messages'), 'messages'),
          ...messageRateColumns<CampaignPerformance>(t),
          {
            label: t('campaigns.table.recipients'),
            numeric: true,
            cell: (c) => formatCount(c.recipients.customers),
            csv: (c) => String(c.recipients.customers),
          },
          {
            label: t('campaigns.table.converted'),
            numeric: true,
            cell: (c) => (
              <span title={t('campaigns.table.convertedTitle', { count: c.recipients.converted })}>
                {percentOf(c.recipients.converted, c.recipients.customers)}
              </span>
            ),
            csv: (c) => plainRate(c.recipients.converted, c.recipients.customers),
          },
          {
            label: t('campaigns.table.revenue'),
            numeric: true,
            cell: (c) => euros(c.recipients.revenue_cents),
            csv: (c) => (c.recipients.revenue_cents / 100).toFixed(2),
          },
          {
            label: t('campaigns.table.holdout'),
            numeric: true,
            cell: (c) =>
              c.holdout.customers === 0 ? (
                <span className="text-fg-muted">{t('campaigns.table.noHoldout')}</span>
              ) : (
                formatCount(c.holdout.customers)
              ),
            csv: (c) => String(c.holdout.customers),
          },
          rateColumn(
            t('campaigns.table.holdoutConverted'),
            (c) => c.holdout.converted,
            (c) => c.holdout.customers,
          ),
          {
            label: t('campaigns.table.conversionUplift'),
            numeric: true,
            cell: (c) => (
              <Uplift
                text={interval(c.uplift.conversion, 'points')}
                verdict={c.holdout.customers === 0 ? null : c.uplift.conversion_verdict}
                label={verdict(c.uplift.conversion_verdict, c.holdout.customers)}
              />
            ),
            csv: (c) => String(c.uplift.conversion?.estimate ?? ''),
          },
          {
            label: t('campaigns.table.revenueUplift'),
            numeric: true,
            cell: (c) => (
              <Uplift
                text={interval(c.uplift.revenue, 'euros')}
                verdict={c.holdout.customers === 0 ? null : c.uplift.revenue_verdict}
                label={verdict(c.uplift.revenue_verdict, c.holdout.customers)}
              />
            ),
            csv: (c) =>
              c.uplift.revenue === null ? '' : (c.uplift.revenue.estimate / 100).toFixed(2),
          },
          countColumn(t('campaigns.table.unsubscribed'), 'unsubscribed'),
        ];
        return (
          <div className="space-y-3" aria-busy={campaigns.isFetching}>
            <p className="text-sm text-fg-muted">
              {t('campaigns.method', {
                days: data.window_days,
                minimum: formatCount(data.min_holdout),
                channel:
                  filters.channel === null
                    ? t('campaigns.anyChannel')
                    : t('campaigns.oneChannel', {
                        channel: tBuilder(`value.${filters.channel}`),
                      }),
              })}
            </p>
            <dl
              className="grid grid-cols-3 gap-3 lg:grid-cols-6"
              aria-label={t('campaigns.totals')}
            >
              <Tile label={t('campaigns.tiles.campaigns')} value={formatCount(rows.length)} />
              <Tile
                label={t('campaigns.tiles.messages')}
                value={formatCount(sum((c) => c.messages))}
              />
              <Tile label={t('campaigns.tiles.recipients')} value={formatCount(recipients)} />
              <Tile
                label={t('campaigns.tiles.converted')}
                value={percentOf(converted, recipients)}
              />
              <Tile
                label={t('campaigns.tiles.revenue')}
                value={euros(sum((c) => c.recipients.revenue_cents))}
              />
              <Tile
                label={t('campaigns.tiles.unsubscribed')}
                value={formatCount(sum((c) => c.unsubscribed))}
              />
            </dl>
            {tested.length > 0 && (
              <FigureCard
                id="campaign-uplift"
                title={t('campaigns.uplift.title')}
                description={t('campaigns.uplift.description')}
                tableLabel={t('campaigns.uplift.table')}
                file="campaign-uplift.csv"
                rows={[...tested].reverse()}
                rowKey={(c) => c.campaign_id}
                columns={[
                  { label: t('campaigns.table.campaign'), cell: (c) => c.name, csv: (c) => c.name },
                  {
                    label: t('campaigns.table.sentAt'),
                    cell: (c) => formatDay(c.sent_at),
                    csv: (c) => c.sent_at,
                  },
                  {
                    label: t('campaigns.table.holdout'),
                    numeric: true,
                    cell: (c) => formatCount(c.holdout.customers),
                    csv: (c) => String(c.holdout.customers),
                  },
                  {
                    label: t('campaigns.uplift.estimate'),
                    numeric: true,
                    cell: (c) => (c.uplift.conversion ? points(c.uplift.conversion.estimate) : '—'),
                    csv: (c) => String(c.uplift.conversion?.estimate ?? ''),
                  },
                  {
                    label: t('campaigns.uplift.low'),
                    numeric: true,
                    cell: (c) => (c.uplift.conversion ? points(c.uplift.conversion.low) : '—'),
                    csv: (c) => String(c.uplift.conversion?.low ?? ''),
                  },
                  {
                    label: t('campaigns.uplift.high'),
                    numeric: true,
                    cell: (c) => (c.uplift.conversion ? points(c.uplift.conversion.high) : '—'),
                    csv: (c) => String(c.uplift.conversion?.high ?? ''),
                  },
                  {
                    label: t('campaigns.uplift.verdict'),
                    cell: (c) => verdict(c.uplift.conversion_verdict, c.holdout.customers),
                    csv: (c) => c.uplift.conversion_verdict,
                  },
                ]}
                chart={
                  <ResponsiveContainer width="100%" height={260}>
                    <BarChart data={chartRows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
                      <CartesianGrid vertical={false} stroke="var(--color-line, #e5e7eb)" />
                      <XAxis dataKey="label" tick={{ fontSize: 11 }} />
                      <YAxis
                        tick={{ fontSize: 12 }}
                        tickFormatter={(v: number) => formatDecimal(v, 0)}
                        unit=" pts"
                      />
                      <ReferenceLine y={0} stroke="var(--color-fg-muted, #6b7280)" />
                      <Tooltip
                        labelFormatter={(_, payload) => {
                          const row: unknown = payload[0]?.payload;
                          return typeof row === 'object' && row !== null && 'name' in row
                            ? String(row.name)
                            : '';
                        }}
                        formatter={(v) =>
                          typeof v === 'number' ? `${points(v / 100)} pts` : String(v)
                        }
                      />
                      <Legend formatter={legendText} />
                      <Bar
                        dataKey="estimate"
                        name={t('campaigns.uplift.series')}
                        fill={ACCENT}
                        isAnimationActive={false}
                      >
                        <ErrorBar dataKey="error" width={6} stroke="var(--color-fg, #111827)" />
                      </Bar>
                    </BarChart>
                  </ResponsiveContainer>
                }
              />
            )}
            {rows.length > 0 && (
              <CampaignMonths campaigns={rows} from={filters.from} to={filters.to} />
            )}
            {data.audits.length > 0 && <AuditFigures audits={data.audits} />}
            <FigureCard
              id="campaign-table"
              title={t('campaigns.table.title')}
              description={t('campaigns.table.description')}
              tableLabel={t('campaigns.table.label')}
              file="campaigns.csv"
              rows={rows}
              rowKey={(c) => c.campaign_id}
              columns={columns}
            />
          </div>
        );
      }}
    </QueryState>
  );
}

/** An uplift and what it lets one conclude; nothing to conclude without a holdout. */
function Uplift({
  text,
  verdict,
  label,
}: {
  text: string;
  verdict: Verdict | null;
  label: string;
}) {
  if (verdict === null) return <span className="text-fg-muted">—</span>;
  return (
    <span className="flex flex-col items-end gap-0.5">
      <span className="whitespace-nowrap">{text}</span>
      <Badge tone={VERDICT_TONE[verdict]}>{label}</Badge>
    </span>
  );
}

type Audited = CampaignsResponse['audits'][number];
type GuardrailName = keyof Audited['counts']['by_guardrail'];

/** What the guardrails would stop in the campaigns built here, as their latest audit found. */
function AuditFigures({ audits }: { audits: readonly Audited[] }) {
  const { t } = useTranslation('dashboards');
  const { t: tGuardrails } = useTranslation('guardrails');
  const guardrails = Object.keys(audits[0]?.counts.by_guardrail ?? {}).filter(
    (g): g is GuardrailName => audits.some((a) => g in a.counts.by_guardrail),
  );
  const blocking = (a: Audited, g: GuardrailName) => a.counts.by_guardrail[g]?.blocking ?? 0;
  const reasons = (a: Audited) =>
    guardrails
      .filter((g) => blocking(a, g) > 0)
      .sort((x, y) => blocking(a, y) - blocking(a, x))
      .map((g) => `${tGuardrails(`verdict.name.${g}`)} ${formatCount(blocking(a, g))}`)
      .join(' · ');
  return (
    <FigureCard
      id="campaign-guardrails"
      title={t('campaigns.audits.title')}
      description={t('campaigns.audits.description')}
      tableLabel={t('campaigns.audits.table')}
      file="campaign-guardrails.csv"
      rows={audits}
      rowKey={(a) => a.audit_id}
      columns={[
        {
          label: t('campaigns.table.campaign'),
          cell: (a) => (
            <span className="flex flex-col">
              <Link
                to={`/campaigns/${encodeURIComponent(a.campaign_id)}/audit`}
                className="text-accent-700 underline-offset-2 hover:underline"
              >
                {a.name}
              </Link>
              {!a.current && (
                <span className="text-xs text-fg-muted">{t('campaigns.audits.stale')}</span>
              )}
            </span>
          ),
          csv: (a) => a.name,
        },
        {
          label: t('campaigns.audits.at'),
          cell: (a) => formatDay(a.finished_at),
          csv: (a) => a.finished_at,
        },
        {
          label: t('campaigns.audits.recipients'),
          numeric: true,
          cell: (a) => formatCount(a.counts.recipients),
          csv: (a) => String(a.counts.recipients),
        },
        {
          label: t('campaigns.audits.blocked'),
          numeric: true,
          cell: (a) =>
            `${formatCount(a.counts.blocked)} (${percentOf(a.counts.blocked, a.counts.recipients)})`,
          csv: (a) => String(a.counts.blocked),
        },
        {
          label: t('campaigns.audits.flagged'),
          numeric: true,
          cell: (a) => formatCount(a.counts.flagged),
          csv: (a) => String(a.counts.flagged),
        },
        {
          label: t('campaigns.audits.why'),
          cell: (a) => reasons(a) || '—',
          csv: (a) => reasons(a),
        },
        ...guardrails.map((g) => ({
          label: tGuardrails(`verdict.name.${g}`),
          csvOnly: true,
          cell: (a: Audited) => formatCount(blocking(a, g)),
          csv: (a: Audited) => String(blocking(a, g)),
        })),
      ]}
    />
  );
}
