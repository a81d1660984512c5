// The audience as it stands: the live count and its share of all customers, who can be reached on
// each channel, a breakdown and sample members. Never a number for a definition it does not hold:
// an earlier count shows dimmed while the new one runs, and an incomplete segment says why.
import { CircleAlert } from 'lucide-react';
import { clsx } from 'clsx';
import type { CatalogueResponse, CountResponse } from '../../api/contract.ts';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { describeError } from '../../ui/QueryState.tsx';
import { Skeleton } from '../../ui/Skeleton.tsx';
import { Spinner } from '../../ui/Spinner.tsx';
import { formatCount } from '../../ui/format.ts';
import { share } from './audience-format.ts';
import { Breakdown } from './Breakdown.tsx';
import type { IssueSummary } from './node-issues.ts';
import { SampleMembers } from './SampleMembers.tsx';
import type { LiveCount } from './useLiveCount.ts';

export interface CountPanelProps {
  count: LiveCount;
  summary: IssueSummary;
  empty: boolean;
  catalogue: CatalogueResponse;
  breakdown: string | null;
  onBreakdown: (field: string) => void;
}

/** What the screen reader hears when a count arrives (and what tests read). */
export const audienceSentence = (n: number) =>
  `${formatCount(n)} ${n === 1 ? 'customer matches' : 'customers match'}.`;

const CHANNELS = [
  { key: 'email', label: 'Email' },
  { key: 'sms', label: 'SMS' },
  { key: 'push', label: 'Push' },
] as const;

function Headline({ data, updating }: { data: CountResponse; updating: boolean }) {
  return (
    <div>
      <div className="flex items-baseline gap-2">
        <span
          className={clsx('text-xl font-semibold text-fg tabular-nums', updating && 'opacity-40')}
        >
          {formatCount(data.count)}
        </span>
        <span className={clsx('text-base text-fg-muted', updating && 'opacity-40')}>
          {data.count === 1 ? 'customer' : 'customers'}
        </span>
        {updating && (
          <span className="ml-auto flex items-center gap-1.5 text-sm text-fg-muted">
            <Spinner size={12} />
            Updating…
          </span>
        )}
      </div>
      <p className={clsx('text-sm text-fg-muted tabular-nums', updating && 'opacity-40')}>
        {share(data.count, data.total)} of {formatCount(data.total)} customers
      </p>
    </div>
  );
}

function Attention({ summary }: { summary: IssueSummary }) {
  const n = summary.nodes;
  const title =
    n === 0
      ? 'This segment needs attention'
      : `${n} ${n === 1 ? 'condition needs' : 'conditions need'} attention`;
  return (
    <div className="flex gap-2">
      <CircleAlert size={16} aria-hidden="true" className="mt-0.5 shrink-0 text-warn-600" />
      <div>
        <p className="text-base font-medium text-fg">{title}</p>
        <p className="text-sm text-fg-muted">
          {summary.general[0] ?? 'The count shows once every condition is complete.'}
        </p>
      </div>
    </div>
  );
}

export function CountPanel({
  count,
  summary,
  empty,
  catalogue,
  breakdown,
  onBreakdown,
}: CountPanelProps) {
  const data = count.state === 'fresh' || count.state === 'updating' ? count.data : null;
  const updating = count.state === 'updating';
  let headline;
  if (empty) {
    headline = <p className="text-base text-fg-muted">Add a first condition to see who matches.</p>;
  } else if (count.state === 'idle') {
    headline = <Attention summary={summary} />;
  } else if (count.state === 'loading') {
    headline = (
      <div role="status" aria-label="Counting" className="space-y-2">
        <Skeleton className="h-7 w-32" />
        <Skeleton className="h-3 w-44" />
      </div>
    );
  } else if (count.state === 'error') {
    const { title, detail } = describeError(count.error);
    headline = (
      <ErrorState
        layout="inline"
        title={`The count failed: ${title}`}
        detail={`${detail} Your conditions are kept.`}
        onRetry={count.retry}
        retrying={count.retrying}
      />
    );
  } else {
    headline = <Headline data={count.data} updating={updating} />;
  }

  return (
    <aside
      aria-label="Audience"
      aria-busy={updating || count.state === 'loading'}
      className="flex w-[340px] shrink-0 flex-col overflow-y-auto border-l border-line bg-surface"
    >
      <section className="border-b border-line px-4 py-3">
        <h2 className="mb-1.5 text-xs font-medium text-fg-subtle uppercase">Audience</h2>
        {headline}
        <p role="status" className="sr-only">
          {count.state === 'fresh' ? audienceSentence(count.data.count) : ''}
        </p>
      </section>
      {data && (
        <div className={clsx(updating && 'opacity-50')}>
          <section aria-labelledby="reach-heading" className="border-b border-line px-4 py-3">
            <h3 id="reach-heading" className="text-sm font-medium text-fg">
              Reachable
            </h3>
            <dl className="mt-1.5 space-y-1">
              {CHANNELS.map(({ key, label }) => (
                <div
                  key={key}
                  className="grid grid-cols-[1fr_auto_3.5rem] items-baseline gap-2 text-sm"
                >
                  <dt className="text-fg-muted">{label}</dt>
                  <dd className="text-right text-fg tabular-nums">
                    {formatCount(data.reachable[key])}
                  </dd>
                  <dd className="text-right text-fg-subtle tabular-nums">
                    {share(data.reachable[key], data.count)}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
          <Breakdown catalogue={catalogue} field={breakdown} onField={onBreakdown} data={data} />
          <SampleMembers members={data.sample} count={data.count} />
        </div>
      )}
    </aside>
  );
}
