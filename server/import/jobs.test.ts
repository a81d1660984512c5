// Imports through the API, as the screen makes them: the files declared, sent in chunks, the import
// started and followed to its report. Over DuckDB: a replacing import leaves exactly the files'
// rows; a broken file is reported and changes nothing; the steps told reach the total announced.
// With a runner of our own: one import at a time, the states refused, folders removed.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Hono } from 'hono';
import { DEMO_AS_OF, generateDataset } from '../../mocks/seed/index.ts';
import {
  apiError,
  importJob,
  importsResponse,
  type ImportJob,
  type ImportReport,
} from '../../src/api/contract.ts';
import { createApi } from '../app.ts';
import { MemoryAuditTrail } from '../audit-log/trail.ts';
import { TEST_ACCESS } from '../auth/test-access.ts';
import { loadDataset, openDuckDbStore, type DuckDbStore } from '../stores/duckdb.ts';
import { MemoryStore } from '../stores/memory.ts';
import { FIXTURE_AS_OF, fixtureDataset } from '../fixture.ts';
import { exportTables, layoutSelect } from './export.ts';
import { IMPORT_TABLES } from './layout.ts';
import { ImportJobs, type ImportRunner } from './jobs.ts';
import { importDirectory } from './run.ts';

const scratch = mkdtempSync(join(tmpdir(), 'tact-import-jobs-'));
const files = join(scratch, 'files');
const uploads = join(scratch, 'uploads');
let other: DuckDbStore;

async function rowsOf(store: DuckDbStore): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of IMPORT_TABLES) {
    const reader = await store.connection.runAndReadAll(layoutSelect(table));
    out[table] = JSON.stringify(reader.getRowsJson());
  }
  return out;
}

beforeAll(async () => {
  mkdirSync(uploads);
  // The files: another dataset than the store's (seed 9, 80 customers).
  other = await openDuckDbStore({ path: ':memory:' });
  const { dataset } = generateDataset({ seed: 9, customers: 80, asOf: DEMO_AS_OF });
  await loadDataset(other, dataset, { asOf: DEMO_AS_OF, seed: 9 });
  await exportTables(other.connection, files, 'csv');
}, 120_000);
afterAll(async () => {
  await other.close();
  rmSync(scratch, { recursive: true, force: true });
});

async function json(res: Response): Promise<unknown> {
  const text = await res.text();
  return text === '' ? null : JSON.parse(text);
}

/** Declares `names` (from the files folder, or `bytes` given), sends them in `chunk`-byte pieces. */
async function upload(
  api: Hono,
  spec: { mode: 'update' | 'replace'; check?: boolean; dir?: string; names?: string[] },
  chunk = 64 * 1024,
): Promise<ImportJob> {
  const dir = spec.dir ?? files;
  const names = spec.names ?? readdirSync(dir);
  const contents = names.map((name) => ({ name, bytes: readFileSync(join(dir, name)) }));
  const created = await api.request('/api/imports', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      mode: spec.mode,
      check: spec.check ?? false,
      as_of: DEMO_AS_OF,
      mapping: null,
      files: contents.map((f) => ({ name: f.name, size: f.bytes.byteLength })),
    }),
  });
  expect(created.status).toBe(201);
  const job = importJob.parse(await json(created));
  for (const { name, bytes } of contents)
    for (let offset = 0; offset < bytes.byteLength; offset += chunk) {
      const res = await api.request(
        `/api/imports/${job.import_id}/files/${name}?offset=${offset}`,
        {
          method: 'PUT',
          headers: { 'content-type': 'application/octet-stream' },
          body: bytes.subarray(offset, offset + chunk),
        },
      );
      expect(res.status, JSON.stringify(await json(res.clone()))).toBe(200);
    }
  return job;
}

/** Starts the import and reads it until it has ended, keeping each progress seen. */
async function run(api: Hono, id: string): Promise<{ job: ImportJob; seen: ImportJob[] }> {
  const started = await api.request(`/api/imports/${id}/start`, { method: 'POST' });
  expect(started.status).toBe(202);
  return untilEnded(api, id);
}

/** Reads the import until it has ended, keeping each progress seen. */
async function untilEnded(api: Hono, id: string): Promise<{ job: ImportJob; seen: ImportJob[] }> {
  const seen: ImportJob[] = [];
  for (let i = 0; i < 3_000; i += 1) {
    const job = importJob.parse(await json(await api.request(`/api/imports/${id}`)));
    seen.push(job);
    if (job.phase !== 'running') return { job, seen };
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`import ${id} never ended`);
}

describe('over DuckDB', () => {
  let store: DuckDbStore;
  let api: Hono;
  let trail: MemoryAuditTrail;
  beforeAll(async () => {
    store = await openDuckDbStore({ path: ':memory:' });
    const { dataset } = generateDataset({ seed: 7, customers: 60, asOf: DEMO_AS_OF });
    await loadDataset(store, dataset, { asOf: DEMO_AS_OF, seed: 7 });
    trail = new MemoryAuditTrail();
    api = createApi(store, {
      access: TEST_ACCESS,
      logErrors: false,
      auditTrail: trail,
      imports: new ImportJobs((dir, r) => importDirectory(store, dir, r), { root: uploads }),
    });
  }, 120_000);
  afterAll(async () => {
    await store.close();
  });

  test('a replacing import leaves exactly the files’ rows, and its steps reach the total', async () => {
    const job = await upload(api, { mode: 'replace' }, 50_000);
    expect(job.files.map((f) => f.table).sort()).toEqual([...IMPORT_TABLES].sort());
    const { job: ended, seen } = await run(api, job.import_id);
    expect(ended.error).toBeNull();
    expect(ended.phase).toBe('done');
    expect(ended.report?.committed).toBe(true);
    expect(ended.report?.problems).toEqual([]);
    expect(ended.report?.files.find((f) => f.table === 'customers')?.accepted).toBe(80);
    expect(ended.progress).toEqual({ done: ended.progress.total, total: 55, step: null });
    // Every step told counted: the last seen under way is below the total, never past it.
    for (const s of seen) expect(s.progress.done).toBeLessThanOrEqual(s.progress.total);
    expect(await rowsOf(store)).toEqual(await rowsOf(other));
    const listed = importsResponse.parse(await json(await api.request('/api/imports')));
    expect(listed).toMatchObject({ available: true, as_of: DEMO_AS_OF, customers: 80 });
    expect(listed.imports[0]?.import_id).toBe(job.import_id);
    // Its folder is gone once it has run.
    expect(readdirSync(uploads)).toEqual([]);
    const [entry] = (await trail.query({ limit: 10 })).entries;
    expect(entry).toMatchObject({
      action: 'import.start',
      target: { kind: 'data', id: job.import_id },
      details: { mode: 'replace', check: false, as_of: DEMO_AS_OF },
    });
  }, 120_000);

  test('a broken file is reported by line and nothing of the store changes', async () => {
    const before = await rowsOf(store);
    const broken = join(scratch, 'broken');
    const { cpSync, writeFileSync } = await import('node:fs');
    cpSync(files, broken, { recursive: true });
    const orders = readFileSync(join(broken, 'orders.csv'), 'utf8').split('\n');
    orders[3] = (orders[3] ?? '').replace(/,20\d\d-\d\d-\d\dT[^,]*/, ',2026-13-45T00:00:00Z');
    writeFileSync(join(broken, 'orders.csv'), orders.join('\n'));
    const job = await upload(api, { mode: 'update', dir: broken });
    const { job: ended } = await run(api, job.import_id);
    expect(ended.phase).toBe('done');
    expect(ended.report?.committed).toBe(false);
    expect(ended.report?.problems).toEqual([
      expect.objectContaining({ file: 'orders.csv', line: 4, column: 'placed_at' }),
    ]);
    expect(ended.report?.files.find((f) => f.table === 'orders')?.rejected).toBe(1);
    expect(await rowsOf(store)).toEqual(before);
  }, 120_000);

  test('replacing without a customers file is refused and changes nothing', async () => {
    const before = await rowsOf(store);
    const job = await upload(api, { mode: 'replace', names: ['stores.csv'] });
    const { job: ended } = await run(api, job.import_id);
    expect(ended.report?.committed).toBe(false);
    expect(ended.report?.problems[0]?.message).toMatch(/needs customers\.csv/);
    expect(await rowsOf(store)).toEqual(before);
  }, 60_000);
});

describe('the states of an import', () => {
  const fixture = () => new MemoryStore(fixtureDataset(), FIXTURE_AS_OF);
  const report: ImportReport = {
    files: [],
    problems: [],
    unlisted: 0,
    resolution: null,
    committed: true,
  };
  const apiWith = (runner: ImportRunner, now?: () => number) => {
    const root = mkdtempSync(join(scratch, 'states-'));
    const jobs = new ImportJobs(runner, { root, ...(now === undefined ? {} : { now }) });
    return {
      root,
      jobs,
      api: createApi(fixture(), { access: TEST_ACCESS, logErrors: false, imports: jobs }),
    };
  };
  const declare = (api: Hono, body: Record<string, unknown>) =>
    api.request('/api/imports', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        mode: 'update',
        check: false,
        as_of: '2026-11-16T01:00:00+01:00',
        mapping: null,
        files: [{ name: 'customers.csv', size: 4 }],
        ...body,
      }),
    });
  const put = (
    api: Hono,
    id: string,
    offset: number,
    body: string,
    type = 'application/octet-stream',
  ) =>
    api.request(`/api/imports/${id}/files/customers.csv?offset=${offset}`, {
      method: 'PUT',
      headers: { 'content-type': type },
      body,
    });
  const reasonOf = async (res: Response) => apiError.parse(await json(res)).error;

  test('the runner gets the files, the instant in UTC, the mode and the mapping', async () => {
    let got: { dir: string; text: string; replace: boolean; asOf: string } | null = null;
    const { api } = apiWith(async (dir, r) => {
      got = {
        dir,
        text: readFileSync(join(dir, 'clients.csv'), 'utf8'),
        replace: r.replace,
        asOf: r.asOf,
      };
      return report;
    });
    const created = await declare(api, {
      mode: 'replace',
      mapping: { tables: { customers: { file: 'clients' } } },
      files: [{ name: 'clients.csv', size: 8 }],
    });
    expect(created.status).toBe(201);
    const job = importJob.parse(await json(created));
    expect(job.files).toEqual([{ name: 'clients.csv', table: 'customers', size: 8, received: 0 }]);
    expect(job.as_of).toBe('2026-11-16T00:00:00.000Z');
    for (const [offset, text] of [
      [0, 'abc'],
      [3, 'defgh'],
    ] as const) {
      const res = await api.request(
        `/api/imports/${job.import_id}/files/clients.csv?offset=${offset}`,
        {
          method: 'PUT',
          headers: { 'content-type': 'application/octet-stream' },
          body: text,
        },
      );
      expect(res.status).toBe(200);
    }
    const { job: ended } = await run(api, job.import_id);
    expect(ended.phase).toBe('done');
    expect(got).toMatchObject({
      text: 'abcdefgh',
      replace: true,
      asOf: '2026-11-16T00:00:00.000Z',
    });
    expect(existsSync((got ?? { dir: '' }).dir)).toBe(false);
  });

  test('files, chunks and starts out of turn are refused with what went wrong', async () => {
    let finish: (r: ImportReport) => void = () => undefined;
    const { api } = apiWith(() => new Promise<ImportReport>((resolve) => (finish = resolve)));
    // A file no table takes, or two files for one table.
    const unknown = await declare(api, { files: [{ name: 'commandes.csv', size: 1 }] });
    expect(await reasonOf(unknown)).toMatchObject({
      reason: 'import_file_invalid',
      params: { file: 'commandes.csv', problem: 'unknown' },
    });
    const twice = await declare(api, {
      files: [
        { name: 'orders.csv', size: 1 },
        { name: 'orders.parquet', size: 1 },
      ],
    });
    expect(await reasonOf(twice)).toMatchObject({ params: { problem: 'twice' } });
    const badInstant = await declare(api, { as_of: '2026-11-16' });
    expect(await reasonOf(badInstant)).toMatchObject({
      reason: 'invalid_body',
      params: { field: 'as_of' },
    });
    const badMapping = await declare(api, { mapping: { tables: { clients: {} } } });
    expect(await reasonOf(badMapping)).toMatchObject({
      reason: 'invalid_body',
      params: { field: 'mapping.tables.clients' },
    });
    const path = await declare(api, { files: [{ name: '../customers.csv', size: 1 }] });
    expect(path.status).toBe(400);

    const job = importJob.parse(await json(await declare(api, {})));
    // Not sent as bytes; a chunk that does not follow; one past the size; one not declared.
    expect((await put(api, job.import_id, 0, 'ab', 'application/json')).status).toBe(415);
    expect(await reasonOf(await put(api, job.import_id, 1, 'ab'))).toMatchObject({
      reason: 'import_chunk_mismatch',
      params: { received: 0, size: 4, offset: 1 },
    });
    expect(await reasonOf(await put(api, job.import_id, 0, 'abcde'))).toMatchObject({
      reason: 'import_chunk_mismatch',
    });
    const undeclared = await api.request(
      `/api/imports/${job.import_id}/files/orders.csv?offset=0`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream' },
        body: 'x',
      },
    );
    expect(await reasonOf(undeclared)).toMatchObject({ params: { problem: 'undeclared' } });
    expect((await put(api, job.import_id, 0, 'ab')).status).toBe(200);
    const early = await api.request(`/api/imports/${job.import_id}/start`, { method: 'POST' });
    expect(await reasonOf(early)).toMatchObject({
      reason: 'import_files_missing',
      params: { files: 'customers.csv', count: 1 },
    });
    expect((await put(api, job.import_id, 2, 'cd')).status).toBe(200);
    expect(
      (await api.request(`/api/imports/${job.import_id}/start`, { method: 'POST' })).status,
    ).toBe(202);
    // Running: no more files, no second start, no second import, no cancel.
    expect(await reasonOf(await put(api, job.import_id, 4, ''))).toMatchObject({
      reason: 'import_not_uploading',
      params: { phase: 'running' },
    });
    expect(await reasonOf(await declare(api, {}))).toMatchObject({ reason: 'import_busy' });
    const cancel = await api.request(`/api/imports/${job.import_id}`, { method: 'DELETE' });
    expect(await reasonOf(cancel)).toMatchObject({ reason: 'import_not_uploading' });
    finish(report);
    // Once it has ended (read until then: a fixed wait failed on a busy machine), a new one may start.
    await untilEnded(api, job.import_id);
    expect((await declare(api, {})).status).toBe(201);
  });

  test('a runner that throws ends the import as failed, with why', async () => {
    const { api } = apiWith(() => Promise.reject(new Error('disk full')));
    const job = importJob.parse(
      await json(await declare(api, { files: [{ name: 'customers.csv', size: 0 }] })),
    );
    const { job: ended } = await run(api, job.import_id);
    expect(ended).toMatchObject({ phase: 'failed', error: 'disk full', report: null });
    expect(ended.finished_at).not.toBeNull();
  });

  test('a dropped import and one left for an hour lose their folders; the latest ten are kept', async () => {
    let now = Date.parse('2026-11-16T09:00:00Z');
    const { api, root } = apiWith(
      async () => report,
      () => now,
    );
    const dropped = importJob.parse(await json(await declare(api, {})));
    const cancel = await api.request(`/api/imports/${dropped.import_id}`, { method: 'DELETE' });
    expect(importJob.parse(await json(cancel)).phase).toBe('cancelled');
    const left = importJob.parse(await json(await declare(api, {})));
    expect(readdirSync(root)).toHaveLength(1);
    now += 61 * 60 * 1000;
    for (let i = 0; i < 11; i += 1) await declare(api, {});
    const listed = importsResponse.parse(await json(await api.request('/api/imports')));
    expect(listed.imports).toHaveLength(10);
    expect(listed.imports.some((j) => j.import_id === left.import_id)).toBe(false);
    // The ten kept are still arriving: ten folders, the abandoned one's gone.
    expect(readdirSync(root)).toHaveLength(10);
    expect(await reasonOf(await api.request(`/api/imports/${left.import_id}`))).toMatchObject({
      reason: 'import_not_found',
    });
  });

  test('where there is no database, the list says so and an import is refused', async () => {
    const api = createApi(fixture(), { access: TEST_ACCESS, logErrors: false });
    const listed = importsResponse.parse(await json(await api.request('/api/imports')));
    expect(listed).toMatchObject({ available: false, imports: [] });
    expect(await reasonOf(await declare(api, {}))).toMatchObject({
      reason: 'import_unavailable',
    });
  });
});
