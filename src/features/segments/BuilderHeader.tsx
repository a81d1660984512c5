// Above the tree: the segment's name, its saved state and Save, the history and file actions,
// notices (a restored draft, an unreadable link), why the last edit or save was refused, and the
// definition in plain words.
import { ChevronLeft, Redo2, Save, Undo2, X } from 'lucide-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, type ReactNode } from 'react';
import { freeName, MAX_SEGMENT_NAME, namesake } from '../../domain/segment/names.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { Input } from '../../ui/Input.tsx';
import { useAuthorText } from '../../ui/author.ts';
import { formatDateTime } from '../../ui/format.ts';
import type { Notice } from './useDefinitionHistory.ts';
import { segmentQueries } from './queries.ts';
import type { SegmentDocument } from './useSegmentDocument.ts';
import { useWriteGate } from '../../ui/permissions.tsx';

/** Past this many characters the name box shows how many are left. */
const NAME_COUNT_FROM = 100;

/** What the name box says under the header: its length near the limit, or a namesake. */
function NameNotes({ document }: { document: SegmentDocument }) {
  const { t } = useTranslation('segments');
  const list = useQuery(segmentQueries.list());
  const others = list.data?.segments ?? [];
  const selfId = document.saved?.segment_id ?? null;
  const length = document.name.trim().length;
  const same = namesake(document.name, others, selfId);
  const free = same === null ? '' : freeName(document.name, others, selfId);
  return (
    <>
      {length > NAME_COUNT_FROM && (
        <p
          id="segment-name-length"
          className={
            length > MAX_SEGMENT_NAME ? 'text-sm text-danger-700' : 'text-sm text-fg-muted'
          }
        >
          {length > MAX_SEGMENT_NAME
            ? t('header.nameTooLong', { max: MAX_SEGMENT_NAME, count: length })
            : t('header.nameLength', { count: length, max: MAX_SEGMENT_NAME })}
        </p>
      )}
      {same !== null && (
        <p className="flex flex-wrap items-center gap-2 text-sm text-warn-700">
          {t('header.namesake', { name: same.name })}
          <Button size="sm" variant="ghost" onClick={() => document.setName(free)}>
            {t('header.useFreeName', { name: free })}
          </Button>
        </p>
      )}
    </>
  );
}

export interface BuilderHeaderProps {
  document: SegmentDocument;
  /** The saved segment's actions (history, duplicate, export, delete). */
  actions: ReactNode;
  description: string;
  empty: boolean;
  canUndo: boolean;
  canRedo: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onClear: () => void;
  notice: Notice | null;
  onDismissNotice: () => void;
  refusal: string | null;
  /** Boxes whose typed text is not taken yet: the words describe their last valid values. */
  pendingEdits?: number;
}

function SavedBadge({ document }: { document: SegmentDocument }) {
  const { t } = useTranslation('segments');
  const { saved, dirty } = document;
  if (saved === null) return <Badge>{t('header.badge.new')}</Badge>;
  return (
    <Badge tone={dirty ? 'warn' : 'neutral'}>
      {dirty
        ? t('header.badge.unsaved', { version: saved.version })
        : t('header.badge.version', { version: saved.version })}
    </Badge>
  );
}

function SavedMeta({ document }: { document: SegmentDocument }) {
  const { t } = useTranslation('segments');
  const authorText = useAuthorText();
  const { saved } = document;
  return (
    <span className="truncate text-sm text-fg-subtle">
      {saved === null
        ? t('header.draft')
        : t('header.savedBy', {
            author: authorText(saved.author),
            at: formatDateTime(saved.updated_at),
          })}
    </span>
  );
}

export function BuilderHeader(props: BuilderHeaderProps) {
  const { t } = useTranslation('segments');
  const { notice, refusal, document } = props;
  const { saveState, nameAttention } = document;
  const nameInput = useRef<HTMLInputElement | null>(null);
  const gate = useWriteGate('editor');
  const { t: tCommon } = useTranslation();
  useEffect(() => {
    if (nameAttention > 0) nameInput.current?.focus();
  }, [nameAttention]);
  return (
    <header className="space-y-3">
      <div className="flex items-center gap-2">
        <Link
          to="/segments"
          className="inline-flex items-center gap-0.5 text-sm text-fg-muted hover:text-fg"
        >
          <ChevronLeft size={14} aria-hidden="true" />
          {t('header.back')}
        </Link>
        <Input
          ref={nameInput}
          aria-label={t('header.name')}
          placeholder={t('header.untitled')}
          value={document.name}
          readOnly={document.leaving}
          aria-describedby={
            document.name.trim().length > NAME_COUNT_FROM ? 'segment-name-length' : undefined
          }
          onChange={(event) => document.setName(event.target.value)}
          className="h-8 w-auto max-w-[560px] min-w-[240px] border-transparent px-1.5 text-lg font-semibold [field-sizing:content] hover:border-line-control"
          aria-invalid={
            (saveState.status === 'refused' && document.name.trim() === '') ||
            document.name.trim().length > MAX_SEGMENT_NAME
              ? true
              : undefined
          }
        />
        <SavedBadge document={document} />
        {!gate.allowed && (
          <Badge tone="info" title={gate.reason ?? undefined}>
            {tCommon('permission.readOnly')}
          </Badge>
        )}
        <span className="flex-1" />
        <Button
          variant="primary"
          icon={<Save aria-hidden="true" />}
          loading={saveState.status === 'saving' || document.leaving}
          onClick={document.save}
          aria-keyshortcuts={gate.allowed ? 'Control+S' : undefined}
          title={t('header.saveTitle')}
          {...gate.control}
        >
          {document.saved === null ? t('header.saveNew') : t('header.save')}
        </Button>
        {gate.note}
      </div>
      <NameNotes document={document} />
      <div className="flex flex-wrap items-center gap-1">
        <Button
          size="sm"
          variant="ghost"
          icon={<Undo2 aria-hidden="true" />}
          disabled={!props.canUndo}
          onClick={props.onUndo}
          title={t('header.undoTitle')}
          aria-keyshortcuts="Control+Z"
        >
          {t('header.undo')}
        </Button>
        <Button
          size="sm"
          variant="ghost"
          icon={<Redo2 aria-hidden="true" />}
          disabled={!props.canRedo}
          onClick={props.onRedo}
          title={t('header.redoTitle')}
          aria-keyshortcuts="Control+Shift+Z Control+Y"
        >
          {t('header.redo')}
        </Button>
        <Button size="sm" variant="ghost" disabled={props.empty} onClick={props.onClear}>
          {t('header.clear')}
        </Button>
        <span className="mx-1 h-4 w-px bg-line" aria-hidden="true" />
        {props.actions}
        <span className="flex-1" />
        <SavedMeta document={document} />
      </div>
      {saveState.status === 'refused' && (
        <p role="alert" className="text-base text-danger-700">
          {saveState.message}
        </p>
      )}
      {notice && (
        <div
          role={notice.tone === 'warn' ? 'alert' : 'status'}
          className={
            notice.tone === 'warn'
              ? 'flex items-start gap-2 rounded-md border border-warn-200 bg-warn-50 px-3 py-2 text-base text-warn-700'
              : 'flex items-start gap-2 rounded-md border border-info-200 bg-info-50 px-3 py-2 text-base text-info-700'
          }
        >
          <p className="flex-1">{notice.text}</p>
          <button
            type="button"
            aria-label={t('header.dismiss')}
            onClick={props.onDismissNotice}
            className="inline-flex size-5 items-center justify-center rounded-sm hover:bg-white/60"
          >
            <X size={13} aria-hidden="true" />
          </button>
        </div>
      )}
      <p role="status" className="text-sm text-danger-700 empty:hidden">
        {refusal ?? ''}
      </p>
      {!props.empty && (
        <section
          aria-label={t('header.plainWords')}
          className="rounded-md border border-line bg-surface px-3 py-2"
        >
          <p className="text-md text-fg">{props.description}</p>
          {(props.pendingEdits ?? 0) > 0 && (
            <p className="mt-1 text-sm text-warn-700">
              {t('header.lastValid', { count: props.pendingEdits ?? 0 })}
            </p>
          )}
        </section>
      )}
    </header>
  );
}
