// The profile store on ClickHouse (issue 14, decision 044): `TACT_STORE=clickhouse`. The
// customers' data is read where it sits, in ClickHouse (clickhouse-store.ts: histories, selection,
// catalogue, search, scores); what Tact itself writes — segments, campaigns, policies, accounts,
// the audit log — lives in a DuckDB file of its own (the state), since a retailer's ClickHouse is
// theirs to load. Tact writes there only two tables of facts the segment walk reads beside the
// data (customer_quality, customer_scores: decision 044), and a load's tables. The dashboards' figures are the domain's own functions
// (src/domain/analytics) over the six tables they read, held in memory once per load, as the
// memory store computes them: right at a demo's or a trial's size, not at a million customers
// (their SQL in ClickHouse is still to write; docs/scale.md says so).
import type { BuyerMonth, BuyersQuery } from '../../src/domain/analytics/buyers.ts';
import { buyersByMonth } from '../../src/domain/analytics/buyers.ts';
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
import type { IndexedTransactions } from '../../src/domain/analytics/summary.ts';
import { valueFigures, type ValueFigures } from '../../src/domain/analytics/value.ts';
import type { CatalogueResponse, SearchHit } from '../../src/api/contract.ts';
import type {
  CustomerHistory,
  HistoryReference,
  HistoryScope,
} from '../../src/domain/profile/history.ts';
import {
  consent,
  customer,
  holdout,
  identity,
  message,
  order,
  orderChannel,
  type Consent,
  type Customer,
  type Holdout,
  type Identity,
  type Message,
  type Order,
} from '../../src/domain/profile/schema.ts';
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
import { readReference, readTable, type ClickHouseRunner } from './clickhouse.ts';
import { ClickHouseReads } from './clickhouse-store.ts';
import type { DuckDbStore } from './duckdb.ts';

/** The tables the dashboards read, whole. */
interface DashboardRows {
  customers: Customer[];
  /** The customers by id, for the quality lists' pages. */
  byId: ReadonlyMap<string, Customer>;
  identities: Identity[];
  consents: Consent[];
  orders: Order[];
  messages: Message[];
  holdouts: Holdout[];
}

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
  private dashboardRows: Promise<DashboardRows> | null = null;
  private quality: Promise<QualityRow[]> | null = null;
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

  // Dashboards: the domain's figures over the tables they read.
  private rows(): Promise<DashboardRows> {
    if (this.dashboardRows === null) {
      const pending = (async () => {
        const customers = await readTable(this.ch, 'customers', customer);
        return {
          customers,
          byId: new Map(customers.map((c) => [c.customer_id, c])),
          identities: await readTable(this.ch, 'identities', identity),
          consents: await readTable(this.ch, 'consents', consent),
          orders: await readTable(this.ch, 'orders', order),
          messages: await readTable(this.ch, 'messages', message),
          holdouts: await readTable(this.ch, 'holdouts', holdout),
        };
      })();
      pending.catch(() => {
        if (this.dashboardRows === pending) this.dashboardRows = null;
      });
      this.dashboardRows = pending;
    }
    return this.dashboardRows;
  }

  /** Every member of `definition` (null: no filter). */
  private async members(definition: SegmentDefinition | null): Promise<ReadonlySet<string> | null> {
    return definition === null ? null : new Set(await this.reads.members(definition));
  }

  async buyersByMonth(
    definition: SegmentDefinition | null,
    query: BuyersQuery,
  ): Promise<BuyerMonth[]> {
    const [{ orders }, members] = await Promise.all([this.rows(), this.members(definition)]);
    return buyersByMonth(orders, members, query);
  }

  async valueFigures(
    definition: SegmentDefinition | null,
    query: BuyersQuery,
  ): Promise<ValueFigures> {
    const [{ orders }, members] = await Promise.all([this.rows(), this.members(definition)]);
    return valueFigures(orders, members, query, orderChannel.options);
  }

  async campaignFigures(
    definition: SegmentDefinition | null,
    query: BuyersQuery,
  ): Promise<CampaignFigures[]> {
    const [rows, members] = await Promise.all([this.rows(), this.members(definition)]);
    return campaignFigures(
      {
        messages: rows.messages,
        holds: rows.holdouts,
        orders: rows.orders,
        consents: rows.consents,
      },
      members,
      query,
    );
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

  async scoreBreakdowns(
    definition: SegmentDefinition | null,
    fieldIds: readonly string[],
  ): Promise<{ value: string | null; count: number }[][]> {
    const out: { value: string | null; count: number }[][] = [];
    for (const id of fieldIds)
      out.push(await this.reads.segmentBreakdown(definition ?? EVERYONE, id));
    return out;
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

  private qualityRows(): Promise<QualityRow[]> {
    if (this.quality === null) {
      const pending = this.rows().then((rows) => qualityRows(rows));
      pending.catch(() => {
        if (this.quality === pending) this.quality = null;
      });
      this.quality = pending;
    }
    return this.quality;
  }

  async qualityFigures(definition: SegmentDefinition | null): Promise<QualityFigures> {
    const [rows, members] = await Promise.all([this.qualityRows(), this.members(definition)]);
    return qualityFigures(rows, members);
  }

  async qualityList(
    definition: SegmentDefinition | null,
    list: QualityList,
    page: { limit: number; offset: number },
  ): Promise<QualityListPage> {
    const [rows, members, { byId }] = await Promise.all([
      this.qualityRows(),
      this.members(definition),
      this.rows(),
    ]);
    return qualityListPage(rows, members, list, page, (id) => byId.get(id));
  }

  async close(): Promise<void> {
    await this.ch.close();
    await this.state.close();
  }
}
