// The profile store: what the API needs from a tenant's data, whatever holds it.
import type {
  CatalogueResponse,
  ProfileResponse,
  SearchHit,
  TimelineResponse,
} from '../src/api/contract.ts';
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
  close(): Promise<void>;
}
