// Saved segments on the memory store: the generic segment documents over its memory repository,
// filled with the loaded segments at construction, plus the current definitions read synchronously
// for the evaluator (membership conditions), rebuilt after any write.
import type { Segment } from '../../src/domain/profile/schema.ts';
import type { SegmentDefinition } from '../../src/domain/segment/definition.ts';
import { importedSegments, SavedSegments, savedSegmentOf } from '../documents/segments.ts';
import { definitionsById } from '../store.ts';
import type { MemoryDocuments } from './memory-documents.ts';

export class MemorySavedSegments extends SavedSegments {
  private cached: { revision: number; definitions: ReadonlyMap<string, SegmentDefinition> } | null =
    null;

  constructor(
    private readonly memory: MemoryDocuments,
    loaded: readonly Segment[],
  ) {
    super(memory);
    memory.importNow('segment', importedSegments(loaded));
  }

  /** The current definitions by id, for membership conditions. */
  definitions(): ReadonlyMap<string, SegmentDefinition> {
    const revision = this.memory.revision;
    if (this.cached?.revision !== revision) {
      const segments = this.memory
        .heldNow('segment')
        .map((d) => savedSegmentOf(this.documents.fromStored(d)));
      this.cached = { revision, definitions: definitionsById(segments) };
    }
    return this.cached.definitions;
  }
}
