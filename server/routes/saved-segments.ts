// Saved segments, versioned (ETag = version, If-Match on every save, 412 with the current version
// when stale, 428 without), with history, diff and restore: decision 006. What is the same for
// every versioned document is in versioned-http.ts and versioned-resource.ts; what is a segment's
// own is here: validating definitions against the others, refusing to delete one that is used,
// the diff.
import { Hono } from 'hono';
import {
  createSegmentRequest,
  restoreSegmentRequest,
  segmentDiffQuery,
  segmentIdParam,
  segmentVersionParam,
  updateSegmentRequest,
  type SavedSegment,
  type DefinitionIssue,
  type SegmentAudience,
  type SegmentAudiencesResponse,
  type SegmentDiffResponse,
  type SegmentListResponse,
  type SegmentUsage,
  type SegmentVersion,
  type SegmentVersionsResponse,
} from '../../src/api/contract.ts';
import { diffSegments } from '../../src/domain/segment/diff.ts';
import type { SegmentDefinition } from '../../src/domain/segment/definition.ts';
import { referencedSegments, validateDefinition } from '../../src/domain/segment/validate.ts';
import { CREATED_NOTE, restoredNote } from '../../src/domain/version-notes.ts';
import { callerOf } from '../auth/access.ts';
import { httpError, parseOr400, queryOf } from '../http.ts';
import {
  definitionsById,
  type ProfileStore,
  type SegmentCampaign,
  type SegmentWrite,
} from '../store.ts';
import { checkDefinition, definitionShape, limitSegmentBody } from './segment-definitions.ts';
import {
  fingerprintOf,
  idempotencyKey,
  ifMatchVersion,
  oneSaveAtATime,
  readJson,
} from './versioned-http.ts';
import { VersionedResource } from './versioned-resource.ts';

const ETAG_SOURCE = 'GET /api/segments/:id';

function unknownSegment(id: string) {
  return httpError('segment_not_found', `No segment '${id}': it may have been deleted.`, {
    segment_id: id,
    count: 1,
  });
}

/** What uses each segment: the campaigns that target it and the segments that refer to it. */
function usageById(
  saved: readonly SavedSegment[],
  campaigns: readonly SegmentCampaign[],
): (id: string) => SegmentUsage {
  const usage = new Map<string, SegmentUsage>();
  const of = (id: string) => {
    let u = usage.get(id);
    if (!u) usage.set(id, (u = { campaigns: [], segments: [] }));
    return u;
  };
  for (const { campaign_id, name, status, segment_id } of campaigns) {
    of(segment_id).campaigns.push({ campaign_id, name, status });
  }
  for (const s of saved) {
    for (const ref of new Set(referencedSegments(s.definition))) {
      of(ref).segments.push({ segment_id: s.segment_id, name: s.name });
    }
  }
  return (id) => usage.get(id) ?? { campaigns: [], segments: [] };
}

function describeUsage(usage: SegmentUsage): string {
  const parts = [
    ...usage.campaigns.map((c) => `campaign “${c.name}” (${c.campaign_id})`),
    ...usage.segments.map((s) => `segment “${s.name}” (${s.segment_id})`),
  ];
  return parts.length <= 5
    ? parts.join(', ')
    : `${parts.slice(0, 5).join(', ')} and ${parts.length - 5} more`;
}

/**
 * The definition's audience now, kept with the version about to be saved; null when it cannot be
 * counted (the save does not depend on it, and the history says it was not counted).
 */
async function audienceAtSave(
  store: ProfileStore,
  definition: SegmentDefinition,
): Promise<SegmentAudience | null> {
  try {
    const [[count], total] = await Promise.all([
      store.segmentCounts([definition]),
      store.customerCount(),
    ]);
    return count === undefined ? null : { count, total, as_of: store.asOf };
  } catch {
    return null;
  }
}

/** The newest versions whose audiences the history shows: enough for any real history. */
export const AUDIENCE_VERSIONS = 100;

function newSegmentId(): string {
  return `seg_${globalThis.crypto.randomUUID().replaceAll('-', '')}`;
}

export function savedSegmentRoutes(store: ProfileStore): Hono {
  const versioned = new VersionedResource<SavedSegment, SegmentVersion, SegmentWrite>(
    {
      noun: 'segment',
      location: (s) => `/api/segments/${s.segment_id}`,
      notFound: unknownSegment,
    },
    {
      get: (id) => store.savedSegment(id),
      versions: (id) => store.segmentVersions(id),
      version: (id, v) => store.segmentVersion(id, v),
      idempotencyRecord: (key) => store.idempotencyRecord(key),
      update: async (id, expected, write) => {
        const result = await store.updateSegment(id, expected, write);
        return result.ok ? { ok: true, document: result.segment } : result;
      },
      delete: (id, expected) => store.deleteSegment(id, expected),
    },
  );

  return new Hono()
    .get('/', async (c) => {
      const [segments, campaigns, total] = await Promise.all([
        store.savedSegments(),
        store.segmentCampaigns(),
        store.customerCount(),
      ]);
      const sizes = await store.segmentCounts(segments.map((s) => s.definition));
      const usage = usageById(segments, campaigns);
      const body: SegmentListResponse = {
        segments: segments
          .map(({ segment_id, name, description, version, author, updated_at }, i) => ({
            segment_id,
            name,
            description,
            version,
            author,
            updated_at,
            size: sizes[i] ?? 0,
            usage: usage(segment_id),
          }))
          .sort(
            (a, b) =>
              a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) ||
              (a.segment_id < b.segment_id ? -1 : a.segment_id > b.segment_id ? 1 : 0),
          ),
        total,
        as_of: store.asOf,
      };
      return c.json(body);
    })
    .post('/', limitSegmentBody, async (c) => {
      const key = idempotencyKey(c);
      const request = parseOr400(createSegmentRequest, await readJson(c.req.raw), 'body');
      const notCreated = { outcome: 'not_created' } as const;
      const definition = definitionShape(request.definition, notCreated);
      const write: Omit<SegmentWrite, 'at' | 'audience'> = {
        name: request.name,
        description: request.description,
        definition,
        author: callerOf(c).name,
        note: request.note ?? CREATED_NOTE,
      };
      // The segment's own fields in this order: keys recorded before documents keep matching.
      const fingerprint = fingerprintOf(write);
      return oneSaveAtATime(store, async () => {
        const replayed = await versioned.replay(c, key, fingerprint);
        if (replayed !== null) return replayed;
        const all = await store.savedSegments();
        await checkDefinition(store, definition, all, notCreated);
        const audience = await audienceAtSave(store, definition);
        const segment = await store.createSegment(
          newSegmentId(),
          { ...write, audience, at: new Date().toISOString() },
          key === null ? null : { key, fingerprint },
        );
        return versioned.respond(c, segment, 201);
      });
    })
    .get('/:id', async (c) => {
      const { id } = parseOr400(segmentIdParam, c.req.param(), 'params');
      return versioned.respond(c, await versioned.current(id));
    })
    .put('/:id', limitSegmentBody, async (c) => {
      const { id } = parseOr400(segmentIdParam, c.req.param(), 'params');
      const expected = ifMatchVersion(c, true, ETAG_SOURCE) ?? 0;
      const request = parseOr400(updateSegmentRequest, await readJson(c.req.raw), 'body');
      const notSaved = { outcome: 'not_saved' } as const;
      const definition = definitionShape(request.definition, notSaved);
      return oneSaveAtATime(store, async () => {
        const current = await versioned.current(id);
        // Stale before invalid: the author must see the other edit first.
        versioned.expectVersion(id, current, expected);
        await checkDefinition(store, definition, await store.savedSegments(), notSaved, id);
        const segment = await versioned.append(id, expected, {
          name: request.name,
          description: request.description ?? current.description,
          definition,
          audience: await audienceAtSave(store, definition),
          author: callerOf(c).name,
          note: request.note ?? '',
          at: new Date().toISOString(),
        });
        return versioned.respond(c, segment);
      });
    })
    .delete('/:id', async (c) => {
      const { id } = parseOr400(segmentIdParam, c.req.param(), 'params');
      const expected = ifMatchVersion(c, true, ETAG_SOURCE);
      return oneSaveAtATime(store, async () => {
        const current = await versioned.current(id);
        versioned.expectVersion(id, current, expected);
        const [segments, campaigns] = await Promise.all([
          store.savedSegments(),
          store.segmentCampaigns(),
        ]);
        const usage = usageById(segments, campaigns)(id);
        if (usage.campaigns.length + usage.segments.length > 0) {
          throw httpError(
            'segment_in_use',
            `“${current.name}” is used by ${describeUsage(usage)}; nothing was deleted. ` +
              'Point them at another segment first.',
            {
              segment_id: id,
              name: current.name,
              campaigns: usage.campaigns.length,
              segments: usage.segments.length,
            },
            { usage },
          );
        }
        await versioned.remove(id, expected);
        return c.body(null, 204);
      });
    })
    .get('/:id/versions', async (c) => {
      const { id } = parseOr400(segmentIdParam, c.req.param(), 'params');
      const body: SegmentVersionsResponse = {
        segment_id: id,
        versions: await versioned.history(id),
      };
      return c.json(body);
    })
    .get('/:id/versions/:v', async (c) => {
      const { id, v } = parseOr400(segmentVersionParam, c.req.param(), 'params');
      return c.json(await versioned.version(id, v));
    })
    .get('/:id/audiences', async (c) => {
      const { id } = parseOr400(segmentIdParam, c.req.param(), 'params');
      const history = (await versioned.history(id)).slice(0, AUDIENCE_VERSIONS);
      const [versions, catalogue, saved, total] = await Promise.all([
        Promise.all(history.map((v) => versioned.version(id, v.version))),
        store.catalogue(),
        store.savedSegments(),
        store.customerCount(),
      ]);
      const segments = definitionsById(saved);
      // Each version as it would count now: one that no longer validates (a segment it names was
      // deleted, a field left the data) says why instead; equal definitions are counted once.
      const problems = versions.map((v): DefinitionIssue | null => {
        const validation = validateDefinition(v.definition, { catalogue, segments, selfId: id });
        if (validation.valid) return null;
        const [first] = validation.issues;
        return first === undefined
          ? {
              node_id: null,
              path: ['definition'],
              code: 'invalid_definition',
              message: 'Not valid now.',
              params: {},
            }
          : {
              node_id: first.nodeId,
              path: ['definition', ...first.path],
              code: first.code,
              message: first.message,
              params: first.params,
            };
      });
      const keys = versions.map((v) => JSON.stringify(v.definition.root));
      const distinct = [
        ...new Map(
          versions.flatMap((v, i) => (problems[i] === null ? [[keys[i], v.definition]] : [])),
        ),
      ];
      const counts = await store.segmentCounts(distinct.map(([, d]) => d));
      const countOf = new Map(distinct.map(([key], i) => [key, counts[i] ?? null]));
      const body: SegmentAudiencesResponse = {
        segment_id: id,
        total,
        as_of: store.asOf,
        versions: versions.map((v, i) => ({
          version: v.version,
          saved: v.audience,
          now: problems[i] === null ? (countOf.get(keys[i] ?? '') ?? null) : null,
          problem: problems[i] ?? null,
        })),
      };
      return c.json(body);
    })
    .get('/:id/diff', async (c) => {
      const { id } = parseOr400(segmentIdParam, c.req.param(), 'params');
      const { from, to } = parseOr400(segmentDiffQuery, queryOf(c), 'query');
      const [older, newer] = [await versioned.version(id, from), await versioned.version(id, to)];
      const [catalogue, segments] = await Promise.all([store.catalogue(), store.savedSegments()]);
      const diff = diffSegments(
        older,
        newer,
        catalogue,
        new Map(segments.map((s) => [s.segment_id, s.name])),
      );
      const body: SegmentDiffResponse = {
        segment_id: id,
        from,
        to,
        name: diff.name,
        description: diff.description,
        nodes: diff.nodes.map(({ nodeId, ...rest }) => ({ node_id: nodeId, ...rest })),
      };
      return c.json(body);
    })
    .post('/:id/versions/:v/restore', limitSegmentBody, async (c) => {
      const { id, v } = parseOr400(segmentVersionParam, c.req.param(), 'params');
      const expected = ifMatchVersion(c, true, ETAG_SOURCE) ?? 0;
      parseOr400(restoreSegmentRequest, await readJson(c.req.raw, {}), 'body');
      return oneSaveAtATime(store, async () => {
        const current = await versioned.current(id);
        versioned.expectVersion(id, current, expected);
        const restored = await versioned.version(id, v);
        const outcome = { outcome: 'not_restored', version: v } as const;
        await checkDefinition(store, restored.definition, await store.savedSegments(), outcome, id);
        // A restore appends the old content as a new version: the history keeps every step.
        const segment = await versioned.append(id, expected, {
          name: restored.name,
          description: restored.description,
          definition: restored.definition,
          audience: await audienceAtSave(store, restored.definition),
          author: callerOf(c).name,
          note: restoredNote(v),
          at: new Date().toISOString(),
        });
        return versioned.respond(c, segment);
      });
    });
}
