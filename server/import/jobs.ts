// The imports started from the screen (routes/imports.ts): each has a private folder its files
// arrive in, chunk after chunk, then one run of the import (run.ts) that reads, checks and — only
// when every row was accepted — writes, telling each step for the progress bar. One import runs at
// a time; the latest are kept (in memory) with their reports; a folder is removed once its import
// has run or was dropped, and files left arriving for an hour are dropped.
import { randomBytes } from 'node:crypto';
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { ImportCreate, ImportJob, ImportReport, ImportStep } from '../../src/api/contract.ts';
import { httpError, parseOr400 } from '../http.ts';
import type { ImportService } from '../routes/imports.ts';
import { LAYOUT_TABLES, importSteps, type LayoutTable } from './layout.ts';
import { importMapping, tableMappingOf, type ImportMapping } from './mapping.ts';
import { normalInstant } from './read.ts';

export interface ImportRun {
  asOf: string;
  check: boolean;
  replace: boolean;
  mapping: ImportMapping | null;
  onStep: (step: ImportStep) => void;
}

/** Runs one import over the files of `dir` (importDirectory over the server's store). */
export type ImportRunner = (dir: string, run: ImportRun) => Promise<ImportReport>;

interface Entry {
  job: ImportJob;
  dir: string | null;
  mapping: ImportMapping | null;
  touched: number;
}

/** Imports kept with their reports. */
const KEPT = 10;
/** Files arriving for longer than this, untouched, are dropped. */
const ABANDONED_MS = 60 * 60 * 1000;

/** What the contract leaves to the server: the instant's form, and the mapping. */
const checkedBody = z.strictObject({
  as_of: z.string().transform((text, ctx) => {
    const iso = normalInstant(text);
    if (iso !== null) return iso;
    ctx.addIssue({
      code: 'custom',
      message: 'An instant with its offset, such as 2026-11-16T00:00:00Z.',
    });
    return z.NEVER;
  }),
  mapping: importMapping.nullable(),
});

export class ImportJobs implements ImportService {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly runner: ImportRunner,
    private readonly options: { root?: string; now?: () => number } = {},
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  list(): ImportJob[] {
    return [...this.entries.values()].map((e) => e.job).reverse();
  }

  private entry(id: string): Entry {
    const entry = this.entries.get(id);
    if (entry === undefined)
      throw httpError('import_not_found', `No import ${id}.`, { import_id: id });
    return entry;
  }

  get(id: string): ImportJob {
    return this.entry(id).job;
  }

  private running(): Entry | null {
    return [...this.entries.values()].find((e) => e.job.phase === 'running') ?? null;
  }

  private refuseWhileRunning(): void {
    const running = this.running();
    if (running !== null)
      throw httpError('import_busy', `Import ${running.job.import_id} is under way.`, {
        import_id: running.job.import_id,
      });
  }

  async create(spec: ImportCreate, author: { login: string; name: string }): Promise<ImportJob> {
    await this.prune();
    this.refuseWhileRunning();
    const { as_of: asOf, mapping } = parseOr400(
      checkedBody,
      { as_of: spec.as_of, mapping: spec.mapping },
      'body',
    );
    const fileOf = new Map<string, LayoutTable>(
      LAYOUT_TABLES.map((table) => [tableMappingOf(mapping, table).file, table]),
    );
    const expected = LAYOUT_TABLES.map((t) => `${tableMappingOf(mapping, t).file}.csv`).join(', ');
    const taken = new Map<LayoutTable, string>();
    const files: ImportJob['files'] = [];
    for (const { name, size } of spec.files) {
      const table = fileOf.get(name.replace(/\.(csv|parquet)$/, ''));
      if (table === undefined)
        throw httpError('import_file_invalid', `${name} is no file of the import layout.`, {
          file: name,
          problem: 'unknown',
          expected,
        });
      if (taken.has(table))
        throw httpError(
          'import_file_invalid',
          `${name} and ${taken.get(table) ?? ''} fill ${table}.`,
          {
            file: name,
            problem: 'twice',
            expected,
          },
        );
      taken.set(table, name);
      files.push({ name, table, size, received: 0 });
    }
    const dir = await mkdtemp(join(this.options.root ?? tmpdir(), 'tact-import-'));
    const job: ImportJob = {
      import_id: `imp_${randomBytes(8).toString('hex')}`,
      created_at: new Date(this.now()).toISOString(),
      author,
      mode: spec.mode,
      check: spec.check,
      as_of: asOf,
      files,
      phase: 'uploading',
      progress: { done: 0, total: importSteps(spec.check), step: null },
      report: null,
      error: null,
      finished_at: null,
    };
    this.entries.set(job.import_id, { job, dir, mapping, touched: this.now() });
    await this.trim();
    return job;
  }

  /** The import's entry and folder, while its files are arriving. */
  private uploading(id: string): { entry: Entry; dir: string } {
    const entry = this.entry(id);
    const { dir } = entry;
    if (entry.job.phase !== 'uploading' || dir === null)
      throw httpError('import_not_uploading', `Import ${id} is ${entry.job.phase}.`, {
        import_id: id,
        phase: entry.job.phase,
      });
    return { entry, dir };
  }

  async receive(id: string, name: string, offset: number, bytes: Uint8Array): Promise<ImportJob> {
    const { entry, dir } = this.uploading(id);
    const file = entry.job.files.find((f) => f.name === name);
    if (file === undefined)
      throw httpError('import_file_invalid', `${name} was not declared for import ${id}.`, {
        file: name,
        problem: 'undeclared',
        expected: entry.job.files.map((f) => f.name).join(', '),
      });
    if (offset !== file.received || offset + bytes.byteLength > file.size)
      throw httpError(
        'import_chunk_mismatch',
        `${name}: a chunk of ${bytes.byteLength} bytes at ${offset}; ${file.received} of ${file.size} received.`,
        { file: name, received: file.received, size: file.size, offset },
      );
    await appendFile(join(dir, name), bytes);
    file.received += bytes.byteLength;
    entry.touched = this.now();
    return entry.job;
  }

  start(id: string): ImportJob {
    const { entry, dir } = this.uploading(id);
    const missing = entry.job.files.filter((f) => f.received < f.size);
    if (missing.length > 0)
      throw httpError(
        'import_files_missing',
        `Not arrived whole: ${missing.map((f) => f.name).join(', ')}.`,
        { import_id: id, files: missing.map((f) => f.name).join(', '), count: missing.length },
      );
    this.refuseWhileRunning();
    const { job, mapping } = entry;
    job.phase = 'running';
    void this.run(job, dir, mapping);
    return job;
  }

  private async run(job: ImportJob, dir: string, mapping: ImportMapping | null): Promise<void> {
    const progress = job.progress;
    let ended: Pick<ImportJob, 'phase' | 'report' | 'error'>;
    try {
      const report = await this.runner(dir, {
        asOf: job.as_of,
        check: job.check,
        replace: job.mode === 'replace',
        mapping,
        onStep: (step) => {
          progress.done = Math.min(progress.total - 1, progress.done + 1);
          progress.step = step;
        },
      });
      ended = { phase: 'done', report, error: null };
    } catch (error: unknown) {
      ended = {
        phase: 'failed',
        report: null,
        error: error instanceof Error ? error.message : String(error),
      };
    }
    // The folder goes before the end is told: an ended import has left nothing behind.
    await this.drop(job.import_id).catch(() => undefined);
    if (ended.phase === 'done') {
      progress.done = progress.total;
      progress.step = null;
    }
    Object.assign(job, ended, { finished_at: new Date(this.now()).toISOString() });
  }

  async cancel(id: string): Promise<ImportJob> {
    const { entry } = this.uploading(id);
    entry.job.phase = 'cancelled';
    entry.job.finished_at = new Date(this.now()).toISOString();
    await this.drop(id);
    return entry.job;
  }

  /** Removes an import's folder (its report stays). */
  private async drop(id: string): Promise<void> {
    const entry = this.entries.get(id);
    if (entry?.dir == null) return;
    const { dir } = entry;
    entry.dir = null;
    await rm(dir, { recursive: true, force: true });
  }

  /** Drops files left arriving for an hour. */
  private async prune(): Promise<void> {
    for (const entry of this.entries.values())
      if (entry.job.phase === 'uploading' && this.now() - entry.touched > ABANDONED_MS) {
        entry.job.phase = 'cancelled';
        entry.job.finished_at = new Date(this.now()).toISOString();
        await this.drop(entry.job.import_id);
      }
  }

  /** Keeps the latest imports; an older one that has ended is forgotten. */
  private async trim(): Promise<void> {
    for (const [id, entry] of this.entries) {
      if (this.entries.size <= KEPT) return;
      if (entry.job.phase === 'running') continue;
      await this.drop(id);
      this.entries.delete(id);
    }
  }

  /** Removes every folder left (at shutdown). */
  async close(): Promise<void> {
    for (const id of this.entries.keys()) await this.drop(id);
  }
}
