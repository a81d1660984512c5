// A saved segment as the stores keep it: the latest version of a definition, and each version of
// its history. The API's contract answers these shapes as they are.
import type { SegmentDefinition } from './definition.ts';

export interface SavedSegment {
  segment_id: string;
  name: string;
  description: string;
  definition: SegmentDefinition;
  /** Starts at 1 for a segment created here; demo segments keep the version they were loaded at. */
  version: number;
  author: string;
  created_at: string;
  updated_at: string;
}

export interface SegmentVersionSummary {
  version: number;
  name: string;
  author: string;
  at: string;
  /** "created", "restored from version 3", or what the author typed. */
  note: string;
}

/** A definition's audience as counted at an instant: its members among the store's customers. */
export interface SegmentAudience {
  count: number;
  total: number;
  /** The data's as-of instant when it was counted. */
  as_of: string;
}

export interface SegmentVersion extends SegmentVersionSummary {
  segment_id: string;
  description: string;
  definition: SegmentDefinition;
  /** Counted when this version was saved; null for versions saved before counts were kept. */
  audience: SegmentAudience | null;
}
