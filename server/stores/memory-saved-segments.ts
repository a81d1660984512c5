// Saved segments in memory: each segment's current version, its history and the Idempotency-Keys
// that created segments. Every write is one synchronous step (all or nothing), and every read
// returns copies, so nothing outside the store changes what it holds.
import type {
  SavedSegment,
  SegmentVersion,
  SegmentVersionSummary,
} from '../../src/api/contract.ts';
import type { Segment } from '../../src/domain/profile/schema.ts';
import type { SegmentDefinition } from '../../src/domain/segment/definition.ts';
import {
  definitionsById,
  importedSegment,
  versionOf,
  type IdempotencyRecord,
  type SegmentDeleteResult,
  type SegmentSaveResult,
  type SegmentWrite,
} from '../store.ts';
import { compareText } from '../../src/domain/compare.ts';

export class MemorySavedSegments {
  private readonly heads = new Map<string, SavedSegment>();
  /** Oldest first. */
  private readonly history = new Map<string, SegmentVersion[]>();
  private readonly keys = new Map<string, IdempotencyRecord>();
  private cachedDefinitions: ReadonlyMap<string, SegmentDefinition> | null = null;

  constructor(loaded: readonly Segment[]) {
    for (const row of loaded) {
      const imported = importedSegment(row);
      if (imported === null || this.heads.has(row.segment_id)) continue;
      this.heads.set(row.segment_id, imported.segment);
      this.history.set(row.segment_id, [imported.version]);
    }
  }

  /** The current definitions by id, for membership conditions; rebuilt after a write. */
  definitions(): ReadonlyMap<string, SegmentDefinition> {
    this.cachedDefinitions ??= definitionsById([...this.heads.values()]);
    return this.cachedDefinitions;
  }

  list(): SavedSegment[] {
    return [...this.heads.values()]
      .sort((a, b) => compareText(a.segment_id, b.segment_id))
      .map((s) => structuredClone(s));
  }

  get(segmentId: string): SavedSegment | null {
    const head = this.heads.get(segmentId);
    return head ? structuredClone(head) : null;
  }

  versions(segmentId: string): SegmentVersionSummary[] | null {
    const history = this.history.get(segmentId);
    if (!history) return null;
    return history
      .map(({ version, name, author, at, note }) => ({ version, name, author, at, note }))
      .reverse();
  }

  version(segmentId: string, version: number): SegmentVersion | null {
    const found = this.history.get(segmentId)?.find((v) => v.version === version);
    return found ? structuredClone(found) : null;
  }

  idempotencyRecord(key: string): IdempotencyRecord | null {
    const record = this.keys.get(key);
    return record ? { ...record } : null;
  }

  create(
    segmentId: string,
    write: SegmentWrite,
    idempotency: { key: string; fingerprint: string } | null,
  ): SavedSegment {
    if (this.heads.has(segmentId)) throw new Error(`Segment ${segmentId} exists already.`);
    if (idempotency && this.keys.has(idempotency.key)) {
      throw new Error('This Idempotency-Key was used already.');
    }
    const segment = headOf(segmentId, 1, write, write.at);
    this.heads.set(segmentId, segment);
    this.history.set(segmentId, [versionOf(segment, write.note)]);
    if (idempotency) this.keys.set(idempotency.key, { ...idempotency, segmentId });
    this.cachedDefinitions = null;
    return structuredClone(segment);
  }

  update(segmentId: string, expectedVersion: number, write: SegmentWrite): SegmentSaveResult {
    const current = this.heads.get(segmentId);
    const history = this.history.get(segmentId);
    if (!current || !history) return { ok: false, reason: 'not_found' };
    if (current.version !== expectedVersion) {
      return { ok: false, reason: 'stale', current: structuredClone(current) };
    }
    const segment = headOf(segmentId, current.version + 1, write, current.created_at);
    this.heads.set(segmentId, segment);
    history.push(versionOf(segment, write.note));
    this.cachedDefinitions = null;
    return { ok: true, segment: structuredClone(segment) };
  }

  delete(segmentId: string, expectedVersion: number | null): SegmentDeleteResult {
    const current = this.heads.get(segmentId);
    if (!current) return { ok: false, reason: 'not_found' };
    if (expectedVersion !== null && current.version !== expectedVersion) {
      return { ok: false, reason: 'stale', current: structuredClone(current) };
    }
    this.heads.delete(segmentId);
    this.history.delete(segmentId);
    this.cachedDefinitions = null;
    return { ok: true };
  }
}

function headOf(
  segmentId: string,
  version: number,
  write: SegmentWrite,
  createdAt: string,
): SavedSegment {
  return {
    segment_id: segmentId,
    name: write.name,
    description: write.description,
    definition: structuredClone(write.definition),
    version,
    author: write.author,
    created_at: createdAt,
    updated_at: write.at,
  };
}
