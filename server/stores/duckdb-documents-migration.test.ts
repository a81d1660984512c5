// A file written before versioned documents (schema 2 to 5: saved_segments, segment_versions,
// segment_idempotency_keys, saved_segments_import) opens at the current version with every saved
// segment, version and Idempotency-Key kept, served by the API as before, and not imported again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { generateDataset } from '../../mocks/seed/index.ts';
import {
  savedSegment,
  segmentListResponse,
  segmentVersion,
  segmentVersionsResponse,
} from '../../src/api/contract.ts';
import { parseDefinition } from '../../src/domain/segment/parse-definition.ts';
import { DERIVED_TABLES } from './duckdb-segment-tables.ts';
import { createApi } from '../app.ts';
import { DOCUMENT_TABLES, LEGACY_SAVED_SEGMENT_TABLES } from './duckdb-schema.ts';
import {
  loadDataset,
  openDuckDbStore,
  readMeta,
  SCHEMA_VERSION,
  type DuckDbStore,
} from './duckdb.ts';
import { fixedAccess } from '../auth/access.ts';
import { TEST_ACCESS } from '../auth/test-access.ts';

/** The saved-segment tables as schema versions 2 to 5 created them. */
const LEGACY_DDL = [
  `CREATE TABLE saved_segments (
     segment_id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, description VARCHAR NOT NULL,
     definition JSON NOT NULL, version INTEGER NOT NULL, author VARCHAR NOT NULL,
     created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)`,
  `CREATE TABLE segment_versions (
     segment_id VARCHAR NOT NULL, version INTEGER NOT NULL, name VARCHAR NOT NULL,
     description VARCHAR NOT NULL, definition JSON NOT NULL, author VARCHAR NOT NULL,
     "at" TIMESTAMP NOT NULL, note VARCHAR NOT NULL, PRIMARY KEY (segment_id, version))`,
  `CREATE TABLE segment_idempotency_keys (
     "key" VARCHAR PRIMARY KEY, fingerprint VARCHAR NOT NULL, segment_id VARCHAR NOT NULL,
     "at" TIMESTAMP NOT NULL)`,
  'CREATE TABLE saved_segments_import ("at" TIMESTAMP NOT NULL)',
];

const city = (value: string) => ({
  version: 1,
  root: {
    id: 'root',
    kind: 'group',
    combinator: 'and',
    children: [
      { id: 'c1', kind: 'attribute', field: 'customer.city', test: { operator: 'equals', value } },
    ],
  },
});

/** What POST /api/segments sent to create "Parisiens" with key-1. */
const createRequest = { name: 'Parisiens', definition: city('Paris') };

function parsed(definition: unknown) {
  const result = parseDefinition(definition);
  if (!result.ok) throw new Error('fixture definition does not parse');
  return result.definition;
}

/**
 * Rewrites a current file into what a version `version` file held: the loaded segments imported
 * (one of them edited since), a segment created with an Idempotency-Key and edited once.
 */
async function makeLegacy(store: DuckDbStore, version: number, edited: string): Promise<void> {
  const c = store.connection;
  for (const table of DOCUMENT_TABLES) await c.run(`DROP TABLE ${table}`);
  for (const ddl of LEGACY_DDL) await c.run(ddl);
  await c.run(`INSERT INTO saved_segments
    SELECT segment_id, name, '', definition, version, author, updated_at, updated_at FROM segments`);
  await c.run(`INSERT INTO segment_versions
    SELECT segment_id, version, name, '', definition, author, updated_at,
           'imported at version ' || version FROM segments`);
  // The loaded segment, edited once since its import.
  await c.run(
    `UPDATE saved_segments SET name = 'Édité', description = 'à la main', version = version + 1,
       author = 'Karim', updated_at = TIMESTAMP '2026-11-21 09:00:00' WHERE segment_id = $1`,
    [edited],
  );
  await c.run(
    `INSERT INTO segment_versions SELECT segment_id, version, name, description, definition,
       author, updated_at, 'précisé' FROM saved_segments WHERE segment_id = $1`,
    [edited],
  );
  // A segment created through the API with an Idempotency-Key, then edited.
  const paris = JSON.stringify(parsed(city('Paris')));
  const lyon = JSON.stringify(parsed(city('Lyon')));
  await c.run(
    `INSERT INTO saved_segments VALUES ('seg_new', 'Parisiens et Lyonnais', '', $1, 2, 'Camille',
       TIMESTAMP '2026-11-20 10:00:00', TIMESTAMP '2026-11-20 11:00:00')`,
    [lyon],
  );
  await c.run(
    `INSERT INTO segment_versions VALUES
       ('seg_new', 1, 'Parisiens', '', $1, 'Anonymous', TIMESTAMP '2026-11-20 10:00:00', 'created'),
       ('seg_new', 2, 'Parisiens et Lyonnais', '', $2, 'Camille', TIMESTAMP '2026-11-20 11:00:00',
        'Lyon aussi')`,
    [paris, lyon],
  );
  // The fingerprint the route bound the key to: the parsed request, in the route's field order.
  const fingerprint = JSON.stringify({
    name: 'Parisiens',
    description: '',
    definition: parsed(city('Paris')),
    author: 'Anonymous',
    note: 'created',
  });
  await c.run(
    `INSERT INTO segment_idempotency_keys VALUES ('key-1', $1, 'seg_new', TIMESTAMP '2026-11-20 10:00:00')`,
    [fingerprint],
  );
  await c.run("INSERT INTO saved_segments_import VALUES (TIMESTAMP '2026-11-19 08:00:00')");
  // What the derived-table migration builds: packed histories (before 5), segment tables (2).
  if (version < 5) await c.run('DROP TABLE customer_histories');
  if (version < 3) for (const table of DERIVED_TABLES) await c.run(`DROP TABLE ${table}`);
  await c.run('UPDATE meta SET schema_version = $1', [version]);
}

const dir = mkdtempSync(path.join(tmpdir(), 'tact-documents-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test.each([5, 4, 2])(
  'a version %i file keeps every saved segment, version and key, and opens at the current version',
  async (version) => {
    const file = path.join(dir, `v${version}.duckdb`);
    const { dataset, manifest } = generateDataset({ seed: 9, customers: 150 });
    const loaded = [...dataset.segments].sort((a, b) => (a.segment_id < b.segment_id ? -1 : 1));
    const edited = loaded[0];
    if (!edited) throw new Error('the demo data has no segments');

    const first = await openDuckDbStore({ path: file });
    await loadDataset(first, dataset, { asOf: manifest.as_of, seed: 9 });
    await makeLegacy(first, version, edited.segment_id);
    await first.close();

    for (const time of ['first open', 'second open']) {
      const store = await openDuckDbStore({ path: file });
      try {
        expect((await readMeta(store))?.schema_version, time).toBe(SCHEMA_VERSION);
        const legacy = await store.connection.runAndReadAll(
          `SELECT count(*)::INTEGER AS n FROM duckdb_tables()
            WHERE table_name IN (${LEGACY_SAVED_SEGMENT_TABLES.map((t) => `'${t}'`).join(', ')})`,
        );
        expect(legacy.getRowObjects()[0]?.n, 'no saved-segment table is left').toBe(0);

        const api = createApi(store, { access: TEST_ACCESS, logErrors: false });
        const get = async (url: string) => {
          const res = await api.request(`/api/segments${url}`);
          expect(res.status, url).toBe(200);
          return res.json();
        };
        // Every segment, each with its sizes counted (the segment tables exist).
        const list = segmentListResponse.parse(await get(''));
        expect(list.segments.map((s) => s.segment_id).sort()).toEqual(
          [...loaded.map((s) => s.segment_id), 'seg_new'].sort(),
        );
        expect(list.segments.find((s) => s.segment_id === edited.segment_id)).toMatchObject({
          name: 'Édité',
          description: 'à la main',
          version: edited.version + 1,
          author: 'Karim',
          updated_at: '2026-11-21T09:00:00.000Z',
        });

        const editedHistory = segmentVersionsResponse.parse(
          await get(`/${edited.segment_id}/versions`),
        );
        expect(editedHistory.versions.map((v) => [v.version, v.name, v.note])).toEqual([
          [edited.version + 1, 'Édité', 'précisé'],
          [edited.version, edited.name, `imported at version ${edited.version}`],
        ]);
        const newHistory = segmentVersionsResponse.parse(await get('/seg_new/versions'));
        expect(newHistory.versions).toEqual([
          {
            version: 2,
            name: 'Parisiens et Lyonnais',
            author: 'Camille',
            at: '2026-11-20T11:00:00.000Z',
            note: 'Lyon aussi',
          },
          {
            version: 1,
            name: 'Parisiens',
            author: 'Anonymous',
            at: '2026-11-20T10:00:00.000Z',
            note: 'created',
          },
        ]);
        const v1 = segmentVersion.parse(await get('/seg_new/versions/1'));
        expect(v1.definition).toEqual(parsed(city('Paris')));
        const current = savedSegment.parse(await get('/seg_new'));
        expect(current).toEqual({
          segment_id: 'seg_new',
          name: 'Parisiens et Lyonnais',
          description: '',
          definition: parsed(city('Lyon')),
          version: 2,
          author: 'Camille',
          created_at: '2026-11-20T10:00:00.000Z',
          updated_at: '2026-11-20T11:00:00.000Z',
        });

        // The key still names its segment and the request it came with. A key binds its author
        // too, and this one was recorded before sign-in, as 'Anonymous': the same request is
        // that body from a caller of that name.
        const anonymous = createApi(store, {
          access: fixedAccess('editor', 'Anonymous'),
          logErrors: false,
        });
        const post = (body: unknown) =>
          anonymous.request('/api/segments', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': 'key-1' },
            body: JSON.stringify(body),
          });
        const replay = await post(createRequest);
        expect(replay.status).toBe(200);
        expect(replay.headers.get('idempotent-replayed')).toBe('true');
        expect(await replay.json()).toEqual(current);
        expect((await post({ ...createRequest, name: 'Autre' })).status).toBe(409);

        // Histories read as before (the packed histories exist).
        const customer = dataset.customers[0]?.customer_id ?? '';
        expect(await store.history(customer)).not.toBeNull();
      } finally {
        await store.close();
      }
    }
  },
  120_000,
);
