// The profile store: what the API needs from a tenant's data, whatever holds it. Three parts:
// histories (HistorySource: every per-customer answer is a domain function of one), selection
// (SegmentSelection: the one place a segment's meaning is written per engine) and versioned
// documents (DocumentRepository); plus the catalogue, search and the models' scores. Its types are
// the domain's; the routes map them to the contract.
import type { CrossProfile } from '../src/domain/profile/cross-profile.ts';
import type { ChurnTrendMonth } from './scoring/churn-trend.ts';
import type { FieldCatalogue } from '../src/domain/profile/field-catalogue.ts';
import type { MemberSummary, SearchHit } from '../src/domain/profile/summaries.ts';
import type {
  SavedSegment,
  SegmentAudience,
  SegmentVersion,
  SegmentVersionSummary,
} from '../src/domain/segment/saved.ts';
import type { IndexedTransactions } from '../src/domain/analytics/summary.ts';
import type { BuyerMonth, BuyersQuery } from '../src/domain/analytics/buyers.ts';
import type { ValueFigures } from '../src/domain/analytics/value.ts';
import type { CampaignFigures } from '../src/domain/analytics/campaigns.ts';
import type {
  QualityFigures,
  QualityList,
  QualityListPage,
} from '../src/domain/analytics/quality.ts';
import type { ScoreBook } from './scoring/score-book.ts';
import type { SharedDevice } from '../src/domain/profile/shared-devices.ts';
import type { NoModel } from './scoring/service.ts';
import type { CampaignStatus } from '../src/domain/campaign/campaign.ts';
import type { SegmentDefinition } from '../src/domain/segment/definition.ts';
import type { PackedRow } from './stores/packed-histories.ts';
import type {
  DocumentRepository,
  IdempotencyClaim,
  IdempotencyRecord,
} from './documents/repository.ts';
import type {
  CustomerHistory,
  HistoryReference,
  HistoryScope,
} from '../src/domain/profile/history.ts';

export interface HistoryReadOptions {
  /** Which tables and rows (default: the whole history). */
  scope?: HistoryScope;
  /** Histories per chunk (default 1,000). */
  chunkSize?: number;
}

/**
 * Where customers' histories come from. Every per-customer answer (profile, timeline, and what is
 * built on them) is a domain function of a history: a store supplies histories, never an answer.
 */
export interface HistorySource {
  /** One customer's history; null when no such customer. */
  history(customerId: string, scope?: HistoryScope): Promise<CustomerHistory | null>;
  /**
   * The histories of those of `customerIds` that exist, in customer id order (code-unit order),
   * in chunks: a large set is read a chunk at a time, never all at once.
   */
  histories(
    customerIds: readonly string[],
    options?: HistoryReadOptions,
  ): AsyncIterable<CustomerHistory[]>;
  /** The reference rows histories point to: the product catalogue, stores, offers, campaigns. */
  referenceRows(): Promise<HistoryReference>;
  /**
   * The same histories still packed, for other threads to decode (`decodePacked`) and check: a
   * store whose rows are text offers it (DuckDB); one holding objects does not (memory).
   */
  packedHistories?(
    customerIds: readonly string[],
    options?: HistoryReadOptions,
  ): AsyncIterable<PackedChunk>;
}

/** Packed histories in customer id order (not yet sorted by code unit), with what they point to. */
export interface PackedChunk {
  rows: PackedRow[];
  reference: HistoryReference;
  scope: HistoryScope;
}

/** One save of a segment: what the new version holds. Already parsed and validated. */
export interface SegmentWrite {
  name: string;
  description: string;
  definition: SegmentDefinition;
  /** The definition's audience counted at the save; null when it could not be counted. */
  audience: SegmentAudience | null;
  author: string;
  note: string;
  /** The instant of the save (ISO). */
  at: string;
}

export type { IdempotencyClaim, IdempotencyRecord } from './documents/repository.ts';

export type SegmentSaveResult =
  | { ok: true; segment: SavedSegment }
  | { ok: false; reason: 'not_found' }
  /** The expected version is not the current one: nothing was written. */
  | { ok: false; reason: 'stale'; current: SavedSegment };

export type SegmentDeleteResult =
  | { ok: true }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'stale'; current: SavedSegment };

/** What POST /api/segments/count answers about a count plan (src/domain/segment/count-plan.ts). */
export interface SegmentCountAnswer {
  /** Customers each definition selects, in order. */
  counts: number[];
  /** Every customer. */
  total: number;
  /** The first members of the first definition, by customer id. */
  sample: MemberSummary[];
  /** The first definition's members per value of the column asked for; null when none was. */
  breakdown: { value: string | null; count: number }[] | null;
}

/** A score over a segment's members: each member's value rounded to the cent, then summed. */
export interface ScoreTotals {
  members: number;
  /** Members with the score (those with a completed order). */
  scored: number;
  total_cents: number;
}

/** A campaign document that targets a segment (at any version of it). */
export interface SegmentCampaign {
  campaign_id: string;
  name: string;
  status: CampaignStatus;
  segment_id: string;
}

/**
 * Saved segments: versioned documents of kind 'segment' (server/documents/segments.ts maps them),
 * each save atomic (all of it is written or none). The routes validate and serialise writes; the
 * repository only compares the expected version and writes.
 */
export interface SavedSegmentStore {
  /** Every saved segment, by id. */
  savedSegments(): Promise<SavedSegment[]>;
  savedSegment(segmentId: string): Promise<SavedSegment | null>;
  /** Newest first; null when no such segment. */
  segmentVersions(segmentId: string): Promise<SegmentVersionSummary[] | null>;
  segmentVersion(segmentId: string, version: number): Promise<SegmentVersion | null>;
  /** The campaign documents with a target segment, by campaign id. */
  segmentCampaigns(): Promise<SegmentCampaign[]>;
  idempotencyRecord(key: string): Promise<IdempotencyRecord | null>;
  /** Version 1 of a new segment, with the key that created it (if any). Throws on a taken id or key. */
  createSegment(
    segmentId: string,
    write: SegmentWrite,
    idempotency: IdempotencyClaim | null,
  ): Promise<SavedSegment>;
  /** Appends version `expectedVersion + 1` if the current version is `expectedVersion`. */
  updateSegment(
    segmentId: string,
    expectedVersion: number,
    write: SegmentWrite,
  ): Promise<SegmentSaveResult>;
  /** Deletes the segment and its history (if the current version is `expectedVersion`, when given). */
  deleteSegment(segmentId: string, expectedVersion: number | null): Promise<SegmentDeleteResult>;
}

/**
 * Which customers a segment definition selects: counts, members, a sample, a breakdown. The only
 * part of a store written per engine (the column evaluator in memory, SQL on DuckDB), each held
 * to the JS reference evaluator by the sweep and differential suites. Membership conditions
 * evaluate the saved segments' current definitions.
 */
export interface SegmentSelection {
  /** How many customers each (valid) definition selects, in order. */
  segmentCounts(definitions: readonly SegmentDefinition[]): Promise<number[]>;
  /**
   * segmentCounts of every definition, customerCount, and segmentSample and segmentBreakdown of the
   * first definition, in one go: each store answers them from one pass over its customers.
   */
  segmentCountAnswer(
    definitions: readonly SegmentDefinition[],
    sample: number,
    breakdown: string | null,
  ): Promise<SegmentCountAnswer>;
  /** The first members by customer id. */
  segmentSample(
    definition: SegmentDefinition,
    limit: number,
    afterId?: string,
  ): Promise<MemberSummary[]>;
  /**
   * Members per value of an allowlisted breakdown (src/domain/segment/breakdown.ts: a customer
   * text attribute, a score, the channels), ranked and cut by rankBreakdown.
   */
  segmentBreakdown(
    definition: SegmentDefinition,
    fieldId: string,
  ): Promise<{ value: string | null; count: number }[]>;
}

/** The dashboards' figures, each computed where the data is (src/domain/analytics in memory). */
export interface DashboardFigures {
  /** First-time and repeat buyers per month among `definition`'s members (everyone when null). */
  buyersByMonth(definition: SegmentDefinition | null, query: BuyersQuery): Promise<BuyerMonth[]>;
  /** What `definition`'s members (everyone when null) are worth so far, over the query. */
  valueFigures(definition: SegmentDefinition | null, query: BuyersQuery): Promise<ValueFigures>;
  /**
   * Each campaign sent in the query's period: its messages, and its recipients and holdout among
   * `definition`'s members (everyone when null) against their orders.
   */
  campaignFigures(
    definition: SegmentDefinition | null,
    query: BuyersQuery,
  ): Promise<CampaignFigures[]>;
  /** For each definition: its members, those with the score, the score summed in cents. */
  segmentScoreTotals(
    definitions: readonly SegmentDefinition[],
    scoreId: string,
  ): Promise<ScoreTotals[]>;
  /** segmentBreakdown of several scores (score ids of the breakdown allowlist), everyone's when null. */
  scoreBreakdowns(
    definition: SegmentDefinition | null,
    fieldIds: readonly string[],
  ): Promise<{ value: string | null; count: number }[][]>;
  /** Churn bands at each month's end of the last year, among `definition`'s members (or all). */
  churnTrend(definition: SegmentDefinition | null): Promise<ChurnTrendMonth[]>;
  /** The data quality of `definition`'s members (everyone when null). */
  qualityFigures(definition: SegmentDefinition | null): Promise<QualityFigures>;
  /** A page of the customers behind one quality figure, by customer id. */
  qualityList(
    definition: SegmentDefinition | null,
    list: QualityList,
    page: { limit: number; offset: number },
  ): Promise<QualityListPage>;
}

export interface ProfileStore
  extends HistorySource, SegmentSelection, SavedSegmentStore, DashboardFigures {
  readonly kind: 'memory' | 'duckdb' | 'clickhouse';
  /** Versioned documents of every kind: saved segments now, campaigns and guardrail policies next. */
  readonly documents: DocumentRepository;
  /** The instant the data runs up to. */
  readonly asOf: string;
  customerCount(): Promise<number>;
  catalogue(): Promise<FieldCatalogue>;
  search(query: string, limit: number): Promise<SearchHit[]>;
  /**
   * Which of the customer's identities `own` (from their history) are devices (app devices, web
   * cookies) other profiles hold too: a fact across customers, which no one history holds.
   */
  sharedDevices(
    customerId: string,
    own: readonly { kind: string; value: string }[],
  ): Promise<SharedDevice[]>;
  /**
   * What only the other profiles tell about the customer (a device, an e-mail, a phone another
   * holds: src/domain/profile/cross-profile.ts), as the segment engine reads it.
   */
  crossProfile(customerId: string): Promise<CrossProfile>;
  /**
   * Completed orders summed per customer and UTC day, customers in id order: what the
   * customer-base models read (server/scoring/sources.ts gives both stores the same numbers).
   */
  scoringTransactions(): Promise<IndexedTransactions>;
  /** The models' scores, fitted on first use and kept until a reload or a refit (or why not). */
  scoreBook(): Promise<ScoreBook | NoModel>;
  /**
   * Fits the models again and replaces the scores everything reads (catalogue, segment fields,
   * the score routes), naming each stage as it starts.
   */
  refitScores(stage: (name: string) => void): Promise<ScoreBook | NoModel>;
  close(): Promise<void>;
}

/** The definitions membership conditions evaluate, by segment id. */
export function definitionsById(
  segments: readonly SavedSegment[],
): ReadonlyMap<string, SegmentDefinition> {
  return new Map(segments.map((s) => [s.segment_id, s.definition]));
}
