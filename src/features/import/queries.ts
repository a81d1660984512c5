// Imports over the API (issue 14), an admin's: the list with the data served now, one import
// followed while it runs, and the steps of a new one — declared, its files sent in chunks (again
// from where the server's copy ends, after a failure), started, or dropped.
import { queryOptions } from '@tanstack/react-query';
import { getJson, postJson, putBytes, sendJson } from '../../api/client.ts';
// The imports' module, not the contract's barrel: only this page needs these schemas.
import {
  IMPORT_CHUNK_BYTES,
  importJob,
  importsResponse,
  type ImportCreate,
  type ImportJob,
} from '../../api/contract/imports.ts';
import { chunksOf } from './plan.ts';

const PATH = '/api/imports';
/** How often a running import is read again. */
export const FOLLOW_MS = 500;

export const importKeys = {
  all: ['imports'] as const,
  list: () => [...importKeys.all, 'list'] as const,
  job: (id: string) => [...importKeys.all, 'job', id] as const,
};

export const importQueries = {
  list: () =>
    queryOptions({
      queryKey: importKeys.list(),
      queryFn: ({ signal }) => getJson(importsResponse, PATH, { signal }),
    }),
  job: (id: string) =>
    queryOptions({
      queryKey: importKeys.job(id),
      queryFn: ({ signal }) => getJson(importJob, `${PATH}/${encodeURIComponent(id)}`, { signal }),
      refetchInterval: (query) =>
        query.state.data === undefined || query.state.data.phase === 'running' ? FOLLOW_MS : false,
    }),
};

export const createImport = (spec: ImportCreate) => postJson(importJob, PATH, spec);

export const readImport = (id: string) => getJson(importJob, `${PATH}/${encodeURIComponent(id)}`);

export const startImport = (id: string) =>
  sendJson('POST', importJob, `${PATH}/${encodeURIComponent(id)}/start`, undefined);

export const cancelImport = (id: string) =>
  sendJson('DELETE', importJob, `${PATH}/${encodeURIComponent(id)}`, undefined);

/**
 * Sends what the server lacks of each file of `job` (from the bytes it has received), chunk after
 * chunk, telling the bytes of each chunk once it has arrived.
 */
export async function sendFiles(
  job: ImportJob,
  blobs: ReadonlyMap<string, Blob>,
  onSent: (bytes: number) => void,
  signal: AbortSignal,
): Promise<void> {
  for (const file of job.files) {
    const blob = blobs.get(file.name);
    if (blob === undefined) throw new Error(`${file.name} is no longer chosen.`);
    const path = `${PATH}/${encodeURIComponent(job.import_id)}/files/${encodeURIComponent(file.name)}`;
    for (const [start, end] of chunksOf(file.size, file.received, IMPORT_CHUNK_BYTES)) {
      // Read before it is sent: a chunk in memory at a time, whatever the browser's fetch takes.
      const bytes = new Uint8Array(await blob.slice(start, end).arrayBuffer());
      await putBytes(importJob, path, bytes, { query: { offset: start }, signal });
      onSent(end - start);
    }
  }
}
