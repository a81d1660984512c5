// The profile store: what the API needs from a tenant's data, whatever holds it.
import type {
  CatalogueResponse,
  MemberSummary,
  ProfileResponse,
  SearchHit,
  TimelineResponse,
} from '../src/api/contract.ts';
import type { SegmentDefinition } from '../src/domain/segment/definition.ts';
import type { TimelineKey } from '../src/domain/profile/timeline.ts';

export interface TimelineRequest {
  /** Already decoded and validated. */
  after: TimelineKey | null;
  limit: number;
  channels: readonly string[];
  kinds: readonly string[];
}

export interface ProfileStore {
  readonly kind: 'memory' | 'duckdb';
  /** The instant the data runs up to. */
  readonly asOf: string;
  customerCount(): Promise<number>;
  catalogue(): Promise<CatalogueResponse>;
  search(query: string, limit: number): Promise<SearchHit[]>;
  /** null when no such customer. */
  profile(customerId: string): Promise<ProfileResponse | null>;
  /** null when no such customer. */
  timeline(customerId: string, request: TimelineRequest): Promise<TimelineResponse | null>;
  /** How many customers each (valid) definition selects, in order. */
  segmentCounts(definitions: readonly SegmentDefinition[]): Promise<number[]>;
  /** The first members by customer id. */
  segmentSample(definition: SegmentDefinition, limit: number): Promise<MemberSummary[]>;
  /** Members per value of a customer column (an allowlisted `customer.*` string or enum field). */
  segmentBreakdown(
    definition: SegmentDefinition,
    column: string,
  ): Promise<{ value: string | null; count: number }[]>;
  close(): Promise<void>;
}

/** Saved segments are not stored yet: membership conditions refer to none. */
export const NO_SAVED_SEGMENTS: ReadonlyMap<string, SegmentDefinition> = new Map();
