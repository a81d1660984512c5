// An import's report: whether it wrote, checked or refused, per file the rows read, accepted and
// rejected, and every problem with its file, line and column (the first of each file listed, the
// others counted), the problems also as a CSV to work through.
import { Download } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  IMPORT_PROBLEM_CODES,
  type ImportJob,
  type ImportProblem,
  type ImportProblemCode,
  type ImportReport,
  type ImportResolution,
} from '../../api/contract/imports.ts';
import { wordIssue, useErrorWords, type ErrorWords } from '../../ui/issue-words.ts';
import { csvRow } from '../../domain/segment/csv.ts';
import { Button } from '../../ui/Button.tsx';
import { Card, CardHeader } from '../../ui/Card.tsx';
import { Table, TBody, Td, Th, THead, Tr } from '../../ui/Table.tsx';
import { saveTextFile } from '../../ui/download.ts';
import { formatCount, formatDateTime } from '../../ui/format.ts';

/** The problems listed per file at most (server/import/report.ts). */
const LISTED_PER_FILE = 200;

const rowsOf = (report: ImportReport) => report.files.reduce((sum, f) => sum + f.read, 0);

const IMPORT_CODES: ReadonlySet<string> = new Set(IMPORT_PROBLEM_CODES);
const isImportCode = (code: string): code is ImportProblemCode => IMPORT_CODES.has(code);

/** A figure of a problem as its wording takes it (a yes or no as `true` / `false`). */
function wordingParams(params: ImportProblem['params']): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params))
    out[key] =
      typeof value === 'number' ? value : Array.isArray(value) ? value.join(', ') : String(value);
  return out;
}

/** A problem in the user's language: the import's own words, or the domain rule's zod issue. */
export function wordProblem(p: ImportProblem, t: TFunction<'imports'>, words: ErrorWords): string {
  if (isImportCode(p.code)) return t(`problem.${p.code}`, wordingParams(p.params));
  return wordIssue({ code: p.code, params: p.params }, words);
}

function problemsCsv(report: ImportReport, word: (p: ImportProblem) => string): string {
  return [
    csvRow(['file', 'line', 'column', 'problem']),
    ...report.problems.map((p) =>
      csvRow([p.file, p.line === null ? null : String(p.line), p.column, word(p)]),
    ),
  ].join('');
}

export function ImportReportPanel({
  job,
  onAgain,
  againDisabled,
}: {
  job: ImportJob;
  onAgain: () => void;
  againDisabled: boolean;
}) {
  const { t } = useTranslation('imports');
  const words = useErrorWords();
  const word = (p: ImportProblem) => wordProblem(p, t, words);
  const report = job.report;
  const problems = report === null ? 0 : report.problems.length + report.unlisted;
  const files = report === null ? 0 : new Set(report.problems.map((p) => p.file)).size;
  const verdict =
    job.phase === 'failed'
      ? { tone: 'danger', text: t('report.failed', { error: job.error ?? '' }) }
      : job.phase === 'cancelled' || report === null
        ? { tone: 'neutral', text: t('report.cancelled') }
        : report.committed
          ? { tone: 'success', text: t('report.committed', { rows: rowsOf(report) }) }
          : problems === 0
            ? { tone: 'success', text: t('report.checked', { rows: rowsOf(report) }) }
            : { tone: 'danger', text: t('report.refused', { problems, files }) };
  const tones: Record<string, string> = {
    success: 'border-success-200 bg-success-50 text-success-700',
    danger: 'border-danger-200 bg-danger-50 text-danger-700',
    neutral: 'border-line bg-subtle text-fg',
  };
  return (
    <Card aria-labelledby="import-report-heading">
      <CardHeader
        actions={
          <Button onClick={onAgain} disabled={againDisabled}>
            {t('report.again')}
          </Button>
        }
      >
        <h3 id="import-report-heading" className="text-md font-semibold text-fg">
          {t('report.heading')}
        </h3>
      </CardHeader>
      <div className="space-y-3 px-4 py-3">
        <p className="text-sm text-fg-muted">
          {t('report.by', {
            name: job.author.name,
            when: formatDateTime(job.finished_at ?? job.created_at),
            mode: job.mode,
            check: String(job.check),
          })}
        </p>
        <div
          role="status"
          className={`rounded-md border px-3 py-2 text-sm ${tones[verdict.tone] ?? ''}`}
        >
          <p className="font-medium">{verdict.text}</p>
          {report?.committed === true && <p>{t('report.committedNote')}</p>}
        </div>
        {report?.resolution != null && <ResolutionSummary resolution={report.resolution} />}
        {report !== null && (
          <>
            <section aria-labelledby="import-report-files" className="space-y-1">
              <h4 id="import-report-files" className="text-sm font-semibold text-fg">
                {t('report.files')}
              </h4>
              <div className="rounded-md border border-line">
                <Table aria-labelledby="import-report-files">
                  <THead>
                    <Tr>
                      <Th>{t('report.column.table')}</Th>
                      <Th>{t('report.column.file')}</Th>
                      <Th numeric>{t('report.column.read')}</Th>
                      <Th numeric>{t('report.column.accepted')}</Th>
                      <Th numeric>{t('report.column.rejected')}</Th>
                    </Tr>
                  </THead>
                  <TBody>
                    {report.files.map((f) => (
                      <Tr key={f.table}>
                        <Td className="font-mono">{f.table}</Td>
                        <Td className={f.file === null ? 'text-fg-subtle' : 'font-mono'}>
                          {f.file ?? t('report.noFile')}
                        </Td>
                        <Td numeric>{formatCount(f.read)}</Td>
                        <Td numeric>{formatCount(f.accepted)}</Td>
                        <Td
                          numeric
                          className={f.rejected > 0 ? 'font-medium text-danger-700' : undefined}
                        >
                          {formatCount(f.rejected)}
                        </Td>
                      </Tr>
                    ))}
                  </TBody>
                </Table>
              </div>
            </section>
            {report.problems.length > 0 && (
              <section aria-labelledby="import-report-problems" className="space-y-1">
                <div className="flex items-center justify-between">
                  <h4 id="import-report-problems" className="text-sm font-semibold text-fg">
                    {t('report.problems')} ({formatCount(problems)})
                  </h4>
                  <Button
                    size="sm"
                    icon={<Download size={14} aria-hidden="true" />}
                    onClick={() =>
                      saveTextFile(
                        `tact-import-problems-${job.import_id}.csv`,
                        problemsCsv(report, word),
                      )
                    }
                  >
                    {t('report.csv')}
                  </Button>
                </div>
                <div className="max-h-[480px] overflow-auto rounded-md border border-line">
                  <Table aria-labelledby="import-report-problems">
                    <THead>
                      <Tr>
                        <Th>{t('report.column.file')}</Th>
                        <Th numeric>{t('report.column.line')}</Th>
                        <Th>{t('report.column.field')}</Th>
                        <Th>{t('report.column.message')}</Th>
                      </Tr>
                    </THead>
                    <TBody>
                      {report.problems.map((p, i) => (
                        <Tr key={`${p.file}:${String(p.line)}:${String(i)}`}>
                          <Td className="font-mono whitespace-nowrap">{p.file}</Td>
                          <Td numeric>
                            {p.line === null ? t('report.wholeFile') : formatCount(p.line)}
                          </Td>
                          <Td className="font-mono">{p.column ?? ''}</Td>
                          <Td className="py-1">{word(p)}</Td>
                        </Tr>
                      ))}
                    </TBody>
                  </Table>
                </div>
                {report.unlisted > 0 && (
                  <p className="text-sm text-fg-muted">
                    {t('report.unlisted', { count: report.unlisted, max: LISTED_PER_FILE })}
                  </p>
                )}
              </section>
            )}
          </>
        )}
      </div>
    </Card>
  );
}

/** What identity resolution did: records in, profiles out, merges per rule, what to look at. */
function ResolutionSummary({ resolution }: { resolution: ImportResolution }) {
  const { t } = useTranslation('imports');
  // An update's records meet the stored profiles: how many they joined, how many they merged.
  const stored = resolution.joined > 0 || resolution.merged > 0;
  const rows: [string, number][] = [
    [t('resolution.records'), resolution.records],
    [t('resolution.profiles'), resolution.profiles],
  ];
  if (stored)
    rows.push(
      [t('resolution.joined'), resolution.joined],
      [t('resolution.merged'), resolution.merged],
    );
  rows.push(
    [t('resolution.rule.link_table'), resolution.merges.link_table],
    [t('resolution.rule.verified_email'), resolution.merges.verified_email],
    [t('resolution.rule.loyalty_card'), resolution.merges.loyalty_card],
    [t('resolution.rule.phone'), resolution.merges.phone],
    [t('resolution.conflicts'), resolution.conflicts],
    [t('resolution.shared'), resolution.shared_devices.length],
    [t('resolution.unknownLinks'), resolution.unknown_links],
  );
  return (
    <section aria-labelledby="import-report-resolution" className="space-y-1">
      <h4 id="import-report-resolution" className="text-sm font-semibold text-fg">
        {t('resolution.heading')}
      </h4>
      <dl className="grid max-w-xl grid-cols-[1fr_auto] gap-x-6 gap-y-0.5 text-sm">
        {rows.map(([label, n]) => (
          <div key={label} className="contents">
            <dt className="text-fg-muted">{label}</dt>
            <dd className="text-right tabular-nums">{formatCount(n)}</dd>
          </div>
        ))}
      </dl>
      {resolution.shared_devices.length > 0 && (
        <p className="text-sm text-fg-muted">
          {t('resolution.sharedList', {
            devices: resolution.shared_devices
              .slice(0, 5)
              .map((d) => `${d.value} (${d.profiles.join(', ')})`)
              .join(' ; '),
            count: resolution.shared_devices.length,
          })}
        </p>
      )}
    </section>
  );
}
