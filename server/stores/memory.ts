// The in-memory profile store: plain JS over a generated Dataset. Serves the browser mock and the
// component tests, and is the reference the DuckDB store is held to.
import type { IndexedTransactions } from '../../src/domain/analytics/summary.ts';
import { ordersTransactions } from '../scoring/sources.ts';
import type { ScoreBook } from '../scoring/score-book.ts';
import { scoreCatalogueFields, scoreValues, type ScoreValue } from '../scoring/score-fields.ts';
import { fitScoreBook, type NoModel } from '../scoring/service.ts';
import type {
  CatalogueResponse,
  MemberSummary,
  ProfileResponse,
  SavedSegment,
  SearchHit,
  SegmentVersion,
  SegmentVersionSummary,
  TimelineEntry,
  TimelineResponse,
} from '../../src/api/contract.ts';
import { latestConsents, orderFigures } from '../../src/domain/profile/figures.ts';
import type {
  Campaign,
  Consent,
  Customer,
  CustomerEvent,
  Dataset,
  Identity,
  Message,
  Offer,
  OfferResponse,
  Order,
  OrderLine,
  Preference,
  Product,
  Store,
} from '../../src/domain/profile/schema.ts';
import {
  bestHits,
  compactPhone,
  fullName,
  normaliseQuery,
  phoneForms,
  type RankedHit,
} from '../../src/domain/profile/search.ts';
import {
  compareTimelineKeys,
  encodeTimelineCursor,
  isAfterCursor,
} from '../../src/domain/profile/timeline.ts';
import { rankBreakdown } from '../../src/domain/segment/breakdown.ts';
import type { SegmentDefinition } from '../../src/domain/segment/definition.ts';
import type {
  IdempotencyRecord,
  ProfileStore,
  SegmentCampaign,
  SegmentCountAnswer,
  SegmentDeleteResult,
  SegmentSaveResult,
  SegmentWrite,
  TimelineRequest,
} from '../store.ts';
import { columnValue, memoryCatalogue } from './memory-catalogue.ts';
import { MemorySavedSegments } from './memory-saved-segments.ts';
import { MemorySegmentIndex } from './memory-segments.ts';
import { compareText } from '../../src/domain/compare.ts';

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

function indexBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T> {
  return new Map(rows.map((row) => [key(row), row]));
}

const none: never[] = [];

export class MemoryStore implements ProfileStore {
  readonly kind = 'memory';
  readonly asOf: string;
  private readonly data: Dataset;
  private readonly customers: Map<string, Customer>;
  private readonly identities: Map<string, Identity[]>;
  private readonly identityByValue: Map<string, Identity[]>;
  private readonly phoneByCompact: Map<string, Identity[]>;
  private readonly consents: Map<string, Consent[]>;
  private readonly preferences: Map<string, Preference[]>;
  private readonly orders: Map<string, Order[]>;
  private readonly lines: Map<string, OrderLine[]>;
  private readonly events: Map<string, CustomerEvent[]>;
  private readonly messages: Map<string, Message[]>;
  private readonly responses: Map<string, OfferResponse[]>;
  private readonly products: Map<string, Product>;
  private readonly stores: Map<string, Store>;
  private readonly offers: Map<string, Offer>;
  private readonly campaigns: Map<string, Campaign>;
  private cachedCatalogue: CatalogueResponse | null = null;
  private segmentIndex: MemorySegmentIndex | null = null;
  /** The fitted models and every scored customer's values, or why there are none. */
  private scoring: {
    book: ScoreBook | NoModel;
    values: ReadonlyMap<string, ReadonlyMap<string, ScoreValue>>;
  } | null = null;
  private readonly saved: MemorySavedSegments;

  constructor(data: Dataset, asOf: string) {
    this.data = data;
    this.asOf = asOf;
    this.customers = indexBy(data.customers, (c) => c.customer_id);
    this.identities = groupBy(data.identities, (i) => i.customer_id);
    this.identityByValue = groupBy(data.identities, (i) => i.value.toLowerCase());
    this.phoneByCompact = groupBy(
      data.identities.filter((i) => i.kind === 'phone'),
      (i) => compactPhone(i.value.toLowerCase()),
    );
    this.consents = groupBy(data.consents, (c) => c.customer_id);
    this.preferences = groupBy(data.preferences, (p) => p.customer_id);
    this.orders = groupBy(data.orders, (o) => o.customer_id);
    this.lines = groupBy(data.order_lines, (l) => l.order_id);
    this.events = groupBy(data.events, (e) => e.customer_id);
    this.messages = groupBy(data.messages, (m) => m.customer_id);
    this.responses = groupBy(data.offer_responses, (r) => r.customer_id);
    this.products = indexBy(data.products, (p) => p.sku);
    this.stores = indexBy(data.stores, (s) => s.store_id);
    this.offers = indexBy(data.offers, (o) => o.offer_id);
    this.campaigns = indexBy(data.campaigns, (c) => c.campaign_id);
    this.saved = new MemorySavedSegments(data.segments);
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
    for (const c of this.data.customers) {
      if (c.customer_id.toLowerCase() === q) {
        candidates.push({
          customer_id: c.customer_id,
          rank: 0,
          kind: 'customer_id',
          value: c.customer_id,
        });
      }
      const name = fullName(c.first_name, c.last_name);
      if (name.toLowerCase().includes(q)) {
        candidates.push({ customer_id: c.customer_id, rank: 2, kind: 'name', value: name });
      } else if (c.email !== null && c.email.toLowerCase().startsWith(q)) {
        candidates.push({ customer_id: c.customer_id, rank: 2, kind: 'email', value: c.email });
      }
    }
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

  async profile(customerId: string): Promise<ProfileResponse | null> {
    const customer = this.customers.get(customerId);
    if (!customer) return null;
    const identities = [...(this.identities.get(customerId) ?? none)].sort(
      (a, b) => compareText(a.kind, b.kind) || compareText(a.value, b.value),
    );
    const preferences = [...(this.preferences.get(customerId) ?? none)].sort(
      (a, b) =>
        compareText(b.stated_at, a.stated_at) ||
        compareText(a.topic, b.topic) ||
        compareText(a.value, b.value),
    );
    return {
      customer,
      identities,
      consents: latestConsents(this.consents.get(customerId) ?? none),
      preferences,
      figures: {
        ...orderFigures(this.orders.get(customerId) ?? none),
        currency: 'EUR',
        events: (this.events.get(customerId) ?? none).length,
        messages_received: (this.messages.get(customerId) ?? none).length,
      },
    };
  }

  async timeline(customerId: string, request: TimelineRequest): Promise<TimelineResponse | null> {
    if (!this.customers.has(customerId)) return null;
    const channels = new Set(request.channels);
    const kinds = new Set(request.kinds);
    const all = this.entriesOf(customerId).filter(
      (e) =>
        (channels.size === 0 || channels.has(e.channel)) && (kinds.size === 0 || kinds.has(e.kind)),
    );
    all.sort(compareTimelineKeys);
    const after = request.after;
    const start = after === null ? 0 : all.findIndex((e) => isAfterCursor(e, after));
    const page = start < 0 ? [] : all.slice(start, start + request.limit);
    const last = page.at(-1);
    const hasMore = start >= 0 && start + request.limit < all.length;
    return {
      entries: page,
      next_cursor: hasMore && last ? encodeTimelineCursor(last) : null,
      total: all.length,
    };
  }

  private entriesOf(customerId: string): TimelineEntry[] {
    const entries: TimelineEntry[] = [];
    for (const order of this.orders.get(customerId) ?? none) {
      const lines = [...(this.lines.get(order.order_id) ?? none)]
        .sort((a, b) => a.line_no - b.line_no)
        .map((line) => {
          const product = this.products.get(line.sku);
          return {
            ...line,
            title: product?.title ?? null,
            category: product?.category ?? null,
            format: product?.format ?? null,
          };
        });
      entries.push({
        kind: 'order',
        id: order.order_id,
        at: order.placed_at,
        channel: order.channel,
        order,
        lines,
        store_name:
          order.store_id === null ? null : (this.stores.get(order.store_id)?.name ?? null),
      });
    }
    for (const event of this.events.get(customerId) ?? none) {
      entries.push({
        kind: 'event',
        id: event.event_id,
        at: event.at,
        channel: event.channel,
        event,
      });
    }
    for (const message of this.messages.get(customerId) ?? none) {
      entries.push({
        kind: 'message',
        id: message.message_id,
        at: message.sent_at,
        channel: message.channel,
        message,
        campaign_name: this.campaigns.get(message.campaign_id)?.name ?? null,
        offer_title:
          message.offer_id === null ? null : (this.offers.get(message.offer_id)?.title ?? null),
      });
    }
    for (const response of this.responses.get(customerId) ?? none) {
      entries.push({
        kind: 'offer_response',
        id: response.response_id,
        at: response.at,
        channel: response.channel,
        response,
        offer: this.offers.get(response.offer_id) ?? null,
      });
    }
    for (const consent of this.consents.get(customerId) ?? none) {
      entries.push({
        kind: 'consent',
        id: consent.consent_id,
        at: consent.at,
        channel: consent.source,
        consent,
      });
    }
    return entries;
  }

  /** Built on the first segment request: gathering every customer's facts is not free. */
  private segments(): MemorySegmentIndex {
    this.segmentIndex ??= new MemorySegmentIndex(this.data, this.asOf, this.scores().values);
    return this.segmentIndex;
  }

  async segmentCounts(definitions: readonly SegmentDefinition[]): Promise<number[]> {
    return definitions.map((d) => this.segments().count(d, this.saved.definitions()));
  }

  async segmentCountAnswer(
    definitions: readonly SegmentDefinition[],
    sample: number,
    breakdownColumn: string | null,
  ): Promise<SegmentCountAnswer> {
    const top = Number.isNaN(sample) ? 0 : Math.max(0, Math.floor(sample));
    const first: MemberSummary[] = [];
    const byValue = new Map<string | null, number>();
    const counts = this.segments().countAll(definitions, this.saved.definitions(), (f) => {
      const c = f.customer;
      if (first.length < top) {
        const { customer_id, first_name, last_name, email, city } = c;
        first.push({ customer_id, first_name, last_name, email, city });
      }
      if (breakdownColumn !== null) {
        const raw = columnValue(c, breakdownColumn);
        const value = raw === null ? null : String(raw);
        byValue.set(value, (byValue.get(value) ?? 0) + 1);
      }
    });
    return {
      counts,
      total: this.customers.size,
      sample: first,
      breakdown:
        breakdownColumn === null
          ? null
          : rankBreakdown([...byValue].map(([value, count]) => ({ value, count }))),
    };
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
    column: string,
  ): Promise<{ value: string | null; count: number }[]> {
    const counts = new Map<string | null, number>();
    for (const id of this.segments().members(
      definition,
      this.saved.definitions(),
      Number.MAX_SAFE_INTEGER,
    )) {
      const c = this.customers.get(id);
      const raw = c ? columnValue(c, column) : null;
      const value = raw === null ? null : String(raw);
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    return rankBreakdown([...counts].map(([value, count]) => ({ value, count })));
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

  async segmentCampaigns(): Promise<SegmentCampaign[]> {
    return [...this.campaigns.values()]
      .flatMap(({ campaign_id, name, status, segment_id }) =>
        segment_id === null ? [] : [{ campaign_id, name, status, segment_id }],
      )
      .sort((a, b) => compareText(a.campaign_id, b.campaign_id));
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
