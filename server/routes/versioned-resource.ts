// The steps every versioned document's routes take (saved segments, campaigns, guardrail policies),
// over that kind's own reads and writes: the current document or its 404, a version or the 404
// naming those held, the answer with its ETag, a save that appends a version or is the 412 it is,
// a delete, a create that replays an Idempotency-Key. Each kind's routes keep what is their own:
// parsing, validation, what may be deleted, the diff. See docs/decisions/012-versioned-documents.md.
import type { Context } from 'hono';
import type { DocumentVersionSummary, IdempotencyRecord } from '../documents/repository.ts';
import type { HttpError } from '../http.ts';
import {
  idempotentReplay,
  markReplayed,
  preconditionFailed,
  versionedResponse,
  versionNotFound,
  type CurrentVersion,
  type VersionedNoun,
} from './versioned-http.ts';

/** What a save or a delete did: done, no such document, or stale (nothing written). */
export type Outcome<Done, Doc> =
  Done | { ok: false; reason: 'not_found' } | { ok: false; reason: 'stale'; current: Doc };

/** A kind's documents as its routes read and write them (in the API's shapes). */
export interface VersionedAccess<Doc, Version, Write> {
  get(id: string): Promise<Doc | null>;
  /** Newest first; null when no such document. */
  versions(id: string): Promise<DocumentVersionSummary[] | null>;
  version(id: string, version: number): Promise<Version | null>;
  idempotencyRecord(key: string): Promise<IdempotencyRecord | null>;
  update(
    id: string,
    expected: number,
    write: Write,
  ): Promise<Outcome<{ ok: true; document: Doc }, Doc>>;
  delete(id: string, expected: number | null): Promise<Outcome<{ ok: true }, Doc>>;
}

export interface VersionedKind<Doc> {
  /** "segment", "campaign": how messages name one. */
  noun: VersionedNoun;
  /** Where one lives: `/api/campaigns/<id>`. */
  location(document: Doc): string;
  /** The 404 for an id with no document. */
  notFound(id: string): HttpError;
}

export class VersionedResource<Doc extends CurrentVersion, Version, Write> {
  constructor(
    private readonly kind: VersionedKind<Doc>,
    private readonly access: VersionedAccess<Doc, Version, Write>,
  ) {}

  /** The document as it is now, or its 404. */
  async current(id: string): Promise<Doc> {
    const document = await this.access.get(id);
    if (document === null) throw this.kind.notFound(id);
    return document;
  }

  /** The history, newest first, or the document's 404. */
  async history(id: string): Promise<DocumentVersionSummary[]> {
    const found = await this.access.versions(id);
    if (found === null) throw this.kind.notFound(id);
    return found;
  }

  /** One version, or the 404 naming the versions held (or the document's 404). */
  async version(id: string, version: number): Promise<Version> {
    const found = await this.access.version(id, version);
    if (found !== null) return found;
    const versions = await this.access.versions(id);
    if (versions === null) throw this.kind.notFound(id);
    throw versionNotFound(
      this.kind.noun,
      id,
      version,
      versions.map((v) => v.version),
    );
  }

  /** The 412 when `expected` (from If-Match) is not the current version. */
  expectVersion(id: string, current: Doc, expected: number | null): void {
    if (expected !== null && current.version !== expected) {
      throw preconditionFailed(this.kind.noun, id, current, expected);
    }
  }

  /** Answers with the document and its ETag (a 201 also with its Location). */
  respond(c: Context, document: Doc, status: 200 | 201 = 200) {
    return versionedResponse(c, document, status, this.kind.location(document));
  }

  /** Appends a version if `expected` is still current, else the 412 (or 404) it is. */
  async append(id: string, expected: number, write: Write): Promise<Doc> {
    const result = await this.access.update(id, expected, write);
    if (result.ok) return result.document;
    throw result.reason === 'stale'
      ? preconditionFailed(this.kind.noun, id, result.current, expected)
      : this.kind.notFound(id);
  }

  /** Deletes it if `expected` (when given) is still current, else the 412 (or 404) it is. */
  async remove(id: string, expected: number | null): Promise<void> {
    const result = await this.access.delete(id, expected);
    if (result.ok) return;
    throw result.reason === 'stale'
      ? preconditionFailed(this.kind.noun, id, result.current, expected ?? 0)
      : this.kind.notFound(id);
  }

  /**
   * The answer to a create with this Idempotency-Key when it was sent before with the same request
   * (the document as it is now, marked replayed), else null: create it. A 409 when the key came
   * with another request or its document was deleted since.
   */
  async replay(c: Context, key: string | null, fingerprint: string): Promise<Response | null> {
    const noun = this.kind.noun;
    if (noun === 'policy') throw new Error('Policies are not created over the API.');
    const replayed = await idempotentReplay(key, fingerprint, noun, {
      record: (k) => this.access.idempotencyRecord(k),
      current: (id) => this.access.get(id),
    });
    if (replayed === null) return null;
    markReplayed(c);
    return this.respond(c, replayed);
  }
}
