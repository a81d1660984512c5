// A stale save: someone saved the segment after these edits started. Both versions side by side,
// in words, with what differs; the user chooses, and whichever they choose, the other survives
// (theirs stays in the history, mine stays in the builder's undo or becomes a copy).
import { TriangleAlert } from 'lucide-react';
import type { SavedSegment } from '../../api/contract.ts';
import type { CatalogueResponse } from '../../api/contract.ts';
import type { SegmentDefinition } from '../../domain/segment/definition.ts';
import { describeDefinition, type SegmentNames } from '../../domain/segment/describe.ts';
import { diffSegments } from '../../domain/segment/diff.ts';
import { Button } from '../../ui/Button.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { DiffView } from './HistoryDialog.tsx';
import type { SegmentDocument } from './useSegmentDocument.ts';

export interface ConflictPanelProps {
  theirs: SavedSegment;
  mine: { name: string; definition: SegmentDefinition };
  /** The version my edits started from. */
  base: number | null;
  catalogue: CatalogueResponse;
  segmentNames: SegmentNames;
  actions: SegmentDocument['conflictActions'];
  busy: boolean;
}

function Side({
  title,
  meta,
  name,
  description,
  label,
}: {
  title: string;
  meta: string;
  name: string;
  description: string;
  label: string;
}) {
  return (
    <section aria-label={label} className="min-w-0 rounded-md border border-line bg-surface p-3">
      <h3 className="text-base font-semibold text-fg">{title}</h3>
      <p className="text-sm text-fg-muted">{meta}</p>
      <p className="mt-2 text-base font-medium text-fg">{name}</p>
      <p className="mt-1 text-base text-fg">{description}</p>
    </section>
  );
}

export function ConflictPanel(props: ConflictPanelProps) {
  const { theirs, mine, catalogue, segmentNames, actions, busy } = props;
  const diff = diffSegments(
    { name: theirs.name, description: theirs.description, definition: theirs.definition },
    { name: mine.name, description: theirs.description, definition: mine.definition },
    catalogue,
    segmentNames,
  );
  return (
    <section
      role="alertdialog"
      aria-labelledby="conflict-title"
      aria-describedby="conflict-detail"
      className="space-y-3 rounded-lg border border-warn-200 bg-warn-50 p-4"
    >
      <header className="flex items-start gap-2">
        <TriangleAlert size={18} aria-hidden="true" className="mt-0.5 text-warn-600" />
        <div>
          <h2 id="conflict-title" className="text-md font-semibold text-fg">
            {theirs.author} saved this segment while you were editing it
          </h2>
          <p id="conflict-detail" className="text-base text-fg-muted">
            Version {theirs.version} was saved {formatDateTime(theirs.updated_at)}
            {props.base !== null ? `; your edits started from version ${props.base}` : ''}. Nothing
            of yours was saved yet, and nothing is lost: choose what to keep.
          </p>
        </div>
      </header>
      <div className="grid grid-cols-2 gap-3">
        <Side
          label="Your version"
          title="Your version (not saved)"
          meta="In this builder"
          name={mine.name}
          description={describeDefinition(mine.definition, catalogue, segmentNames)}
        />
        <Side
          label={`Saved version ${theirs.version}`}
          title={`Saved version ${theirs.version}`}
          meta={`By ${theirs.author}, ${formatDateTime(theirs.updated_at)}`}
          name={theirs.name}
          description={describeDefinition(theirs.definition, catalogue, segmentNames)}
        />
      </div>
      <section
        aria-label="What yours changes"
        className="rounded-md border border-line bg-surface p-3"
      >
        <h3 className="mb-1.5 text-base font-semibold text-fg">
          What saving yours would change in version {theirs.version}
        </h3>
        <DiffView
          diff={{
            ...diff,
            nodes: diff.nodes.map(({ nodeId, ...rest }) => ({ node_id: nodeId, ...rest })),
          }}
          label={`Differences from version ${theirs.version} to yours`}
        />
      </section>
      <footer className="flex flex-wrap items-center gap-2">
        <Button variant="primary" loading={busy} onClick={actions.overwrite}>
          Save mine as version {theirs.version + 1}
        </Button>
        <Button disabled={busy} onClick={actions.saveAsCopy}>
          Save mine as a new segment
        </Button>
        <Button disabled={busy} onClick={actions.takeTheirs}>
          Load version {theirs.version} (mine stays in Undo)
        </Button>
        <span className="flex-1" />
        <Button variant="ghost" disabled={busy} onClick={actions.dismiss}>
          Keep editing
        </Button>
      </footer>
    </section>
  );
}
