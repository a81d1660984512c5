// How two or three saved segments overlap: a diagram with the exact count of every region (the
// circles are a map of the regions, not drawn to scale) and the same figures as a table.
import { useQuery } from '@tanstack/react-query';
import { X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { OverlapResponse } from '../../api/contract.ts';
import { Card, CardBody, CardHeader, CardTitle } from '../../ui/Card.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { Table, TBody, Td, Th, THead } from '../../ui/Table.tsx';
import { formatCount } from '../../ui/format.ts';
import { share } from './audience-format.ts';
import { segmentQueries } from './queries.ts';

const LETTERS = ['A', 'B', 'C'] as const;
const FILLS = ['fill-accent-500', 'fill-warn-600', 'fill-success-600'] as const;

/** Circle centres, and where each region's count sits (keyed by the letters it lies in). */
const LAYOUT = {
  2: {
    circles: [
      [135, 115],
      [235, 115],
    ],
    r: 95,
    labels: { A: [90, 120], B: [280, 120], AB: [185, 120] },
  },
  3: {
    circles: [
      [145, 110],
      [235, 110],
      [190, 190],
    ],
    r: 85,
    labels: {
      A: [110, 95],
      B: [270, 95],
      C: [190, 240],
      AB: [190, 85],
      AC: [150, 170],
      BC: [230, 170],
      ABC: [190, 138],
    },
  },
} as const;

function regionKey(ids: readonly string[], all: readonly string[]): string {
  return all.flatMap((id, i) => (ids.includes(id) ? [LETTERS[i] ?? ''] : [])).join('');
}

function Diagram({ data }: { data: OverlapResponse }) {
  const { t } = useTranslation('segments');
  const ids = data.segments.map((s) => s.segment_id);
  const layout = ids.length === 3 ? LAYOUT[3] : LAYOUT[2];
  const labels: Readonly<Record<string, readonly [number, number]>> = layout.labels;
  return (
    <svg
      viewBox="0 0 370 290"
      className="h-[260px] w-[330px] shrink-0"
      role="img"
      aria-label={t('overlap.diagram', {
        count: data.regions.length,
        regions: formatCount(data.regions.length),
      })}
    >
      {layout.circles.map(([cx, cy], i) => (
        <circle
          key={LETTERS[i]}
          cx={cx}
          cy={cy}
          r={layout.r}
          className={`${FILLS[i] ?? ''} stroke-gray-500`}
          fillOpacity={0.16}
        />
      ))}
      {layout.circles.map(([cx, cy], i) => (
        <text
          key={`${LETTERS[i]}-letter`}
          x={cx + (i === 2 ? 0 : i === 0 ? -layout.r + 14 : layout.r - 14)}
          y={i === 2 ? cy + layout.r - 8 : cy - layout.r + 22}
          textAnchor="middle"
          className="fill-fg-muted text-[11px] font-semibold"
        >
          {LETTERS[i]}
        </text>
      ))}
      {data.regions.map((region) => {
        const at = labels[regionKey(region.segment_ids, ids)];
        if (!at) return null;
        return (
          <text
            key={region.segment_ids.join('+')}
            x={at[0]}
            y={at[1]}
            textAnchor="middle"
            className="fill-fg text-[12px] font-semibold tabular-nums"
          >
            {formatCount(region.count)}
          </text>
        );
      })}
    </svg>
  );
}

/** A region by the letters of its segments (two or three): "Only A", "A and B, not C", "In A and
 * B", "In A, B and C". */
function regionName(t: TFunction<'segments'>, ids: readonly string[], data: OverlapResponse) {
  const names = data.segments.map((s, i) => ({ letter: LETTERS[i] ?? '?', id: s.segment_id }));
  const inside = names.filter((n) => ids.includes(n.id)).map((n) => n.letter);
  const outside = names.filter((n) => !ids.includes(n.id)).map((n) => n.letter);
  const [a = '', b = '', c = ''] = inside;
  if (outside.length === 0) {
    return inside.length === 3
      ? t('overlap.region.inThree', { a, b, c })
      : t('overlap.region.inTwo', { a, b });
  }
  if (inside.length === 1) return t('overlap.region.only', { a });
  return t('overlap.region.twoNotThird', { a, b, c: outside[0] ?? '' });
}

export function OverlapPanel({ ids, onClose }: { ids: string[]; onClose: () => void }) {
  const { t } = useTranslation('segments');
  const overlap = useQuery(segmentQueries.overlap(ids));
  return (
    <Card aria-label={t('overlap.title')}>
      <CardHeader
        actions={
          <button
            type="button"
            aria-label={t('overlap.close')}
            onClick={onClose}
            className="inline-flex size-6 items-center justify-center rounded-sm text-fg-muted hover:bg-subtle"
          >
            <X size={14} aria-hidden="true" />
          </button>
        }
      >
        <CardTitle>{t('overlap.title')}</CardTitle>
      </CardHeader>
      <CardBody>
        <QueryState
          status={overlap.status}
          error={overlap.error}
          data={overlap.data}
          isEmpty={() => false}
          empty={null}
          loadingLabel={t('overlap.loading')}
          onRetry={() => void overlap.refetch()}
          retrying={overlap.isRefetching}
        >
          {(data) => (
            <div className="flex flex-wrap items-start gap-6">
              <Diagram data={data} />
              <div className="min-w-[420px] flex-1 space-y-3">
                <ul className="space-y-0.5 text-base">
                  {data.segments.map((s, i) => (
                    <li key={s.segment_id}>
                      <span className="font-semibold">{LETTERS[i]}</span> {s.name} ·{' '}
                      <span className="tabular-nums">{formatCount(s.size)}</span>
                    </li>
                  ))}
                </ul>
                <Table aria-label={t('overlap.table.label')}>
                  <THead>
                    <tr>
                      <Th>{t('overlap.table.region')}</Th>
                      <Th numeric>{t('overlap.table.customers')}</Th>
                      <Th numeric>{t('overlap.table.ofUnion')}</Th>
                    </tr>
                  </THead>
                  <TBody>
                    {data.regions.map((r) => (
                      <tr key={r.segment_ids.join('+')}>
                        <Td>{regionName(t, r.segment_ids, data)}</Td>
                        <Td numeric>{formatCount(r.count)}</Td>
                        <Td numeric className="text-fg-muted">
                          {share(r.count, data.union)}
                        </Td>
                      </tr>
                    ))}
                    <tr>
                      <Td className="font-medium">{t('overlap.table.union')}</Td>
                      <Td numeric className="font-medium">
                        {formatCount(data.union)}
                      </Td>
                      <Td numeric className="text-fg-muted">
                        {t('overlap.table.ofAll', { share: share(data.union, data.total) })}
                      </Td>
                    </tr>
                  </TBody>
                </Table>
              </div>
            </div>
          )}
        </QueryState>
      </CardBody>
    </Card>
  );
}
