// One kind's documents, typed: every body is checked against the kind's schema before it is
// written and again when it is read back, so a body that does not fit (a bug, a hand-edited file)
// is refused at the door or reported as the corrupt data it is, never served as if it were valid.
import type { z } from 'zod';
import type {
  DeleteResult,
  DocumentKind,
  DocumentRepository,
  DocumentVersion,
  DocumentVersionSummary,
  DocumentWrite,
  IdempotencyClaim,
  IdempotencyRecord,
  ImportedDocument,
  SaveResult,
  StoredDocument,
} from './repository.ts';

/** A kind of document: its name in storage and the schema each of its bodies satisfies. */
export interface DocumentType<Body extends { name: string }> {
  readonly kind: DocumentKind;
  readonly body: z.ZodType<Body>;
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.map(String).join('.') || 'body'}: ${issue.message}` : 'invalid';
}

export class VersionedDocuments<Body extends { name: string }> {
  readonly kind: DocumentKind;

  constructor(
    private readonly repository: DocumentRepository,
    private readonly type: DocumentType<Body>,
  ) {
    this.kind = type.kind;
  }

  /** A body about to be written, as the schema outputs it; throws when it does not fit. */
  private toWrite(body: Body): Body {
    const parsed = this.type.body.safeParse(body);
    if (!parsed.success) {
      throw new Error(
        `This ${this.kind} body does not fit its schema (${firstIssue(parsed.error)}).`,
      );
    }
    return parsed.data;
  }

  /** A stored body; one that does not fit was not written by us as it is: a broken store. */
  private fromStore(id: string, version: number, body: unknown): Body {
    const parsed = this.type.body.safeParse(body);
    if (!parsed.success) {
      throw new Error(
        `The stored body of ${this.kind} '${id}' at version ${version} does not fit its schema ` +
          `(${firstIssue(parsed.error)}).`,
      );
    }
    return parsed.data;
  }

  /** A stored document of this kind, its body checked. */
  fromStored(stored: StoredDocument): StoredDocument<Body> {
    if (stored.kind !== this.kind) {
      throw new Error(`'${stored.id}' is a ${stored.kind}, not a ${this.kind}.`);
    }
    return { ...stored, body: this.fromStore(stored.id, stored.version, stored.body) };
  }

  private written(write: DocumentWrite<Body>): DocumentWrite<Body> {
    return { ...write, body: this.toWrite(write.body) };
  }

  /** By id. */
  async list(): Promise<StoredDocument<Body>[]> {
    return (await this.repository.list(this.kind)).map((d) => this.fromStored(d));
  }

  async get(id: string): Promise<StoredDocument<Body> | null> {
    const stored = await this.repository.get(this.kind, id);
    return stored === null ? null : this.fromStored(stored);
  }

  /** Newest first; null when no such document. */
  versions(id: string): Promise<DocumentVersionSummary[] | null> {
    return this.repository.versions(this.kind, id);
  }

  async version(id: string, version: number): Promise<DocumentVersion<Body> | null> {
    const stored = await this.repository.version(this.kind, id, version);
    return stored === null
      ? null
      : { ...stored, body: this.fromStore(id, stored.version, stored.body) };
  }

  idempotencyRecord(key: string): Promise<IdempotencyRecord | null> {
    return this.repository.idempotencyRecord(this.kind, key);
  }

  /** Version 1; throws, writing nothing, on a body that does not fit, a taken id or a taken key. */
  async create(
    id: string,
    write: DocumentWrite<Body>,
    idempotency: IdempotencyClaim | null,
  ): Promise<StoredDocument<Body>> {
    const created = await this.repository.create(this.kind, id, this.written(write), idempotency);
    return this.fromStored(created);
  }

  /** The next version if `expectedVersion` is current; else, writing nothing, why not. */
  async update(
    id: string,
    expectedVersion: number,
    write: DocumentWrite<Body>,
  ): Promise<SaveResult<Body>> {
    const result = await this.repository.update(
      this.kind,
      id,
      expectedVersion,
      this.written(write),
    );
    if (result.ok) return { ok: true, document: this.fromStored(result.document) };
    return result.reason === 'stale'
      ? { ...result, current: this.fromStored(result.current) }
      : result;
  }

  async delete(id: string, expectedVersion: number | null): Promise<DeleteResult<Body>> {
    const result = await this.repository.delete(this.kind, id, expectedVersion);
    if (result.ok) return result;
    return result.reason === 'stale'
      ? { ...result, current: this.fromStored(result.current) }
      : result;
  }

  /** The loaded data's documents of this kind, once per load (false when done already). */
  importOnce(documents: readonly ImportedDocument<Body>[]): Promise<boolean> {
    return this.repository.importOnce(
      this.kind,
      documents.map((d) => ({ ...d, body: this.toWrite(d.body) })),
    );
  }
}
