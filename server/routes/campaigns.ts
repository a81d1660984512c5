// Campaigns, versioned on the document repository like saved segments (ETag = version, If-Match on
// every save, 412 with the current campaign when stale, 428 without, Idempotency-Key on create),
// with history, diff and restore. What is a campaign's own is here: the list with each target
// segment as pinned and as it is now, validation (never saved with / not ready without, the
// pinned segment version exists), and a sent campaign kept as it went out. Decision 017.
import { Hono } from 'hono';
import {
  campaignDiffQuery,
  campaignIdParam,
  campaignVersionParam,
  restoreCampaignRequest,
  saveCampaignRequest,
  type CampaignDiffResponse,
  type CampaignListItem,
  type CampaignListResponse,
  type CampaignVersionsResponse,
  type SavedCampaign,
} from '../../src/api/contract.ts';
import type { CampaignBody, SegmentPin } from '../../src/domain/campaign/campaign.ts';
import { diffCampaigns } from '../../src/domain/campaign/diff.ts';
import { instantOf } from '../../src/domain/campaign/send-time.ts';
import {
  segmentPinIssues,
  validateCampaign,
  type CampaignIssue,
} from '../../src/domain/campaign/validate.ts';
import type { SegmentDefinition } from '../../src/domain/segment/definition.ts';
import { validateDefinition } from '../../src/domain/segment/validate.ts';
import { CREATED_NOTE, restoredNote } from '../../src/domain/version-notes.ts';
import { campaignVersionOf, campaignsOf, savedCampaignOf } from '../documents/campaigns.ts';
import type { DocumentVersion, DocumentWrite } from '../documents/repository.ts';
import { callerOf } from '../auth/access.ts';
import { httpError, parseOr400, queryOf } from '../http.ts';
import { definitionsById, type ProfileStore } from '../store.ts';
import {
  fingerprintOf,
  idempotencyKey,
  ifMatchVersion,
  limitBody,
  oneSaveAtATime,
  readJson,
} from './versioned-http.ts';
import { VersionedResource } from './versioned-resource.ts';

const ETAG_SOURCE = 'GET /api/campaigns/:id';

/** A campaign's HTML is the largest part: 200,000 characters, well under this. */
const limitCampaignBody = limitBody(512 * 1024, 'A campaign request');

function unknownCampaign(id: string) {
  return httpError('campaign_not_found', `No campaign '${id}': it may have been deleted.`, {
    campaign_id: id,
  });
}

/** What became of a save whose campaign was refused, as its 422 says. */
type Outcome =
  { outcome: 'not_created' | 'not_saved' } | { outcome: 'not_restored'; version: number };

function outcomeText(outcome: Outcome): string {
  switch (outcome.outcome) {
    case 'not_created':
      return 'the campaign was not created';
    case 'not_saved':
      return 'nothing was saved';
    case 'not_restored':
      return `version ${outcome.version} cannot be restored as it is; nothing was saved`;
  }
}

/**
 * The 422 for a campaign that may not be saved as it is: what is wrong, and what a ready campaign
 * lacks, each issue at its path in the body with its code and figures.
 */
export async function checkCampaign(
  store: ProfileStore,
  body: CampaignBody,
  outcome: Outcome,
): Promise<void> {
  const pinned =
    body.segment === null ? null : await store.segmentVersions(body.segment.segment_id);
  const issues: CampaignIssue[] = [
    ...segmentPinIssues(body.segment, pinned?.map((v) => v.version) ?? null),
    ...validateCampaign(body),
  ];
  if (issues.length === 0) return;
  const n = issues.length;
  throw httpError(
    'invalid_campaign',
    `${n} ${n === 1 ? 'problem' : 'problems'} in the campaign; ${outcomeText(outcome)}.`,
    { count: n, ...outcome },
    { issues: issues.map(({ path, code, message, params }) => ({ path, code, message, params })) },
  );
}

/** A sent campaign is what went out: it is kept as it is (duplicate it to send it again). */
export function keepSent(campaign: SavedCampaign): void {
  if (campaign.status !== 'sent') return;
  throw httpError(
    'campaign_sent',
    `“${campaign.name}” was sent: it is kept as it went out; nothing was changed. ` +
      'Create a new campaign to send it again.',
    { campaign_id: campaign.campaign_id, name: campaign.name },
  );
}

function newCampaignId(): string {
  return `cmp_${globalThis.crypto.randomUUID().replaceAll('-', '')}`;
}

const pinKey = (pin: SegmentPin) => `${pin.segment_id}@${pin.version}`;

/**
 * Each campaign with its target segment as pinned and as it is now, and the size of the pinned
 * version now: one count for all the pinned versions, none for a version that no longer validates
 * (a field gone, a segment it refers to deleted).
 */
async function listItems(
  store: ProfileStore,
  campaigns: readonly SavedCampaign[],
): Promise<CampaignListItem[]> {
  const [segments, catalogue] = await Promise.all([store.savedSegments(), store.catalogue()]);
  const now = new Map(segments.map((s) => [s.segment_id, s]));
  const pins = new Map(
    campaigns.flatMap((c) => (c.segment === null ? [] : [[pinKey(c.segment), c.segment] as const])),
  );
  const definitionOf = async (pin: SegmentPin): Promise<SegmentDefinition | null> => {
    const segment = now.get(pin.segment_id);
    if (segment === undefined) return null;
    if (segment.version === pin.version) return segment.definition;
    return (await store.segmentVersion(pin.segment_id, pin.version))?.definition ?? null;
  };
  const context = { catalogue, segments: definitionsById(segments) };
  const countable = (
    await Promise.all([...pins].map(async ([key, pin]) => [key, await definitionOf(pin)] as const))
  ).flatMap(([key, definition]) =>
    definition !== null && validateDefinition(definition, context).valid
      ? [[key, definition] as const]
      : [],
  );
  const counts = await store.segmentCounts(countable.map(([, definition]) => definition));
  const sizes = new Map(countable.map(([key], i) => [key, counts[i] ?? null]));

  return campaigns.map((c) => {
    const segment = c.segment === null ? undefined : now.get(c.segment.segment_id);
    const sendMs = c.send_at === null ? null : instantOf(c.send_at, c.time_zone);
    return {
      campaign_id: c.campaign_id,
      name: c.name,
      channel: c.channel,
      status: c.status,
      segment:
        c.segment === null
          ? null
          : {
              ...c.segment,
              current_version: segment?.version ?? null,
              name: segment?.name ?? null,
              size: sizes.get(pinKey(c.segment)) ?? null,
            },
      holdout_share: c.holdout_share,
      send_at: c.send_at,
      time_zone: c.time_zone,
      send_instant: sendMs === null ? null : new Date(sendMs).toISOString(),
      has_offer: c.offer !== null,
      has_recommendations: c.recommendation !== null,
      version: c.version,
      author: c.author,
      updated_at: c.updated_at,
    };
  });
}

/** Campaigns as a versioned resource: reads, saves with If-Match, history, responses. */
export function campaignResource(store: ProfileStore) {
  const documents = campaignsOf(store.documents);
  return new VersionedResource<
    SavedCampaign,
    DocumentVersion<CampaignBody>,
    DocumentWrite<CampaignBody>
  >(
    {
      noun: 'campaign',
      location: (c) => `/api/campaigns/${c.campaign_id}`,
      notFound: unknownCampaign,
    },
    {
      get: async (id) => {
        const document = await documents.get(id);
        return document === null ? null : savedCampaignOf(document);
      },
      versions: (id) => documents.versions(id),
      version: (id, v) => documents.version(id, v),
      idempotencyRecord: (key) => documents.idempotencyRecord(key),
      update: async (id, expected, write) => {
        const result = await documents.update(id, expected, write);
        if (result.ok) return { ok: true, document: savedCampaignOf(result.document) };
        return result.reason === 'stale'
          ? { ok: false, reason: 'stale', current: savedCampaignOf(result.current) }
          : result;
      },
      delete: async (id, expected) => {
        const result = await documents.delete(id, expected);
        if (result.ok || result.reason === 'not_found') return result;
        return { ok: false, reason: 'stale', current: savedCampaignOf(result.current) };
      },
    },
  );
}

/**
 * What a save or a restore writes: a draft, without readiness. A campaign becomes ready only from
 * its audit (routes/audits.ts); any edit after that returns it to draft.
 */
function asDraft(body: CampaignBody): CampaignBody {
  return { ...body, status: 'draft', readiness: null };
}

/** A save saying "ready" is refused: readiness comes from an audit. `id`: '' on a create. */
function refuseReady(id: string, status: string): void {
  if (status !== 'ready') return;
  throw httpError(
    'campaign_ready_from_audit',
    'A campaign is marked ready from its audit (POST /api/campaigns/:id/ready), not by a save; ' +
      'nothing was saved.',
    { campaign_id: id },
  );
}

export function campaignRoutes(store: ProfileStore): Hono {
  const documents = campaignsOf(store.documents);
  const campaigns = campaignResource(store);

  return new Hono()
    .get('/', async (c) => {
      const all = (await documents.list()).map(savedCampaignOf);
      const items = await listItems(store, all);
      const body: CampaignListResponse = {
        campaigns: items.sort(
          (a, b) =>
            (a.updated_at > b.updated_at ? -1 : a.updated_at < b.updated_at ? 1 : 0) ||
            (a.campaign_id < b.campaign_id ? -1 : a.campaign_id > b.campaign_id ? 1 : 0),
        ),
        as_of: store.asOf,
      };
      return c.json(body);
    })
    .post('/', limitCampaignBody, async (c) => {
      const key = idempotencyKey(c);
      const { note, ...body } = parseOr400(saveCampaignRequest, await readJson(c.req.raw), 'body');
      refuseReady('', body.status);
      const write = {
        body: asDraft(body),
        author: callerOf(c).name,
        note: note ?? CREATED_NOTE,
      };
      const fingerprint = fingerprintOf(write);
      return oneSaveAtATime(store, async () => {
        const replayed = await campaigns.replay(c, key, fingerprint);
        if (replayed !== null) return replayed;
        await checkCampaign(store, write.body, { outcome: 'not_created' });
        const created = await documents.create(
          newCampaignId(),
          { ...write, at: new Date().toISOString() },
          key === null ? null : { key, fingerprint },
        );
        return campaigns.respond(c, savedCampaignOf(created), 201);
      });
    })
    .get('/:id', async (c) => {
      const { id } = parseOr400(campaignIdParam, c.req.param(), 'params');
      return campaigns.respond(c, await campaigns.current(id));
    })
    .put('/:id', limitCampaignBody, async (c) => {
      const { id } = parseOr400(campaignIdParam, c.req.param(), 'params');
      const expected = ifMatchVersion(c, true, ETAG_SOURCE);
      const { note, ...body } = parseOr400(saveCampaignRequest, await readJson(c.req.raw), 'body');
      return oneSaveAtATime(store, async () => {
        const current = await campaigns.current(id);
        // Stale before anything else: the author must see the other edit first.
        campaigns.expectVersion(id, current, expected);
        keepSent(current);
        refuseReady(id, body.status);
        await checkCampaign(store, asDraft(body), { outcome: 'not_saved' });
        const saved = await campaigns.append(id, current.version, {
          body: asDraft(body),
          author: callerOf(c).name,
          note: note ?? '',
          at: new Date().toISOString(),
        });
        return campaigns.respond(c, saved);
      });
    })
    .delete('/:id', async (c) => {
      const { id } = parseOr400(campaignIdParam, c.req.param(), 'params');
      const expected = ifMatchVersion(c, true, ETAG_SOURCE);
      return oneSaveAtATime(store, async () => {
        const current = await campaigns.current(id);
        campaigns.expectVersion(id, current, expected);
        keepSent(current);
        await campaigns.remove(id, expected);
        return c.body(null, 204);
      });
    })
    .get('/:id/versions', async (c) => {
      const { id } = parseOr400(campaignIdParam, c.req.param(), 'params');
      const body: CampaignVersionsResponse = {
        campaign_id: id,
        versions: await campaigns.history(id),
      };
      return c.json(body);
    })
    .get('/:id/versions/:v', async (c) => {
      const { id, v } = parseOr400(campaignVersionParam, c.req.param(), 'params');
      return c.json(campaignVersionOf(await campaigns.version(id, v)));
    })
    .get('/:id/diff', async (c) => {
      const { id } = parseOr400(campaignIdParam, c.req.param(), 'params');
      const { from, to } = parseOr400(campaignDiffQuery, queryOf(c), 'query');
      const [older, newer] = [await campaigns.version(id, from), await campaigns.version(id, to)];
      const body: CampaignDiffResponse = {
        campaign_id: id,
        from,
        to,
        changes: diffCampaigns(older.body, newer.body),
      };
      return c.json(body);
    })
    .post('/:id/versions/:v/restore', limitCampaignBody, async (c) => {
      const { id, v } = parseOr400(campaignVersionParam, c.req.param(), 'params');
      const expected = ifMatchVersion(c, true, ETAG_SOURCE);
      parseOr400(restoreCampaignRequest, await readJson(c.req.raw, {}), 'body');
      return oneSaveAtATime(store, async () => {
        const current = await campaigns.current(id);
        campaigns.expectVersion(id, current, expected);
        keepSent(current);
        const restored = await campaigns.version(id, v);
        // A restored version is a draft again: a ready one was ready as it was audited then.
        const body = asDraft(restored.body);
        await checkCampaign(store, body, { outcome: 'not_restored', version: v });
        // A restore appends the old content as a new version: the history keeps every step.
        const saved = await campaigns.append(id, current.version, {
          body,
          author: callerOf(c).name,
          note: restoredNote(v),
          at: new Date().toISOString(),
        });
        return campaigns.respond(c, saved);
      });
    });
}
