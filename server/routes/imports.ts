// Importing a retailer's files from the screen (issue 14, docs/import.md), admins only:
//   GET    /api/imports                       the data served now and the latest imports
//   POST   /api/imports                       declares the files and how to import them → 201
//   PUT    /api/imports/:id/files/:name?offset=N   a chunk of a file (application/octet-stream)
//   POST   /api/imports/:id/start             every file arrived: read, check, write → 202
//   GET    /api/imports/:id                   where it is: progress, then the report
//   DELETE /api/imports/:id                   drops an import whose files are still arriving
// Files go in chunks of at most 8 MB, one request each, so that no request outlasts the server's
// request timeout and the screen can show the bytes sent. Where there is no database to import
// into (the browser's demo), the list says so and the rest answers 503 import_unavailable.
import { Hono, type Context } from 'hono';
import {
  IMPORT_CHUNK_BYTES,
  importChunkQuery,
  importCreate,
  type ImportCreate,
  type ImportJob,
  type ImportsResponse,
} from '../../src/api/contract.ts';
import { callerOf } from '../auth/access.ts';
import { bodyBytes, tooLarge } from '../body-gate.ts';
import { httpError, parseOr400, queryOf } from '../http.ts';
import type { ProfileStore } from '../store.ts';
import { readJson } from './versioned-http.ts';

/** What runs imports (server/import/jobs.ts over the DuckDB store). */
export interface ImportService {
  list(): ImportJob[];
  create(spec: ImportCreate, author: { login: string; name: string }): Promise<ImportJob>;
  get(id: string): ImportJob;
  /** Appends `bytes` to the file `name`, which holds `offset` bytes so far. */
  receive(id: string, name: string, offset: number, bytes: Uint8Array): Promise<ImportJob>;
  /** Starts reading, checking and writing; the answer comes before the import ends. */
  start(id: string): ImportJob;
  cancel(id: string): Promise<ImportJob>;
}

const OCTETS = /^application\/octet-stream\s*(;|$)/i;

/** The chunk's bytes, or a 413 once past the chunk size. */
async function chunkOf(c: Context): Promise<Uint8Array> {
  const type = c.req.header('content-type') ?? '';
  if (!OCTETS.test(type))
    throw httpError(
      'unsupported_media_type',
      `A file's chunk is sent as application/octet-stream, not ${type === '' ? 'without a type' : type}.`,
      { content_type: type },
    );
  // The declared length refuses it before anything is read; the count while reading, a liar.
  if (Number(c.req.header('content-length') ?? 0) > IMPORT_CHUNK_BYTES)
    throw tooLarge(IMPORT_CHUNK_BYTES);
  return bodyBytes(c.req.raw, IMPORT_CHUNK_BYTES);
}

export function importRoutes(store: ProfileStore, service: ImportService | null): Hono {
  const running = (): ImportService => {
    if (service === null)
      throw httpError(
        'import_unavailable',
        store.kind === 'clickhouse'
          ? 'Data in ClickHouse is loaded by npm run clickhouse-load (docs/scale.md), not from here.'
          : 'Importing files needs the server with its database (npm start).',
        {},
      );
    return service;
  };
  return new Hono()
    .get('/', async (c) => {
      const body: ImportsResponse = {
        available: service !== null,
        store: store.kind,
        as_of: store.asOf,
        customers: await store.customerCount(),
        imports: service?.list() ?? [],
      };
      return c.json(body);
    })
    .post('/', async (c) => {
      const imports = running();
      const spec = parseOr400(importCreate, await readJson(c.req.raw), 'body');
      const caller = callerOf(c);
      return c.json(await imports.create(spec, { login: caller.login, name: caller.name }), 201);
    })
    .get('/:id', (c) => c.json(running().get(c.req.param('id'))))
    .put('/:id/files/:name', async (c) => {
      const imports = running();
      const { offset } = parseOr400(importChunkQuery, queryOf(c), 'query');
      const bytes = await chunkOf(c);
      return c.json(await imports.receive(c.req.param('id'), c.req.param('name'), offset, bytes));
    })
    .post('/:id/start', (c) => c.json(running().start(c.req.param('id')), 202))
    .delete('/:id', async (c) => c.json(await running().cancel(c.req.param('id'))));
}
