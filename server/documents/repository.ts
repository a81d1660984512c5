// Versioned documents: what marketers save and edit together (segments, campaigns, guardrail
// policies), and the campaigns' audits, kept as they finished (one version each). Each store kind implements DocumentRepository once, over plain JSON bodies;
// versioned-documents.ts gives each kind a typed view that validates bodies with the kind's schema.
// See docs/decisions/012-versioned-documents.md.

export const DOCUMENT_KINDS = [
  'segment',
  'campaign',
  'guardrail_policy',
  'campaign_audit',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * A document as it is now (its latest version). Every body is a JSON object with a `name`: lists
 * and histories show it.
 */
export interface StoredDocument<Body = unknown> {
  kind: DocumentKind;
  id: string;
  version: number;
  body: Body;
  author: string;
  created_at: string;
  updated_at: string;
}

/** One entry of a document's history, without its body. */
export interface DocumentVersionSummary {
  version: number;
  /** The body's name at that version. */
  name: string;
  author: string;
  at: string;
  note: string;
}

/** One entry of a document's history, with the body as it was saved then. */
export interface DocumentVersion<Body = unknown> {
  kind: DocumentKind;
  id: string;
  version: number;
  body: Body;
  author: string;
  at: string;
  note: string;
}

/** One save: what the new version holds, who saved it, when (ISO) and why. */
export interface DocumentWrite<Body = unknown> {
  body: Body;
  author: string;
  note: string;
  at: string;
}

/** An Idempotency-Key (scoped by kind), the fingerprint of the create request first sent with it. */
export interface IdempotencyClaim {
  key: string;
  fingerprint: string;
}

/** A claimed Idempotency-Key and the document it created (which may have been deleted since). */
export interface IdempotencyRecord extends IdempotencyClaim {
  id: string;
}

export type SaveResult<Body = unknown> =
  | { ok: true; document: StoredDocument<Body> }
  | { ok: false; reason: 'not_found' }
  /** The expected version is not the current one: nothing was written. */
  | { ok: false; reason: 'stale'; current: StoredDocument<Body> };

export type DeleteResult<Body = unknown> =
  | { ok: true }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'stale'; current: StoredDocument<Body> };

/**
 * A document that came with the loaded data: its history starts at `version` with one entry, and
 * it was created when it was last updated (the data knows nothing older).
 */
export interface ImportedDocument<Body = unknown> {
  id: string;
  version: number;
  body: Body;
  author: string;
  at: string;
  note: string;
}

/**
 * Every kind's documents in one store. Each write is all or nothing and compares the expected
 * version itself; reads return copies. Bodies are stored as given: validating them is the typed
 * view's job (versioned-documents.ts), on the way in and on the way out.
 */
export interface DocumentRepository {
  /** The kind's documents, by id (code-unit order). */
  list(kind: DocumentKind): Promise<StoredDocument[]>;
  get(kind: DocumentKind, id: string): Promise<StoredDocument | null>;
  /** Newest first; null when no such document. */
  versions(kind: DocumentKind, id: string): Promise<DocumentVersionSummary[] | null>;
  version(kind: DocumentKind, id: string, version: number): Promise<DocumentVersion | null>;
  idempotencyRecord(kind: DocumentKind, key: string): Promise<IdempotencyRecord | null>;
  /**
   * Version 1 of a new document, recording the key that created it (if any). Throws, writing
   * nothing, when the id or the key is taken.
   */
  create(
    kind: DocumentKind,
    id: string,
    write: DocumentWrite,
    idempotency: IdempotencyClaim | null,
  ): Promise<StoredDocument>;
  /**
   * Appends version `expectedVersion + 1` if the current version is `expectedVersion`. A restore
   * is an update whose body is an older version's.
   */
  update(
    kind: DocumentKind,
    id: string,
    expectedVersion: number,
    write: DocumentWrite,
  ): Promise<SaveResult>;
  /**
   * Deletes the document and its history (if the current version is `expectedVersion`, when
   * given). Its Idempotency-Keys stay: a retried create must not silently make it again.
   */
  delete(kind: DocumentKind, id: string, expectedVersion: number | null): Promise<DeleteResult>;
  /**
   * Adds the loaded data's documents of a kind, once per load: answers false, writing nothing,
   * when that kind was imported already. Throws, writing nothing, on a taken id.
   */
  importOnce(kind: DocumentKind, documents: readonly ImportedDocument[]): Promise<boolean>;
}

/**
 * The name of a body about to be stored: every body is a JSON object with a string `name`, which
 * histories list without reading whole bodies. Throws on anything else.
 */
export function documentName(kind: DocumentKind, body: unknown): string {
  if (typeof body === 'object' && body !== null && !Array.isArray(body) && 'name' in body) {
    const { name } = body;
    if (typeof name === 'string') return name;
  }
  throw new Error(`A ${kind} body must be a JSON object with a string name.`);
}
