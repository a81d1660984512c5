// The versioned-document repository, held to one suite on both stores: what is written is read
// back (current version, history, Idempotency-Keys), a stale or refused write changes nothing, a
// failed write leaves nothing behind, bodies are checked on the way in and out, kinds do not see
// each other, and two saves racing for one version cannot both win.
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { DuckDbDocuments } from '../stores/duckdb-documents.ts';
import { ConnectionPool } from '../stores/duckdb-pool.ts';
import { createSchema } from '../stores/duckdb-schema.ts';
import { MemoryDocuments } from '../stores/memory-documents.ts';
import type { DocumentRepository, DocumentWrite } from './repository.ts';
import { restoredNote } from '../../src/domain/version-notes.ts';
import { VersionedDocuments, type DocumentType } from './versioned-documents.ts';

/** A small body for the tests: a name and a non-empty text. */
const noteBody = z.object({ name: z.string(), text: z.string().min(1) });
type Note = z.infer<typeof noteBody>;
const segmentNotes: DocumentType<Note> = { kind: 'segment', body: noteBody };
const campaignNotes: DocumentType<Note> = { kind: 'campaign', body: noteBody };

const T1 = '2026-11-20T10:00:00.000Z';
const T2 = '2026-11-20T11:00:00.000Z';
const T3 = '2026-11-20T12:00:00.000Z';

const write = (name: string, text: string, at: string, note = ''): DocumentWrite<Note> => ({
  body: { name, text },
  author: 'Camille',
  note,
  at,
});

interface Fixture {
  repository: DocumentRepository;
  close(): Promise<void>;
}

const stores: [string, () => Promise<Fixture>][] = [
  ['memory', async () => ({ repository: new MemoryDocuments(), close: async () => {} })],
  [
    'duckdb',
    async () => {
      const instance = await DuckDBInstance.create(':memory:');
      const setup = await instance.connect();
      await createSchema(setup);
      // Several connections, as the store has: reads run beside a write's transaction.
      const pool = new ConnectionPool(instance, 3);
      return {
        repository: new DuckDbDocuments((work) => pool.use(work)),
        close: async () => {
          pool.close();
          setup.closeSync();
          instance.closeSync();
        },
      };
    },
  ],
];

describe.each(stores)('versioned documents on the %s store', (_, open) => {
  let fixture: Fixture;
  let segments: VersionedDocuments<Note>;
  let campaigns: VersionedDocuments<Note>;
  beforeEach(async () => {
    fixture = await open();
    segments = new VersionedDocuments(fixture.repository, segmentNotes);
    campaigns = new VersionedDocuments(fixture.repository, campaignNotes);
  });
  afterEach(() => fixture.close());

  /** Everything the repository holds for these ids, to compare before and after a write. */
  async function snapshot(docs: VersionedDocuments<Note>, ids: readonly string[]) {
    return {
      list: await docs.list(),
      histories: await Promise.all(ids.map((id) => docs.versions(id))),
      bodies: await Promise.all(ids.map((id) => docs.version(id, 1))),
    };
  }

  test('a created document is version 1, listed by id, with a history of one', async () => {
    const b = await segments.create('b', write('Bee', 'second', T1, 'created'), null);
    await segments.create('a', write('Ay', 'first', T2, 'created'), null);
    expect(b).toEqual({
      kind: 'segment',
      id: 'b',
      version: 1,
      body: { name: 'Bee', text: 'second' },
      author: 'Camille',
      created_at: T1,
      updated_at: T1,
    });
    expect(await segments.get('b')).toEqual(b);
    expect((await segments.list()).map((d) => d.id)).toEqual(['a', 'b']);
    expect(await segments.versions('b')).toEqual([
      { version: 1, name: 'Bee', author: 'Camille', at: T1, note: 'created' },
    ]);
    expect(await segments.version('b', 1)).toEqual({
      kind: 'segment',
      id: 'b',
      version: 1,
      body: { name: 'Bee', text: 'second' },
      author: 'Camille',
      at: T1,
      note: 'created',
    });
  });

  test('reading or writing a document that does not exist says so, writing nothing', async () => {
    expect(await segments.get('nope')).toBeNull();
    expect(await segments.versions('nope')).toBeNull();
    expect(await segments.version('nope', 1)).toBeNull();
    expect(await segments.idempotencyRecord('nope')).toBeNull();
    const notFound = { ok: false, reason: 'not_found' };
    expect(await segments.update('nope', 1, write('x', 'y', T1))).toEqual(notFound);
    expect(await segments.delete('nope', null)).toEqual(notFound);
    expect(await segments.list()).toEqual([]);
  });

  test('updates append versions, newest first, each with its own body; created_at stays', async () => {
    await segments.create('s', write('One', 'v1', T1, 'created'), null);
    const two = await segments.update('s', 1, write('Two', 'v2', T2, 'edited'));
    expect(two).toEqual({
      ok: true,
      document: expect.objectContaining({ version: 2, created_at: T1, updated_at: T2 }),
    });
    await segments.update('s', 2, write('Three', 'v3', T3));
    expect((await segments.versions('s'))?.map((v) => [v.version, v.name, v.note])).toEqual([
      [3, 'Three', ''],
      [2, 'Two', 'edited'],
      [1, 'One', 'created'],
    ]);
    expect((await segments.version('s', 2))?.body).toEqual({ name: 'Two', text: 'v2' });
    expect((await segments.get('s'))?.body).toEqual({ name: 'Three', text: 'v3' });
    expect(await segments.version('s', 4)).toBeNull();
  });

  test('a restore appends an older body as the next version', async () => {
    await segments.create('s', write('One', 'v1', T1), null);
    await segments.update('s', 1, write('Two', 'v2', T2));
    const old = await segments.version('s', 1);
    if (old === null) throw new Error('version 1 is missing');
    const restored = await segments.update('s', 2, {
      body: old.body,
      author: 'Karim',
      note: restoredNote(1),
      at: T3,
    });
    expect(restored).toMatchObject({ ok: true, document: { version: 3, author: 'Karim' } });
    expect((await segments.get('s'))?.body).toEqual(old.body);
    expect((await segments.versions('s'))?.[0]).toMatchObject({
      version: 3,
      note: 'restored from version 1',
    });
  });

  test('a stale update answers the current document and writes nothing', async () => {
    await segments.create('s', write('One', 'v1', T1), null);
    await segments.update('s', 1, write('Two', 'v2', T2));
    const before = await snapshot(segments, ['s']);
    const stale = await segments.update('s', 1, write('Late', 'late', T3));
    expect(stale).toEqual({ ok: false, reason: 'stale', current: await segments.get('s') });
    expect(await snapshot(segments, ['s'])).toEqual(before);
  });

  test('a stale delete answers the current document and deletes nothing', async () => {
    await segments.create('s', write('One', 'v1', T1), null);
    await segments.update('s', 1, write('Two', 'v2', T2));
    const before = await snapshot(segments, ['s']);
    expect(await segments.delete('s', 1)).toEqual({
      ok: false,
      reason: 'stale',
      current: await segments.get('s'),
    });
    expect(await snapshot(segments, ['s'])).toEqual(before);
  });

  test.each([
    ['the current version', 2],
    ['no version (unconditional)', null],
  ])('delete with %s removes the document and its history, not its key', async (_l, expected) => {
    await segments.create('s', write('One', 'v1', T1), { key: 'k', fingerprint: 'f' });
    await segments.update('s', 1, write('Two', 'v2', T2));
    expect(await segments.delete('s', expected)).toEqual({ ok: true });
    expect(await segments.get('s')).toBeNull();
    expect(await segments.versions('s')).toBeNull();
    expect(await segments.version('s', 1)).toBeNull();
    expect(await segments.list()).toEqual([]);
    // A retried create must find what the key made, even gone: the key stays.
    expect(await segments.idempotencyRecord('k')).toEqual({ key: 'k', fingerprint: 'f', id: 's' });
  });

  test('Idempotency-Keys are recorded per kind', async () => {
    await segments.create('s1', write('S', 'x', T1), { key: 'k', fingerprint: 'seg' });
    expect(await segments.idempotencyRecord('k')).toEqual({
      key: 'k',
      fingerprint: 'seg',
      id: 's1',
    });
    expect(await campaigns.idempotencyRecord('k')).toBeNull();
    await campaigns.create('c1', write('C', 'x', T1), { key: 'k', fingerprint: 'cmp' });
    expect(await campaigns.idempotencyRecord('k')).toEqual({
      key: 'k',
      fingerprint: 'cmp',
      id: 'c1',
    });
    expect((await segments.idempotencyRecord('k'))?.id).toBe('s1');
  });

  test('two kinds do not see each other’s documents, even under the same id', async () => {
    await segments.create('x', write('A segment', 's', T1), null);
    await campaigns.create('x', write('A campaign', 'c', T2), null);
    await campaigns.update('x', 1, write('A campaign, v2', 'c2', T3));
    expect((await segments.list()).map((d) => [d.kind, d.body.name])).toEqual([
      ['segment', 'A segment'],
    ]);
    expect((await campaigns.list()).map((d) => [d.kind, d.version])).toEqual([['campaign', 2]]);
    expect(await segments.versions('x')).toHaveLength(1);
    expect(await segments.delete('x', null)).toEqual({ ok: true });
    expect((await campaigns.get('x'))?.body.name).toBe('A campaign, v2');
    expect(await campaigns.versions('x')).toHaveLength(2);
  });

  describe('a refused or failed write leaves nothing behind', () => {
    beforeEach(async () => {
      await segments.importOnce([
        {
          id: 'loaded',
          version: 3,
          body: { name: 'L', text: 'l' },
          author: 'a',
          at: T1,
          note: 'i',
        },
      ]);
      await segments.create('taken', write('Taken', 't', T1), { key: 'used', fingerprint: 'f' });
    });

    test.each<[string, (docs: VersionedDocuments<Note>) => Promise<unknown>]>([
      [
        'a create whose Idempotency-Key is taken (its rows are written first, then undone)',
        (docs) => docs.create('fresh', write('F', 'f', T2), { key: 'used', fingerprint: 'g' }),
      ],
      [
        'a create whose id is taken by a document with a history from version 3',
        (docs) => docs.create('loaded', write('F', 'f', T2), null),
      ],
      [
        'a create whose body does not fit the schema',
        (docs) => docs.create('fresh', write('F', '', T2), null),
      ],
      [
        'an update whose body does not fit the schema',
        (docs) => docs.update('taken', 1, write('F', '', T2)),
      ],
      [
        'a second import of a kind (once per load)',
        (docs) =>
          docs.importOnce([
            {
              id: 'again',
              version: 1,
              body: { name: 'A', text: 'a' },
              author: 'a',
              at: T2,
              note: '',
            },
          ]),
      ],
    ])('%s', async (_label, attempt) => {
      const ids = ['loaded', 'taken', 'fresh', 'again'];
      const before = await snapshot(segments, ids);
      const versionsBefore = await segments.versions('loaded');
      await attempt(segments).then(
        (answer) => expect(answer).toBe(false),
        (error: unknown) => expect(error).toBeInstanceOf(Error),
      );
      expect(await snapshot(segments, ids)).toEqual(before);
      expect(await segments.versions('loaded')).toEqual(versionsBefore);
      expect((await segments.idempotencyRecord('used'))?.id).toBe('taken');
    });

    test('an import with two documents of one id writes neither, and the kind can import later', async () => {
      const body = { name: 'C', text: 'c' };
      const twice = { id: 'dup', version: 1, body, author: 'a', at: T1, note: '' };
      await expect(campaigns.importOnce([twice, { ...twice, version: 2 }])).rejects.toThrow();
      expect(await campaigns.list()).toEqual([]);
      expect(await campaigns.importOnce([twice])).toBe(true);
      expect((await campaigns.list()).map((d) => d.id)).toEqual(['dup']);
    });
  });

  test('a stored body that no longer fits its schema is reported, never served', async () => {
    await segments.create('fine', write('Fine', 'ok', T1), null);
    // Written behind the typed view, as a hand-edited or damaged store would hold it.
    await fixture.repository.create(
      'segment',
      'broken',
      { body: { name: 'Broken', text: 42 }, author: 'x', note: '', at: T1 },
      null,
    );
    await expect(segments.get('broken')).rejects.toThrow(
      "The stored body of segment 'broken' at version 1 does not fit its schema (text:",
    );
    await expect(segments.version('broken', 1)).rejects.toThrow('does not fit its schema');
    await expect(segments.list()).rejects.toThrow("segment 'broken'");
    // The summaries hold no body, and the other documents read as before.
    expect((await segments.versions('broken'))?.map((v) => v.name)).toEqual(['Broken']);
    expect((await segments.get('fine'))?.body).toEqual({ name: 'Fine', text: 'ok' });
  });

  test('the repository refuses a body that is not an object with a name', async () => {
    for (const body of [null, 'text', [], { title: 'no name' }, { name: 3 }]) {
      await expect(
        fixture.repository.create('segment', 'odd', { body, author: 'x', note: '', at: T1 }, null),
      ).rejects.toThrow('A segment body must be a JSON object with a string name.');
    }
    expect(await fixture.repository.list('segment')).toEqual([]);
  });

  test('two updates racing for the same version: exactly one is saved', async () => {
    await segments.create('s', write('One', 'v1', T1), null);
    const results = await Promise.all([
      segments.update('s', 1, write('Mine', 'm', T2)),
      segments.update('s', 1, write('Theirs', 't', T2)),
    ]);
    const saved = results.filter((r) => r.ok);
    const stale = results.filter((r) => !r.ok);
    expect(saved).toHaveLength(1);
    expect(stale).toEqual([{ ok: false, reason: 'stale', current: await segments.get('s') }]);
    expect((await segments.versions('s'))?.map((v) => v.version)).toEqual([2, 1]);
  });

  test('creates racing with one Idempotency-Key: exactly one is created', async () => {
    const claim = { key: 'k', fingerprint: 'f' };
    const results = await Promise.allSettled(
      ['a', 'b', 'c'].map((id) => segments.create(id, write(id, 'x', T1), claim)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const record = await segments.idempotencyRecord('k');
    expect((await segments.list()).map((d) => d.id)).toEqual([record?.id]);
  });

  test('a loaded document starts its history at its version, once per load', async () => {
    const loaded = {
      id: 'l',
      version: 4,
      body: { name: 'Loaded', text: 'l' },
      author: 'camille',
      at: T1,
      note: 'imported at version 4',
    };
    expect(await segments.importOnce([loaded])).toBe(true);
    expect(await segments.get('l')).toMatchObject({ version: 4, created_at: T1, updated_at: T1 });
    expect(await segments.versions('l')).toEqual([
      { version: 4, name: 'Loaded', author: 'camille', at: T1, note: 'imported at version 4' },
    ]);
    expect(await segments.importOnce([{ ...loaded, id: 'm' }])).toBe(false);
    expect(await segments.get('m')).toBeNull();
    // Another kind imports on its own.
    expect(await campaigns.importOnce([{ ...loaded, id: 'm' }])).toBe(true);
    expect((await segments.update('l', 4, write('Edited', 'e', T2))).ok).toBe(true);
  });

  test('what a read returns is a copy: changing it changes nothing held', async () => {
    const created = await segments.create('s', write('One', 'v1', T1), null);
    created.body.name = 'Changed';
    const got = await segments.get('s');
    if (got === null) throw new Error('missing');
    got.body.text = 'changed';
    const [listed] = await segments.list();
    if (listed) listed.body.text = 'changed';
    const version = await segments.version('s', 1);
    if (version) version.body.text = 'changed';
    expect((await segments.get('s'))?.body).toEqual({ name: 'One', text: 'v1' });
    expect((await segments.version('s', 1))?.body).toEqual({ name: 'One', text: 'v1' });
  });
});
