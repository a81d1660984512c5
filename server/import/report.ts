// What an import says about each file: rows read, accepted and rejected, and every problem with its
// file, line, column and what was expected. Shared by the command line and the import screen (the schemas are the API contract's).
import type { ImportReport } from '../../src/api/contract.ts';

export {
  importProblem,
  fileReport,
  importReport,
  type ImportProblem,
  type FileReport,
  type ImportReport,
} from '../../src/api/contract.ts';

/** Problems listed per file at most; the others are counted. */
export const PROBLEMS_PER_FILE = 200;

/** The report as the command line prints it. */
export function formatReport(report: ImportReport): string {
  const lines = report.files.map(
    (f) =>
      `  ${f.table.padEnd(16)} ${(f.file ?? '(no file)').padEnd(28)} read ${String(f.read).padStart(9)}  accepted ${String(f.accepted).padStart(9)}  rejected ${String(f.rejected).padStart(7)}`,
  );
  const problems = report.problems.map(
    (p) =>
      `  ${p.file}${p.line === null ? '' : `:${String(p.line)}`}${p.column === null ? '' : ` [${p.column}]`} ${p.message}`,
  );
  const more = report.unlisted > 0 ? [`  … and ${String(report.unlisted)} more`] : [];
  const r = report.resolution;
  const resolution =
    r === null
      ? []
      : [
          'Identity resolution:',
          `  ${String(r.records)} records in, ${String(r.profiles)} profiles out; records linked by the link table ${String(r.merges.link_table)}, a verified e-mail ${String(r.merges.verified_email)}, a loyalty card ${String(r.merges.loyalty_card)}, a phone ${String(r.merges.phone)}`,
          `  ${String(r.conflicts)} profiles to check, ${String(r.shared_devices.length)} shared devices (not merged), ${String(r.unknown_links)} links to no record`,
        ];
  const verdict = report.committed
    ? 'Imported: every row accepted.'
    : 'Nothing imported: the store is as it was.';
  return [
    'Files:',
    ...lines,
    ...resolution,
    ...(problems.length > 0 ? ['Problems:', ...problems, ...more] : []),
    verdict,
  ].join('\n');
}
