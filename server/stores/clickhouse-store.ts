// The ClickHouse store's reads (issue 14, decision 042), part of what `TACT_STORE=clickhouse` will
// serve: histories (what every per-customer function reads), the selection of customers (counts,
// members, the count endpoint's answer, breakdowns), the orders the customer-base models read and
// the scores fitted on them. Every figure here means what the DuckDB store's does, held to it on
// the same rows by clickhouse-store.test.ts. Selection is the segment compiler's walk in
// ClickHouse's dialect; a breakdown by reach is the same walk asked per channel (the reach
// conditions of count-plan.ts), by score a tally of the members' fitted scores.
import type { IndexedTransactions } from '../../src/domain/analytics/summary.ts';
import { compareText } from '../../src/domain/compare.ts';
import type {
  CustomerHistory,
  HistoryReference,
  HistoryScope,
} from '../../src/domain/profile/history.ts';
import type { MemberSummary } from '../../src/domain/profile/summaries.ts';
import {
  breakdownSource,
  propensityBand,
  rankBreakdown,
  valueBand,
  type ScoreBands,
} from '../../src/domain/segment/breakdown.ts';
import { REACH_CHANNELS, reachConditions } from '../../src/domain/segment/count-plan.ts';
import type { SegmentDefinition, SegmentNode } from '../../src/domain/segment/definition.ts';
import {
  SCORE_FIELD_IDS,
  scoreCatalogueFields,
  scoreValues,
  type ScoreValue,
} from '../scoring/score-fields.ts';
import type { CatalogueResponse, SearchHit } from '../../src/api/contract.ts';
import { loyaltyTier } from '../../src/domain/profile/schema.ts';
import {
  bestHits,
  compactPhone,
  normaliseQuery,
  phoneForms,
  type RankedHit,
} from '../../src/domain/profile/search.ts';
import { CustomerSearchIndex } from '../../src/domain/profile/search-index.ts';
import { readClickHouseCatalogue } from './clickhouse-catalogue.ts';
import { PHONE_PUNCTUATION } from './duckdb-search.ts';
import type { ScoreBook } from '../scoring/score-book.ts';
import { fitScoreBook, type NoModel } from '../scoring/service.ts';
import type { HistoryReadOptions, SegmentCountAnswer } from '../store.ts';
import { chString, readHistories, readReference, type ClickHouseRunner } from './clickhouse.ts';
import {
  clickhouseCount,
  clickhouseMemberFilter,
  clickhouseMembers,
  clickhouseRows,
  writeCustomerScores,
  type ClickHouseSegmentContext,
} from './clickhouse-segments.ts';
import { writeCustomerFacts, type MemberFilter } from './clickhouse-dashboards.ts';
import { quote } from './duckdb-schema.ts';

const DAY_MS = 86_400_000;
const ALL = Number.MAX_SAFE_INTEGER;

/** `definition`'s root and `more`, all holding (ids apart from the definition's own). */
function andAlso(definition: SegmentDefinition, more: readonly SegmentNode[]): SegmentDefinition {
  return {
    version: definition.version,
    root: {
      id: '__and',
      kind: 'group',
      negate: false,
      combinator: 'and',
      children: [definition.root, ...more],
    },
  };
}

/** A group of `children` under `combinator`, negated or not. */
const group = (
  id: string,
  combinator: 'and' | 'or',
  children: SegmentNode[],
  negate = false,
): SegmentNode => ({ id, kind: 'group', negate, combinator, children });

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export interface ClickHouseReadsOptions {
  asOf: string;
  /** The saved segments' current definitions, which membership conditions evaluate. */
  segments: () => Promise<ReadonlyMap<string, SegmentDefinition>>;
}

export class ClickHouseReads {
  private reference: Promise<HistoryReference> | null = null;
  private cachedCatalogue: Promise<CatalogueResponse> | null = null;
  private searchIndex: Promise<CustomerSearchIndex> | null = null;
  private scoring: Promise<{
    book: ScoreBook | NoModel;
    values: ReadonlyMap<string, ReadonlyMap<string, ScoreValue>>;
  }> | null = null;

  constructor(
    private readonly ch: ClickHouseRunner,
    private readonly options: ClickHouseReadsOptions,
  ) {}

  /**
   * After a load: the first-name verdicts the reach check reads, computed by the domain, and the
   * quality table the data-quality dashboard reads.
   */
  async prepare(): Promise<void> {
    await writeCustomerFacts(this.ch);
    this.reference = null;
    this.scoring = null;
    this.cachedCatalogue = null;
    this.searchIndex = null;
  }

  /** The field catalogue with the scores' fields, computed once per load (a failure is retried). */
  catalogue(): Promise<CatalogueResponse> {
    if (this.cachedCatalogue === null) {
      const pending = Promise.all([
        readClickHouseCatalogue(this.ch, this.options.asOf),
        this.scores(),
        this.customerCount(),
      ]).then(([catalogue, { book, values }, customers]) => ({
        ...catalogue,
        fields: [
          ...catalogue.fields,
          ...('unavailable' in book ? [] : scoreCatalogueFields(values, customers)),
        ],
      }));
      pending.catch(() => {
        if (this.cachedCatalogue === pending) this.cachedCatalogue = null;
      });
      this.cachedCatalogue = pending;
    }
    return this.cachedCatalogue;
  }

  /** Names and emails indexed for search, read once per load, as the DuckDB store's. */
  private nameIndex(): Promise<CustomerSearchIndex> {
    if (this.searchIndex === null) {
      const pending = this.ch
        .rows('SELECT customer_id, first_name, last_name, email, city, loyalty_tier FROM customers')
        .then(
          (rows) =>
            new CustomerSearchIndex(
              rows.map((r) => ({
                customer_id: String(r.customer_id),
                first_name: text(r.first_name),
                last_name: text(r.last_name),
                email: text(r.email),
                city: text(r.city),
                loyalty_tier: loyaltyTier.parse(r.loyalty_tier),
              })),
            ),
        );
      pending.catch(() => {
        if (this.searchIndex === pending) this.searchIndex = null;
      });
      this.searchIndex = pending;
    }
    return this.searchIndex;
  }

  /**
   * Ids and identities (ranks 0 and 1) in SQL, a phone also compacted; names and emails through
   * the index (ranks 2 and 3): the rules of src/domain/profile/search.ts, as the DuckDB store's.
   */
  async search(query: string, limit: number): Promise<SearchHit[]> {
    const q = normaliseQuery(query);
    const top = Number.isFinite(limit) ? Math.max(0, Math.trunc(limit)) : 0;
    if (top === 0) return [];
    const index = await this.nameIndex();
    const compact = `replaceRegexpAll(lowerUTF8(value), ${chString(PHONE_PUNCTUATION)}, '')`;
    const [f1, f2, f3] = phoneForms(compactPhone(q));
    const forms = '({f1:String}, {f2:String}, {f3:String})';
    const rows = await this.ch.rows(
      `SELECT customer_id, 0 AS rank, 'customer_id' AS kind, customer_id AS value FROM customers
        WHERE lowerUTF8(customer_id) = {q:String}
       UNION ALL
       SELECT customer_id, 1 AS rank, kind, value FROM identities
        WHERE lowerUTF8(value) = {q:String}
           OR (kind = 'phone' AND (${compact} = {q:String}
               OR lowerUTF8(value) IN ${forms} OR ${compact} IN ${forms}))`,
      { q, f1, f2, f3 },
    );
    const candidates: RankedHit[] = rows.map((r) => ({
      customer_id: String(r.customer_id),
      rank: Number(r.rank) === 0 ? 0 : 1,
      kind: String(r.kind),
      value: String(r.value),
    }));
    candidates.push(...index.search(q, top));
    return bestHits(candidates, top).flatMap((hit) => {
      const c = index.customer(hit.customer_id);
      return c ? [{ ...c, matched: { kind: hit.kind, value: hit.value } }] : [];
    });
  }

  async customerCount(): Promise<number> {
    const [row] = await this.ch.rows('SELECT count() AS n FROM customers');
    return Number(row?.n ?? 0);
  }

  referenceRows(): Promise<HistoryReference> {
    if (this.reference === null) {
      const pending = readReference(this.ch);
      // A failed read is not kept: the next request tries again.
      pending.catch(() => {
        if (this.reference === pending) this.reference = null;
      });
      this.reference = pending;
    }
    return this.reference;
  }

  async history(customerId: string, scope?: HistoryScope): Promise<CustomerHistory | null> {
    const [history] = await readHistories(this.ch, [customerId], await this.referenceRows(), scope);
    return history ?? null;
  }

  async *histories(
    customerIds: readonly string[],
    options: HistoryReadOptions = {},
  ): AsyncIterable<CustomerHistory[]> {
    const size = Math.max(1, options.chunkSize ?? 1000);
    const ids = [...new Set(customerIds)].sort(compareText);
    const reference = await this.referenceRows();
    for (let i = 0; i < ids.length; i += size) {
      const chunk = await readHistories(this.ch, ids.slice(i, i + size), reference, options.scope);
      if (chunk.length > 0) yield chunk;
    }
  }

  /** Completed orders summed per customer and UTC day, customers in id order (sources.ts). */
  async scoringTransactions(): Promise<IndexedTransactions> {
    const rows = await this.ch.rows(
      `SELECT customer_id, intDiv(toUnixTimestamp64Milli(placed_at), ${DAY_MS}) AS day,
              sum(total_cents) AS cents
         FROM orders WHERE status = 'completed'
        GROUP BY customer_id, day ORDER BY customer_id, day`,
    );
    const customerIds: string[] = [];
    const customer = new Int32Array(rows.length);
    const day = new Int32Array(rows.length);
    const amount = new Float64Array(rows.length);
    rows.forEach((r, i) => {
      const id = String(r.customer_id);
      if (customerIds.at(-1) !== id) customerIds.push(id);
      customer[i] = customerIds.length - 1;
      day[i] = Number(r.day);
      amount[i] = Number(r.cents) / 100;
    });
    return { customerIds, customer, day, amount };
  }

  /** Fitted on first use, and written where the segment walk reads scores (`customer_scores`). */
  private scores() {
    if (this.scoring === null) {
      const pending = (async () => {
        const book = fitScoreBook(await this.scoringTransactions(), this.options.asOf);
        const values = 'unavailable' in book ? new Map() : scoreValues(book);
        await writeCustomerScores(this.ch, values);
        return { book, values };
      })();
      // A failed fit or write is not kept: the next request tries again.
      pending.catch(() => {
        if (this.scoring === pending) this.scoring = null;
      });
      this.scoring = pending;
    }
    return this.scoring;
  }

  async scoreBook(): Promise<ScoreBook | NoModel> {
    return (await this.scores()).book;
  }

  /** The refits asked, one after the other. */
  private refits: Promise<unknown> = Promise.resolve();

  /**
   * The models fitted again; the catalogue's score fields follow. One refit at a time, after any
   * fit under way: two never write the scores' table together.
   */
  refitScores(stage: (name: string) => void): Promise<ScoreBook | NoModel> {
    const refit = this.refits.then(async () => {
      stage('reading the orders');
      await this.scoring?.catch(() => undefined);
      this.scoring = null;
      this.cachedCatalogue = null;
      stage('fitting the models and scoring');
      return (await this.scores()).book;
    });
    this.refits = refit.catch(() => undefined);
    return refit;
  }

  /** Each scored customer's values (the book's), for figures over members. */
  async scoreValues(): Promise<ReadonlyMap<string, ReadonlyMap<string, ScoreValue>>> {
    return (await this.scores()).values;
  }

  /** Every member of `definition`, in id order. */
  async members(definition: SegmentDefinition): Promise<string[]> {
    return clickhouseMembers(this.ch, definition, await this.context(), ALL);
  }

  /** Whether a row's customer is one of `definition`'s members (null: everyone), in SQL. */
  async memberFilter(definition: SegmentDefinition | null): Promise<MemberFilter> {
    return clickhouseMemberFilter(definition, await this.context());
  }

  private async context(): Promise<ClickHouseSegmentContext> {
    const { book } = await this.scores();
    return {
      asOf: this.options.asOf,
      segments: await this.options.segments(),
      scores: 'unavailable' in book ? new Set<string>() : SCORE_FIELD_IDS,
    };
  }

  async segmentCounts(definitions: readonly SegmentDefinition[]): Promise<number[]> {
    const ctx = await this.context();
    const counts: number[] = [];
    for (const definition of definitions)
      counts.push(await clickhouseCount(this.ch, definition, ctx));
    return counts;
  }

  async segmentSample(
    definition: SegmentDefinition,
    limit: number,
    afterId?: string,
  ): Promise<MemberSummary[]> {
    const ids = await clickhouseMembers(this.ch, definition, await this.context(), limit, afterId);
    return this.summaries(ids);
  }

  private async summaries(ids: readonly string[]): Promise<MemberSummary[]> {
    if (ids.length === 0) return [];
    // A thousand ids a statement: ids of any length stay under ClickHouse's query size.
    const rows: Record<string, unknown>[] = [];
    for (let at = 0; at < ids.length; at += 1_000)
      rows.push(
        ...(await this.ch.rows(
          `SELECT customer_id, first_name, last_name, email, city FROM customers
            WHERE customer_id IN (${ids
              .slice(at, at + 1_000)
              .map(chString)
              .join(', ')})`,
        )),
      );
    const byId = new Map(rows.map((r) => [String(r.customer_id), r]));
    return ids.flatMap((id) => {
      const r = byId.get(id);
      if (r === undefined) return [];
      return [
        {
          customer_id: id,
          first_name: text(r.first_name),
          last_name: text(r.last_name),
          email: text(r.email),
          city: text(r.city),
        },
      ];
    });
  }

  async segmentCountAnswer(
    definitions: readonly SegmentDefinition[],
    sample: number,
    breakdown: string | null,
  ): Promise<SegmentCountAnswer> {
    const [first] = definitions;
    const counts = await this.segmentCounts(definitions);
    const top = Number.isNaN(sample) ? 0 : Math.max(0, Math.floor(sample));
    return {
      counts,
      total: await this.customerCount(),
      sample: first === undefined || top === 0 ? [] : await this.segmentSample(first, top),
      breakdown:
        breakdown === null || first === undefined
          ? null
          : await this.segmentBreakdown(first, breakdown),
    };
  }

  /** Breakdowns of one selection by each of `fieldIds`, the members read once for every score. */
  async segmentBreakdowns(
    definition: SegmentDefinition,
    fieldIds: readonly string[],
  ): Promise<{ value: string | null; count: number }[][]> {
    let members: Promise<string[]> | null = null;
    const out: { value: string | null; count: number }[][] = [];
    for (const fieldId of fieldIds) {
      const source = breakdownSource(fieldId);
      if (source?.kind === 'score') {
        members ??= this.context().then((ctx) => clickhouseMembers(this.ch, definition, ctx, ALL));
        out.push(await this.scoreTally(source, await members, fieldId));
      } else out.push(await this.segmentBreakdown(definition, fieldId));
    }
    return out;
  }

  /** `ids` tallied by their band (or value) of a score. */
  private async scoreTally(
    source: { score: string; bands: ScoreBands },
    ids: readonly string[],
    fieldId: string,
  ): Promise<{ value: string | null; count: number }[]> {
    const [{ values }, ctx] = await Promise.all([this.scores(), this.context()]);
    const band = (v: ScoreValue | undefined): string | null => {
      if (source.bands === 'propensity') return propensityBand(v);
      if (source.bands === 'value') return valueBand(v);
      return v === null || v === undefined ? null : String(v);
    };
    const byValue = new Map<string | null, number>();
    for (const id of ids) {
      const value = ctx.scores?.has(source.score) ? band(values.get(id)?.get(source.score)) : null;
      byValue.set(value, (byValue.get(value) ?? 0) + 1);
    }
    return rankBreakdown(
      [...byValue].map(([value, count]) => ({ value, count })),
      fieldId,
    );
  }

  async segmentBreakdown(
    definition: SegmentDefinition,
    fieldId: string,
  ): Promise<{ value: string | null; count: number }[]> {
    const source = breakdownSource(fieldId);
    if (source === null) throw new Error(`Not a breakdown: ${fieldId}`);
    const ctx = await this.context();
    const tally = (rows: { value: string | null; count: number }[]) => rankBreakdown(rows, fieldId);
    switch (source.kind) {
      case 'column': {
        const rows = await clickhouseRows(
          this.ch,
          definition,
          ctx,
          (members) =>
            `SELECT toString(m.${quote(source.column)}) AS value, count() AS n FROM (${members}) m GROUP BY value`,
        );
        return tally(rows.map((r) => ({ value: text(r.value), count: Number(r.n) })));
      }
      case 'score':
        return this.scoreTally(
          source,
          await clickhouseMembers(this.ch, definition, ctx, ALL),
          fieldId,
        );
      case 'reach': {
        const on = REACH_CHANNELS.map((channel) =>
          group(`__reach_${channel}_all`, 'and', reachConditions(channel)),
        );
        const rows: { value: string | null; count: number }[] = [];
        for (const [i, channel] of REACH_CHANNELS.entries()) {
          const test = on[i];
          if (test === undefined) continue;
          rows.push({
            value: channel,
            count: await clickhouseCount(this.ch, andAlso(definition, [test]), ctx),
          });
        }
        const none = group('__reach_none', 'or', on, true);
        rows.push({
          value: null,
          count: await clickhouseCount(this.ch, andAlso(definition, [none]), ctx),
        });
        return tally(rows);
      }
      case 'order_channel': {
        const rows = await clickhouseRows(
          this.ch,
          definition,
          ctx,
          (members) =>
            `WITH m AS (${members}),
                  ch AS (SELECT DISTINCT customer_id, toString(channel) AS channel FROM orders
                          WHERE status = 'completed' AND customer_id IN (SELECT customer_id FROM m))
             SELECT channel AS value, count() AS n FROM ch GROUP BY channel
             UNION ALL
             SELECT NULL AS value, count() AS n FROM m
              WHERE customer_id NOT IN (SELECT customer_id FROM ch)`,
        );
        return tally(rows.map((r) => ({ value: text(r.value), count: Number(r.n) })));
      }
    }
  }
}
