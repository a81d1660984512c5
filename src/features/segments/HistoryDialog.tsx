// A saved segment's version history: every version with who saved it, when and why; what each
// changed from the one before, in words; and restoring one (which appends a new version, so the
// history itself never loses anything).
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type {
  SavedSegment,
  SegmentDiffResponse,
  SegmentVersionSummary,
} from '../../api/contract.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { VersionList } from '../../ui/VersionList.tsx';
import { Dialog, DialogContent } from '../../ui/Dialog.tsx';
import { QueryState, describeError } from '../../ui/QueryState.tsx';
import { useErrorWords } from '../../ui/error-words.ts';
import { useLanguage } from '../../ui/i18n/I18nProvider.tsx';
import { describeDefinition } from '../../domain/segment/describe.ts';
import { systemNote } from '../../domain/version-notes.ts';
import { segmentMutations, staleCurrent } from './mutations.ts';
import { segmentQueries } from './queries.ts';
import type { SegmentDocument } from './useSegmentDocument.ts';
import { useValueWords } from './builder-words.ts';

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
  const { t } = useTranslation('segments');
  const nothing = diff.name === null && diff.description === null && diff.nodes.length === 0;
  if (nothing) return <p className="text-base text-fg-muted">{t('diff.nothing')}</p>;
  return (
    <ul className="space-y-1.5" aria-label={label}>
      {diff.name !== null && (
        <li className="flex gap-2 text-base">
          <Badge tone="warn">{t('diff.renamed')}</Badge>
          <span>
            <del className="text-fg-muted">{diff.name.before}</del> →{' '}
            <ins className="no-underline">{diff.name.after}</ins>
          </span>
        </li>
      )}
      {diff.description !== null && (
        <li className="flex gap-2 text-base">
          <Badge tone="warn">{t('diff.description')}</Badge>
          <span>{diff.description.after === '' ? t('diff.cleared') : diff.description.after}</span>
        </li>
      )}
      {diff.nodes.map((node) => (
        <li key={`${node.node_id}-${node.change}`} className="flex items-start gap-2 text-base">
          <Badge tone={CHANGE_TONE[node.change]} className="mt-px">
            {node.change === 'changed' && node.moved
              ? t('diff.change.changedAndMoved')
              : t(`diff.change.${node.change}`)}
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

/** A version's note: the system's notes in the user's language, a typed one as typed. */
function noteWords(t: TFunction<'segments'>, note: string): string {
  const system = systemNote(note);
  if (system === null) return note;
  return system.kind === 'created'
    ? t('history.note.created')
    : t(`history.note.${system.kind}`, { version: system.version });
}

function FirstVersion({ id, version }: { id: string; version: number }) {
  const { t } = useTranslation('segments');
  const errorWords = useErrorWords();
  const { language } = useLanguage();
  const values = useValueWords();
  const content = useQuery(segmentQueries.version(id, version));
  const catalogue = useQuery(segmentQueries.catalogue());
  return (
    <div className="space-y-1.5 text-base">
      <p className="text-fg-muted">{t('history.first')}</p>
      {content.data && catalogue.data ? (
        <p className="rounded-md border border-line px-3 py-2 text-fg">
          {describeDefinition(content.data.definition, catalogue.data, undefined, language, values)}
        </p>
      ) : content.isError ? (
        <p role="alert" className="text-danger-700">
          {describeError(content.error, errorWords).detail}
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
  const { t } = useTranslation('segments');
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
      loadingLabel={t('history.comparing')}
      onRetry={() => void diff.refetch()}
      retrying={diff.isRefetching}
    >
      {(data) => (
        <DiffView diff={data} label={t('history.changes', { from: data.from, to: data.to })} />
      )}
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
  const { t } = useTranslation('segments');
  const errorWords = useErrorWords();
  const versions = useQuery(segmentQueries.versions(saved.segment_id));
  const [selected, setSelected] = useState(saved.version);
  const restore = useMutation(segmentMutations.restore());
  const current = staleCurrent(restore.error);
  const failure =
    current !== null
      ? t('history.stale', { version: current.version, author: current.author })
      : restore.isError
        ? t('failure', describeError(restore.error, errorWords))
        : null;

  const run = async (version: number) => {
    try {
      const restored = await restore.mutateAsync({
        id: saved.segment_id,
        restore: version,
        current: saved.version,
        author: document.author,
      });
      const notice = document.dirty ? 'history.restoredOverEdits' : 'history.restored';
      document.adopt(restored, t(notice, { version, next: restored.version }));
      onClose();
    } catch {
      // Shown from restore.error below.
    }
  };

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        width="lg"
        title={t('history.title', { name: saved.name })}
        description={t('history.description')}
      >
        <QueryState
          status={versions.status}
          error={versions.error}
          data={versions.data}
          isEmpty={(d) => d.versions.length === 0}
          empty={<p>{t('history.empty')}</p>}
          loadingLabel={t('history.loading')}
          onRetry={() => void versions.refetch()}
          retrying={versions.isRefetching}
        >
          {(data) => (
            <div className="grid grid-cols-[260px_1fr] gap-4">
              <VersionList
                label={t('history.versions')}
                versions={data.versions}
                current={saved.version}
                selected={selected}
                onSelect={setSelected}
                versionLabel={(version) => t('history.version', { version })}
                currentLabel={t('history.current')}
                noteText={(note) => noteWords(t, note)}
              />
              <section
                aria-label={t('history.version', { version: selected })}
                className="min-w-0 space-y-3"
              >
                <header className="flex items-center gap-2">
                  <h3 className="text-md font-semibold text-fg">
                    {t('history.whatChanged', { version: selected })}
                  </h3>
                  <span className="flex-1" />
                  {selected !== saved.version && (
                    <Button
                      size="sm"
                      variant="primary"
                      loading={restore.isPending}
                      onClick={() => void run(selected)}
                    >
                      {t('history.restore', { version: selected })}
                    </Button>
                  )}
                </header>
                {selected !== saved.version && document.dirty && (
                  <p className="text-sm text-warn-700">{t('history.replacesEdits')}</p>
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
