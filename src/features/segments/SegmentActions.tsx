// What can be done with a saved segment besides editing it: its version history (with a diff
// and restore), a copy, its members as CSV, and deleting it (refused while something uses it).
import { useMutation } from '@tanstack/react-query';
import { Copy, Download, History, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SavedSegment, SegmentUsage } from '../../api/contract.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog, DialogClose, DialogContent } from '../../ui/Dialog.tsx';
import { describeError } from '../../ui/QueryState.tsx';
import { useErrorWords } from '../../ui/error-words.ts';
import { useToast } from '../../ui/Toast.tsx';
import { formatCount } from '../../ui/format.ts';
import type { SegmentDefinition } from '../../domain/segment/definition.ts';
import { savedDraftKey, writeDraft } from './definition-url.ts';
import { HistoryDialog } from './HistoryDialog.tsx';
import { segmentMutations, usageOf } from './mutations.ts';
import { saveTextFile } from '../../ui/download.ts';
import { membersCsv } from './queries.ts';
import type { SegmentDocument } from './useSegmentDocument.ts';
import { useWriteGate } from '../../ui/permissions.tsx';

export interface SegmentActionsProps {
  document: SegmentDocument;
  /** What is on screen now (a copy takes the edits too). */
  definition: SegmentDefinition;
  /** Whether what is on screen can be saved (a copy is a save). */
  blocker: string | null;
}

/** The longest name a segment may have (the API refuses longer). */
const MAX_NAME = 120;

function useDuplicate(
  document: SegmentDocument,
  definition: SegmentDefinition,
  blocker: string | null,
) {
  const { t } = useTranslation('segments');
  const errorWords = useErrorWords();
  const navigate = useNavigate();
  const toast = useToast();
  const create = useMutation(segmentMutations.create());
  const run = async (saved: SavedSegment) => {
    if (blocker !== null) {
      toast({ tone: 'warn', title: t('actions.copy.nothing'), description: blocker });
      return;
    }
    try {
      const copy = await create.mutateAsync({
        content: {
          name: t('actions.copy.name', {
            name: (document.name.trim() || saved.name).slice(0, 112),
          }).slice(0, MAX_NAME),
          description: saved.description,
          definition,
          note: t(document.dirty ? 'actions.copy.noteWithEdits' : 'actions.copy.note', {
            name: saved.name,
            version: saved.version,
          }),
        },
        idempotencyKey: crypto.randomUUID(),
      });
      toast({
        tone: 'success',
        title: t('actions.copy.created', { name: copy.name }),
        description: t('actions.copy.editing'),
      });
      void navigate(`/segments/${copy.segment_id}`);
    } catch (error: unknown) {
      const { title, detail } = describeError(error, errorWords);
      toast({ tone: 'danger', title: t('actions.copy.failed', { title }), description: detail });
    }
  };
  return { busy: create.isPending, run };
}

function UsageList({ usage }: { usage: SegmentUsage }) {
  const { t } = useTranslation('segments');
  return (
    <ul className="mt-2 list-disc space-y-0.5 pl-5 text-base">
      {usage.campaigns.map((c) => (
        <li key={c.campaign_id}>
          <Link
            className="text-accent-700 underline"
            to={`/campaigns/${encodeURIComponent(c.campaign_id)}`}
          >
            {t('usage.campaign', { name: c.name, status: t(`usage.status.${c.status}`) })}
          </Link>
        </li>
      ))}
      {usage.segments.map((s) => (
        <li key={s.segment_id}>
          <Link
            className="text-accent-700 underline"
            to={`/segments/${encodeURIComponent(s.segment_id)}`}
          >
            {t('usage.segment', { name: s.name })}
          </Link>
        </li>
      ))}
    </ul>
  );
}

function DeleteDialog({ saved, onClose }: { saved: SavedSegment; onClose: () => void }) {
  const { t } = useTranslation('segments');
  const errorWords = useErrorWords();
  const navigate = useNavigate();
  const toast = useToast();
  const remove = useMutation(segmentMutations.remove());
  // Refused while in use: the dialog lists what uses it instead of offering to delete again.
  const usage = usageOf(remove.error);
  const failure = remove.isError && usage === null ? describeError(remove.error, errorWords) : null;
  const run = () =>
    remove.mutateAsync({ id: saved.segment_id, version: saved.version }).then(
      () => {
        writeDraft(savedDraftKey(saved.segment_id), null);
        toast({ tone: 'success', title: t('actions.delete.deleted', { name: saved.name }) });
        void navigate('/segments');
      },
      // Shown from remove.error below.
      () => undefined,
    );
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        width="sm"
        title={t('actions.delete.title', { name: saved.name })}
        description={t('actions.delete.description', { count: saved.version })}
        footer={
          <>
            <DialogClose asChild>
              <Button>{t('actions.delete.keep')}</Button>
            </DialogClose>
            {usage === null && (
              <Button variant="danger" loading={remove.isPending} onClick={() => void run()}>
                {t('actions.delete.confirm')}
              </Button>
            )}
          </>
        }
      >
        {usage !== null ? (
          <div role="alert" className="text-base text-fg">
            <p>{t('actions.delete.inUse')}</p>
            <UsageList usage={usage} />
          </div>
        ) : failure !== null ? (
          <p role="alert" className="text-base text-danger-700">
            {t('failure', failure)}
          </p>
        ) : (
          <p className="text-base text-fg-muted">{t('actions.delete.checked')}</p>
        )}
      </DialogContent>
    </Dialog>
  );
}

export function SegmentActions({ document, definition, blocker }: SegmentActionsProps) {
  const { t } = useTranslation('segments');
  const errorWords = useErrorWords();
  const toast = useToast();
  const [open, setOpen] = useState<'history' | 'delete' | null>(null);
  const [exporting, setExporting] = useState(false);
  const duplicate = useDuplicate(document, definition, blocker);
  const gate = useWriteGate('editor');
  const saved = document.saved;
  if (saved === null) return null;

  const exportCsv = async () => {
    setExporting(true);
    try {
      const text = await membersCsv(saved.segment_id);
      saveTextFile(`${saved.segment_id}-v${saved.version}.csv`, text);
      const rows = Math.max(0, text.split('\n').length - 2);
      toast({
        tone: 'success',
        title: t('actions.export.done', { count: rows, rows: formatCount(rows) }),
        description: t(document.dirty ? 'actions.export.withoutEdits' : 'actions.export.asSaved', {
          version: saved.version,
        }),
      });
    } catch (error: unknown) {
      const { title, detail } = describeError(error, errorWords);
      toast({ tone: 'danger', title: t('actions.export.failed', { title }), description: detail });
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <Button
        size="sm"
        variant="ghost"
        icon={<History aria-hidden="true" />}
        onClick={() => setOpen('history')}
      >
        {t('actions.history')}
      </Button>
      <Button
        size="sm"
        variant="ghost"
        icon={<Copy aria-hidden="true" />}
        loading={duplicate.busy}
        onClick={() => void duplicate.run(saved)}
        {...gate.control}
      >
        {t('actions.duplicate')}
      </Button>
      <Button
        size="sm"
        variant="ghost"
        icon={<Download aria-hidden="true" />}
        loading={exporting}
        onClick={() => void exportCsv()}
        title={t('actions.export.title', { version: saved.version })}
      >
        {t('actions.export.button')}
      </Button>
      <Button
        size="sm"
        variant="ghost"
        icon={<Trash2 aria-hidden="true" />}
        onClick={() => setOpen('delete')}
        {...gate.control}
      >
        {t('actions.delete.button')}
      </Button>
      {gate.note}
      {open === 'history' && (
        <HistoryDialog document={document} saved={saved} onClose={() => setOpen(null)} />
      )}
      {open === 'delete' && <DeleteDialog saved={saved} onClose={() => setOpen(null)} />}
    </>
  );
}
