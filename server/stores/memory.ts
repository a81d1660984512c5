// The in-memory profile store: plain JS over a generated Dataset. Serves the browser mock and the
// component tests, and is the reference the DuckDB store is held to.
import {
  crossProfiles,
  NO_CROSS_PROFILE,
  type CrossProfile,
} from '../../src/domain/profile/cross-profile.ts';
import type { IndexedTransactions } from '../../src/domain/analytics/summary.ts';
import { ordersTransactions } from '../scoring/sources.ts';
import {
  buildChurnTrend,
  churnTrendMonths,
  type ChurnTrend,
  type ChurnTrendMonth,
} from '../scoring/churn-trend.ts';
import type { ScoreBook } from '../scoring/score-book.ts';
import { scoreCatalogueFields, scoreValues, type ScoreValue } from '../scoring/score-fields.ts';
import { fitScoreBook, type NoModel } from '../scoring/service.ts';
import type {
  CatalogueResponse,
  MemberSummary,
  SavedSegment,
  SearchHit,
  SegmentVersion,
  SegmentVersionSummary,
} from '../../src/api/contract.ts';
import {
  assembleHistory,
  groupBy,
  historyReference,
  historyRowsOf,
  type CustomerHistory,
  type HistoryReference,
  type HistoryRows,
  type HistoryScope,
} from '../../src/domain/profile/history.ts';
import {
  orderChannel,
  type Customer,
  type Dataset,
  type Identity,
} from '../../src/domain/profile/schema.ts';
import {
  bestHits,
  compactPhone,
  normaliseQuery,
  phoneForms,
  type RankedHit,
} from '../../src/domain/profile/search.ts';
import { CustomerSearchIndex } from '../../src/domain/profile/search-index.ts';
import { sharedDevicesOf, type SharedDevice } from '../../src/domain/profile/shared-devices.ts';
import {
  buyersByMonth,
  type BuyerMonth,
  type BuyersQuery,
} from '../../src/domain/analytics/buyers.ts';
import { valueFigures, type ValueFigures } from '../../src/domain/analytics/value.ts';
import { campaignFigures, type CampaignFigures } from '../../src/domain/analytics/campaigns.ts';
import {
  qualityFigures,
  qualityListPage,
  qualityRows,
  type QualityFigures,
  type QualityList,
  type QualityListPage,
  type QualityRow,
} from '../../src/domain/analytics/quality.ts';
import {
  breakdownReader,
  breakdownSource,
  rankBreakdown,
} from '../../src/domain/segment/breakdown.ts';
import { EVERYONE, type SegmentDefinition } from '../../src/domain/segment/definition.ts';
import type {
  HistoryReadOptions,
  IdempotencyRecord,
  ProfileStore,
  SegmentCampaign,
  SegmentCountAnswer,
  SegmentDeleteResult,
  SegmentSaveResult,
  SegmentWrite,
  ScoreTotals,
} from '../store.ts';
import { factsOf } from '../../src/domain/segment/facts.ts';
import { columnValue, memoryCatalogue } from './memory-catalogue.ts';
import { firstSends, importedCampaigns } from '../documents/campaign-import.ts';
import { segmentCampaignsOf } from '../documents/campaigns.ts';
import { loadedPolicies } from '../documents/policies.ts';
import { MemoryDocuments } from './memory-documents.ts';
import { MemorySavedSegments } from './memory-saved-segments.ts';
import { MemorySegmentIndex } from './memory-segments.ts';
import { compareText } from '../../src/domain/compare.ts';

function indexBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T> {
  return new Map(rows.map((row) => [key(row), row]));
}

const none: never[] = [];

export class MemoryStore implements ProfileStore {
  readonly kind = 'memory';
  readonly asOf: string;
  private readonly data: Dataset;
  private cross: ReadonlyMap<string, CrossProfile> | null = null;
  private readonly customers: Map<string, Customer>;
  private readonly identityByValue: Map<string, Identity[]>;
  private readonly phoneByCompact: Map<string, Identity[]>;
  /** Each customer's own rows, by id; their histories are assembled from these on request. */
  private readonly historyRows: Map<string, HistoryRows>;
  private readonly reference: HistoryReference;
  private cachedCatalogue: CatalogueResponse | null = null;
  private segmentIndex: MemorySegmentIndex | null = null;
  /** The fitted models and every scored customer's values, or why there are none. */
  private scoring: {
    book: ScoreBook | NoModel;
    values: ReadonlyMap<string, ReadonlyMap<string, ScoreValue>>;
  } | null = null;
  /** Versioned documents; the browser demo listens to their writes (mocks/journaled-store.ts). */
  readonly documents = new MemoryDocuments();
  private readonly saved: MemorySavedSegments;

  constructor(data: Dataset, asOf: string) {
    this.data = data;
    this.asOf = asOf;
    this.customers = indexBy(data.customers, (c) => c.customer_id);
    this.identityByValue = groupBy(data.identities, (i) => i.value.toLowerCase());
    this.phoneByCompact = groupBy(
      data.identities.filter((i) => i.kind === 'phone'),
      (i) => compactPhone(i.value.toLowerCase()),
    );
    this.historyRows = historyRowsOf(data);
    this.reference = historyReference(data);
    this.saved = new MemorySavedSegments(this.documents, data.segments);
    this.documents.importNow(
      'campaign',
      importedCampaigns(data.campaigns, {
        ...this.reference,
        firstSends: firstSends(data.messages),
        segmentVersions: new Map(this.documents.heldNow('segment').map((d) => [d.id, d.version])),
      }),
    );
    this.documents.importNow('guardrail_policy', loadedPolicies(asOf));
  }

  async customerCount(): Promise<number> {
    return this.customers.size;
  }

  async catalogue(): Promise<CatalogueResponse> {
    if (this.cachedCatalogue === null) {
      const catalogue = memoryCatalogue(this.data, this.asOf);
      const { book, values } = this.scores();
      // Without a model there are no scores to offer, so the builder lists none.
      if (!('unavailable' in book))
        catalogue.fields.push(...scoreCatalogueFields(values, this.customers.size));
      this.cachedCatalogue = catalogue;
    }
    return this.cachedCatalogue;
  }

  /**
   * Fitted on first use (catalogue, segments, the score routes), once for the data's lifetime:
   * seconds of CPU at scale, which a store that never scores should not pay at construction.
   */
  private scores(): NonNullable<MemoryStore['scoring']> {
    if (this.scoring === null) {
      const book = fitScoreBook(ordersTransactions(this.data.orders), this.asOf);
      this.scoring = { book, values: 'unavailable' in book ? new Map() : scoreValues(book) };
    }
    return this.scoring;
  }

  /** The score routes read this book (scoreService), the one the segment fields come from. */
  async scoreBook(): Promise<ScoreBook | NoModel> {
    return this.scores().book;
  }

  async refitScores(stage: (name: string) => void): Promise<ScoreBook | NoModel> {
    stage('reading the orders');
    const transactions = ordersTransactions(this.data.orders);
    stage('fitting the models and scoring');
    const book = fitScoreBook(transactions, this.asOf);
    this.scoring = { book, values: 'unavailable' in book ? new Map() : scoreValues(book) };
    this.cachedCatalogue = null;
    this.segmentIndex = null;
    return book;
  }

  /** Names and emails indexed for search, built on the first search. */
  private nameIndex: CustomerSearchIndex | null = null;

  async search(query: string, limit: number): Promise<SearchHit[]> {
    const q = normaliseQuery(query);
    const candidates: RankedHit[] = [];
    const identities = new Set([
      ...(this.identityByValue.get(q) ?? none),
      ...phoneForms(compactPhone(q)).flatMap((form) => this.phoneByCompact.get(form) ?? none),
    ]);
    for (const identity of identities) {
      candidates.push({
        customer_id: identity.customer_id,
        rank: 1,
        kind: identity.kind,
        value: identity.value,
      });
    }
    this.nameIndex ??= new CustomerSearchIndex(this.data.customers);
    candidates.push(...this.nameIndex.idHits(q), ...this.nameIndex.search(q, limit));
    return bestHits(candidates, limit).flatMap((hit) => {
      const c = this.customers.get(hit.customer_id);
      if (!c) return [];
      return [
        {
          customer_id: c.customer_id,
          first_name: c.first_name,
          last_name: c.last_name,
          email: c.email,
          city: c.city,
          loyalty_tier: c.loyalty_tier,
          matched: { kind: hit.kind, value: hit.value },
        },
      ];
    });
  }

  async sharedDevices(
    customerId: string,
    own: readonly { kind: string; value: string }[],
  ): Promise<SharedDevice[]> {
    const holders = own.flatMap((i) => this.identityByValue.get(i.value.toLowerCase()) ?? none);
    return sharedDevicesOf(customerId, own, holders);
  }

  /** Every customer's cross-profile facts, worked out on first use. */
  private crossProfiles(): ReadonlyMap<string, CrossProfile> {
    this.cross ??= crossProfiles(this.data);
    return this.cross;
  }

  async crossProfile(customerId: string): Promise<CrossProfile> {
    return this.crossProfiles().get(customerId) ?? NO_CROSS_PROFILE;
  }

  async referenceRows(): Promise<HistoryReference> {
    return this.reference;
  }

  async history(customerId: string, scope?: HistoryScope): Promise<CustomerHistory | null> {
    const rows = this.historyRows.get(customerId);
    return rows ? assembleHistory(rows, this.reference, scope) : null;
  }

  async *histories(
    customerIds: readonly string[],
    options: HistoryReadOptions = {},
  ): AsyncIterable<CustomerHistory[]> {
    const size = Math.max(1, options.chunkSize ?? 1000);
    const ids = [...new Set(customerIds)]
      .filter((id) => this.historyRows.has(id))
      .sort(compareText);
    for (let i = 0; i < ids.length; i += size) {
      yield ids.slice(i, i + size).flatMap((id) => {
        const rows = this.historyRows.get(id);
        return rows ? [assembleHistory(rows, this.reference, options.scope)] : [];
      });
    }
  }

  /** Built on the first segment request: gathering every customer's facts is not free. */
  private segments(): MemorySegmentIndex {
    // From the rows the store already grouped by customer: the dataset is not grouped again.
    this.segmentIndex ??= new MemorySegmentIndex(
      factsOf(
        Array.from(this.historyRows.values(), (rows) => assembleHistory(rows, this.reference)),
        this.scores().values,
        this.crossProfiles(),
      ),
      this.asOf,
    );
    return this.segmentIndex;
  }

  async segmentCounts(definitions: readonly SegmentDefinition[]): Promise<number[]> {
    return definitions.map((d) => this.segments().count(d, this.saved.definitions()));
  }

  async segmentCountAnswer(
    definitions: readonly SegmentDefinition[],
    sample: number,
    breakdown: string | null,
  ): Promise<SegmentCountAnswer> {
    const top = Number.isNaN(sample) ? 0 : Math.max(0, Math.floor(sample));
    const first: MemberSummary[] = [];
    const tally = breakdown === null ? null : this.breakdownTally(breakdown);
    const counts = this.segments().countAll(definitions, this.saved.definitions(), (f) => {
      const c = f.customer;
      if (first.length < top) {
        const { customer_id, first_name, last_name, email, city } = c;
        first.push({ customer_id, first_name, last_name, email, city });
      }
      tally?.add(f);
    });
    return {
      counts,
      total: this.customers.size,
      sample: first,
      breakdown: tally === null ? null : tally.ranked(),
    };
  }

  /** Counts members per breakdown value (breakdownReader), then ranks them as every store does. */
  private breakdownTally(fieldId: string) {
    const source = breakdownSource(fieldId);
    if (source === null) throw new Error(`Not a breakdown: ${fieldId}`);
    const read = breakdownReader(
      source,
      { asOf: this.asOf, segments: this.saved.definitions() },
      (f, column) => columnValue(f.customer, column),
    );
    const byValue = new Map<string | null, number>();
    return {
      add(f: Parameters<typeof read>[0]) {
        for (const value of read(f)) byValue.set(value, (byValue.get(value) ?? 0) + 1);
      },
      ranked: () =>
        rankBreakdown(
          [...byValue].map(([value, count]) => ({ value, count })),
          fieldId,
        ),
    };
  }

  async buyersByMonth(
    definition: SegmentDefinition | null,
    query: BuyersQuery,
  ): Promise<BuyerMonth[]> {
    return buyersByMonth(this.data.orders, this.members(definition), query);
  }

  async valueFigures(
    definition: SegmentDefinition | null,
    query: BuyersQuery,
  ): Promise<ValueFigures> {
    return valueFigures(this.data.orders, this.members(definition), query, orderChannel.options);
  }

  async segmentScoreTotals(
    definitions: readonly SegmentDefinition[],
    scoreId: string,
  ): Promise<ScoreTotals[]> {
    return definitions.map((definition) => {
      const totals: ScoreTotals = { members: 0, scored: 0, total_cents: 0 };
      this.segments().countAll([definition], this.saved.definitions(), (f) => {
        totals.members += 1;
        const v = f.scores.get(scoreId);
        if (typeof v !== 'number' || !Number.isFinite(v)) return;
        totals.scored += 1;
        totals.total_cents += Math.round(v * 100);
      });
      return totals;
    });
  }

  /** The churn trend of the data, worked out on first use (its data never changes). */
  private churn: Promise<ChurnTrend> | null = null;

  async churnTrend(definition: SegmentDefinition | null): Promise<ChurnTrendMonth[]> {
    if (this.churn === null) {
      const pending = buildChurnTrend(ordersTransactions(this.data.orders), this.asOf);
      // A failure is not kept: the next request tries again.
      pending.catch(() => {
        if (this.churn === pending) this.churn = null;
      });
      this.churn = pending;
    }
    return churnTrendMonths(await this.churn, this.members(definition));
  }

  async qualityFigures(definition: SegmentDefinition | null): Promise<QualityFigures> {
    return qualityFigures(this.qualityRows(), this.members(definition));
  }

  async qualityList(
    definition: SegmentDefinition | null,
    list: QualityList,
    page: { limit: number; offset: number },
  ): Promise<QualityListPage> {
    const members = this.members(definition);
    return qualityListPage(this.qualityRows(), members, list, page, (id) => this.customers.get(id));
  }

  private qualityCache: QualityRow[] | null = null;

  /** Every customer's data quality, worked out once (the data does not change). */
  private qualityRows(): QualityRow[] {
    this.qualityCache ??= qualityRows(this.data);
    return this.qualityCache;
  }

  async campaignFigures(
    definition: SegmentDefinition | null,
    query: BuyersQuery,
  ): Promise<CampaignFigures[]> {
    const { messages, holdouts, orders, consents } = this.data;
    return campaignFigures(
      { messages, holds: holdouts, orders, consents },
      this.members(definition),
      query,
    );
  }

  /** Every member of `definition` (null: no filter). */
  private members(definition: SegmentDefinition | null): ReadonlySet<string> | null {
    return definition === null
      ? null
      : new Set(
          this.segments().members(definition, this.saved.definitions(), Number.MAX_SAFE_INTEGER),
        );
  }

  async segmentSample(
    definition: SegmentDefinition,
    limit: number,
    afterId?: string,
  ): Promise<MemberSummary[]> {
    return this.segments()
      .members(definition, this.saved.definitions(), limit, afterId)
      .flatMap((id) => {
        const c = this.customers.get(id);
        return c
          ? [
              {
                customer_id: id,
                first_name: c.first_name,
                last_name: c.last_name,
                email: c.email,
                city: c.city,
              },
            ]
          : [];
      });
  }

  async segmentBreakdown(
    definition: SegmentDefinition,
    fieldId: string,
  ): Promise<{ value: string | null; count: number }[]> {
    const tally = this.breakdownTally(fieldId);
    this.segments().countAll([definition], this.saved.definitions(), (f) => tally.add(f));
    return tally.ranked();
  }

  async scoreBreakdowns(
    definition: SegmentDefinition | null,
    fieldIds: readonly string[],
  ): Promise<{ value: string | null; count: number }[][]> {
    const tallies = fieldIds.map((id) => {
      if (breakdownSource(id)?.kind !== 'score') throw new Error(`Not a score breakdown: ${id}`);
      return this.breakdownTally(id);
    });
    this.segments().countAll([definition ?? EVERYONE], this.saved.definitions(), (f) => {
      for (const tally of tallies) tally.add(f);
    });
    return tallies.map((tally) => tally.ranked());
  }

  async savedSegments(): Promise<SavedSegment[]> {
    return this.saved.list();
  }

  async savedSegment(segmentId: string): Promise<SavedSegment | null> {
    return this.saved.get(segmentId);
  }

  async segmentVersions(segmentId: string): Promise<SegmentVersionSummary[] | null> {
    return this.saved.versions(segmentId);
  }

  async segmentVersion(segmentId: string, version: number): Promise<SegmentVersion | null> {
    return this.saved.version(segmentId, version);
  }

  segmentCampaigns(): Promise<SegmentCampaign[]> {
    return segmentCampaignsOf(this.documents);
  }

  async idempotencyRecord(key: string): Promise<IdempotencyRecord | null> {
    return this.saved.idempotencyRecord(key);
  }

  async createSegment(
    segmentId: string,
    write: SegmentWrite,
    idempotency: { key: string; fingerprint: string } | null,
  ): Promise<SavedSegment> {
    return this.saved.create(segmentId, write, idempotency);
  }

  async updateSegment(
    segmentId: string,
    expectedVersion: number,
    write: SegmentWrite,
  ): Promise<SegmentSaveResult> {
    return this.saved.update(segmentId, expectedVersion, write);
  }

  async deleteSegment(
    segmentId: string,
    expectedVersion: number | null,
  ): Promise<SegmentDeleteResult> {
    return this.saved.delete(segmentId, expectedVersion);
  }

  async scoringTransactions(): Promise<IndexedTransactions> {
    return ordersTransactions(this.data.orders);
  }

  async close(): Promise<void> {}
}
