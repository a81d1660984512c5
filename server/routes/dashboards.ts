// The dashboards' figures: GET /api/dashboards/<figure>?segment=&version=&from=&to=&channel=.
// Every figure shares the filters: a saved segment (its current version, or the one asked for),
// a period of calendar months, an order channel. A segment or version that does not exist is its
// 404; a version that no longer counts as it is (it names a deleted segment) its 422.
import { Hono } from 'hono';
import { z } from 'zod';
import { monthBounds } from '../../src/domain/analytics/buyers.ts';
import { auditsOfCampaign } from '../campaign-audits.ts';
import { auditsOf } from '../documents/audits.ts';
import {
  dashboardQuery,
  type BuyersResponse,
  type CampaignsResponse,
  type SegmentValueResponse,
  type QualityListResponse,
  type QualityResponse,
  qualityListQuery,
  type DashboardQuery,
  type PropensityResponse,
  type ValueResponse,
} from '../../src/api/contract.ts';
import { EVERYONE, type SegmentDefinition } from '../../src/domain/segment/definition.ts';
import { CHURN_BANDS } from '../../src/domain/analytics/churn.ts';
import { ATTRIBUTION_WINDOW_DAYS, campaignUplift } from '../../src/domain/analytics/campaigns.ts';
import { MIN_HOLDOUT } from '../../src/domain/analytics/uplift.ts';
import { QUALITY_LIST_NAMES, qualityListDefinition } from '../../src/domain/analytics/quality.ts';
import { messageChannel } from '../../src/domain/profile/schema.ts';
import { PROPENSITY_BANDS, VALUE_BANDS } from '../../src/domain/segment/breakdown.ts';
import { validateDefinition } from '../../src/domain/segment/validate.ts';
import { definitionsById } from '../store.ts';
import { httpError, parseOr400, queryOf } from '../http.ts';
import type { ProfileStore } from '../store.ts';
import { checkDefinition } from './segment-definitions.ts';
import { versionNotFound } from './versioned-http.ts';

/**
 * Every saved segment's predicted 12-month value beside everyone's (a segment that no longer
 * counts as it is, naming a deleted one, is listed uncounted). The server works it out once after
 * start and after each refit, so that the dashboard's first opening reads kept totals.
 */
export async function segmentValues(
  store: ProfileStore,
): Promise<Omit<SegmentValueResponse, 'as_of'>> {
  const saved = await store.savedSegments();
  const context = { catalogue: await store.catalogue(), segments: definitionsById(saved) };
  const counted = saved.map((s) => validateDefinition(s.definition, context).valid);
  const valid = saved.filter((_, i) => counted[i]);
  const [everyone, ...totals] = await store.segmentScoreTotals(
    [EVERYONE, ...valid.map((s) => s.definition)],
    'score.clv_12m',
  );
  const byId = new Map(valid.map((s, i) => [s.segment_id, totals[i]]));
  const value = (t: { members: number; scored: number; total_cents: number } | undefined) => ({
    members: t?.members ?? 0,
    scored: t?.scored ?? 0,
    clv_cents: t?.total_cents ?? 0,
  });
  return {
    everyone: value(everyone),
    segments: saved.map((s, i) => ({
      segment_id: s.segment_id,
      name: s.name,
      version: s.version,
      counted: counted[i] === true,
      ...value(byId.get(s.segment_id)),
    })),
  };
}

interface Filtered {
  definition: SegmentDefinition | null;
  segment: BuyersResponse['segment'];
}

/** The segment the query names, at its version, with its members now; none when not asked. */
async function segmentOf(store: ProfileStore, query: DashboardQuery): Promise<Filtered> {
  if (query.segment === undefined) return { definition: null, segment: null };
  const id = query.segment;
  const current = await store.savedSegment(id);
  if (current === null) {
    throw httpError('segment_not_found', `No segment '${id}': it may have been deleted.`, {
      segment_id: id,
      count: 1,
    });
  }
  let { definition, name, version } = current;
  if (query.version !== undefined && query.version !== current.version) {
    const older = await store.segmentVersion(id, query.version);
    if (older === null) {
      const held = (await store.segmentVersions(id)) ?? [];
      throw versionNotFound(
        'segment',
        id,
        query.version,
        held.map((v) => v.version),
      );
    }
    ({ definition, name, version } = older);
  }
  await checkDefinition(store, definition, await store.savedSegments(), {
    outcome: 'not_counted',
  });
  const [members] = await store.segmentCounts([definition]);
  return { definition, segment: { segment_id: id, name, version, members: members ?? 0 } };
}

/** Each campaign's latest audit that finished (done) in the period, most recent first. */
async function auditedIn(store: ProfileStore, query: DashboardQuery) {
  const { start, end } = monthBounds(query.from, query.to);
  const campaigns = new Set(
    (await auditsOf(store.documents).list()).map(({ body }) => body.campaign_id),
  );
  const out: CampaignsResponse['audits'] = [];
  for (const id of campaigns) {
    // A campaign deleted since keeps its audits, but has nothing left to send.
    const campaign = await store.documents.get('campaign', id);
    if (campaign === null) continue;
    const latest = (await auditsOfCampaign(store, id)).find(
      (a) => a.state === 'done' && a.counts !== null && a.finished_at !== null,
    );
    if (latest?.counts == null || latest.finished_at === null) continue;
    if (latest.finished_at < start || latest.finished_at >= end) continue;
    const parsed = campaignName.safeParse(campaign.body);
    out.push({
      campaign_id: id,
      name: parsed.success ? parsed.data.name : id,
      audit_id: latest.audit_id,
      finished_at: latest.finished_at,
      current: latest.current,
      counts: latest.counts,
    });
  }
  return out.sort((a, b) => (a.finished_at < b.finished_at ? 1 : -1));
}

const campaignName = z.object({ name: z.string() });

const periodOf = (query: DashboardQuery) => ({
  from: query.from,
  to: query.to,
  channel: query.channel ?? null,
});

export function dashboardRoutes(store: ProfileStore): Hono {
  return new Hono()
    .get('/buyers', async (c) => {
      const query = parseOr400(dashboardQuery, queryOf(c), 'query');
      const { definition, segment } = await segmentOf(store, query);
      const months = await store.buyersByMonth(definition, periodOf(query));
      const body: BuyersResponse = { segment, months, as_of: store.asOf };
      return c.json(body);
    })
    .get('/propensity', async (c) => {
      const query = parseOr400(dashboardQuery, queryOf(c), 'query');
      const { definition, segment } = await segmentOf(store, query);
      const [[p30, p90, churn, clv], trend] = await Promise.all([
        store.scoreBreakdowns(definition, [
          'score.propensity_30d',
          'score.propensity_90d',
          'score.churn_band',
          'score.clv_12m',
        ]),
        store.churnTrend(definition),
      ]);
      const customers = (p30 ?? []).reduce((n, r) => n + r.count, 0);
      const bands = (
        rows: readonly { value: string | null; count: number }[],
        order: readonly string[],
      ) =>
        order.map((band) => ({ band, customers: rows.find((r) => r.value === band)?.count ?? 0 }));
      const body: PropensityResponse = {
        segment,
        customers,
        unscored: (p30 ?? []).find((r) => r.value === null)?.count ?? 0,
        propensity_30d: bands(p30 ?? [], PROPENSITY_BANDS),
        propensity_90d: bands(p90 ?? [], PROPENSITY_BANDS),
        churn: bands(churn ?? [], CHURN_BANDS),
        clv_12m: bands(clv ?? [], VALUE_BANDS),
        churn_trend: trend,
        as_of: store.asOf,
      };
      return c.json(body);
    })
    .get('/campaigns', async (c) => {
      const query = parseOr400(dashboardQuery, queryOf(c), 'query');
      const { definition, segment } = await segmentOf(store, query);
      const [figures, reference, audits] = await Promise.all([
        store.campaignFigures(definition, periodOf(query)),
        store.referenceRows(),
        auditedIn(store, query),
      ]);
      const body: CampaignsResponse = {
        segment,
        audits,
        window_days: ATTRIBUTION_WINDOW_DAYS,
        min_holdout: MIN_HOLDOUT,
        campaigns: figures.map((f) => {
          const channel = messageChannel.safeParse(f.channel);
          return {
            ...f,
            name: reference.campaigns.get(f.campaign_id)?.name ?? f.campaign_id,
            channel: channel.success ? channel.data : null,
            uplift: campaignUplift(f),
          };
        }),
        as_of: store.asOf,
      };
      return c.json(body);
    })
    .get('/segments', async (c) => {
      parseOr400(dashboardQuery, queryOf(c), 'query');
      const body: SegmentValueResponse = { ...(await segmentValues(store)), as_of: store.asOf };
      return c.json(body);
    })
    .get('/quality', async (c) => {
      const query = parseOr400(dashboardQuery, queryOf(c), 'query');
      const { definition, segment } = await segmentOf(store, query);
      const figures = await store.qualityFigures(definition);
      const body: QualityResponse = {
        segment,
        ...figures,
        definitions: QUALITY_LIST_NAMES.map((list) => ({
          list,
          definition: qualityListDefinition(list),
        })),
        as_of: store.asOf,
      };
      return c.json(body);
    })
    .get('/quality/customers', async (c) => {
      const raw = queryOf(c);
      const query = parseOr400(dashboardQuery, raw, 'query');
      const page = parseOr400(qualityListQuery, raw, 'query');
      const { definition } = await segmentOf(store, query);
      const found = await store.qualityList(definition, page.list, page);
      const body: QualityListResponse = { list: page.list, offset: page.offset, ...found };
      return c.json(body);
    })
    .get('/value', async (c) => {
      const query = parseOr400(dashboardQuery, queryOf(c), 'query');
      const { definition, segment } = await segmentOf(store, query);
      const figures = await store.valueFigures(definition, periodOf(query));
      const body: ValueResponse = { segment, ...figures, as_of: store.asOf };
      return c.json(body);
    });
}
