// The latest imports since the server started, newest first: when, by whom, how, which files and
// how each ended; any of them opens its report above.
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../api/contract/imports.ts';
import { Badge, type Tone } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { Card, CardHeader } from '../../ui/Card.tsx';
import { Table, TBody, Td, Th, THead, Tr } from '../../ui/Table.tsx';
import { formatDateTime } from '../../ui/format.ts';

function outcome(job: ImportJob): {
  key: 'uploading' | 'running' | 'committed' | 'checked' | 'refused' | 'failed' | 'cancelled';
  tone: Tone;
  count: number;
} {
  const problems = (job.report?.problems.length ?? 0) + (job.report?.unlisted ?? 0);
  if (job.phase === 'done' && job.report !== null) {
    if (job.report.committed) return { key: 'committed', tone: 'success', count: 0 };
    if (problems === 0) return { key: 'checked', tone: 'info', count: 0 };
    return { key: 'refused', tone: 'danger', count: problems };
  }
  if (job.phase === 'failed') return { key: 'failed', tone: 'danger', count: 0 };
  if (job.phase === 'running') return { key: 'running', tone: 'accent', count: 0 };
  if (job.phase === 'uploading') return { key: 'uploading', tone: 'neutral', count: 0 };
  return { key: 'cancelled', tone: 'neutral', count: 0 };
}

export function RecentImports({
  imports,
  shown,
  onShow,
}: {
  imports: readonly ImportJob[];
  shown: string | null;
  onShow: (id: string) => void;
}) {
  const { t } = useTranslation('imports');
  if (imports.length === 0) return null;
  return (
    <Card aria-labelledby="recent-imports">
      <CardHeader>
        <h3 id="recent-imports" className="text-md font-semibold text-fg">
          {t('recent.heading')}
        </h3>
        <p className="text-sm text-fg-muted">{t('recent.caption')}</p>
      </CardHeader>
      <Table aria-labelledby="recent-imports">
        <THead>
          <Tr>
            <Th>{t('recent.when')}</Th>
            <Th>{t('recent.who')}</Th>
            <Th>{t('recent.mode')}</Th>
            <Th>{t('recent.files')}</Th>
            <Th>{t('recent.result')}</Th>
            <Th>
              <span className="sr-only">{t('recent.show')}</span>
            </Th>
          </Tr>
        </THead>
        <TBody>
          {imports.map((job) => {
            const o = outcome(job);
            return (
              <Tr key={job.import_id} aria-selected={job.import_id === shown}>
                <Td className="whitespace-nowrap tabular-nums">{formatDateTime(job.created_at)}</Td>
                <Td>{job.author.name}</Td>
                <Td>{t('recent.modeValue', { mode: job.mode, check: String(job.check) })}</Td>
                <Td
                  className="max-w-[420px] truncate font-mono"
                  title={job.files.map((f) => f.name).join(', ')}
                >
                  {job.files.map((f) => f.name).join(', ')}
                </Td>
                <Td>
                  <Badge tone={o.tone}>{t(`recent.phase.${o.key}`, { count: o.count })}</Badge>
                </Td>
                <Td className="text-right">
                  {job.phase !== 'uploading' && (
                    <Button size="sm" variant="ghost" onClick={() => onShow(job.import_id)}>
                      {t('recent.show')}
                    </Button>
                  )}
                </Td>
              </Tr>
            );
          })}
        </TBody>
      </Table>
    </Card>
  );
}
