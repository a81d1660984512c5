// The profile store on ClickHouse (issue 14, decision 044): `TACT_STORE=clickhouse`. The
// customers' data is read where it sits, in ClickHouse (clickhouse-store.ts: histories, selection,
// catalogue, search, scores); what Tact itself writes — segments, campaigns, policies, accounts,
// the audit log — lives in a DuckDB file of its own (the state), since a retailer's ClickHouse is
// theirs to load. Tact writes there only tables of facts beside the data (customer_quality and
// customer_scores, which the segment walk reads; quality_customers, which the quality dashboard
// reads: decision 044), and a load's tables. The dashboards' figures are aggregates in ClickHouse
// (clickhouse-dashboards.ts); the churn trend and the segments' score totals are the domain's
// functions over the fitted scores, which the models hold in memory on every store.
import type { BuyerMonth, BuyersQuery } from '../../src/domain/analytics/buyers.ts';
import type { CampaignFigures } from '../../src/domain/analytics/campaigns.ts';
import type {
  QualityFigures,
  QualityList,
  QualityListPage,
} from '../../src/domain/analytics/quality.ts';
import type { IndexedTransactions } from '../../src/domain/analytics/summary.ts';
import type { ValueFigures } from '../../src/domain/analytics/value.ts';
import type { CatalogueResponse, SearchHit } from '../../src/api/contract.ts';
import type {
  CustomerHistory,
  HistoryReference,
  HistoryScope,
} from '../../src/domain/profile/history.ts';
import { NO_CROSS_PROFILE, type CrossProfile } from '../../src/domain/profile/cross-profile.ts';
import { orderChannel } from '../../src/domain/profile/schema.ts';
import { DeviceHolders, type SharedDevice } from '../../src/domain/profile/shared-devices.ts';
import type { MemberSummary } from '../../src/domain/profile/summaries.ts';
import { EVERYONE, type SegmentDefinition } from '../../src/domain/segment/definition.ts';
import type {
  SavedSegment,
  SegmentVersion,
  SegmentVersionSummary,
} from '../../src/domain/segment/saved.ts';
import { importedCampaigns } from '../documents/campaign-import.ts';
import { loadedPolicies } from '../documents/policies.ts';
import type { DocumentRepository } from '../documents/repository.ts';
import {
  buildChurnTrend,
  churnTrendMonths,
  type ChurnTrend,
  type ChurnTrendMonth,
} from '../scoring/churn-trend.ts';
import type { ScoreBook } from '../scoring/score-book.ts';
import type { NoModel } from '../scoring/service.ts';
import {
  definitionsById,
  type HistoryReadOptions,
  type IdempotencyClaim,
  type IdempotencyRecord,
  type ProfileStore,
  type ScoreTotals,
  type SegmentCampaign,
  type SegmentCountAnswer,
  type SegmentDeleteResult,
  type SegmentSaveResult,
  type SegmentWrite,
} from '../store.ts';
import { readReference, type ClickHouseRunner } from './clickhouse.ts';
import {
  buyersByMonth,
  campaignFigures,
  qualityFigures,
  qualityList,
  valueFigures,
} from './clickhouse-dashboards.ts';
import { ClickHouseReads } from './clickhouse-store.ts';
import type { DuckDbStore } from './duckdb.ts';

/** What Tact keeps beside the data: a `tact_meta` row written by the loader (clickhouse-load.ts). */
export async function readClickHouseAsOf(ch: ClickHouseRunner): Promise<string | null> {
  const [present] = await ch.rows(
    "SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND name = 'tact_meta'",
  );
  if (Number(present?.n ?? 0) === 0) return null;
  const [row] = await ch.rows('SELECT as_of FROM tact_meta ORDER BY written_at DESC LIMIT 1');
  return typeof row?.as_of === 'string' ? row.as_of : null;
}

export class ClickHouseStore implements ProfileStore {
  readonly kind = 'clickhouse';
  readonly documents: DocumentRepository;
  private readonly reads: ClickHouseReads;
  private churn: Promise<ChurnTrend> | null = null;

  private constructor(
    private readonly ch: ClickHouseRunner & { close(): unknown },
    readonly asOf: string,
    /** Where Tact's own documents, accounts and audit log are kept. */
    readonly state: DuckDbStore,
  ) {
    this.documents = state.documents;
    this.reads = new ClickHouseReads(ch, {
      asOf,
      segments: async () => definitionsById(await state.savedSegments()),
    });
  }

  /**
   * The store over ClickHouse's loaded tables (`asOf` from the loader's `tact_meta`) and `state`;
   * the loaded campaigns become documents and the default policy is made, once.
   */
  static async open(
    ch: ClickHouseRunner & { close(): unknown },
    state: DuckDbStore,
  ): Promise<ClickHouseStore> {
    const asOf = await readClickHouseAsOf(ch);
    if (asOf === null)
      throw new Error('ClickHouse holds no Tact data yet (no tact_meta table): load it first.');
    const store = new ClickHouseStore(ch, asOf, state);
    await store.reads.prepare();
    const reference = await readReference(ch);
    const sends = await ch.rows(
      `SELECT campaign_id, concat(replaceOne(toString(min(sent_at)), ' ', 'T'), 'Z') AS first_send
         FROM messages GROUP BY campaign_id`,
    );
    const segments = await state.documents.list('segment');
    await state.documents.importOnce(
      'campaign',
      importedCampaigns([...reference.campaigns.values()], {
        offers: reference.offers,
        products: reference.products,
        firstSends: new Map(sends.map((r) => [String(r.campaign_id), String(r.first_send)])),
        segmentVersions: new Map(segments.map((d) => [d.id, d.version])),
      }),
    );
    await state.documents.importOnce('guardrail_policy', loadedPolicies(asOf));
    return store;
  }

  customerCount(): Promise<number> {
    return this.reads.customerCount();
  }

  catalogue(): Promise<CatalogueResponse> {
    return this.reads.catalogue();
  }

  search(query: string, limit: number): Promise<SearchHit[]> {
    return this.reads.search(query, limit);
  }

  /** The holders of devices several profiles hold, read once (a failure is retried). */
  private deviceHolders: Promise<DeviceHolders> | null = null;

  async sharedDevices(
    customerId: string,
    own: readonly { kind: string; value: string }[],
  ): Promise<SharedDevice[]> {
    if (this.deviceHolders === null) {
      const pending = this.ch
        .rows(
          `WITH d AS (SELECT DISTINCT customer_id, kind, value FROM identities
                       WHERE kind IN ('app_device', 'web_cookie'))
           SELECT customer_id, kind, value FROM d
            WHERE (kind, value) IN (SELECT kind, value FROM d GROUP BY kind, value HAVING count() > 1)`,
        )
        .then(
          (rows) =>
            new DeviceHolders(
              rows.map((r) => ({
                customer_id: String(r.customer_id),
                kind: String(r.kind),
                value: String(r.value),
              })),
            ),
        );
      pending.catch(() => {
        if (this.deviceHolders === pending) this.deviceHolders = null;
      });
      this.deviceHolders = pending;
    }
    return (await this.deviceHolders).shared(customerId, own);
  }

  async crossProfile(customerId: string): Promise<CrossProfile> {
    const [row] = await this.ch.rows(
      `SELECT shared_device, duplicate_email, duplicate_phone FROM quality_customers
        WHERE customer_id = {id:String}`,
      { id: customerId },
    );
    return row === undefined
      ? NO_CROSS_PROFILE
      : {
          shared_device: row.shared_device === true,
          duplicate_email: row.duplicate_email === true,
          duplicate_phone: row.duplicate_phone === true,
        };
  }

  scoringTransactions(): Promise<IndexedTransactions> {
    return this.reads.scoringTransactions();
  }

  scoreBook(): Promise<ScoreBook | NoModel> {
    return this.reads.scoreBook();
  }

  refitScores(stage: (name: string) => void): Promise<ScoreBook | NoModel> {
    this.churn = null;
    return this.reads.refitScores(stage);
  }

  referenceRows(): Promise<HistoryReference> {
    return this.reads.referenceRows();
  }

  history(customerId: string, scope?: HistoryScope): Promise<CustomerHistory | null> {
    return this.reads.history(customerId, scope);
  }

  histories(
    customerIds: readonly string[],
    options?: HistoryReadOptions,
  ): AsyncIterable<CustomerHistory[]> {
    return this.reads.histories(customerIds, options);
  }

  segmentCounts(definitions: readonly SegmentDefinition[]): Promise<number[]> {
    return this.reads.segmentCounts(definitions);
  }

  segmentCountAnswer(
    definitions: readonly SegmentDefinition[],
    sample: number,
    breakdown: string | null,
  ): Promise<SegmentCountAnswer> {
    return this.reads.segmentCountAnswer(definitions, sample, breakdown);
  }

  segmentSample(
    definition: SegmentDefinition,
    limit: number,
    afterId?: string,
  ): Promise<MemberSummary[]> {
    return this.reads.segmentSample(definition, limit, afterId);
  }

  segmentBreakdown(
    definition: SegmentDefinition,
    fieldId: string,
  ): Promise<{ value: string | null; count: number }[]> {
    return this.reads.segmentBreakdown(definition, fieldId);
  }

  // Saved segments: documents in the state file.
  savedSegments(): Promise<SavedSegment[]> {
    return this.state.savedSegments();
  }
  savedSegment(segmentId: string): Promise<SavedSegment | null> {
    return this.state.savedSegment(segmentId);
  }
  segmentVersions(segmentId: string): Promise<SegmentVersionSummary[] | null> {
    return this.state.segmentVersions(segmentId);
  }
  segmentVersion(segmentId: string, version: number): Promise<SegmentVersion | null> {
    return this.state.segmentVersion(segmentId, version);
  }
  segmentCampaigns(): Promise<SegmentCampaign[]> {
    return this.state.segmentCampaigns();
  }
  idempotencyRecord(key: string): Promise<IdempotencyRecord | null> {
    return this.state.idempotencyRecord(key);
  }
  createSegment(
    segmentId: string,
    write: SegmentWrite,
    idempotency: IdempotencyClaim | null,
  ): Promise<SavedSegment> {
    return this.state.createSegment(segmentId, write, idempotency);
  }
  updateSegment(
    segmentId: string,
    expectedVersion: number,
    write: SegmentWrite,
  ): Promise<SegmentSaveResult> {
    return this.state.updateSegment(segmentId, expectedVersion, write);
  }
  deleteSegment(segmentId: string, expectedVersion: number | null): Promise<SegmentDeleteResult> {
    return this.state.deleteSegment(segmentId, expectedVersion);
  }

  // Dashboards: aggregates in ClickHouse (clickhouse-dashboards.ts).
  /** Every member of `definition` (null: no filter). */
  private async members(definition: SegmentDefinition | null): Promise<ReadonlySet<string> | null> {
    return definition === null ? null : new Set(await this.reads.members(definition));
  }

  async buyersByMonth(
    definition: SegmentDefinition | null,
    query: BuyersQuery,
  ): Promise<BuyerMonth[]> {
    return buyersByMonth(this.ch, await this.reads.memberFilter(definition), query);
  }

  async valueFigures(
    definition: SegmentDefinition | null,
    query: BuyersQuery,
  ): Promise<ValueFigures> {
    const members = await this.reads.memberFilter(definition);
    return valueFigures(this.ch, members, query, orderChannel.options);
  }

  async campaignFigures(
    definition: SegmentDefinition | null,
    query: BuyersQuery,
  ): Promise<CampaignFigures[]> {
    return campaignFigures(this.ch, await this.reads.memberFilter(definition), query);
  }

  async segmentScoreTotals(
    definitions: readonly SegmentDefinition[],
    scoreId: string,
  ): Promise<ScoreTotals[]> {
    const values = await this.reads.scoreValues();
    const totals: ScoreTotals[] = [];
    for (const definition of definitions) {
      const total: ScoreTotals = { members: 0, scored: 0, total_cents: 0 };
      for (const id of await this.reads.members(definition)) {
        total.members += 1;
        const v = values.get(id)?.get(scoreId);
        if (typeof v !== 'number' || !Number.isFinite(v)) continue;
        total.scored += 1;
        total.total_cents += Math.round(v * 100);
      }
      totals.push(total);
    }
    return totals;
  }

  scoreBreakdowns(
    definition: SegmentDefinition | null,
    fieldIds: readonly string[],
  ): Promise<{ value: string | null; count: number }[][]> {
    return this.reads.segmentBreakdowns(definition ?? EVERYONE, fieldIds);
  }

  async churnTrend(definition: SegmentDefinition | null): Promise<ChurnTrendMonth[]> {
    if (this.churn === null) {
      const pending = this.reads.scoringTransactions().then((t) => buildChurnTrend(t, this.asOf));
      pending.catch(() => {
        if (this.churn === pending) this.churn = null;
      });
      this.churn = pending;
    }
    const [trend, members] = await Promise.all([this.churn, this.members(definition)]);
    return churnTrendMonths(trend, members);
  }

  async qualityFigures(definition: SegmentDefinition | null): Promise<QualityFigures> {
    return qualityFigures(this.ch, await this.reads.memberFilter(definition));
  }

  async qualityList(
    definition: SegmentDefinition | null,
    list: QualityList,
    page: { limit: number; offset: number },
  ): Promise<QualityListPage> {
    return qualityList(this.ch, await this.reads.memberFilter(definition), list, page);
  }

  async close(): Promise<void> {
    await this.ch.close();
    await this.state.close();
  }
}
