// Data quality over the shared segment filter: whether what campaigns rely on is there and usable
// — first names fit for a salutation, e-mail and phone, consent per channel, identities per
// profile, shared devices, suspected duplicates. Every count of customers to fix opens the list of
// those customers (in the URL, so a link reproduces it); the lists the segment engine can say open
// in the segment builder. From GET /api/dashboards/quality and …/quality/customers.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
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
import type { QualityResponse } from '../../api/contract.ts';
import { qualityList, type QualityListResponse } from '../../api/contract.ts';
import { newSegmentLink } from '../../domain/segment/link.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog, DialogContent } from '../../ui/Dialog.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { Table, TBody, Td, Th, THead, Tr } from '../../ui/Table.tsx';
import { formatCount } from '../../ui/format.ts';
import { FigureCard, Tile, legendText, countColumn } from './FigureCard.tsx';
import { percentOf } from './numbers.ts';
import { filterQuery, type DashboardFilters } from './filters.ts';
import { dashboardQueries } from './queries.ts';

type List = QualityListResponse['list'];
const PAGE = 50;
const GREEN = 'var(--color-success-600, #15803d)';
const AMBER = 'var(--color-warn-600, #b45309)';
const GREY = 'var(--color-gray-400, #9ca3af)';

export function QualityDashboard({ filters }: { filters: DashboardFilters }) {
  const { t } = useTranslation('dashboards');
  const quality = useQuery(dashboardQueries.quality(filterQuery(filters)));
  const [params, setParams] = useSearchParams();
  const listed = qualityList.safeParse(params.get('list'));
  const open = (list: List | null) =>
    setParams(
      (current) => {
        const out = new URLSearchParams(current);
        if (list === null) out.delete('list');
        else out.set('list', list);
        return out;
      },
      { replace: list === null },
    );
  return (
    <QueryState
      status={quality.status}
      error={quality.error}
      data={quality.data}
      isEmpty={(d) => d.customers === 0}
      empty={<p className="py-6 text-base text-fg-muted">{t('quality.empty')}</p>}
      loadingLabel={t('quality.loading')}
      onRetry={() => void quality.refetch()}
      retrying={quality.isRefetching}
    >
      {(data) => (
        <div className="space-y-3" aria-busy={quality.isFetching}>
          <QualityFiguresView data={data} onOpen={open} />
          {listed.success && (
            <ListDialog
              list={listed.data}
              filters={filters}
              definition={data.definitions.find((d) => d.list === listed.data)?.definition ?? null}
              onClose={() => open(null)}
            />
          )}
        </div>
      )}
    </QueryState>
  );
}

/** A count that opens the list of the customers behind it (none to open at zero). */
function Opens({ count, list, onOpen }: { count: number; list: List; onOpen: (l: List) => void }) {
  const { t } = useTranslation('dashboards');
  if (count === 0) return <>{formatCount(0)}</>;
  return (
    <button
      type="button"
      onClick={() => onOpen(list)}
      className="cursor-pointer text-accent-700 tabular-nums underline underline-offset-2 hover:text-accent-800"
      aria-label={t('quality.open', {
        count,
        countText: formatCount(count),
        list: t(`quality.lists.${list}`),
      })}
    >
      {formatCount(count)}
    </button>
  );
}

function QualityFiguresView({
  data,
  onOpen,
}: {
  data: QualityResponse;
  onOpen: (list: List) => void;
}) {
  const { t } = useTranslation('dashboards');
  const { t: tCampaigns } = useTranslation('campaigns');
  const n = data.customers;
  const unusable = n - data.first_name.usable;
  const contact = [
    {
      key: 'first_name',
      label: t('quality.contact.firstName'),
      ok: data.first_name.usable,
      invalid: { count: unusable, list: 'first_name_unusable' as const },
      missing: null,
    },
    {
      key: 'email',
      label: t('quality.contact.email'),
      ok: data.email.valid,
      invalid: { count: data.email.invalid, list: 'email_invalid' as const },
      missing: { count: data.email.missing, list: 'email_missing' as const },
    },
    {
      key: 'phone',
      label: t('quality.contact.phone'),
      ok: data.phone.valid,
      invalid: { count: data.phone.invalid, list: 'phone_invalid' as const },
      missing: { count: data.phone.missing, list: 'phone_missing' as const },
    },
  ];
  const consentChannel = (channel: QualityResponse['consent'][number]['channel']) =>
    channel === 'phone' ? t('quality.consent.phoneCall') : tCampaigns(`channel.${channel}`);
  const consentRows = data.consent.map((c) => ({
    ...c,
    label: consentChannel(c.channel),
    list: `consent_${c.channel}_unknown` as const,
  }));
  const reasons = data.first_name.unusable.filter((r) => r.customers > 0);
  const identityRows = data.identities.map((b, i) => ({
    ...b,
    label:
      i === data.identities.length - 1
        ? t('quality.identities.orMore', { count: b.identities })
        : formatCount(b.identities),
  }));
  return (
    <>
      <p className="text-sm text-fg-muted">{t('quality.note')}</p>
      <dl className="grid grid-cols-3 gap-3 lg:grid-cols-6" aria-label={t('quality.totals')}>
        <Tile label={t('quality.tiles.customers')} value={formatCount(n)} />
        <Tile label={t('quality.tiles.firstName')} value={percentOf(data.first_name.usable, n)} />
        <Tile label={t('quality.tiles.email')} value={percentOf(data.email.valid, n)} />
        <Tile label={t('quality.tiles.phone')} value={percentOf(data.phone.valid, n)} />
        <Tile label={t('quality.tiles.shared')} value={formatCount(data.shared_device)} />
        <Tile
          label={t('quality.tiles.duplicates')}
          value={formatCount(data.duplicate_email + data.duplicate_phone)}
        />
      </dl>
      <div className="grid grid-cols-2 gap-3">
        <FigureCard
          id="quality-contact"
          title={t('quality.contact.title')}
          description={t('quality.contact.description')}
          tableLabel={t('quality.contact.table')}
          file="contact-data-quality.csv"
          rows={contact}
          rowKey={(r) => r.key}
          columns={[
            { label: t('quality.contact.field'), cell: (r) => r.label, csv: (r) => r.key },
            {
              label: t('quality.contact.usable'),
              numeric: true,
              cell: (r) => `${formatCount(r.ok)} (${percentOf(r.ok, n)})`,
              csv: (r) => String(r.ok),
            },
            {
              label: t('quality.contact.invalid'),
              numeric: true,
              cell: (r) => <Opens count={r.invalid.count} list={r.invalid.list} onOpen={onOpen} />,
              csv: (r) => String(r.invalid.count),
            },
            {
              label: t('quality.contact.missing'),
              numeric: true,
              cell: (r) =>
                r.missing === null ? (
                  <span className="text-fg-muted">{t('quality.contact.inInvalid')}</span>
                ) : (
                  <Opens count={r.missing.count} list={r.missing.list} onOpen={onOpen} />
                ),
              csv: (r) => (r.missing === null ? '' : String(r.missing.count)),
            },
          ]}
        />
        <FigureCard
          id="quality-duplicates"
          title={t('quality.identity.title')}
          description={t('quality.identity.description')}
          tableLabel={t('quality.identity.table')}
          file="shared-and-duplicates.csv"
          rows={[
            { key: 'shared_device' as const, count: data.shared_device },
            { key: 'duplicate_email' as const, count: data.duplicate_email },
            { key: 'duplicate_phone' as const, count: data.duplicate_phone },
          ]}
          rowKey={(r) => r.key}
          columns={[
            {
              label: t('quality.identity.what'),
              cell: (r) => t(`quality.lists.${r.key}`),
              csv: (r) => r.key,
            },
            {
              label: t('quality.identity.customers'),
              numeric: true,
              cell: (r) => <Opens count={r.count} list={r.key} onOpen={onOpen} />,
              csv: (r) => String(r.count),
            },
            {
              label: t('quality.identity.share'),
              numeric: true,
              cell: (r) => percentOf(r.count, n),
              csv: (r) => (n > 0 ? String(r.count / n) : ''),
            },
          ]}
        />
      </div>
      <FigureCard
        id="quality-consent"
        title={t('quality.consent.title')}
        description={t('quality.consent.description')}
        tableLabel={t('quality.consent.table')}
        file="consent-by-channel.csv"
        rows={consentRows}
        rowKey={(r) => r.channel}
        columns={[
          { label: t('quality.consent.channel'), cell: (r) => r.label, csv: (r) => r.channel },
          countColumn(t('quality.consent.granted'), 'granted'),
          countColumn(t('quality.consent.withdrawn'), 'withdrawn'),
          {
            label: t('quality.consent.unknown'),
            numeric: true,
            cell: (r) => <Opens count={r.unknown} list={r.list} onOpen={onOpen} />,
            csv: (r) => String(r.unknown),
          },
        ]}
        chart={
          <ResponsiveContainer width="100%" height={220}>
            <BarChart
              data={consentRows}
              layout="vertical"
              margin={{ top: 8, right: 12, bottom: 0, left: 24 }}
            >
              <CartesianGrid horizontal={false} stroke="var(--color-line, #e5e7eb)" />
              <XAxis
                type="number"
                tick={{ fontSize: 12 }}
                tickFormatter={(v: number) => formatCount(v)}
              />
              <YAxis type="category" dataKey="label" tick={{ fontSize: 12 }} width={110} />
              <Tooltip formatter={(v) => (typeof v === 'number' ? formatCount(v) : v)} />
              <Legend formatter={legendText} />
              <Bar dataKey="granted" stackId="c" name={t('quality.consent.granted')} fill={GREEN} />
              <Bar
                dataKey="withdrawn"
                stackId="c"
                name={t('quality.consent.withdrawn')}
                fill={AMBER}
              />
              <Bar dataKey="unknown" stackId="c" name={t('quality.consent.unknown')} fill={GREY} />
            </BarChart>
          </ResponsiveContainer>
        }
      />
      <div className="grid grid-cols-2 gap-3">
        <FigureCard
          id="quality-first-names"
          title={t('quality.firstNames.title')}
          description={t('quality.firstNames.description')}
          tableLabel={t('quality.firstNames.table')}
          file="first-names-unusable.csv"
          rows={reasons}
          rowKey={(r) => r.reason}
          columns={[
            {
              label: t('quality.firstNames.reason'),
              cell: (r) => t(`quality.reasons.${r.reason}`),
              csv: (r) => r.reason,
            },
            countColumn(t('quality.firstNames.customers'), 'customers'),
          ]}
        />
        <FigureCard
          id="quality-identities"
          title={t('quality.identities.title')}
          description={t('quality.identities.description')}
          tableLabel={t('quality.identities.table')}
          file="identities-per-profile.csv"
          rows={identityRows}
          rowKey={(r) => String(r.identities)}
          columns={[
            {
              label: t('quality.identities.identities'),
              cell: (r) => r.label,
              csv: (r) => r.label,
            },
            countColumn(t('quality.identities.customers'), 'customers'),
          ]}
          chart={
            <ResponsiveContainer width="100%" height={200}>
              <BarChart data={identityRows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
                <CartesianGrid vertical={false} stroke="var(--color-line, #e5e7eb)" />
                <XAxis dataKey="label" tick={{ fontSize: 12 }} />
                <YAxis tick={{ fontSize: 12 }} tickFormatter={(v: number) => formatCount(v)} />
                <Tooltip formatter={(v) => (typeof v === 'number' ? formatCount(v) : v)} />
                <Legend formatter={legendText} />
                <Bar
                  dataKey="customers"
                  name={t('quality.identities.customers')}
                  fill="var(--color-accent-600, #4a50d6)"
                />
              </BarChart>
            </ResponsiveContainer>
          }
        />
      </div>
    </>
  );
}

/** The customers behind one figure, a page at a time, and the segment it can be opened as. */
function ListDialog({
  list,
  filters,
  definition,
  onClose,
}: {
  list: List;
  filters: DashboardFilters;
  definition: QualityResponse['definitions'][number]['definition'] | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('dashboards');
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Math.floor(Number(params.get('offset') ?? 0)) || 0);
  const page = useQuery(
    dashboardQueries.qualityList({ ...filterQuery(filters), list, offset: String(offset) }),
  );
  const total = page.data?.total;
  const move = (to: number) =>
    setParams(
      (current) => {
        const out = new URLSearchParams(current);
        if (to === 0) out.delete('offset');
        else out.set('offset', String(to));
        return out;
      },
      { replace: true },
    );
  return (
    <Dialog open onOpenChange={(next) => !next && onClose()}>
      <DialogContent
        width="lg"
        title={t(`quality.lists.${list}`)}
        description={
          total === undefined
            ? undefined
            : t('quality.list.count', { count: total, countText: formatCount(total) })
        }
        footer={
          <>
            {definition === null ? (
              <span className="mr-auto self-center text-sm text-fg-muted">
                {t('quality.list.noSegment')}
              </span>
            ) : (
              <Link
                to={newSegmentLink(definition)}
                className="mr-auto self-center text-sm text-accent-700 underline underline-offset-2"
              >
                {t('quality.list.asSegment')}
              </Link>
            )}
            <Button
              size="sm"
              disabled={offset === 0}
              onClick={() => move(Math.max(0, offset - PAGE))}
            >
              {t('quality.list.previous')}
            </Button>
            <Button
              size="sm"
              disabled={total === undefined || offset + PAGE >= total}
              onClick={() => move(offset + PAGE)}
            >
              {t('quality.list.next')}
            </Button>
          </>
        }
      >
        <QueryState
          status={page.status}
          error={page.error}
          data={page.data}
          isEmpty={(d) => d.customers.length === 0}
          empty={<p className="py-4 text-base text-fg-muted">{t('quality.list.empty')}</p>}
          loadingLabel={t('quality.list.loading')}
          onRetry={() => void page.refetch()}
          retrying={page.isRefetching}
        >
          {(data) => (
            <>
              <p className="mb-2 text-sm text-fg-muted">
                {t('quality.list.range', {
                  from: formatCount(data.offset + 1),
                  to: formatCount(data.offset + data.customers.length),
                  total: formatCount(data.total),
                })}
              </p>
              <Table aria-label={t(`quality.lists.${list}`)}>
                <THead>
                  <Tr>
                    <Th>{t('quality.list.customer')}</Th>
                    <Th>{t('quality.list.firstName')}</Th>
                    <Th>{t('quality.list.lastName')}</Th>
                    <Th>{t('quality.list.email')}</Th>
                    <Th>{t('quality.list.phone')}</Th>
                  </Tr>
                </THead>
                <TBody>
                  {data.customers.map((c) => (
                    <Tr key={c.customer_id}>
                      <Td>
                        <Link
                          to={`/customers/${encodeURIComponent(c.customer_id)}`}
                          className="text-accent-700 underline-offset-2 hover:underline"
                        >
                          {c.customer_id}
                        </Link>
                      </Td>
                      <Td>{c.first_name ?? '—'}</Td>
                      <Td>{c.last_name ?? '—'}</Td>
                      <Td className="break-all">
                        <Visible value={c.email} />
                      </Td>
                      <Td>
                        <Visible value={c.phone} />
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </>
          )}
        </QueryState>
      </DialogContent>
    </Dialog>
  );
}

/** A value with the blanks at its ends made visible (a trailing space makes an address invalid). */
function Visible({ value }: { value: string | null }) {
  const { t } = useTranslation('dashboards');
  if (value === null) return <>—</>;
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(value);
  const [, before = '', core = value, after = ''] = match ?? [];
  const blanks = (text: string) =>
    text === '' ? null : (
      <span
        className="rounded-sm bg-warn-50 px-0.5 text-warn-700"
        title={t('quality.list.blanks', { count: text.length })}
        aria-label={t('quality.list.blanks', { count: text.length })}
      >
        {'␣'.repeat(text.length)}
      </span>
    );
  return (
    <>
      {blanks(before)}
      {core}
      {blanks(after)}
    </>
  );
}
