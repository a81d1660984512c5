// A saved segment's version history: every version with who saved it, when and why, and its
// audience when saved and now; what each changed from the one before, in words; and restoring one (which appends a new version, so the
// history itself never loses anything).
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type {
  SavedSegment,
  SegmentAudiencesResponse,
  SegmentDiffResponse,
  SegmentVersionSummary,
} from '../../api/contract.ts';
import { formatCount, formatDateTime } from '../../ui/format.ts';
import { share } from './audience-format.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { VersionList } from '../../ui/VersionList.tsx';
import { Dialog, DialogContent } from '../../ui/Dialog.tsx';
import { QueryState, describeError } from '../../ui/QueryState.tsx';
import { useErrorWords } from '../../ui/error-words.ts';
import { wordIssue } from '../../ui/issue-words.ts';
import { useLanguage } from '../../ui/i18n/I18nProvider.tsx';
import { describeDefinition } from '../../domain/segment/describe.ts';
import { systemNote } from '../../domain/version-notes.ts';
import { segmentMutations, staleCurrent } from './mutations.ts';
import { segmentQueries } from './queries.ts';
import type { SegmentDocument } from './useSegmentDocument.ts';
import { useValueWords } from './builder-words.ts';
import { useWriteGate } from '../../ui/permissions.tsx';

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

type AudienceEntry = SegmentAudiencesResponse['versions'][number];

/** Under a version in the list: its audience when saved → now (said in full to screen readers). */
function AudienceLine({ entry, pending }: { entry: AudienceEntry | undefined; pending: boolean }) {
  const { t } = useTranslation('segments');
  if (entry === undefined) {
    return pending ? (
      <span className="block text-sm text-fg-subtle">{t('history.audience.counting')}</span>
    ) : null;
  }
  const saved = entry.saved === null ? '–' : formatCount(entry.saved.count);
  const now = entry.now === null ? '–' : formatCount(entry.now);
  const full = t('history.audience.line', {
    saved: entry.saved === null ? t('history.audience.notKept') : formatCount(entry.saved.count),
    now: entry.now === null ? t('history.audience.notNow') : formatCount(entry.now),
  });
  return (
    <span className="block text-sm text-fg-muted tabular-nums" title={full}>
      <span aria-hidden="true">{t('history.audience.short', { saved, now })}</span>
      <span className="sr-only">{full}</span>
    </span>
  );
}

/** The selected version's audience in words: when saved, now, and what changed between. */
function AudienceSummary({
  entry,
  at,
  total,
}: {
  entry: AudienceEntry;
  at: string;
  total: number;
}) {
  const { t } = useTranslation('segments');
  const errorWords = useErrorWords();
  const sentences: string[] = [];
  if (entry.saved === null) sentences.push(t('history.audience.savedUnknown'));
  else {
    sentences.push(
      t('history.audience.savedWas', {
        at: formatDateTime(at),
        count: entry.saved.count,
        countText: formatCount(entry.saved.count),
        total: formatCount(entry.saved.total),
        share: share(entry.saved.count, entry.saved.total),
      }),
    );
  }
  if (entry.now === null) {
    sentences.push(
      t('history.audience.notCountedNow', {
        problem: entry.problem === null ? '' : wordIssue(entry.problem, errorWords),
      }),
    );
  } else {
    const delta = entry.saved === null ? null : entry.now - entry.saved.count;
    sentences.push(
      t('history.audience.nowIs', {
        count: entry.now,
        countText: formatCount(entry.now),
        total: formatCount(total),
        share: share(entry.now, total),
      }) +
        (delta === null
          ? ''
          : ' ' +
            (delta === 0
              ? t('history.audience.same')
              : t('history.audience.delta', {
                  delta: `${delta > 0 ? '+' : '−'}${formatCount(Math.abs(delta))}`,
                }))),
    );
  }
  return <p className="text-base text-fg">{sentences.join(' ')}</p>;
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
  const audiences = useQuery(segmentQueries.audiences(saved.segment_id));
  const audienceOf = new Map(audiences.data?.versions.map((v) => [v.version, v]));
  const [selected, setSelected] = useState(saved.version);
  const restore = useMutation(segmentMutations.restore());
  const gate = useWriteGate('editor');
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
                detail={(version) => (
                  <AudienceLine entry={audienceOf.get(version)} pending={audiences.isPending} />
                )}
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
                      {...gate.control}
                    >
                      {t('history.restore', { version: selected })}
                    </Button>
                  )}
                  {gate.note}
                </header>
                {selected !== saved.version && document.dirty && (
                  <p className="text-sm text-warn-700">{t('history.replacesEdits')}</p>
                )}
                {(() => {
                  const entry = audienceOf.get(selected);
                  const at = data.versions.find((v) => v.version === selected)?.at;
                  if (entry !== undefined && at !== undefined && audiences.data) {
                    return <AudienceSummary entry={entry} at={at} total={audiences.data.total} />;
                  }
                  return audiences.isError ? (
                    <p className="text-sm text-danger-700">
                      {t('history.audience.failed', describeError(audiences.error, errorWords))}
                    </p>
                  ) : null;
                })()}
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
