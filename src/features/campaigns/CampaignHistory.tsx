// A campaign's audit trail: every version with who saved it, when and why; what each changed from
// the one before (the API's field-level diff, worded here); and restoring one as the newest.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import type { SavedCampaign } from '../../api/contract.ts';
import type { CampaignChange } from '../../domain/campaign/diff.ts';
import { templatePart } from '../../domain/template/result.ts';
import { systemNote } from '../../domain/version-notes.ts';
import { Button } from '../../ui/Button.tsx';
import { VersionList } from '../../ui/VersionList.tsx';
import { Dialog, DialogContent } from '../../ui/Dialog.tsx';
import { QueryState, describeError } from '../../ui/QueryState.tsx';
import { useErrorWords } from '../../ui/error-words.ts';
import { campaignMutations, staleCampaign } from './mutations.ts';
import { campaignQueries } from './queries.ts';

const changedField = z.enum([
  'name',
  'channel',
  'status',
  'segment',
  'holdout_share',
  'send_at',
  'time_zone',
  'offer',
  'recommendation',
]);

/** A changed field in the user's words: « Objet », « Offre ». */
export function fieldWords(t: TFunction<'campaigns'>, field: string): string {
  const [top, part] = field.split('.');
  const partKey = templatePart.safeParse(part);
  if (top === 'template' && partKey.success) return t(`editor.part.${partKey.data}`);
  const known = changedField.safeParse(top);
  return known.success ? t(`editor.field.${known.data}`) : field;
}

function noteWords(t: TFunction<'campaigns'>, note: string): string {
  const system = systemNote(note);
  if (system === null) return note;
  return system.kind === 'created'
    ? t('history.note.created')
    : t(`history.note.${system.kind}`, { version: system.version });
}

function Changes({ id, from, to }: { id: string; from: number; to: number }) {
  const { t } = useTranslation('campaigns');
  const diff = useQuery(campaignQueries.diff(id, from, to));
  const words = (c: CampaignChange) =>
    t(`history.change.${c.change}`, { field: fieldWords(t, c.field) });
  return (
    <QueryState
      status={diff.status}
      error={diff.error}
      data={diff.data}
      isEmpty={(d) => d.changes.length === 0}
      empty={<p className="text-sm text-fg-muted">{t('history.none')}</p>}
      loadingLabel={t('history.loading')}
    >
      {(data) => (
        <ul className="list-disc space-y-0.5 pl-5 text-base">
          {[...new Set(data.changes.map(words))].map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </QueryState>
  );
}

export function CampaignHistory({
  saved,
  author,
  onRestored,
  onClose,
}: {
  saved: SavedCampaign;
  author: string;
  onRestored: (campaign: SavedCampaign, message: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('campaigns');
  const errorWords = useErrorWords();
  const versions = useQuery(campaignQueries.versions(saved.campaign_id));
  const [selected, setSelected] = useState(saved.version);
  const restore = useMutation(campaignMutations.restore());
  const stale = staleCampaign(restore.error);
  const failure =
    stale !== null
      ? t('history.stale', { author: stale.author, version: stale.version })
      : restore.isError
        ? t('history.failed', { detail: describeError(restore.error, errorWords).detail })
        : null;

  const run = async (version: number) => {
    try {
      const restored = await restore.mutateAsync({
        id: saved.campaign_id,
        restore: version,
        current: saved.version,
        author,
      });
      onRestored(restored, t('history.restored', { version, next: restored.version }));
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
        >
          {(data) => {
            const index = data.versions.findIndex((v) => v.version === selected);
            const previous = index >= 0 ? data.versions[index + 1] : undefined;
            return (
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
                  <h3 className="text-md font-semibold text-fg">
                    {t('history.changes', { version: selected })}
                  </h3>
                  {previous === undefined ? (
                    <p className="text-sm text-fg-muted">{t('history.first')}</p>
                  ) : (
                    <Changes id={saved.campaign_id} from={previous.version} to={selected} />
                  )}
                  {selected !== saved.version && (
                    <Button
                      variant="primary"
                      loading={restore.isPending}
                      onClick={() => void run(selected)}
                    >
                      {t('history.restore', { version: selected })}
                    </Button>
                  )}
                  {failure !== null && (
                    <p role="alert" className="text-sm text-danger-700">
                      {failure}
                    </p>
                  )}
                </section>
              </div>
            );
          }}
        </QueryState>
      </DialogContent>
    </Dialog>
  );
}
