// The hand-off of a ready campaign: its final recipients as CSV or JSON Lines, all at once or one
// rollout wave, fetched once and handed to the browser as a file; a refusal (not ready, audited
// before a change) is worded beside the buttons.
import { Download } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exportFileName, type SavedCampaign } from '../../api/contract.ts';
import type { WaveId } from '../../domain/campaign/rollout.ts';
import { wordError, useErrorWords } from '../../ui/api-error-words.ts';
import { Button } from '../../ui/Button.tsx';
import { saveTextFile } from '../../ui/download.ts';
import { campaignExportFile } from './queries.ts';
import { useWriteGate } from '../../ui/permissions.tsx';

export function ExportButtons({
  campaign,
  wave = null,
  size,
}: {
  campaign: SavedCampaign;
  wave?: WaveId | null;
  size?: 'sm';
}) {
  const { t } = useTranslation('campaigns');
  const words = useErrorWords();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<'csv' | 'jsonl' | null>(null);
  // The file the platform sends from holds real addresses: an editor's, as the server says.
  const gate = useWriteGate('editor');
  const run = async (format: 'csv' | 'jsonl') => {
    setBusy(format);
    setFailure(null);
    try {
      const text = await campaignExportFile(campaign.campaign_id, format, wave);
      const name = exportFileName(campaign.campaign_id, campaign.version, wave, format);
      saveTextFile(
        name,
        text,
        format === 'csv' ? 'text/csv;charset=utf-8' : 'application/x-ndjson',
      );
    } catch (error: unknown) {
      setFailure(wordError(error, words).detail);
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      {(['csv', 'jsonl'] as const).map((format) => (
        <Button
          key={format}
          size={size}
          variant={wave === null ? 'secondary' : 'ghost'}
          loading={busy === format}
          onClick={() => void run(format)}
          {...gate.control}
          aria-label={
            wave === null
              ? undefined
              : t('audit.rollout.exportWave', {
                  wave: t(`audit.rollout.wave.${wave}`),
                  format: t(`audit.rollout.format.${format}`),
                })
          }
        >
          <Download aria-hidden="true" />
          {wave === null ? t(`audit.export.${format}`) : t(`audit.rollout.format.${format}`)}
        </Button>
      ))}
      {gate.note}
      {failure && (
        <p role="alert" className="w-full text-sm text-danger-700">
          {failure}
        </p>
      )}
    </>
  );
}
