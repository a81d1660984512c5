// The per-recipient preview: the campaign's recipients on the left, the message one recipient
// will receive with its verdicts and why-trace in the centre, their timeline on the right with the
// verdicts' evidence marked. The route holds the recipient (path) and the filters (query string).
import { ArrowLeft } from 'lucide-react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MessageChannel } from '../../domain/profile/schema.ts';
import { Badge } from '../../ui/Badge.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { Kbd } from '../../ui/Kbd.tsx';
import { formatCount } from '../../ui/format.ts';
import type { EvidenceEntry } from './evidence.ts';
import type { RecipientFilters as Filters } from './filters.ts';
import { recipientName } from './names.ts';
import type { EvidenceFocus, PreviewParts, SegmentSource } from './parts.ts';
import { RecipientFilters } from './RecipientFilters.tsx';
import { RecipientList } from './RecipientList.tsx';
import { RecipientPreview } from './RecipientPreview.tsx';
import { TimelineColumn } from './TimelineColumn.tsx';
import { useRecipientKeys } from './useRecipientKeys.ts';
import { useRecipients } from './useRecipients.ts';

export interface PreviewScreenProps {
  campaign: { id: string; name: string; channel: MessageChannel };
  customerId: string | null;
  filters: Filters;
  onFiltersChange: (next: Filters) => void;
  /** Shows a recipient; `replace` when it was not the user's choice. */
  onSelect: (customerId: string, replace: boolean) => void;
  hrefOf: (customerId: string) => string;
  editorHref: string;
  segment: SegmentSource;
  parts: PreviewParts;
}

export function PreviewScreen(props: PreviewScreenProps) {
  const { t } = useTranslation('preview');
  const { campaign, customerId, filters, parts } = props;
  const listRef = useRef<HTMLDivElement>(null);
  const recipients = useRecipients({
    campaignId: campaign.id,
    customerId,
    filters,
    onSelect: props.onSelect,
    prefetch: parts.prefetchTimeline,
  });
  useRecipientKeys(recipients.move, listRef);
  const [focus, setFocus] = useState<EvidenceFocus | null>(null);
  const onShowEvidence = useCallback(
    (entry: EvidenceEntry) =>
      setFocus((f) => ({ kind: entry.entry_kind, id: entry.id, request: (f?.request ?? 0) + 1 })),
    [],
  );
  const [focusedFor, setFocusedFor] = useState(customerId);
  if (focusedFor !== customerId) {
    // A new recipient starts with no entry brought into view.
    setFocusedFor(customerId);
    setFocus(null);
  }
  const first = recipients.query.data?.pages[0];
  const current = recipients.current;
  const name = useMemo(
    () => (current === undefined ? null : recipientName(current)) ?? customerId ?? '',
    [current, customerId],
  );
  const filtered = filters.flagged || filters.guardrail !== null || filters.q !== '';

  return (
    <div className="flex h-full min-h-0 flex-col">
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-line bg-surface px-4 py-2">
        <Link
          to={props.editorHref}
          className="inline-flex items-center gap-1 text-sm text-fg-muted hover:text-fg"
        >
          <ArrowLeft size={14} aria-hidden="true" />
          {t('header.editor')}
        </Link>
        <h2 className="min-w-0 truncate text-md font-semibold text-fg">{campaign.name}</h2>
        <Badge>{t(`header.channel.${campaign.channel}`)}</Badge>
        {first !== undefined && (
          <span className="text-sm text-fg-muted">
            {t('header.checked', { version: first.version, policy: first.policy.version })}
          </span>
        )}
        <p className="ml-auto flex items-center gap-1 text-xs text-fg-muted">
          <Kbd>{t('keys.j')}</Kbd>
          <Kbd>{t('keys.k')}</Kbd>
          <Kbd>{t('keys.up')}</Kbd>
          <Kbd>{t('keys.down')}</Kbd>
          <span>{t('keys.move')}</span>
          <Kbd className="ml-2">{t('keys.n')}</Kbd>
          <span>{t('keys.nextFlagged')}</span>
        </p>
      </header>
      <div className="grid min-h-0 flex-1 grid-cols-[280px_minmax(0,1fr)_minmax(340px,30%)]">
        <section
          aria-label={t('recipients.title')}
          className="flex min-h-0 flex-col border-r border-line bg-surface"
        >
          <RecipientFilters value={filters} onChange={props.onFiltersChange} counts={first} />
          <p aria-live="polite" className="px-3 py-1 text-xs text-fg-muted tabular-nums">
            {first === undefined
              ? ''
              : t('recipients.summary', {
                  count: first.matching,
                  matching: formatCount(first.matching),
                  total: formatCount(first.total),
                })}
          </p>
          <div ref={listRef} className="min-h-0 flex-1 overflow-y-auto">
            <RecipientList
              recipients={recipients}
              filtered={filtered}
              hrefOf={props.hrefOf}
              listRef={listRef}
            />
          </div>
          <p role="status" className="min-h-6 border-t border-line px-3 py-1 text-xs text-fg-muted">
            {recipients.moving
              ? t('keys.loading')
              : recipients.miss
                ? t(`keys.miss.${recipients.miss}`)
                : ''}
          </p>
        </section>
        <section
          aria-label={t('preview.title', { name })}
          data-preview-scroller
          className="min-h-0 overflow-y-auto bg-canvas px-5 py-4"
        >
          {customerId === null ? (
            // A list that failed says why on the left; there is nothing to choose from.
            !recipients.query.isError && (
              <EmptyState title={t('preview.noneTitle')} description={t('preview.noneDetail')} />
            )
          ) : (
            <RecipientPreview
              campaignId={campaign.id}
              customerId={customerId}
              name={name}
              listed={current !== undefined}
              segment={props.segment}
              Message={parts.Message}
              onShowEvidence={onShowEvidence}
              focusGuardrail={filters.guardrail}
            />
          )}
        </section>
        <div className="flex min-h-0 flex-col border-l border-line bg-surface">
          {customerId !== null && (
            <TimelineColumn
              campaignId={campaign.id}
              customerId={customerId}
              focus={focus}
              Timeline={parts.Timeline}
            />
          )}
        </div>
      </div>
    </div>
  );
}
