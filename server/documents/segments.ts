// Saved segments as versioned documents: a segment document's body is its name, description and
// definition; the API's SavedSegment and SegmentVersion are mapped from the document and its
// versions. The stores serve SavedSegmentStore through this, written once over any repository.
import { z } from 'zod';
import {
  segmentAudience,
  type SavedSegment,
  type SegmentVersion,
  type SegmentVersionSummary,
} from '../../src/api/contract.ts';
import type { Segment } from '../../src/domain/profile/schema.ts';
import { segmentDefinition } from '../../src/domain/segment/definition.ts';
import { parseDefinition } from '../../src/domain/segment/parse-definition.ts';
import { importedNote } from '../../src/domain/version-notes.ts';
import type {
  IdempotencyClaim,
  IdempotencyRecord,
  SegmentDeleteResult,
  SegmentSaveResult,
  SegmentWrite,
} from '../store.ts';
import type {
  DocumentRepository,
  DocumentVersion,
  ImportedDocument,
  StoredDocument,
} from './repository.ts';
import { VersionedDocuments, type DocumentType } from './versioned-documents.ts';

export const segmentBody = z.object({
  name: z.string(),
  description: z.string(),
  definition: segmentDefinition,
  /**
   * The definition's audience counted when the version was saved (absent from versions saved
   * before counts were kept, null when the count failed: the save does not wait on it).
   */
  audience: segmentAudience.nullable().optional(),
});
export type SegmentBody = z.infer<typeof segmentBody>;

export const segmentDocuments: DocumentType<SegmentBody> = { kind: 'segment', body: segmentBody };

export function savedSegmentOf(document: StoredDocument<SegmentBody>): SavedSegment {
  const { name, description, definition } = document.body;
  return {
    segment_id: document.id,
    name,
    description,
    definition,
    version: document.version,
    author: document.author,
    created_at: document.created_at,
    updated_at: document.updated_at,
  };
}

export function segmentVersionOf(version: DocumentVersion<SegmentBody>): SegmentVersion {
  const { name, description, definition, audience } = version.body;
  return {
    segment_id: version.id,
    version: version.version,
    name,
    description,
    definition,
    audience: audience ?? null,
    author: version.author,
    at: version.at,
    note: version.note,
  };
}

/**
 * A segment as loaded with the data, as a document whose history starts at its loaded version;
 * null when its definition does not parse (it is then not a saved segment at all). Its
 * description is empty: the data has none.
 */
export function importedSegment(row: Segment): ImportedDocument<SegmentBody> | null {
  const parsed = parseDefinition(row.definition);
  if (!parsed.ok) return null;
  return {
    id: row.segment_id,
    version: row.version,
    body: { name: row.name, description: '', definition: parsed.definition },
    author: row.author,
    at: row.updated_at,
    note: importedNote(row.version),
  };
}

/** The loaded segments that are saved segments, the first of each id. */
export function importedSegments(rows: readonly Segment[]): ImportedDocument<SegmentBody>[] {
  const seen = new Set<string>();
  return rows.flatMap((row) => {
    const imported = importedSegment(row);
    if (imported === null || seen.has(imported.id)) return [];
    seen.add(imported.id);
    return [imported];
  });
}

const toWrite = ({ name, description, definition, audience, author, note, at }: SegmentWrite) => ({
  body: { name, description, definition, audience },
  author,
  note,
  at,
});

/** Saved segments over a repository: what a store's SavedSegmentStore methods answer. */
export class SavedSegments {
  protected readonly documents: VersionedDocuments<SegmentBody>;

  constructor(repository: DocumentRepository) {
    this.documents = new VersionedDocuments(repository, segmentDocuments);
  }

  /** By id. */
  async list(): Promise<SavedSegment[]> {
    return (await this.documents.list()).map(savedSegmentOf);
  }

  async get(segmentId: string): Promise<SavedSegment | null> {
    const document = await this.documents.get(segmentId);
    return document === null ? null : savedSegmentOf(document);
  }

  /** Newest first; null when no such segment. */
  versions(segmentId: string): Promise<SegmentVersionSummary[] | null> {
    return this.documents.versions(segmentId);
  }

  async version(segmentId: string, version: number): Promise<SegmentVersion | null> {
    const found = await this.documents.version(segmentId, version);
    return found === null ? null : segmentVersionOf(found);
  }

  idempotencyRecord(key: string): Promise<IdempotencyRecord | null> {
    return this.documents.idempotencyRecord(key);
  }

  async create(
    segmentId: string,
    write: SegmentWrite,
    idempotency: IdempotencyClaim | null,
  ): Promise<SavedSegment> {
    return savedSegmentOf(await this.documents.create(segmentId, toWrite(write), idempotency));
  }

  async update(
    segmentId: string,
    expectedVersion: number,
    write: SegmentWrite,
  ): Promise<SegmentSaveResult> {
    const result = await this.documents.update(segmentId, expectedVersion, toWrite(write));
    if (result.ok) return { ok: true, segment: savedSegmentOf(result.document) };
    return result.reason === 'stale'
      ? { ok: false, reason: 'stale', current: savedSegmentOf(result.current) }
      : result;
  }

  async delete(segmentId: string, expectedVersion: number | null): Promise<SegmentDeleteResult> {
    const result = await this.documents.delete(segmentId, expectedVersion);
    if (result.ok) return result;
    return result.reason === 'stale'
      ? { ok: false, reason: 'stale', current: savedSegmentOf(result.current) }
      : result;
  }

  /** The loaded data's segments, once per load. */
  importLoaded(rows: readonly Segment[]): Promise<boolean> {
    return this.documents.importOnce(importedSegments(rows));
  }
}
