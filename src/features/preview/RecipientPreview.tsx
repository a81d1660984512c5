// The centre of the preview: one recipient's message and its proof — whether they are still a
// recipient, the message, the offer and recommendations, the verdicts, and why they are in the
// segment. The previous recipient stays on screen, dimmed, while the next one loads (no jump).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { clsx } from 'clsx';
import { CircleSlash, UserRoundMinus } from 'lucide-react';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PreviewResponse } from '../../api/contract.ts';
import { QueryState } from '../../ui/QueryState.tsx';
import { Skeleton } from '../../ui/Skeleton.tsx';
import type { GuardrailId } from '../../domain/guardrails/verdict.ts';
import { firstEntry, type EvidenceEntry } from './evidence.ts';
import { MessageSection } from './MessageSection.tsx';
import type { PreviewParts, SegmentSource } from './parts.ts';
import { previewQueries } from './queries.ts';
import { VerdictList } from './VerdictList.tsx';
import { VerdictSummary } from './VerdictSummary.tsx';
import { WhyTrace } from './WhyTrace.tsx';

export interface RecipientPreviewProps {
  campaignId: string;
  customerId: string;
  /** The recipient's name, as text. */
  name: string;
  /** Whether the loaded list has them: a non-member there has left the segment since. */
  listed: boolean;
  segment: SegmentSource;
  Message: PreviewParts['Message'];
  onShowEvidence: (entry: EvidenceEntry) => void;
  /**
   * The guardrail the list is filtered on (the audit's drill-down): each recipient opens with
   * that guardrail's proof brought into view in their timeline.
   */
  focusGuardrail: GuardrailId | null;
}

function PreviewSkeleton() {
  return (
    <div className="space-y-3">
      <Skeleton className="h-4 w-1/3" />
      <Skeleton className="h-64 w-full" />
      <Skeleton className="h-4 w-1/2" />
      <Skeleton className="h-16 w-full" />
    </div>
  );
}

export function RecipientPreview(props: RecipientPreviewProps) {
  const { t } = useTranslation('preview');
  const prefix = useId();
  const idOf = (place: number) => `${prefix}-verdict-${place}`;
  const query = useQuery({
    ...previewQueries.recipient(props.campaignId, props.customerId),
    placeholderData: keepPreviousData,
  });
  const loaded = query.isPlaceholderData ? undefined : query.data;
  const { focusGuardrail, onShowEvidence } = props;
  const shownFor = useRef<string | null>(null);
  useEffect(() => {
    if (loaded === undefined || focusGuardrail === null) return;
    const key = `${loaded.customer_id} ${focusGuardrail}`;
    if (shownFor.current === key) return;
    shownFor.current = key;
    for (const verdict of loaded.verdicts) {
      const entry = verdict.guardrail === focusGuardrail ? firstEntry(verdict) : null;
      if (entry !== null) {
        onShowEvidence(entry);
        return;
      }
    }
  }, [loaded, focusGuardrail, onShowEvidence]);
  return (
    <QueryState
      status={query.status}
      error={query.error}
      data={query.data}
      isEmpty={() => false}
      empty={null}
      loading={<PreviewSkeleton />}
      loadingLabel={t('preview.loading')}
      onRetry={() => void query.refetch()}
      retrying={query.isRefetching}
    >
      {(preview) => (
        <div
          aria-busy={query.isPlaceholderData}
          className={clsx('space-y-5 transition-opacity', query.isPlaceholderData && 'opacity-60')}
        >
          <VerdictSummary
            name={props.name}
            customerId={preview.customer_id}
            verdicts={preview.verdicts}
            onShow={props.onShowEvidence}
            idOf={idOf}
          />
          <Membership preview={preview} name={props.name} listed={props.listed} />
          <MessageSection preview={preview} name={props.name} Message={props.Message} />
          <VerdictList verdicts={preview.verdicts} onShow={props.onShowEvidence} idOf={idOf} />
          <WhyTrace steps={preview.trace} segment={props.segment} />
        </div>
      )}
    </QueryState>
  );
}

function Membership({
  preview,
  name,
  listed,
}: {
  preview: PreviewResponse;
  name: string;
  listed: boolean;
}) {
  const { t } = useTranslation('preview');
  if (preview.membership === 'recipient') return null;
  const { membership } = preview;
  const Icon = membership === 'not_member' ? UserRoundMinus : CircleSlash;
  return (
    <div
      role="status"
      className="flex items-start gap-2 rounded-md border border-warn-200 bg-warn-50 px-3 py-2 text-sm text-warn-700"
    >
      <Icon size={15} aria-hidden="true" className="mt-0.5 shrink-0" />
      <p>
        <span className="font-semibold">
          {membership === 'holdout'
            ? t('membership.holdout')
            : membership === 'excluded'
              ? t('membership.excluded')
              : listed
                ? t('membership.left')
                : t('membership.notMember')}
        </span>{' '}
        {membership === 'holdout'
          ? t('membership.holdoutDetail', { name })
          : membership === 'excluded'
            ? t('membership.excludedDetail', { name })
            : t('membership.notMemberDetail', { name })}
      </p>
    </div>
  );
}
