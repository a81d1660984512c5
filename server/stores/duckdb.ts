// The DuckDB profile store: the same answers as the memory store, from SQL over an embedded DuckDB
// file (or ':memory:'). Reads run on a small pool of connections, each holding its own prepared
// statements; loads run on the store's own connection. See docs/decisions/003-duckdb-store.md.
import { conditionBits } from './duckdb-condition-bits.ts';
import type { MemberBits } from './member-bits.ts';
import { NO_CROSS_PROFILE, type CrossProfile } from '../../src/domain/profile/cross-profile.ts';
import type { IndexedTransactions } from '../../src/domain/analytics/summary.ts';
import { duckdbTransactions } from '../scoring/sources.ts';
import type { ScoreBook } from '../scoring/score-book.ts';
import { SCORE_FIELD_IDS, scoreCatalogueFields, scoreValues } from '../scoring/score-fields.ts';
import { fitScoreBook, type NoModel } from '../scoring/service.ts';
import type { Condition, SegmentNode } from '../../src/domain/segment/definition.ts';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type {
  CatalogueField,
  CatalogueResponse,
  MemberSummary,
  SavedSegment,
  SearchHit,
  SegmentVersion,
  SegmentVersionSummary,
} from '../../src/api/contract.ts';
import { compareText } from '../../src/domain/compare.ts';
import {
  wholeHistory,
  type CustomerHistory,
  type HistoryReference,
  type HistoryScope,
} from '../../src/domain/profile/history.ts';
import { orderChannel, type Dataset } from '../../src/domain/profile/schema.ts';
import { EVERYONE, type SegmentDefinition } from '../../src/domain/segment/definition.ts';
import { selectionKey } from '../../src/domain/segment/validate.ts';
import {
  definitionsById,
  type HistoryReadOptions,
  type PackedChunk,
  type IdempotencyClaim,
  type IdempotencyRecord,
  type ProfileStore,
  type SegmentCampaign,
  type SegmentCountAnswer,
  type SegmentDeleteResult,
  type SegmentSaveResult,
  type SegmentWrite,
  type ScoreTotals,
} from '../store.ts';
import { readCatalogue } from './duckdb-catalogue.ts';
import { migrateSegmentTables } from './duckdb-derived.ts';
import {
  createDuckDbSink as createSinkOn,
  loadDatasetInto,
  type DuckDbSink,
  type LoadInfo,
} from './duckdb-loader.ts';
import { readHistory, readHistoryReference, readPackedRows } from './duckdb-histories.ts';
import { decodePacked } from './packed-histories.ts';
import { ConnectionPool } from './duckdb-pool.ts';
import { SavedSegments } from '../documents/segments.ts';
import { DuckDbDocuments } from './duckdb-documents.ts';
import { detached } from '../request-scope.ts';
import { duckDbAccounts } from './duckdb-accounts.ts';
import { DuckDbAuditTrail } from './duckdb-audit-log.ts';
import type { AccountPersistence } from '../auth/accounts.ts';
import { migrateSavedSegmentTables } from './duckdb-documents-migration.ts';
import { importLoadedSegments } from './duckdb-saved-segments.ts';
import { importLoadedCampaigns } from './duckdb-campaigns.ts';
import { importDefaultPolicy } from './duckdb-policies.ts';
import { segmentCampaignsOf } from '../documents/campaigns.ts';
import { createSchema, SCHEMA_VERSION } from './duckdb-schema.ts';
import type { CampaignFigures } from '../../src/domain/analytics/campaigns.ts';
import { writeCustomerScores } from './duckdb-scores.ts';
import {
  createMemberTable,
  dropMembers,
  keepMembers,
  type DashboardContext,
} from './duckdb-members.ts';
import {
  buildChurnTrend,
  churnTrendMonths,
  type ChurnTrend,
  type ChurnTrendMonth,
} from '../scoring/churn-trend.ts';
import { readSearchIndex, readSharedDeviceHolders, searchCustomers } from './duckdb-search.ts';
import type { CustomerSearchIndex } from '../../src/domain/profile/search-index.ts';
import { DeviceHolders, type SharedDevice } from '../../src/domain/profile/shared-devices.ts';
import {
  segmentBreakdown,
  segmentCountAnswer,
  segmentSample,
  segmentScoreTotal,
  scoreBreakdowns,
} from './duckdb-segment-api.ts';
import {
  buildCampaignTable,
  buildMonthTable,
  buyersByMonth,
  campaignFigures,
  churnCounts,
  writeChurnTable,
  valueFigures,
} from './duckdb-dashboards.ts';
import {
  buildQualityTable,
  qualityFigures,
  qualityList,
  registerQualityFunctions,
} from './duckdb-quality.ts';
import type {
  QualityFigures,
  QualityList,
  QualityListPage,
} from '../../src/domain/analytics/quality.ts';
import type { ValueFigures } from '../../src/domain/analytics/value.ts';
import type { BuyerMonth, BuyersQuery } from '../../src/domain/analytics/buyers.ts';
import { breakdownSource } from '../../src/domain/segment/breakdown.ts';
import { countSegments, type SegmentQueryContext } from './duckdb-segments.ts';
import { queryRows, toNumber, toNumberOrNull, toText } from './duckdb-values.ts';

export type { DatasetSink, DuckDbSink, LoadInfo } from './duckdb-loader.ts';
export { createSchema, SCHEMA_VERSION } from './duckdb-schema.ts';

/** What the `meta` table says about the data in a file. */
export interface DuckDbMeta {
  as_of: string;
  seed: number | null;
  customers: number;
  schema_version: number;
}

export interface DuckDbStoreOptions {
  /** A file (created if missing, reused if present) or ':memory:'. */
  path: string;
  /** "Today" for relative figures; by default the `as_of` the data was loaded with. */
  asOf?: string;
  /** Read connections (default 4). */
  connections?: number;
  /**
   * DuckDB's memory limit, e.g. '2GB' (default: DuckDB's own, 80% of RAM). Without one, a load of
   * 1 M customers keeps ~10 GB of pages cached; with one, DuckDB evicts and spills to disk.
   */
  memoryLimit?: string;
  /**
   * DuckDB's worker threads (default: TACT_DUCKDB_THREADS, else one per core). The tests run one
   * thread per store: two test workers each running DuckDB on every core only contend.
   */
  threads?: number;
  /**
   * Tact's own state beside another engine's data (a ClickHouse store): documents, accounts and
   * the audit log only. No data is loaded here, so none is imported as documents: the other store
   * imports its own.
   */
  documentsOnly?: boolean;
}

/** TACT_DUCKDB_THREADS when it is a positive integer. */
function threadsFromEnvironment(): number | undefined {
  const value = Number(process.env.TACT_DUCKDB_THREADS);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/** The scores as segment fields, once customer_scores holds them (ids empty without a model). */
interface ScoreFields {
  ids: ReadonlySet<string>;
  catalogue: CatalogueField[];
}

/** Whether a condition under `node` names a score. */
function namesScore(node: SegmentNode): boolean {
  return node.kind === 'group' ? node.children.some(namesScore) : node.kind === 'score';
}

/** Count answers kept at most (the least recently asked goes first). */
const MAX_KEPT_COUNTS = 1_024;
/** Condition member sets kept (DuckDbStore.conditionSet): 512 of 1,000,000 customers. */
const MAX_CONDITION_SET_BYTES = 64 * 1024 * 1024;

/** Member sets the dashboards keep at most (the oldest goes first). */
const MAX_KEPT_SETS = 16;
/** A member set kept for the dashboards: its id in dashboard_members and who reads it. */
interface KeptSet {
  id: number;
  /** Settles once its rows are written. */
  ready: Promise<void>;
  /** Requests reading it now. */
  users: number;
  forgotten: boolean;
  dropped: boolean;
}

/** Chunks of a history stream read ahead of the one being consumed. */
const READ_AHEAD = 2;

export class DuckDbStore implements ProfileStore {
  readonly kind = 'duckdb';
  /** The connection loads run on (sinks, `loadDataset`). */
  readonly connection: DuckDBConnection;
  private readonly instance: DuckDBInstance;
  private pool: ConnectionPool;
  private readonly poolSize: number;
  private readonly asOfOption: string | undefined;
  private meta: DuckDbMeta | null = null;
  private cachedCatalogue: Promise<CatalogueResponse> | null = null;
  private closed = false;
  private readonly inFlight = new Set<Promise<void>>();
  /** Tables the dashboards read, each built once per load on first use, by name. */
  private readonly perLoad = new Map<string, Promise<void>>();
  /**
   * Versioned documents: each kind's list is read once and dropped on both sides of each write of
   * that kind (every count validates against the saved segments and evaluates their definitions).
   */
  readonly documents = new DuckDbDocuments((work) => this.read(work));
  private readonly segmentDocuments = new SavedSegments(this.documents);
  private savedCache: { generation: string; list: Promise<SavedSegment[]> } | null = null;
  /** Rows of segment_customers (SegmentTablesContext.customers), read once per load. */
  private segmentCustomers: Promise<number> | null = null;
  /** The fitted models of this load (or why there are none), fitted once. */
  private book: Promise<ScoreBook | NoModel> | null = null;
  /** customer_scores written from `book` and the catalogue entries, once per load. */
  private scoreFields: Promise<ScoreFields> | null = null;
  /**
   * Members of the segments the dashboards were asked about (duckdb-members.ts), by definition:
   * kept for this load, these saved segments and these scores.
   */
  private kept = new Map<string, KeptSet>();
  /** The load and saved segments the kept sets were selected under (see withMembers). */
  private keptStamp: string | null = null;
  /** Bumped by every load and refit: a set selected before one is not kept after it. */
  private keptEpoch = 0;
  private nextSetId = 0;
  /**
   * Count answers by request, kept under the stamp of the kept sets (the load, the scores and the
   * saved segments: nothing else changes what a count reads): the builder counts the same
   * definition again on undo, on reopening a segment, for each marketer looking at it.
   */
  private counted = new Map<string, Promise<SegmentCountAnswer>>();
  private countedStamp: string | null = null;
  /** Every customer's churn band per month of the last year, worked out once per load. */
  private churn: Promise<{ trend: ChurnTrend; everyone: ChurnTrendMonth[] }> | null = null;
  /** The reference rows histories point to, read once per load. */
  private reference: Promise<HistoryReference> | null = null;
  /** Names and emails indexed for search, read once per load (on the first search). */
  private searchIndex: Promise<CustomerSearchIndex> | null = null;
  /** The holders of devices several profiles hold, read once per load (a failure is retried). */
  private deviceHolders: Promise<DeviceHolders> | null = null;
  private readonly documentsOnly: boolean;

  private constructor(
    instance: DuckDBInstance,
    connection: DuckDBConnection,
    options: DuckDbStoreOptions,
  ) {
    this.instance = instance;
    this.connection = connection;
    this.asOfOption = options.asOf;
    this.documentsOnly = options.documentsOnly ?? false;
    this.poolSize = Math.max(1, options.connections ?? 4);
    this.pool = new ConnectionPool(instance, this.poolSize);
  }

  static async open(options: DuckDbStoreOptions): Promise<DuckDbStore> {
    const threads = options.threads ?? threadsFromEnvironment();
    const instance = await DuckDBInstance.create(options.path, {
      ...(options.memoryLimit === undefined ? {} : { memory_limit: options.memoryLimit }),
      ...(threads === undefined ? {} : { threads: String(threads) }),
    });
    const connection = await instance.connect();
    registerQualityFunctions(connection);
    await createSchema(connection);
    const store = new DuckDbStore(instance, connection, options);
    await store.reload();
    return store;
  }

  /** The instant the data runs up to: the option, else the loaded data's, else now. */
  get asOf(): string {
    return this.asOfOption ?? this.meta?.as_of ?? new Date().toISOString();
  }

  /** Re-reads `meta`. */
  async refreshMeta(): Promise<DuckDbMeta | null> {
    this.meta = await fetchMeta(this.connection);
    return this.meta;
  }

  /**
   * Migrates a version 2 file (builds the segment tables), re-reads `meta`, imports the loaded
   * segments and campaigns as documents and the default guardrail policy (once per load), drops
   * the cached catalogue, definitions and idle connections: after (re)loading.
   */
  async reload(): Promise<void> {
    await migrateSegmentTables(this.connection);
    await migrateSavedSegmentTables(this.connection);
    await this.refreshMeta();
    if (!this.documentsOnly) {
      await importLoadedSegments(this.connection);
      await importLoadedCampaigns(this.connection);
      await importDefaultPolicy(this.connection, this.asOf);
    }
    this.cachedCatalogue = null;
    this.documents.forget();
    this.segmentCustomers = null;
    this.book = null;
    this.churn = null;
    // The member table is made again (perLoad); a set selected meanwhile is dropped from it.
    this.keptEpoch += 1;
    this.forgetKept();
    this.scoreFields = null;
    this.reference = null;
    this.searchIndex = null;
    this.deviceHolders = null;
    this.perLoad.clear();
    this.pool.reset();
  }

  /**
   * Builds what the campaign and quality dashboards read (once per load), so that their first
   * request does not wait for it: the server calls it in the background after start.
   */
  async prepareDashboards(): Promise<void> {
    await this.monthTable();
    await this.qualityTable();
    await this.campaignTable();
    await this.churnTrend(null);
  }

  /** What compiling `definition` (or nothing) needs, read when called. */
  private contextOf(definition: SegmentDefinition | null): () => Promise<SegmentQueryContext> {
    return () => this.segmentContext(definition === null ? [] : [definition]);
  }

  private keptNow(): string {
    return `${String(this.keptEpoch)}/${this.documents.generation('segment')}`;
  }

  /**
   * Runs `work` with `definition`'s members kept (selected once into dashboard_members) in its
   * context. A set is filed under the load and saved segments its context was read under: when
   * either moved while the context was read, the work compiles the definition instead and nothing
   * is kept. A set in use is leased: forgotten, its rows go only once its last user is done.
   */
  private async withMembers<T>(
    definition: SegmentDefinition | null,
    context: () => Promise<SegmentQueryContext>,
    work: (ctx: DashboardContext) => Promise<T>,
  ): Promise<T> {
    const stamp = this.keptNow();
    const ctx = await context();
    if (definition === null || this.keptNow() !== stamp) return work(ctx);
    if (stamp !== this.keptStamp) {
      // A saved segment changed (or the data, or the scores): so may any set's members.
      this.forgetKept();
      this.keptStamp = stamp;
    }
    const key = JSON.stringify(definition);
    let set = this.kept.get(key);
    if (set === undefined) {
      const id = this.nextSetId;
      this.nextSetId += 1;
      const ready = detached(() =>
        this.builtOnce('members', (c) => createMemberTable(c)).then(() =>
          this.read((c) => keepMembers(c, ctx, definition, id)),
        ),
      );
      const created: KeptSet = { id, ready, users: 0, forgotten: false, dropped: false };
      ready.catch(() => {
        if (this.kept.get(key) === created) this.kept.delete(key);
      });
      set = created;
      this.kept.set(key, set);
      // The least recently used set goes beyond MAX_KEPT_SETS (a Map keeps insertion order).
      const [oldest] = this.kept.keys();
      if (this.kept.size > MAX_KEPT_SETS && oldest !== undefined) {
        const evicted = this.kept.get(oldest);
        this.kept.delete(oldest);
        if (evicted !== undefined) this.release(evicted, true);
      }
    } else {
      this.kept.delete(key);
      this.kept.set(key, set);
    }
    set.users += 1;
    try {
      await set.ready;
      return await work({ ...ctx, kept: { definition, setId: set.id } });
    } finally {
      set.users -= 1;
      this.release(set, false);
    }
  }

  /** Forgets every kept set (each dropped once no request reads it). */
  private forgetKept(): void {
    const sets = [...this.kept.values()];
    this.kept.clear();
    for (const set of sets) this.release(set, true);
  }

  /** Marks `set` forgotten when asked; drops its rows once forgotten and unused. */
  private release(set: KeptSet, forget: boolean): void {
    if (forget) set.forgotten = true;
    if (!set.forgotten || set.users > 0 || set.dropped) return;
    set.dropped = true;
    set.ready
      .then(() => (this.closed ? undefined : this.read((c) => dropMembers(c, [set.id]))))
      .catch(() => undefined);
  }

  /** Every customer's churn band at each month's end (churn-trend.ts), worked out once per load. */
  private churnBook(): Promise<{ trend: ChurnTrend; everyone: ChurnTrendMonth[] }> {
    if (this.churn === null) {
      const asOf = this.asOf;
      const pending = detached(() =>
        this.scoringTransactions()
          .then((t) => buildChurnTrend(t, asOf))
          .then(async (trend) => {
            // Every customer's bands, by customer_no, for the segments; everyone's counts kept.
            await this.read((c) => writeChurnTable(c, trend));
            return { trend, everyone: churnTrendMonths(trend, null) };
          }),
      );
      pending.catch(() => {
        if (this.churn === pending) this.churn = null;
      });
      this.churn = pending;
    }
    return this.churn;
  }

  async churnTrend(definition: SegmentDefinition | null): Promise<ChurnTrendMonth[]> {
    const { trend, everyone } = await this.churnBook();
    // Everyone: counted once from the bands themselves; a segment's members, in SQL.
    if (definition === null) return everyone;
    const counts = await this.withMembers(
      definition,
      () => this.segmentContext([definition]),
      (ctx) => this.read((c) => churnCounts(c, ctx, definition, trend.months.length)),
    );
    return trend.months.map(({ month, cutoff, bands }, i) => {
      const found = counts[i];
      return bands === null || found === undefined
        ? { month, cutoff, fitted: false, customers: 0, low: 0, medium: 0, high: 0 }
        : { month, cutoff, fitted: true, ...found };
    });
  }

  /** The month table (duckdb-dashboards.ts), built once per load on first use. */
  private monthTable(): Promise<void> {
    return this.builtOnce('months', (c) => buildMonthTable(c));
  }

  /** The campaign table (duckdb-dashboards.ts), built once per load on first use. */
  private campaignTable(): Promise<void> {
    return this.builtOnce('campaigns', (c) => buildCampaignTable(c, orderChannel.options));
  }

  /** The quality table (duckdb-quality.ts), built once per load on first use. */
  private qualityTable(): Promise<void> {
    return this.builtOnce('quality', (c) => buildQualityTable(c));
  }

  /** Runs `build` once per load (again after a failure), every caller awaiting the same run. */
  private builtOnce(
    name: string,
    build: (connection: DuckDBConnection) => Promise<void>,
  ): Promise<void> {
    let building = this.perLoad.get(name);
    if (building === undefined) {
      const started = detached(() => this.read(build));
      started.catch(() => {
        if (this.perLoad.get(name) === started) this.perLoad.delete(name);
      });
      this.perLoad.set(name, started);
      building = started;
    }
    return building;
  }

  /** The audit log kept in this file. */
  auditTrail(): DuckDbAuditTrail {
    return new DuckDbAuditTrail((work) => this.read(work));
  }

  /** Where users, sessions and tokens are kept in this file (decision 035). */
  accountPersistence(): AccountPersistence {
    return duckDbAccounts((work) => this.read(work));
  }

  private read<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The DuckDB store is closed.'));
    const pending = this.pool.use(work);
    const settled = pending.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.add(settled);
    void settled.then(() => this.inFlight.delete(settled));
    return pending;
  }

  /**
   * The saved segments, parsed once per generation of the segment documents: every count reads
   * them (validation, membership conditions), and parsing every definition each time cost the
   * count endpoint about 3 ms at 1 M customers.
   */
  private saved(): Promise<SavedSegment[]> {
    const generation = this.documents.generation('segment');
    if (this.savedCache === null || this.savedCache.generation !== generation) {
      const list = detached(() => this.segmentDocuments.list());
      list.catch(() => {
        if (this.savedCache?.list === list) this.savedCache = null;
      });
      this.savedCache = { generation, list };
    }
    return this.savedCache.list;
  }

  /** The score routes read this book (scoreService), the one the segment fields come from. */
  scoreBook(): Promise<ScoreBook | NoModel> {
    if (this.book === null) {
      const asOf = this.asOf;
      const pending = detached(() => this.scoringTransactions().then((t) => fitScoreBook(t, asOf)));
      pending.catch(() => {
        if (this.book === pending) this.book = null;
      });
      this.book = pending;
    }
    return this.book;
  }

  async refitScores(stage: (name: string) => void): Promise<ScoreBook | NoModel> {
    stage('reading the orders');
    const transactions = await this.scoringTransactions();
    stage('fitting the models and scoring');
    const book = fitScoreBook(transactions, this.asOf);
    this.book = Promise.resolve(book);
    this.keptEpoch += 1;
    this.forgetKept();
    this.scoreFields = null;
    this.cachedCatalogue = null;
    stage('writing the scores');
    await this.scores();
    return book;
  }

  /**
   * The book's values written to customer_scores (≈ 2.4 s at 1 M customers), then offered
   * as fields: a score is in the catalogue only once a count can read it.
   */
  private scores(): Promise<ScoreFields> {
    if (this.scoreFields === null) {
      const pending = detached(() => this.fitScoreFields());
      pending.catch(() => {
        if (this.scoreFields === pending) this.scoreFields = null;
      });
      this.scoreFields = pending;
    }
    return this.scoreFields;
  }

  private fitScoreFields(): Promise<ScoreFields> {
    return this.scoreBook().then(async (book): Promise<ScoreFields> => {
      if ('unavailable' in book) {
        // No model: the score tables exist all the same, empty (dashboards join them).
        await this.read((c) => writeCustomerScores(c, new Map()));
        return { ids: new Set(), catalogue: [] };
      }
      const values = scoreValues(book);
      const customers = await this.customerCount();
      await this.read((c) => writeCustomerScores(c, values));
      return { ids: SCORE_FIELD_IDS, catalogue: scoreCatalogueFields(values, customers) };
    });
  }

  /**
   * What compiling `definitions` needs. The scores only when one of them, or a saved segment they
   * may name, has a score condition: no other count waits for the models.
   */
  private async segmentContext(
    definitions: readonly SegmentDefinition[],
  ): Promise<SegmentQueryContext> {
    const ctx = await this.countContext();
    const named = [...definitions, ...ctx.segments.values()].some((d) => namesScore(d.root));
    return named ? { ...ctx, scores: (await this.scores()).ids } : ctx;
  }

  /** segmentContext, with the scores written when the breakdown reads one. */
  private async breakdownContext(
    definitions: readonly SegmentDefinition[],
    breakdown: string | null,
  ): Promise<SegmentQueryContext> {
    const ctx = await this.segmentContext(definitions);
    const source = breakdown === null ? null : breakdownSource(breakdown);
    return source?.kind === 'score' && ctx.scores === undefined
      ? { ...ctx, scores: (await this.scores()).ids }
      : ctx;
  }

  private countContext(): Promise<SegmentQueryContext> {
    const asOf = this.asOf;
    if (this.segmentCustomers === null) {
      const pending = detached(() =>
        this.read(async (c) => {
          const [row] = await queryRows(c, 'SELECT count(*)::INTEGER AS n FROM segment_customers');
          return toNumber(row?.n ?? null);
        }),
      );
      pending.catch(() => {
        if (this.segmentCustomers === pending) this.segmentCustomers = null;
      });
      this.segmentCustomers = pending;
    }
    return Promise.all([this.saved(), this.segmentCustomers]).then(([list, customers]) => ({
      asOf,
      segments: definitionsById(list),
      customers,
    }));
  }

  async customerCount(): Promise<number> {
    return this.read(async (c) => {
      const [row] = await queryRows(c, 'SELECT count(*)::INTEGER AS n FROM customers');
      return toNumber(row?.n ?? null);
    });
  }

  catalogue(): Promise<CatalogueResponse> {
    if (this.cachedCatalogue === null) {
      const asOf = this.asOf;
      const pending = detached(() =>
        Promise.all([this.read((c) => readCatalogue(c, asOf)), this.scores()]),
      ).then(([catalogue, scores]) => ({
        ...catalogue,
        fields: [...catalogue.fields, ...scores.catalogue],
      }));
      // A failed computation is not cached: the next request tries again.
      pending.catch(() => {
        if (this.cachedCatalogue === pending) this.cachedCatalogue = null;
      });
      this.cachedCatalogue = pending;
    }
    return this.cachedCatalogue;
  }

  /** The search index of this load, read on first use (a failed read is retried next time). */
  private nameIndex(): Promise<CustomerSearchIndex> {
    const index = (this.searchIndex ??= detached(() => this.read(readSearchIndex)));
    index.catch(() => {
      if (this.searchIndex === index) this.searchIndex = null;
    });
    return index;
  }

  /**
   * Reads the search index and the shared devices' holders now rather than on the first search or
   * Customer 360 (seconds at a million).
   */
  async prepareSearch(): Promise<void> {
    await this.nameIndex();
    await this.sharedDeviceHolders();
  }

  /** Read on first use (0.8 s at a million customers), or by prepareSearch at start. */
  private sharedDeviceHolders(): Promise<DeviceHolders> {
    if (this.deviceHolders === null) {
      const pending = detached(() => this.read(readSharedDeviceHolders)).then(
        (rows) => new DeviceHolders(rows),
      );
      pending.catch(() => {
        if (this.deviceHolders === pending) this.deviceHolders = null;
      });
      this.deviceHolders = pending;
    }
    return this.deviceHolders;
  }

  async sharedDevices(
    customerId: string,
    own: readonly { kind: string; value: string }[],
  ): Promise<SharedDevice[]> {
    return (await this.sharedDeviceHolders()).shared(customerId, own);
  }

  async crossProfile(customerId: string): Promise<CrossProfile> {
    const [row] = await this.read((c) =>
      queryRows(
        c,
        `SELECT shared_device, duplicate_email, duplicate_phone
           FROM segment_customers WHERE customer_id = $1`,
        [customerId],
      ),
    );
    return row === undefined
      ? NO_CROSS_PROFILE
      : {
          shared_device: row.shared_device === true,
          duplicate_email: row.duplicate_email === true,
          duplicate_phone: row.duplicate_phone === true,
        };
  }

  search(query: string, limit: number): Promise<SearchHit[]> {
    return this.nameIndex().then((index) =>
      this.read((c) => searchCustomers(c, index, query, limit)),
    );
  }

  /** Read on the connection of the first read that needs it, then kept for the load. */
  private historyReference(connection: DuckDBConnection): Promise<HistoryReference> {
    if (this.reference === null) {
      const pending = readHistoryReference(connection);
      pending.catch(() => {
        if (this.reference === pending) this.reference = null;
      });
      this.reference = pending;
    }
    return this.reference;
  }

  referenceRows(): Promise<HistoryReference> {
    return this.read((c) => this.historyReference(c));
  }

  history(customerId: string, scope?: HistoryScope): Promise<CustomerHistory | null> {
    return this.read(async (c) =>
      readHistory(c, await this.historyReference(c), customerId, scope),
    );
  }

  async *histories(
    customerIds: readonly string[],
    options: HistoryReadOptions = {},
  ): AsyncIterable<CustomerHistory[]> {
    for await (const { rows, reference, scope } of this.packedHistories(customerIds, options)) {
      const histories = decodePacked(rows, reference, scope);
      // DuckDB orders VARCHAR by bytes; the order promised is code units (they differ beyond the
      // BMP only, but the order promised is one).
      yield histories.sort((a, b) => compareText(a.customer.customer_id, b.customer.customer_id));
    }
  }

  /**
   * The histories `histories()` gives, still packed (decodePacked reads them): for threads that
   * decode and check them apart from this one. Chunks in customer id order; none empty.
   */
  async *packedHistories(
    customerIds: readonly string[],
    options: HistoryReadOptions = {},
  ): AsyncIterable<PackedChunk> {
    const size = Math.max(1, options.chunkSize ?? 1000);
    const scope = options.scope ?? wholeHistory;
    const ids = [...new Set(customerIds)].sort(compareText);
    const read = (start: number) =>
      this.read(async (c) => ({
        rows: await readPackedRows(c, ids.slice(start, start + size), scope),
        reference: await this.historyReference(c),
      }));
    // DuckDB reads the next chunks (two at a time, on two pooled connections, so both cores
    // work) while this one is decoded and consumed; a failed read is thrown when its chunk is
    // reached, not before.
    const ahead: ReturnType<typeof read>[] = [];
    let queued = 0;
    const fill = () => {
      while (ahead.length < READ_AHEAD && queued < ids.length) {
        const pending = read(queued);
        pending.catch(() => undefined);
        ahead.push(pending);
        queued += size;
      }
    };
    fill();
    for (let current = ahead.shift(); current !== undefined; current = ahead.shift()) {
      fill();
      const { rows, reference } = await current;
      if (rows.length > 0) yield { rows, reference, scope };
    }
  }

  async segmentCounts(definitions: readonly SegmentDefinition[]): Promise<number[]> {
    if (definitions.length === 0) return [];
    const ctx = await this.segmentContext(definitions);
    // One statement for all: one scan of the customers, each subquery joined once.
    return (await this.read((c) => countSegments(c, definitions, ctx))).counts;
  }

  async segmentCountAnswer(
    definitions: readonly SegmentDefinition[],
    sample: number,
    breakdown: string | null,
  ): Promise<SegmentCountAnswer> {
    const stamp = this.keptNow();
    if (stamp !== this.countedStamp) {
      this.counted.clear();
      this.countedStamp = stamp;
    }
    const key = JSON.stringify([definitions, sample, breakdown]);
    const known = this.counted.get(key);
    if (known !== undefined) {
      this.counted.delete(key);
      this.counted.set(key, known);
      return known;
    }
    // Detached: a request waiting on the same count does not fail when the first one's client
    // leaves (request-scope.ts).
    const epoch = this.keptEpoch;
    const pending = detached(async () => {
      const ctx = await this.breakdownContext(definitions, breakdown);
      return segmentCountAnswer(
        (work) => this.read(work),
        ctx,
        definitions,
        sample,
        breakdown,
        ctx.customers === undefined
          ? undefined
          : (condition, key) => this.conditionSet(epoch, ctx, condition, key),
      );
    });
    this.counted.set(key, pending);
    if (this.counted.size > MAX_KEPT_COUNTS) {
      const [oldest] = this.counted.keys();
      if (oldest !== undefined) this.counted.delete(oldest);
    }
    const forget = () => {
      if (this.counted.get(key) === pending) this.counted.delete(key);
    };
    // Not kept when it failed, or when the data or saved segments moved while it ran.
    pending.then(() => {
      if (this.keptNow() !== stamp) forget();
    }, forget);
    return pending;
  }

  /**
   * Each condition's members as one bit per customer, kept under the load and the scores
   * (keptEpoch) by what the condition selects (conditionKey: a saved segment it reaches changed
   * is another key), the most recently used first, at most 64 MB of them. Count answers are
   * worked out from them (duckdb-condition-bits.ts).
   */
  private conditionSets = new Map<string, Promise<MemberBits>>();
  private conditionSetsEpoch = -1;

  private conditionSet(
    epoch: number,
    ctx: SegmentQueryContext,
    condition: Condition,
    key: string,
  ): Promise<MemberBits> {
    const select = () => detached(() => this.read((c) => conditionBits(c, ctx, condition)));
    // Read under a load or scores since replaced: worked out, not kept.
    if (epoch !== this.keptEpoch) return select();
    if (epoch !== this.conditionSetsEpoch) {
      this.conditionSets.clear();
      this.conditionSetsEpoch = epoch;
    }
    const kept = this.conditionSets.get(key);
    if (kept !== undefined) {
      this.conditionSets.delete(key);
      this.conditionSets.set(key, kept);
      return kept;
    }
    const pending = select();
    this.conditionSets.set(key, pending);
    const most = Math.max(16, Math.floor(MAX_CONDITION_SET_BYTES / ((ctx.customers ?? 0) / 8 + 1)));
    for (const oldest of [...this.conditionSets.keys()].slice(0, -most))
      this.conditionSets.delete(oldest);
    const forget = () => {
      if (this.conditionSets.get(key) === pending) this.conditionSets.delete(key);
    };
    pending.then(() => {
      if (this.keptEpoch !== epoch) forget();
    }, forget);
    return pending;
  }

  async buyersByMonth(
    definition: SegmentDefinition | null,
    query: BuyersQuery,
  ): Promise<BuyerMonth[]> {
    await this.monthTable();
    return this.withMembers(definition, this.contextOf(definition), (ctx) =>
      this.read((c) => buyersByMonth(c, ctx, definition, query)),
    );
  }

  async valueFigures(
    definition: SegmentDefinition | null,
    query: BuyersQuery,
  ): Promise<ValueFigures> {
    await this.monthTable();
    return this.withMembers(definition, this.contextOf(definition), (ctx) =>
      this.read((c) => valueFigures(c, ctx, definition, query, orderChannel.options)),
    );
  }

  /**
   * Totals of a score by definition, each kept under the load and the scores (keptEpoch) by its
   * selection key (the definition with the saved segments it reaches): saving a segment works out
   * that segment's totals alone, not every other's. The value-by-segment dashboard asks every saved
   * segment's on each opening, whatever its period. Each definition is worked out alone, two at a
   * time: one statement for many computed every condition for every customer (10 together took
   * 8.4 s at 1,000,000 customers, one alone 80–125 ms). Detached: a request waiting on a total
   * another started does not fail when that one's client leaves.
   */
  private totals = new Map<string, Promise<ScoreTotals>>();
  private totalsEpoch = -1;

  async segmentScoreTotals(
    definitions: readonly SegmentDefinition[],
    scoreId: string,
  ): Promise<ScoreTotals[]> {
    const epoch = this.keptEpoch;
    const ctx = await this.breakdownContext(definitions, scoreId);
    if (epoch !== this.totalsEpoch) {
      this.totals.clear();
      this.totalsEpoch = epoch;
    }
    const keyOf = (d: SegmentDefinition) =>
      JSON.stringify([selectionKey(d, ctx.segments), scoreId]);
    const asked = new Map<string, Promise<ScoreTotals>>();
    const queue: (() => Promise<void>)[] = [];
    const answers = definitions.map((d) => {
      const key = keyOf(d);
      const kept = asked.get(key) ?? this.totals.get(key);
      if (kept !== undefined) {
        asked.set(key, kept);
        return kept;
      }
      const total = new Promise<ScoreTotals>((resolve, reject) =>
        queue.push(async () => {
          try {
            resolve(await this.read((c) => segmentScoreTotal(c, ctx, d, scoreId)));
          } catch (error: unknown) {
            reject(error);
          }
        }),
      );
      asked.set(key, total);
      this.totals.set(key, total);
      // Not kept when it failed, or when the data or the scores moved while it ran.
      const forget = () => {
        if (this.totals.get(key) === total) this.totals.delete(key);
      };
      total.then(() => {
        if (this.keptEpoch !== epoch) forget();
      }, forget);
      return total;
    });
    for (const oldest of [...this.totals.keys()].slice(0, -MAX_KEPT_COUNTS))
      this.totals.delete(oldest);
    // Two lanes, each taking the next definition when its last is done.
    const lane = async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) await next();
    };
    if (queue.length > 0) void detached(() => Promise.all([lane(), lane()]));
    return Promise.all(answers);
  }

  async qualityFigures(definition: SegmentDefinition | null): Promise<QualityFigures> {
    await this.qualityTable();
    return this.withMembers(definition, this.contextOf(definition), (ctx) =>
      this.read((c) => qualityFigures(c, ctx, definition)),
    );
  }

  async qualityList(
    definition: SegmentDefinition | null,
    list: QualityList,
    page: { limit: number; offset: number },
  ): Promise<QualityListPage> {
    await this.qualityTable();
    return this.withMembers(definition, this.contextOf(definition), (ctx) =>
      this.read((c) => qualityList(c, ctx, definition, list, page)),
    );
  }

  async campaignFigures(
    definition: SegmentDefinition | null,
    query: BuyersQuery,
  ): Promise<CampaignFigures[]> {
    await this.campaignTable();
    return this.withMembers(definition, this.contextOf(definition), (ctx) =>
      this.read((c) => campaignFigures(c, ctx, definition, query)),
    );
  }

  async segmentSample(
    definition: SegmentDefinition,
    limit: number,
    afterId?: string,
  ): Promise<MemberSummary[]> {
    const ctx = await this.segmentContext([definition]);
    return this.read((c) => segmentSample(c, ctx, definition, limit, afterId));
  }

  async segmentBreakdown(
    definition: SegmentDefinition,
    fieldId: string,
  ): Promise<{ value: string | null; count: number }[]> {
    const ctx = await this.breakdownContext([definition], fieldId);
    return this.read((c) => segmentBreakdown(c, ctx, definition, fieldId));
  }

  async scoreBreakdowns(
    definition: SegmentDefinition | null,
    fieldIds: readonly string[],
  ): Promise<{ value: string | null; count: number }[][]> {
    const selected = definition ?? EVERYONE;
    return this.withMembers(
      definition,
      () => this.breakdownContext([selected], fieldIds[0] ?? null),
      (ctx) => this.read((c) => scoreBreakdowns(c, ctx, selected, fieldIds)),
    );
  }

  /** Copies of the kept list: callers may change what they get. */
  async savedSegments(): Promise<SavedSegment[]> {
    return structuredClone(await this.saved());
  }

  savedSegment(segmentId: string): Promise<SavedSegment | null> {
    return this.segmentDocuments.get(segmentId);
  }

  segmentVersions(segmentId: string): Promise<SegmentVersionSummary[] | null> {
    return this.segmentDocuments.versions(segmentId);
  }

  segmentVersion(segmentId: string, version: number): Promise<SegmentVersion | null> {
    return this.segmentDocuments.version(segmentId, version);
  }

  segmentCampaigns(): Promise<SegmentCampaign[]> {
    return segmentCampaignsOf(this.documents);
  }

  idempotencyRecord(key: string): Promise<IdempotencyRecord | null> {
    return this.segmentDocuments.idempotencyRecord(key);
  }

  createSegment(
    segmentId: string,
    write: SegmentWrite,
    idempotency: IdempotencyClaim | null,
  ): Promise<SavedSegment> {
    return this.segmentDocuments.create(segmentId, write, idempotency);
  }

  updateSegment(
    segmentId: string,
    expectedVersion: number,
    write: SegmentWrite,
  ): Promise<SegmentSaveResult> {
    return this.segmentDocuments.update(segmentId, expectedVersion, write);
  }

  deleteSegment(segmentId: string, expectedVersion: number | null): Promise<SegmentDeleteResult> {
    return this.segmentDocuments.delete(segmentId, expectedVersion);
  }

  async scoringTransactions(): Promise<IndexedTransactions> {
    return this.read((connection) => duckdbTransactions(connection));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Reads already running finish first: closing a connection under a query is not safe.
    await Promise.all(this.inFlight);
    this.pool.close();
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/**
 * The row of `meta`, or null when nothing was loaded, or loaded with another table layout
 * (another SCHEMA_VERSION): such a file must be reseeded, which replaces every table.
 */
async function fetchMeta(connection: DuckDBConnection): Promise<DuckDbMeta | null> {
  let rows;
  try {
    rows = await queryRows(
      connection,
      `SELECT strftime(as_of, '%Y-%m-%dT%H:%M:%S.%gZ') AS as_of, seed, customers, schema_version
       FROM meta ORDER BY loaded_at DESC LIMIT 1`,
    );
  } catch {
    return null; // a `meta` table of another layout
  }
  const [row] = rows;
  if (row === undefined) return null;
  const meta = {
    as_of: toText(row.as_of ?? null),
    seed: toNumberOrNull(row.seed ?? null),
    customers: toNumber(row.customers ?? null),
    schema_version: toNumber(row.schema_version ?? null),
  };
  return meta.schema_version === SCHEMA_VERSION ? meta : null;
}

/** Opens (or creates) a store; an existing file is reused as it is, never reseeded here. */
export function openDuckDbStore(options: DuckDbStoreOptions): Promise<DuckDbStore> {
  return DuckDbStore.open(options);
}

/** Whether the file holds a complete load, and of what; null when nothing was loaded yet. */
export function readMeta(store: DuckDbStore): Promise<DuckDbMeta | null> {
  return store.refreshMeta();
}

/**
 * A sink for the generator's `streamDataset(options, sink)`: replaces whatever the store holds;
 * `finish()` writes `meta` and, given a store, makes the store serve the new data.
 */
export function createDuckDbSink(
  target: DuckDbStore | DuckDBConnection,
  info: LoadInfo,
): Promise<DuckDbSink> {
  if (target instanceof DuckDbStore) {
    return createSinkOn(target.connection, info, () => target.reload());
  }
  return createSinkOn(target, info);
}

/** Loads a whole in-memory dataset (replacing the store's data). */
export async function loadDataset(
  store: DuckDbStore,
  dataset: Dataset,
  info: Partial<LoadInfo> = {},
): Promise<void> {
  await loadDatasetInto(
    store.connection,
    dataset,
    { asOf: info.asOf ?? store.asOf, seed: info.seed ?? null },
    () => store.reload(),
  );
}
