// Downloads every entry the filters match as CSV, as the API writes it (one request, the same
// filters as the table's); a failure is said in a toast.
import { Download } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';
import { describeError } from '../../ui/QueryState.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { saveTextFile } from '../../ui/download.ts';
import { useErrorWords } from '../../ui/error-words.ts';
import type { AuditLogFilters } from './filters.ts';
import { auditLogCsv } from './queries.ts';

/** The file's name, as the API names it. */
export const CSV_FILE = 'tact-audit-log.csv';

export function CsvButton({ filters }: { filters: AuditLogFilters }) {
  const { t } = useTranslation('auditlog');
  const errorWords = useErrorWords();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      saveTextFile(CSV_FILE, await auditLogCsv(filters));
    } catch (error: unknown) {
      const { title, detail } = describeError(error, errorWords);
      toast({ tone: 'danger', title: t('csv.failed', { title }), description: detail });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<Download aria-hidden="true" />} loading={busy} onClick={() => void download()}>
      {t('csv.download')}
    </Button>
  );
}
