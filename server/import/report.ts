// What an import says about each file: rows read, accepted and rejected, and every problem with its
// file, line, column and what was expected. Shared by the command line and (later) the screen.
import { z } from 'zod';

export const importProblem = z.strictObject({
  file: z.string(),
  /** The line in the file (the header is line 1); null for a problem of the whole file. */
  line: z.number().int().positive().nullable(),
  column: z.string().nullable(),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof importProblem>;

export const fileReport = z.strictObject({
  table: z.string(),
  file: z.string().nullable(),
  read: z.number().int().nonnegative(),
  accepted: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
});
export type FileReport = z.infer<typeof fileReport>;

export const importReport = z.strictObject({
  files: z.array(fileReport),
  problems: z.array(importProblem),
  /** Problems beyond those listed (each file lists its first ones). */
  unlisted: z.number().int().nonnegative(),
  committed: z.boolean(),
});
export type ImportReport = z.infer<typeof importReport>;

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
  const verdict = report.committed
    ? 'Imported: every row accepted.'
    : 'Nothing imported: the store is as it was.';
  return [
    'Files:',
    ...lines,
    ...(problems.length > 0 ? ['Problems:', ...problems, ...more] : []),
    verdict,
  ].join('\n');
}
