// The campaigns: channel, target segment and its size now, status, planned send, author and last
// edit; filter by name, channel and status, sort by any column, open one in the editor.
import { useQuery } from '@tanstack/react-query';
import { AlertTriangle, Gift, Plus, ShieldCheck, Sparkles, X } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { z } from 'zod';
import { useAuthorText } from '../../ui/author.ts';
import { useTranslation } from 'react-i18next';
import type { CampaignListItem } from '../../api/contract.ts';
import { CAMPAIGN_CHANNELS, campaignStatus } from '../../domain/campaign/campaign.ts';
import { compareText } from '../../domain/compare.ts';
import { Badge } from '../../ui/Badge.tsx';
import { buttonClass } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { Input } from '../../ui/Input.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { Select } from '../../ui/Select.tsx';
import { SortHeader, type SortState } from '../../ui/SortHeader.tsx';
import { Table, TBody, Td, THead, Tr } from '../../ui/Table.tsx';
import { compareLabels, formatCount, formatDateTime } from '../../ui/format.ts';
import { campaignQueries } from './queries.ts';

type SortKey =
  'name' | 'channel' | 'segment' | 'size' | 'status' | 'send' | 'author' | 'updated_at';
type ChannelFilter = CampaignListItem['channel'] | 'all';
type StatusFilter = CampaignListItem['status'] | 'all';

const STATUS_TONE = { draft: 'neutral', ready: 'accent', sent: 'success' } as const;

function compare(a: CampaignListItem, b: CampaignListItem, key: SortKey): number {
  switch (key) {
    case 'name':
      return compareLabels(a.name, b.name);
    case 'channel':
      return compareText(a.channel, b.channel);
    case 'segment':
      return compareLabels(a.segment?.name ?? '', b.segment?.name ?? '');
    case 'size':
      return (a.segment?.size ?? -1) - (b.segment?.size ?? -1);
    case 'status':
      return campaignStatus.options.indexOf(a.status) - campaignStatus.options.indexOf(b.status);
    case 'send':
      // Unplanned campaigns sort after every planned one.
      return compareText(a.send_instant ?? '\uffff', b.send_instant ?? '\uffff');
    case 'author':
      return compareLabels(a.author, b.author);
    case 'updated_at':
      return compareText(a.updated_at, b.updated_at);
  }
}

export function sortCampaigns(
  items: readonly CampaignListItem[],
  sort: SortState<SortKey>,
): CampaignListItem[] {
  const direction = sort.descending ? -1 : 1;
  return [...items].sort(
    (a, b) => direction * compare(a, b, sort.key) || compareText(a.campaign_id, b.campaign_id),
  );
}

function SegmentCell({ item }: { item: CampaignListItem }) {
  const { t } = useTranslation('campaigns');
  const segment = item.segment;
  if (segment === null) return <span className="text-fg-subtle">{t('list.noSegment')}</span>;
  if (segment.name === null) {
    return <span className="text-danger-700">{t('list.deletedSegment')}</span>;
  }
  const newer = segment.current_version !== null && segment.current_version > segment.version;
  return (
    <span className="flex min-w-0 items-center gap-1">
      <Link
        to={`/segments/${encodeURIComponent(segment.segment_id)}`}
        className="truncate text-accent-700 hover:underline"
      >
        {segment.name}
      </Link>
      {newer && (
        <span
          role="img"
          className="shrink-0 text-warn-600"
          aria-label={t('list.newerSegment', {
            pinned: segment.version,
            current: segment.current_version,
          })}
          title={t('list.newerSegment', {
            pinned: segment.version,
            current: segment.current_version,
          })}
        >
          <AlertTriangle size={13} aria-hidden="true" />
        </span>
      )}
    </span>
  );
}

/** `?segment=` narrows the list to one segment's campaigns (the segment list links here). */
const segmentParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export function CampaignList() {
  const { t } = useTranslation('campaigns');
  const { t: tg } = useTranslation('guardrails');
  const authorText = useAuthorText();
  const list = useQuery(campaignQueries.list());
  const [params, setParams] = useSearchParams();
  const parsedSegment = segmentParam.safeParse(params.get('segment'));
  const segmentFilter = parsedSegment.success ? parsedSegment.data : null;
  const segmentName =
    segmentFilter === null
      ? null
      : (list.data?.campaigns.find((c) => c.segment?.segment_id === segmentFilter)?.segment?.name ??
        segmentFilter);
  const [filter, setFilter] = useState('');
  const [channel, setChannel] = useState<ChannelFilter>('all');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [sort, setSort] = useState<SortState<SortKey>>({ key: 'updated_at', descending: true });
  const onSort = (key: SortKey) =>
    setSort((s) => ({
      key,
      descending: s.key === key ? !s.descending : key === 'size' || key === 'updated_at',
    }));
  const rows = useMemo(() => {
    const needle = filter.trim().toLocaleLowerCase();
    const kept = (list.data?.campaigns ?? []).filter(
      (c) =>
        (needle === '' || c.name.toLocaleLowerCase().includes(needle)) &&
        (segmentFilter === null || c.segment?.segment_id === segmentFilter) &&
        (channel === 'all' || c.channel === channel) &&
        (status === 'all' || c.status === status),
    );
    return sortCampaigns(kept, sort);
  }, [list.data, filter, channel, status, sort, segmentFilter]);

  const newButton = (
    <Link to="/campaigns/new" className={buttonClass('primary')}>
      <Plus aria-hidden="true" />
      {t('list.new')}
    </Link>
  );

  return (
    <div className="mx-auto max-w-[1280px] space-y-3 px-5 py-4">
      <header className="flex items-center gap-2">
        <h2 className="text-lg font-semibold text-fg">{t('list.heading')}</h2>
        {list.data && (
          <span className="text-sm text-fg-subtle">
            {t('list.summary', {
              count: list.data.campaigns.length,
              n: formatCount(list.data.campaigns.length),
              at: formatDateTime(list.data.as_of),
            })}
          </span>
        )}
        <span className="flex-1" />
        <Link to="/campaigns/policy" className={buttonClass('ghost')} title={tg('policy.linkHint')}>
          <ShieldCheck aria-hidden="true" />
          {tg('policy.link')}
        </Link>
        {newButton}
      </header>
      <div className="flex flex-wrap items-center gap-2">
        <Input
          aria-label={t('list.filter.label')}
          placeholder={t('list.filter.placeholder')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          className="max-w-72"
        />
        <div className="w-44">
          <Select<ChannelFilter>
            aria-label={t('list.channelFilter')}
            value={channel}
            onValueChange={setChannel}
            options={[
              { value: 'all', label: t('list.allChannels') },
              ...CAMPAIGN_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) })),
            ]}
          />
        </div>
        {segmentName !== null && (
          <span className="inline-flex items-center gap-1 rounded-md border border-accent-200 bg-accent-50 px-2 py-1 text-sm text-accent-800">
            {t('list.segmentFilter', { name: segmentName })}
            <button
              type="button"
              aria-label={t('list.clearSegment', { name: segmentName })}
              onClick={() =>
                setParams(
                  (current) => {
                    const next = new URLSearchParams(current);
                    next.delete('segment');
                    return next;
                  },
                  { replace: true },
                )
              }
              className="rounded-sm hover:bg-accent-100"
            >
              <X size={13} aria-hidden="true" />
            </button>
          </span>
        )}
        <div className="w-44">
          <Select<StatusFilter>
            aria-label={t('list.statusFilter')}
            value={status}
            onValueChange={setStatus}
            options={[
              { value: 'all', label: t('list.allStatuses') },
              ...campaignStatus.options.map((s) => ({ value: s, label: t(`status.${s}`) })),
            ]}
          />
        </div>
      </div>
      <QueryState
        status={list.status}
        error={list.error}
        data={list.data}
        isEmpty={(d) => d.campaigns.length === 0}
        empty={
          <EmptyState
            title={t('list.empty.title')}
            description={t('list.empty.description')}
            action={newButton}
          />
        }
        loadingLabel={t('list.loading')}
        onRetry={() => void list.refetch()}
        retrying={list.isRefetching}
      >
        {() => (
          <div className="rounded-lg border border-line bg-surface">
            <Table aria-label={t('list.heading')}>
              <THead>
                <tr>
                  <SortHeader
                    label={t('list.column.name')}
                    column="name"
                    sort={sort}
                    onSort={onSort}
                  />
                  <SortHeader
                    label={t('list.column.channel')}
                    column="channel"
                    sort={sort}
                    onSort={onSort}
                  />
                  <SortHeader
                    label={t('list.column.segment')}
                    column="segment"
                    sort={sort}
                    onSort={onSort}
                  />
                  <SortHeader
                    label={t('list.column.size')}
                    column="size"
                    sort={sort}
                    onSort={onSort}
                    numeric
                  />
                  <SortHeader
                    label={t('list.column.status')}
                    column="status"
                    sort={sort}
                    onSort={onSort}
                  />
                  <SortHeader
                    label={t('list.column.sendAt')}
                    column="send"
                    sort={sort}
                    onSort={onSort}
                  />
                  <SortHeader
                    label={t('list.column.author')}
                    column="author"
                    sort={sort}
                    onSort={onSort}
                  />
                  <SortHeader
                    label={t('list.column.updatedAt')}
                    column="updated_at"
                    sort={sort}
                    onSort={onSort}
                  />
                </tr>
              </THead>
              <TBody>
                {rows.length === 0 && (
                  <tr>
                    <Td colSpan={8} className="text-fg-muted">
                      {t('list.noMatch')}
                    </Td>
                  </tr>
                )}
                {rows.map((item) => (
                  <Tr key={item.campaign_id}>
                    <Td className="max-w-[340px]">
                      <span className="flex min-w-0 items-center gap-1.5">
                        <Link
                          to={`/campaigns/${encodeURIComponent(item.campaign_id)}`}
                          className="truncate font-medium text-accent-700 hover:underline"
                        >
                          {item.name}
                        </Link>
                        {item.has_offer && (
                          <Gift
                            size={13}
                            className="shrink-0 text-fg-subtle"
                            aria-label={t('list.extras.offer')}
                          />
                        )}
                        {item.has_recommendations && (
                          <Sparkles
                            size={13}
                            className="shrink-0 text-fg-subtle"
                            aria-label={t('list.extras.recommendations')}
                          />
                        )}
                      </span>
                    </Td>
                    <Td className="whitespace-nowrap">{t(`channel.${item.channel}`)}</Td>
                    <Td className="max-w-[260px]">
                      <SegmentCell item={item} />
                    </Td>
                    <Td numeric>
                      {item.segment?.size == null ? '—' : formatCount(item.segment.size)}
                    </Td>
                    <Td>
                      <Badge tone={STATUS_TONE[item.status]}>{t(`status.${item.status}`)}</Badge>
                    </Td>
                    <Td className="whitespace-nowrap">
                      {item.send_instant === null ? (
                        <span className="text-fg-subtle">{t('list.unplanned')}</span>
                      ) : (
                        formatDateTime(item.send_instant)
                      )}
                    </Td>
                    <Td className="max-w-[160px] truncate">{authorText(item.author)}</Td>
                    <Td className="whitespace-nowrap">{formatDateTime(item.updated_at)}</Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </div>
        )}
      </QueryState>
    </div>
  );
}
