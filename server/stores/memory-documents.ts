// Versioned documents in memory: each document's current version, its history and the
// Idempotency-Keys that created documents, per kind. Every write checks everything first, then
// changes the maps in one synchronous step (all or nothing); reads return copies, so nothing
// outside changes what is held. Listeners hear each write that succeeded: the browser demo
// journals them (mocks/journaled-store.ts).
import { compareText } from '../../src/domain/compare.ts';
import {
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

/** A write that succeeded, with what it was given: replaying it on the same documents redoes it. */
export type CommittedWrite =
  | {
      op: 'create';
      kind: DocumentKind;
      id: string;
      write: DocumentWrite;
      idempotency: IdempotencyClaim | null;
    }
  | { op: 'update'; kind: DocumentKind; id: string; expected: number; write: DocumentWrite }
  | { op: 'delete'; kind: DocumentKind; id: string; expected: number | null };

interface Held {
  head: StoredDocument;
  /** Oldest first. */
  history: DocumentVersion[];
}

export class MemoryDocuments implements DocumentRepository {
  private readonly documents = new Map<DocumentKind, Map<string, Held>>();
  private readonly keys = new Map<DocumentKind, Map<string, IdempotencyRecord>>();
  private readonly imported = new Set<DocumentKind>();
  private readonly listeners: ((write: CommittedWrite) => void)[] = [];
  private changes = 0;

  /** Bumped by every write: what a cache of the documents compares to know it is current. */
  get revision(): number {
    return this.changes;
  }

  /** Hears every write that succeeded, after it is done. */
  listen(listener: (write: CommittedWrite) => void): void {
    this.listeners.push(listener);
  }

  private committed(write: CommittedWrite): void {
    this.changes += 1;
    for (const listener of this.listeners) listener(structuredClone(write));
  }

  private of(kind: DocumentKind): Map<string, Held> {
    let held = this.documents.get(kind);
    if (!held) this.documents.set(kind, (held = new Map()));
    return held;
  }

  private keysOf(kind: DocumentKind): Map<string, IdempotencyRecord> {
    let keys = this.keys.get(kind);
    if (!keys) this.keys.set(kind, (keys = new Map()));
    return keys;
  }

  /**
   * The current documents of a kind as held, not copied, for synchronous readers in this process
   * (the memory store's segment evaluator); they must not change them.
   */
  heldNow(kind: DocumentKind): readonly StoredDocument[] {
    return [...this.of(kind).values()].map((h) => h.head);
  }

  async list(kind: DocumentKind): Promise<StoredDocument[]> {
    return [...this.of(kind).values()]
      .map((h) => structuredClone(h.head))
      .sort((a, b) => compareText(a.id, b.id));
  }

  async get(kind: DocumentKind, id: string): Promise<StoredDocument | null> {
    const held = this.of(kind).get(id);
    return held ? structuredClone(held.head) : null;
  }

  async versions(kind: DocumentKind, id: string): Promise<DocumentVersionSummary[] | null> {
    const held = this.of(kind).get(id);
    if (!held) return null;
    return held.history
      .map(({ version, body, author, at, note }) => ({
        version,
        name: documentName(kind, body),
        author,
        at,
        note,
      }))
      .reverse();
  }

  async version(kind: DocumentKind, id: string, version: number): Promise<DocumentVersion | null> {
    const found = this.of(kind)
      .get(id)
      ?.history.find((v) => v.version === version);
    return found ? structuredClone(found) : null;
  }

  async idempotencyRecord(kind: DocumentKind, key: string): Promise<IdempotencyRecord | null> {
    const record = this.keysOf(kind).get(key);
    return record ? { ...record } : null;
  }

  async create(
    kind: DocumentKind,
    id: string,
    write: DocumentWrite,
    idempotency: IdempotencyClaim | null,
  ): Promise<StoredDocument> {
    documentName(kind, write.body);
    const documents = this.of(kind);
    const keys = this.keysOf(kind);
    if (documents.has(id)) throw new Error(`The ${kind} '${id}' exists already.`);
    if (idempotency && keys.has(idempotency.key)) {
      throw new Error(`This Idempotency-Key was used already for a ${kind}.`);
    }
    const head = headOf(kind, id, 1, write, write.at);
    documents.set(id, { head, history: [versionOf(head, write.note)] });
    if (idempotency) keys.set(idempotency.key, { ...idempotency, id });
    this.committed({ op: 'create', kind, id, write, idempotency });
    return structuredClone(head);
  }

  async update(
    kind: DocumentKind,
    id: string,
    expectedVersion: number,
    write: DocumentWrite,
  ): Promise<SaveResult> {
    documentName(kind, write.body);
    const held = this.of(kind).get(id);
    if (!held) return { ok: false, reason: 'not_found' };
    if (held.head.version !== expectedVersion) {
      return { ok: false, reason: 'stale', current: structuredClone(held.head) };
    }
    const head = headOf(kind, id, expectedVersion + 1, write, held.head.created_at);
    held.head = head;
    held.history.push(versionOf(head, write.note));
    this.committed({ op: 'update', kind, id, expected: expectedVersion, write });
    return { ok: true, document: structuredClone(head) };
  }

  async delete(
    kind: DocumentKind,
    id: string,
    expectedVersion: number | null,
  ): Promise<DeleteResult> {
    const documents = this.of(kind);
    const held = documents.get(id);
    if (!held) return { ok: false, reason: 'not_found' };
    if (expectedVersion !== null && held.head.version !== expectedVersion) {
      return { ok: false, reason: 'stale', current: structuredClone(held.head) };
    }
    documents.delete(id);
    this.committed({ op: 'delete', kind, id, expected: expectedVersion });
    return { ok: true };
  }

  async importOnce(kind: DocumentKind, documents: readonly ImportedDocument[]): Promise<boolean> {
    return this.importNow(kind, documents);
  }

  /** importOnce, done before it returns: a store filling itself in its constructor needs that. */
  importNow(kind: DocumentKind, documents: readonly ImportedDocument[]): boolean {
    if (this.imported.has(kind)) return false;
    const held = this.of(kind);
    const ids = new Set<string>();
    for (const d of documents) {
      documentName(kind, d.body);
      if (held.has(d.id) || ids.has(d.id)) throw new Error(`The ${kind} '${d.id}' exists already.`);
      ids.add(d.id);
    }
    for (const d of documents) {
      const head: StoredDocument = {
        kind,
        id: d.id,
        version: d.version,
        body: structuredClone(d.body),
        author: d.author,
        created_at: d.at,
        updated_at: d.at,
      };
      held.set(d.id, { head, history: [versionOf(head, d.note)] });
    }
    this.imported.add(kind);
    this.changes += 1;
    return true;
  }
}

function headOf(
  kind: DocumentKind,
  id: string,
  version: number,
  write: DocumentWrite,
  createdAt: string,
): StoredDocument {
  return {
    kind,
    id,
    version,
    body: structuredClone(write.body),
    author: write.author,
    created_at: createdAt,
    updated_at: write.at,
  };
}

/** The history entry of a document's current content (sharing nothing with the head). */
function versionOf(head: StoredDocument, note: string): DocumentVersion {
  return {
    kind: head.kind,
    id: head.id,
    version: head.version,
    body: structuredClone(head.body),
    author: head.author,
    at: head.updated_at,
    note,
  };
}
