// Versioned documents on the DuckDB store: the current version of each in `documents`, every
// version in `document_versions`, the Idempotency-Keys that created documents in
// `document_idempotency_keys`, the kinds imported from the loaded data in `document_imports` (all
// keyed by kind). Writes run one at a time, each in one transaction (all of it or nothing); each
// kind's list is read once and kept until the next write of that kind or the next load.
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { compareText } from '../../src/domain/compare.ts';
import {
  DOCUMENT_KINDS,
  documentName,
  type DeleteResult,
  type DocumentKind,
  type DocumentRepository,
  type DocumentVersion,
  type DocumentVersionSummary,
  type DocumentWrite,
  type IdempotencyClaim,
  type IdempotencyRecord,
  type ImportedDocument,
  type SaveResult,
  type StoredDocument,
} from '../documents/repository.ts';
import { INSTANT_FORMAT } from './duckdb-schema.ts';
import { detached } from '../request-scope.ts';
import { instantValue, toNumber, toText, type Row } from './duckdb-values.ts';

/** Runs work on a connection of the store's pool. */
export type ConnectionRunner = <T>(
  work: (connection: DuckDBConnection) => Promise<T>,
) => Promise<T>;

const instant = (column: string) => `strftime("${column}", '${INSTANT_FORMAT}') AS "${column}"`;
const HEAD_COLUMNS = `kind, id, version, body::VARCHAR AS body, author, ${instant('created_at')},
  ${instant('updated_at')}`;
const VERSION_COLUMNS = `kind, id, version, body::VARCHAR AS body, author, ${instant('at')}, note`;

/**
 * Runs `sql` with bound values, prepared afresh each time. Not through duckdb-values' statement
 * cache: DuckDB plans a prepared statement with the table statistics of the moment, and these
 * tables change under it. A SELECT … ORDER BY prepared on an empty table and run again after an
 * insert returned garbled strings, and a WHERE on a string column returned no rows (DuckDB 1.5.5).
 */
async function queryRows(
  connection: DuckDBConnection,
  sql: string,
  values: DuckDBValue[] = [],
): Promise<Row[]> {
  const reader = await connection.runAndReadAll(sql, values);
  return reader.getRowObjects();
}

async function transaction<T>(connection: DuckDBConnection, work: () => Promise<T>): Promise<T> {
  await connection.run('BEGIN TRANSACTION');
  try {
    const result = await work();
    await connection.run('COMMIT');
    return result;
  } catch (error: unknown) {
    await connection.run('ROLLBACK');
    throw error;
  }
}

/** A kind as stored; the column holds only what a write put there. */
function kindOf(value: DuckDBValue): DocumentKind {
  const text = toText(value);
  const kind = DOCUMENT_KINDS.find((k) => k === text);
  if (kind === undefined) throw new Error(`Unknown document kind '${text}' in the store.`);
  return kind;
}

function bodyOf(row: Row): unknown {
  const text = toText(row.body ?? null);
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`The stored body of '${toText(row.id ?? null)}' is not JSON.`);
  }
}

function headOf(row: Row): StoredDocument {
  return {
    kind: kindOf(row.kind ?? null),
    id: toText(row.id ?? null),
    version: toNumber(row.version ?? null),
    body: bodyOf(row),
    author: toText(row.author ?? null),
    created_at: toText(row.created_at ?? null),
    updated_at: toText(row.updated_at ?? null),
  };
}

function versionOf(row: Row): DocumentVersion {
  return {
    kind: kindOf(row.kind ?? null),
    id: toText(row.id ?? null),
    version: toNumber(row.version ?? null),
    body: bodyOf(row),
    author: toText(row.author ?? null),
    at: toText(row.at ?? null),
    note: toText(row.note ?? null),
  };
}

async function readHead(
  connection: DuckDBConnection,
  kind: DocumentKind,
  id: string,
): Promise<StoredDocument | null> {
  const [row] = await queryRows(
    connection,
    `SELECT ${HEAD_COLUMNS} FROM documents WHERE kind = $1 AND id = $2`,
    [kind, id],
  );
  return row ? headOf(row) : null;
}

/** Writes a version's row and (over the previous one, if any) the document's current row. */
async function writeVersion(
  connection: DuckDBConnection,
  head: StoredDocument,
  note: string,
  replacing: boolean,
): Promise<void> {
  const body = JSON.stringify(head.body);
  await queryRows(connection, 'INSERT INTO document_versions VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    head.kind,
    head.id,
    head.version,
    body,
    head.author,
    instantValue(head.updated_at),
    note,
  ]);
  if (replacing) {
    await queryRows(
      connection,
      `UPDATE documents SET version = $3, body = $4, author = $5, updated_at = $6
        WHERE kind = $1 AND id = $2`,
      [head.kind, head.id, head.version, body, head.author, instantValue(head.updated_at)],
    );
  } else {
    await queryRows(connection, 'INSERT INTO documents VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      head.kind,
      head.id,
      head.version,
      body,
      head.author,
      instantValue(head.created_at),
      instantValue(head.updated_at),
    ]);
  }
}

function nextHead(
  kind: DocumentKind,
  id: string,
  version: number,
  write: DocumentWrite,
  createdAt: string,
): StoredDocument {
  documentName(kind, write.body);
  return {
    kind,
    id,
    version,
    body: write.body,
    author: write.author,
    created_at: createdAt,
    updated_at: write.at,
  };
}

/** One imported document, its history starting at its imported version. */
async function writeImported(
  connection: DuckDBConnection,
  kind: DocumentKind,
  d: ImportedDocument,
): Promise<void> {
  const write = { body: d.body, author: d.author, note: d.note, at: d.at };
  await writeVersion(connection, nextHead(kind, d.id, d.version, write, d.at), d.note, false);
}

/**
 * The loaded data's documents of a kind, once per load, on `connection` (the store's reload runs
 * it on its own connection). False, writing nothing, when that kind was imported already.
 */
export function importDocuments(
  connection: DuckDBConnection,
  kind: DocumentKind,
  documents: readonly ImportedDocument[],
): Promise<boolean> {
  return transaction(connection, async () => {
    const [done] = await queryRows(
      connection,
      'SELECT count(*)::INTEGER AS n FROM document_imports WHERE kind = $1',
      [kind],
    );
    if (toNumber(done?.n ?? null) > 0) return false;
    for (const d of documents) await writeImported(connection, kind, d);
    await queryRows(
      connection,
      'INSERT INTO document_imports VALUES ($1, current_timestamp::TIMESTAMP)',
      [kind],
    );
    return true;
  });
}

/**
 * Writes those of `documents` whose id has no document of `kind` yet; answers how many. For data
 * imported on top of a store (server/import), inside the import's transaction: what was edited
 * stays as it is.
 */
export async function addDocuments(
  connection: DuckDBConnection,
  kind: DocumentKind,
  documents: readonly ImportedDocument[],
): Promise<number> {
  const rows = await queryRows(connection, 'SELECT id FROM documents WHERE kind = $1', [kind]);
  const existing = new Set(rows.map((r) => toText(r.id ?? null)));
  let added = 0;
  for (const d of documents) {
    if (existing.has(d.id)) continue;
    await writeImported(connection, kind, d);
    added += 1;
  }
  return added;
}

export class DuckDbDocuments implements DocumentRepository {
  private writes: Promise<unknown> = Promise.resolve();
  private readonly lists = new Map<DocumentKind, Promise<StoredDocument[]>>();
  /** Bumped whenever a kind's list is dropped: what a reader derived from a list is good while it holds. */
  private readonly generations = new Map<DocumentKind | 'all', number>();

  constructor(private readonly run: ConnectionRunner) {}

  /** Drops every kept list: after a load (or anything else that wrote behind this repository). */
  forget(): void {
    this.lists.clear();
    this.bump('all');
  }

  /** Changes whenever the kind's documents may have changed. */
  generation(kind: DocumentKind): string {
    return `${this.generations.get('all') ?? 0}.${this.generations.get(kind) ?? 0}`;
  }

  private bump(kind: DocumentKind | 'all'): void {
    this.generations.set(kind, (this.generations.get(kind) ?? 0) + 1);
  }

  /** One write at a time, each dropping the kind's list on both sides: a read that began before
   * the write cannot keep the old list. */
  private write<T>(kind: DocumentKind, work: (connection: DuckDBConnection) => Promise<T>) {
    const run = this.writes.then(() => this.run(work));
    this.writes = run.catch(() => undefined);
    this.lists.delete(kind);
    this.bump(kind);
    return run.finally(() => {
      this.lists.delete(kind);
      this.bump(kind);
    });
  }

  async list(kind: DocumentKind): Promise<StoredDocument[]> {
    let list = this.lists.get(kind);
    if (list === undefined) {
      // Shared by every request that reads the list: not stopped when the first one leaves.
      const pending = detached(() =>
        this.run(async (c) => {
          const rows = await queryRows(c, `SELECT ${HEAD_COLUMNS} FROM documents WHERE kind = $1`, [
            kind,
          ]);
          // DuckDB orders VARCHAR by bytes; the order promised is code units.
          return rows.map(headOf).sort((a, b) => compareText(a.id, b.id));
        }),
      );
      pending.catch(() => {
        if (this.lists.get(kind) === pending) this.lists.delete(kind);
      });
      this.lists.set(kind, pending);
      list = pending;
    }
    return structuredClone(await list);
  }

  get(kind: DocumentKind, id: string): Promise<StoredDocument | null> {
    return this.run((c) => readHead(c, kind, id));
  }

  versions(kind: DocumentKind, id: string): Promise<DocumentVersionSummary[] | null> {
    return this.run(async (c) => {
      const rows = await queryRows(
        c,
        `SELECT version, json_extract_string(body, '$.name') AS name, author, ${instant('at')}, note
           FROM document_versions WHERE kind = $1 AND id = $2 ORDER BY version DESC`,
        [kind, id],
      );
      if (rows.length === 0) return null;
      return rows.map((row) => ({
        version: toNumber(row.version ?? null),
        name: toText(row.name ?? null),
        author: toText(row.author ?? null),
        at: toText(row.at ?? null),
        note: toText(row.note ?? null),
      }));
    });
  }

  version(kind: DocumentKind, id: string, version: number): Promise<DocumentVersion | null> {
    return this.run(async (c) => {
      const [row] = await queryRows(
        c,
        `SELECT ${VERSION_COLUMNS} FROM document_versions
          WHERE kind = $1 AND id = $2 AND version = $3`,
        [kind, id, version],
      );
      return row ? versionOf(row) : null;
    });
  }

  idempotencyRecord(kind: DocumentKind, key: string): Promise<IdempotencyRecord | null> {
    return this.run(async (c) => {
      const [row] = await queryRows(
        c,
        'SELECT fingerprint, id FROM document_idempotency_keys WHERE kind = $1 AND "key" = $2',
        [kind, key],
      );
      if (!row) return null;
      return { key, fingerprint: toText(row.fingerprint ?? null), id: toText(row.id ?? null) };
    });
  }

  create(
    kind: DocumentKind,
    id: string,
    write: DocumentWrite,
    idempotency: IdempotencyClaim | null,
  ): Promise<StoredDocument> {
    return this.write(kind, (c) =>
      transaction(c, async () => {
        const head = nextHead(kind, id, 1, write, write.at);
        if ((await readHead(c, kind, id)) !== null) {
          throw new Error(`The ${kind} '${id}' exists already.`);
        }
        await writeVersion(c, head, write.note, false);
        if (idempotency) {
          // Checked after the document's rows are written: a taken key rolls them back.
          const taken = await queryRows(
            c,
            'SELECT 1 FROM document_idempotency_keys WHERE kind = $1 AND "key" = $2',
            [kind, idempotency.key],
          );
          if (taken.length > 0) {
            throw new Error(`This Idempotency-Key was used already for a ${kind}.`);
          }
          await queryRows(c, 'INSERT INTO document_idempotency_keys VALUES ($1, $2, $3, $4, $5)', [
            kind,
            idempotency.key,
            idempotency.fingerprint,
            id,
            instantValue(write.at),
          ]);
        }
        return structuredClone(head);
      }),
    );
  }

  update(
    kind: DocumentKind,
    id: string,
    expectedVersion: number,
    write: DocumentWrite,
  ): Promise<SaveResult> {
    return this.write(kind, (c) =>
      transaction(c, async (): Promise<SaveResult> => {
        const current = await readHead(c, kind, id);
        if (current === null) return { ok: false, reason: 'not_found' };
        if (current.version !== expectedVersion) return { ok: false, reason: 'stale', current };
        const head = nextHead(kind, id, expectedVersion + 1, write, current.created_at);
        await writeVersion(c, head, write.note, true);
        return { ok: true, document: structuredClone(head) };
      }),
    );
  }

  delete(kind: DocumentKind, id: string, expectedVersion: number | null): Promise<DeleteResult> {
    return this.write(kind, (c) =>
      transaction(c, async (): Promise<DeleteResult> => {
        const current = await readHead(c, kind, id);
        if (current === null) return { ok: false, reason: 'not_found' };
        if (expectedVersion !== null && current.version !== expectedVersion) {
          return { ok: false, reason: 'stale', current };
        }
        await queryRows(c, 'DELETE FROM document_versions WHERE kind = $1 AND id = $2', [kind, id]);
        await queryRows(c, 'DELETE FROM documents WHERE kind = $1 AND id = $2', [kind, id]);
        return { ok: true };
      }),
    );
  }

  importOnce(kind: DocumentKind, documents: readonly ImportedDocument[]): Promise<boolean> {
    return this.write(kind, (c) => importDocuments(c, kind, documents));
  }
}
