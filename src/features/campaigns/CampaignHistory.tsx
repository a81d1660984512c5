// A campaign's audit trail: every version with who saved it, when and why; what each changed from
// the one before (the API's field-level diff, worded here); and restoring one as the newest.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import type { SavedCampaign } from '../../api/contract.ts';
import type { CampaignChange } from '../../domain/campaign/diff.ts';
import { templatePart } from '../../domain/template/result.ts';
import { systemNote } from '../../domain/version-notes.ts';
import { DocumentHistory, type DocumentHistoryWords } from '../../ui/DocumentHistory.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { useWriteGate } from '../../ui/permissions.tsx';
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
  'exclusion',
  'readiness',
  'rollout',
  'alternates',
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
  onRestored,
  onClose,
}: {
  saved: SavedCampaign;
  onRestored: (campaign: SavedCampaign, message: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('campaigns');
  const gate = useWriteGate('editor');
  const words: DocumentHistoryWords = {
    title: t('history.title', { name: saved.name }),
    description: t('history.description'),
    versions: t('history.versions'),
    version: (version) => t('history.version', { version }),
    current: t('history.current'),
    note: (note) => noteWords(t, note),
    first: t('history.first'),
    changes: (version) => t('history.changes', { version }),
    restore: (version) => t('history.restore', { version }),
    restored: (version, next) => t('history.restored', { version, next }),
    stale: (author, version) => t('history.stale', { author, version }),
    failed: (detail) => t('history.failed', { detail }),
    loading: t('history.loading'),
    empty: t('history.empty'),
  };
  return (
    <DocumentHistory
      id={saved.campaign_id}
      current={saved.version}
      versions={campaignQueries.versions(saved.campaign_id)}
      restore={campaignMutations.restore()}
      staleOf={staleCampaign}
      changes={(from, to) => <Changes id={saved.campaign_id} from={from} to={to} />}
      words={words}
      onRestored={onRestored}
      onClose={onClose}
      restoreGate={gate}
    />
  );
}
