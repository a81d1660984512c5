// The top of the audience panel: the count and its share, or why there is none yet.
import { CircleAlert } from 'lucide-react';
import { clsx } from 'clsx';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { CountResponse } from '../../api/contract.ts';
import { Spinner } from '../../ui/Spinner.tsx';
import { formatCount } from '../../ui/format.ts';
import { share } from './audience-format.ts';
import { useIssueText } from './issue-text.ts';
import type { IssueSummary } from './node-issues.ts';

/** What the screen reader hears when a count arrives (and what tests read). */
export const audienceSentence = (t: TFunction<'segments'>, n: number) =>
  t('audience.sentence', { count: n, n: formatCount(n) });

export function Headline({ data, updating }: { data: CountResponse; updating: boolean }) {
  const { t } = useTranslation('segments');
  return (
    <div>
      <div className="flex items-baseline gap-2">
        <span
          className={clsx(
            'text-xl font-semibold tabular-nums',
            updating ? 'text-fg-muted' : 'text-fg',
          )}
        >
          {formatCount(data.count)}
        </span>
        <span className="text-base text-fg-muted">
          {t('audience.customers', { count: data.count })}
        </span>
        {updating && (
          <span className="ml-auto flex items-center gap-1.5 text-sm text-fg-muted">
            <Spinner size={12} />
            {t('audience.updating')}
          </span>
        )}
      </div>
      <p className="text-sm text-fg-muted tabular-nums">
        {t('audience.share', {
          share: share(data.count, data.total),
          total: formatCount(data.total),
        })}
      </p>
    </div>
  );
}

const LISTED = 3;

export function Attention({
  summary,
  names,
}: {
  summary: IssueSummary;
  names: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation('segments');
  const say = useIssueText();
  const listed = [...summary.byNode].slice(0, LISTED);
  const general = summary.general[0];
  const n = summary.nodes;
  const more = summary.byNode.size - LISTED;
  const title =
    n === 0 ? t('attention.segment') : t('attention.conditions', { count: n, n: formatCount(n) });
  return (
    <div className="flex gap-2">
      <CircleAlert size={16} aria-hidden="true" className="mt-0.5 shrink-0 text-warn-600" />
      <div>
        <p className="text-base font-medium text-fg">{title}</p>
        <p className="text-sm text-fg-muted">
          {general ? say(general) : t('attention.incomplete')}
        </p>
        <ul className="mt-1.5 space-y-0.5 text-sm">
          {listed.map(([nodeId, issues]) => (
            <li key={nodeId} className="text-fg-muted">
              <span className="font-medium text-fg">
                {names.get(nodeId) ?? t('attention.aGroup')}
              </span>
              {' · '}
              {issues[0] && say(issues[0])}
            </li>
          ))}
          {more > 0 && (
            <li className="text-fg-subtle">
              {t('attention.more', { count: more, more: formatCount(more) })}
            </li>
          )}
        </ul>
      </div>
    </div>
  );
}
