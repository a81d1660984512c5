// Above the tree: the segment's title and history buttons, notices (a restored draft, an unreadable
// link), why the last edit was refused, and the definition in plain words.
import { Redo2, Undo2, X } from 'lucide-react';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import type { Notice } from './useDefinitionHistory.ts';

export interface BuilderHeaderProps {
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
}

export function BuilderHeader(props: BuilderHeaderProps) {
  const { notice, refusal } = props;
  return (
    <header className="space-y-3">
      <div className="flex items-center gap-2">
        <h2 className="text-lg font-semibold text-fg">New segment</h2>
        <Badge>Draft</Badge>
        <span className="text-sm text-fg-subtle">Autosaved in this browser</span>
        <span className="flex-1" />
        <Button
          size="sm"
          variant="ghost"
          icon={<Undo2 aria-hidden="true" />}
          disabled={!props.canUndo}
          onClick={props.onUndo}
          title="Undo (Ctrl+Z)"
          aria-keyshortcuts="Control+Z"
        >
          Undo
        </Button>
        <Button
          size="sm"
          variant="ghost"
          icon={<Redo2 aria-hidden="true" />}
          disabled={!props.canRedo}
          onClick={props.onRedo}
          title="Redo (Ctrl+Shift+Z or Ctrl+Y)"
          aria-keyshortcuts="Control+Shift+Z Control+Y"
        >
          Redo
        </Button>
        <Button size="sm" disabled={props.empty} onClick={props.onClear}>
          Clear
        </Button>
      </div>
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
            aria-label="Dismiss"
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
          aria-label="In plain words"
          className="rounded-md border border-line bg-surface px-3 py-2"
        >
          <p className="text-md text-fg">{props.description}</p>
        </section>
      )}
    </header>
  );
}
