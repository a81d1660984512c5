// What can be done with a saved segment besides editing it: its version history (with a diff
// and restore), a copy, its members as CSV, and deleting it (refused while something uses it).
import { useMutation } from '@tanstack/react-query';
import { Copy, Download, History, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { SavedSegment, SegmentUsage } from '../../api/contract.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog, DialogClose, DialogContent } from '../../ui/Dialog.tsx';
import { describeError } from '../../ui/QueryState.tsx';
import { useToast } from '../../ui/Toast.tsx';
import type { SegmentDefinition } from '../../domain/segment/definition.ts';
import { savedDraftKey, writeDraft } from './definition-url.ts';
import { HistoryDialog } from './HistoryDialog.tsx';
import { segmentMutations, usageOf } from './mutations.ts';
import { membersCsv } from './queries.ts';
import type { SegmentDocument } from './useSegmentDocument.ts';

export interface SegmentActionsProps {
  document: SegmentDocument;
  /** What is on screen now (a copy takes the edits too). */
  definition: SegmentDefinition;
  /** Whether what is on screen can be saved (a copy is a save). */
  blocker: string | null;
}

function saveFile(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = Object.assign(window.document.createElement('a'), { href: url, download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function useDuplicate(
  document: SegmentDocument,
  definition: SegmentDefinition,
  blocker: string | null,
) {
  const navigate = useNavigate();
  const toast = useToast();
  const create = useMutation(segmentMutations.create());
  const run = async (saved: SavedSegment) => {
    if (blocker !== null) {
      toast({ tone: 'warn', title: 'Nothing was copied', description: blocker });
      return;
    }
    try {
      const copy = await create.mutateAsync({
        content: {
          name: `Copy of ${(document.name.trim() || saved.name).slice(0, 112)}`,
          description: saved.description,
          definition,
          ...(document.author === '' ? {} : { author: document.author }),
          note: `copied from “${saved.name}” version ${saved.version}${document.dirty ? ' with unsaved edits' : ''}`,
        },
        idempotencyKey: crypto.randomUUID(),
      });
      toast({
        tone: 'success',
        title: `Created “${copy.name}”`,
        description: 'You are now editing the copy.',
      });
      void navigate(`/segments/${copy.segment_id}`);
    } catch (error: unknown) {
      const { title, detail } = describeError(error);
      toast({ tone: 'danger', title: `Could not copy: ${title}`, description: detail });
    }
  };
  return { busy: create.isPending, run };
}

function UsageList({ usage }: { usage: SegmentUsage }) {
  return (
    <ul className="mt-2 list-disc space-y-0.5 pl-5 text-base">
      {usage.campaigns.map((c) => (
        <li key={c.campaign_id}>
          Campaign “{c.name}” ({c.status})
        </li>
      ))}
      {usage.segments.map((s) => (
        <li key={s.segment_id}>
          <Link
            className="text-accent-700 underline"
            to={`/segments/${encodeURIComponent(s.segment_id)}`}
          >
            Segment “{s.name}”
          </Link>
        </li>
      ))}
    </ul>
  );
}

function DeleteDialog({ saved, onClose }: { saved: SavedSegment; onClose: () => void }) {
  const navigate = useNavigate();
  const toast = useToast();
  const remove = useMutation(segmentMutations.remove());
  // Refused while in use: the dialog lists what uses it instead of offering to delete again.
  const usage = usageOf(remove.error);
  const failure = remove.isError && usage === null ? describeError(remove.error) : null;
  const run = () =>
    remove.mutateAsync({ id: saved.segment_id, version: saved.version }).then(
      () => {
        writeDraft(savedDraftKey(saved.segment_id), null);
        toast({ tone: 'success', title: `Deleted “${saved.name}”` });
        void navigate('/segments');
      },
      // Shown from remove.error below.
      () => undefined,
    );
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        width="sm"
        title={`Delete “${saved.name}”?`}
        description={`Its ${saved.version === 1 ? 'only version goes' : 'versions go'} with it. This cannot be undone.`}
        footer={
          <>
            <DialogClose asChild>
              <Button>Keep it</Button>
            </DialogClose>
            {usage === null && (
              <Button variant="danger" loading={remove.isPending} onClick={() => void run()}>
                Delete segment
              </Button>
            )}
          </>
        }
      >
        {usage !== null ? (
          <div role="alert" className="text-base text-fg">
            <p>It is in use, so nothing was deleted. Point these at another segment first:</p>
            <UsageList usage={usage} />
          </div>
        ) : failure !== null ? (
          <p role="alert" className="text-base text-danger-700">
            {failure.title}. {failure.detail}
          </p>
        ) : (
          <p className="text-base text-fg-muted">
            Campaigns and segments that use it are checked first; if any does, nothing is deleted.
          </p>
        )}
      </DialogContent>
    </Dialog>
  );
}

export function SegmentActions({ document, definition, blocker }: SegmentActionsProps) {
  const toast = useToast();
  const [open, setOpen] = useState<'history' | 'delete' | null>(null);
  const [exporting, setExporting] = useState(false);
  const duplicate = useDuplicate(document, definition, blocker);
  const saved = document.saved;
  if (saved === null) return null;

  const exportCsv = async () => {
    setExporting(true);
    try {
      const text = await membersCsv(saved.segment_id);
      saveFile(`${saved.segment_id}-v${saved.version}.csv`, text);
      const rows = Math.max(0, text.split('\n').length - 2);
      toast({
        tone: 'success',
        title: `Exported ${rows.toLocaleString('en-GB')} members`,
        description: `Version ${saved.version} as saved${document.dirty ? ', without your unsaved edits' : ''}.`,
      });
    } catch (error: unknown) {
      const { title, detail } = describeError(error);
      toast({ tone: 'danger', title: `Export failed: ${title}`, description: detail });
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
        History
      </Button>
      <Button
        size="sm"
        variant="ghost"
        icon={<Copy aria-hidden="true" />}
        loading={duplicate.busy}
        onClick={() => void duplicate.run(saved)}
      >
        Duplicate
      </Button>
      <Button
        size="sm"
        variant="ghost"
        icon={<Download aria-hidden="true" />}
        loading={exporting}
        onClick={() => void exportCsv()}
        title={`Members of version ${saved.version}, as saved`}
      >
        Download CSV
      </Button>
      <Button
        size="sm"
        variant="ghost"
        icon={<Trash2 aria-hidden="true" />}
        onClick={() => setOpen('delete')}
      >
        Delete
      </Button>
      {open === 'history' && (
        <HistoryDialog document={document} saved={saved} onClose={() => setOpen(null)} />
      )}
      {open === 'delete' && <DeleteDialog saved={saved} onClose={() => setOpen(null)} />}
    </>
  );
}
