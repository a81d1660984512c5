// A saved segment's version history: every version with who saved it, when and why; what each
// changed from the one before, in words; and restoring one (which appends a new version, so the
// history itself never loses anything).
import { useMutation, useQuery } from '@tanstack/react-query';
import { clsx } from 'clsx';
import { useState } from 'react';
import type {
  SavedSegment,
  SegmentDiffResponse,
  SegmentVersionSummary,
} from '../../api/contract.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog, DialogContent } from '../../ui/Dialog.tsx';
import { QueryState, describeError } from '../../ui/QueryState.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { describeDefinition } from '../../domain/segment/describe.ts';
import { segmentMutations, staleCurrent } from './mutations.ts';
import { segmentQueries } from './queries.ts';
import type { SegmentDocument } from './useSegmentDocument.ts';

const CHANGE_LABEL = {
  added: 'Added',
  removed: 'Removed',
  changed: 'Changed',
  moved: 'Moved',
} as const;
const CHANGE_TONE = {
  added: 'success',
  removed: 'danger',
  changed: 'warn',
  moved: 'neutral',
} as const;

export function DiffView({
  diff,
  label,
}: {
  diff: Pick<SegmentDiffResponse, 'name' | 'description' | 'nodes'>;
  label: string;
}) {
  const nothing = diff.name === null && diff.description === null && diff.nodes.length === 0;
  if (nothing)
    return <p className="text-base text-fg-muted">No change to the name or the conditions.</p>;
  return (
    <ul className="space-y-1.5" aria-label={label}>
      {diff.name !== null && (
        <li className="flex gap-2 text-base">
          <Badge tone="warn">Renamed</Badge>
          <span>
            <del className="text-fg-muted">{diff.name.before}</del> →{' '}
            <ins className="no-underline">{diff.name.after}</ins>
          </span>
        </li>
      )}
      {diff.description !== null && (
        <li className="flex gap-2 text-base">
          <Badge tone="warn">Description</Badge>
          <span>{diff.description.after === '' ? 'cleared' : diff.description.after}</span>
        </li>
      )}
      {diff.nodes.map((node) => (
        <li key={`${node.node_id}-${node.change}`} className="flex items-start gap-2 text-base">
          <Badge tone={CHANGE_TONE[node.change]} className="mt-px">
            {CHANGE_LABEL[node.change]}
            {node.change === 'changed' && node.moved ? ' and moved' : ''}
          </Badge>
          <span className="min-w-0">
            {node.change === 'changed' && node.before !== null && (
              <>
                <del className="text-fg-muted">{node.before}</del>
                <br />
              </>
            )}
            {node.change === 'removed' ? (
              <del className="text-fg-muted">{node.before}</del>
            ) : (
              node.after
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}

function FirstVersion({ id, version }: { id: string; version: number }) {
  const content = useQuery(segmentQueries.version(id, version));
  const catalogue = useQuery(segmentQueries.catalogue());
  return (
    <div className="space-y-1.5 text-base">
      <p className="text-fg-muted">
        The first version recorded, so there is nothing to compare it with. It reads:
      </p>
      {content.data && catalogue.data ? (
        <p className="rounded-md border border-line px-3 py-2 text-fg">
          {describeDefinition(content.data.definition, catalogue.data)}
        </p>
      ) : content.isError ? (
        <p role="alert" className="text-danger-700">
          {describeError(content.error).detail}
        </p>
      ) : null}
    </div>
  );
}

function VersionDiff({
  id,
  version,
  versions,
}: {
  id: string;
  version: number;
  versions: SegmentVersionSummary[];
}) {
  const previous = versions.find((v) => v.version < version)?.version ?? null;
  const diff = useQuery({
    ...segmentQueries.diff(id, previous ?? version, version),
    enabled: previous !== null,
  });
  if (previous === null) return <FirstVersion id={id} version={version} />;
  return (
    <QueryState
      status={diff.status}
      error={diff.error}
      data={diff.data}
      isEmpty={() => false}
      empty={null}
      loadingLabel="Comparing versions"
      onRetry={() => void diff.refetch()}
      retrying={diff.isRefetching}
    >
      {(data) => <DiffView diff={data} label={`Changes from version ${data.from} to ${data.to}`} />}
    </QueryState>
  );
}

export function HistoryDialog({
  document,
  saved,
  onClose,
}: {
  document: SegmentDocument;
  saved: SavedSegment;
  onClose: () => void;
}) {
  const versions = useQuery(segmentQueries.versions(saved.segment_id));
  const [selected, setSelected] = useState(saved.version);
  const restore = useMutation(segmentMutations.restore());
  const current = staleCurrent(restore.error);
  const failure =
    current !== null
      ? `Version ${current.version} was saved by ${current.author} meanwhile, so nothing was restored. Close this and reload the segment to see it.`
      : restore.isError
        ? (({ title, detail }) => `${title}. ${detail}`)(describeError(restore.error))
        : null;

  const run = async (version: number) => {
    try {
      const restored = await restore.mutateAsync({
        id: saved.segment_id,
        restore: version,
        current: saved.version,
        author: document.author,
      });
      document.adopt(
        restored,
        `Restored version ${version} as version ${restored.version}.${document.dirty ? ' Your unsaved edits are one Undo away (Ctrl+Z).' : ''}`,
      );
      onClose();
    } catch {
      // Shown from restore.error below.
    }
  };

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        width="lg"
        title={`History of “${saved.name}”`}
        description="Every save is a version. Restoring adds a new one."
      >
        <QueryState
          status={versions.status}
          error={versions.error}
          data={versions.data}
          isEmpty={(d) => d.versions.length === 0}
          empty={<p>No versions recorded.</p>}
          loadingLabel="Loading the versions"
          onRetry={() => void versions.refetch()}
          retrying={versions.isRefetching}
        >
          {(data) => (
            <div className="grid grid-cols-[260px_1fr] gap-4">
              <ol aria-label="Versions" className="max-h-[52vh] space-y-0.5 overflow-y-auto">
                {data.versions.map((v) => (
                  <li key={v.version}>
                    <button
                      type="button"
                      aria-current={v.version === selected ? 'true' : undefined}
                      onClick={() => setSelected(v.version)}
                      className={clsx(
                        'w-full rounded-md px-2 py-1.5 text-left',
                        v.version === selected
                          ? 'bg-accent-50 ring-1 ring-accent-200'
                          : 'hover:bg-subtle',
                      )}
                    >
                      <span className="flex items-center gap-1.5 text-base font-medium text-fg">
                        Version {v.version}
                        {v.version === saved.version && <Badge tone="accent">current</Badge>}
                      </span>
                      <span className="block text-sm text-fg-muted">
                        {v.author} · {formatDateTime(v.at)}
                      </span>
                      {v.note !== '' && (
                        <span className="block truncate text-sm text-fg-subtle">{v.note}</span>
                      )}
                    </button>
                  </li>
                ))}
              </ol>
              <section aria-label={`Version ${selected}`} className="min-w-0 space-y-3">
                <header className="flex items-center gap-2">
                  <h3 className="text-md font-semibold text-fg">What version {selected} changed</h3>
                  <span className="flex-1" />
                  {selected !== saved.version && (
                    <Button
                      size="sm"
                      variant="primary"
                      loading={restore.isPending}
                      onClick={() => void run(selected)}
                    >
                      Restore version {selected}
                    </Button>
                  )}
                </header>
                {selected !== saved.version && document.dirty && (
                  <p className="text-sm text-warn-700">
                    Restoring replaces your unsaved edits in the builder; Undo brings them back.
                  </p>
                )}
                {failure !== null && (
                  <p role="alert" className="text-base text-danger-700">
                    {failure}
                  </p>
                )}
                <VersionDiff id={saved.segment_id} version={selected} versions={data.versions} />
              </section>
            </div>
          )}
        </QueryState>
      </DialogContent>
    </Dialog>
  );
}
