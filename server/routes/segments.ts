// Segment endpoints. POST /count: validate the definition against the catalogue and the saved
// segments (422 with per-node issues, never a count for an invalid definition), then count it, its
// reach per channel and each top-level part, with a sample of members and an optional breakdown.
// The rest: saved segments, versioned (ETag = version, If-Match on every save, 412 with the current
// version when stale, 428 without), with history, diff and restore; see decision 006.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  countRequest,
  createSegmentRequest,
  restoreSegmentRequest,
  segmentDiffQuery,
  segmentIdParam,
  segmentVersionParam,
  updateSegmentRequest,
  type CountResponse,
  type DefinitionIssue,
  type SavedSegment,
  type SegmentDiffResponse,
  type SegmentListResponse,
  type SegmentUsage,
  type SegmentVersionsResponse,
} from '../../src/api/contract.ts';
import { breakdownColumn } from '../../src/domain/segment/breakdown.ts';
import { countPlan } from '../../src/domain/segment/count-plan.ts';
import { parseDefinition, type SegmentDefinition } from '../../src/domain/segment/definition.ts';
import { diffSegments } from '../../src/domain/segment/diff.ts';
import { referencedSegments, validateDefinition } from '../../src/domain/segment/validate.ts';
import { HttpError, badRequest, notFound, parseOr400, queryOf } from '../http.ts';
import {
  definitionsById,
  type ProfileStore,
  type SegmentCampaign,
  type SegmentWrite,
} from '../store.ts';

/** A definition of the maximum size is well under this; a 10 MB body is refused unread. */
export const MAX_BODY_BYTES = 512 * 1024;
/** Who saved a version when the request does not say. */
export const ANONYMOUS_AUTHOR = 'Anonymous';

const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new HttpError(
      413,
      'payload_too_large',
      `A segment request is at most ${MAX_BODY_BYTES / 1024} KB.`,
    );
  },
});

async function readJson(request: Request, emptyAs?: unknown): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === '' && emptyAs !== undefined) return emptyAs;
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('The body is not JSON.', [{ path: ['body'], message: 'Not JSON.' }]);
  }
}

function invalidDefinition(message: string, issues: DefinitionIssue[]): HttpError {
  return new HttpError(422, 'invalid_definition', message, issues);
}

/** The definition's shape (zod), or a 422 naming each bad path. */
function definitionShape(input: unknown, outcome: string): SegmentDefinition {
  const parsed = parseDefinition(input);
  if (parsed.ok) return parsed.definition;
  throw invalidDefinition(
    `The definition does not have the expected shape; ${outcome}.`,
    parsed.issues.map((i) => ({
      node_id: null,
      path: ['definition', ...i.path],
      code: 'shape',
      message: i.message,
    })),
  );
}

/** Validates against the catalogue and the saved segments (unknown ones, loops), or a 422. */
async function checkDefinition(
  store: ProfileStore,
  definition: SegmentDefinition,
  saved: readonly SavedSegment[],
  outcome: string,
  selfId?: string,
): Promise<void> {
  const validation = validateDefinition(definition, {
    catalogue: await store.catalogue(),
    segments: definitionsById(saved),
    ...(selfId === undefined ? {} : { selfId }),
  });
  if (validation.valid) return;
  const n = validation.issues.length;
  throw invalidDefinition(
    `${n} ${n === 1 ? 'problem' : 'problems'} in the definition; ${outcome}.`,
    validation.issues.map((i) => ({
      node_id: i.nodeId,
      path: ['definition', ...i.path],
      code: i.code,
      message: i.message,
    })),
  );
}

/** Saves run one at a time per store, so validation sees the segments the save will sit among. */
const saveQueues = new WeakMap<ProfileStore, Promise<unknown>>();
function oneSaveAtATime<T>(store: ProfileStore, work: () => Promise<T>): Promise<T> {
  const run = (saveQueues.get(store) ?? Promise.resolve()).then(work);
  saveQueues.set(
    store,
    run.catch(() => undefined),
  );
  return run;
}

const etag = (version: number) => `"${version}"`;

/**
 * The version If-Match names: `"3"` (the ETag) or `3`. Absent: 428 when required, else null.
 * `*` says nothing about which version was edited, so a save refuses it like a missing header.
 */
function ifMatchVersion(c: Context, required: boolean): number | null {
  const header = c.req.header('if-match')?.trim() ?? '';
  const send =
    'Send If-Match: "<version>" with the version you loaded (the ETag of GET /api/segments/:id).';
  if (header === '' || header === '*') {
    if (!required) return null;
    throw new HttpError(
      428,
      'precondition_required',
      header === '*'
        ? `If-Match: * does not say which version you edited. ${send}`
        : `A save must say which version it edits, or it could overwrite someone's edit. ${send}`,
    );
  }
  const match = /^(?:"(\d{1,9})"|(\d{1,9}))$/.exec(header);
  const version = Number(match?.[1] ?? match?.[2] ?? NaN);
  if (!Number.isInteger(version) || version < 1) {
    throw badRequest(`If-Match must be one version's ETag, like "3"; got ${header.slice(0, 40)}.`, [
      { path: ['headers', 'if-match'], message: 'Not an ETag this API issued.' },
    ]);
  }
  return version;
}

function stale(current: SavedSegment, expected: number): HttpError {
  return new HttpError(
    412,
    'precondition_failed',
    `“${current.name}” is at version ${current.version} (saved by ${current.author} at ` +
      `${current.updated_at}), not version ${expected} which you edited; nothing was saved. ` +
      `Compare with the current version, then save again with If-Match: "${current.version}".`,
    undefined,
    { current },
  );
}

function unknownSegment(id: string): HttpError {
  return notFound(`No segment '${id}': it may have been deleted.`);
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

/** The fingerprint an Idempotency-Key is bound to: the parsed request, so spacing does not count. */
function fingerprintOf(request: object): string {
  return JSON.stringify(request);
}

function idempotencyKey(c: Context): string | null {
  const key = c.req.header('idempotency-key');
  if (key === undefined) return null;
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw badRequest('An Idempotency-Key is 1–200 visible ASCII characters (a UUID is ideal).', [
      { path: ['headers', 'idempotency-key'], message: 'Not 1–200 visible ASCII characters.' },
    ]);
  }
  return key;
}

function newSegmentId(): string {
  return `seg_${globalThis.crypto.randomUUID().replaceAll('-', '')}`;
}

function versionNotFound(id: string, version: number, versions: readonly number[]): HttpError {
  const oldest = Math.min(...versions);
  const newest = Math.max(...versions);
  const held =
    oldest === newest
      ? `only version ${oldest} is recorded`
      : `versions ${oldest} to ${newest} are recorded`;
  return notFound(`Segment '${id}' has no version ${version}: ${held}.`);
}

export function segmentRoutes(store: ProfileStore): Hono {
  const savedOrNotFound = async (id: string) => {
    const segment = await store.savedSegment(id);
    if (segment === null) throw unknownSegment(id);
    return segment;
  };
  const versionOrNotFound = async (id: string, version: number) => {
    const found = await store.segmentVersion(id, version);
    if (found !== null) return found;
    const versions = await store.segmentVersions(id);
    if (versions === null) throw unknownSegment(id);
    throw versionNotFound(
      id,
      version,
      versions.map((v) => v.version),
    );
  };
  const saved = (c: Context, segment: SavedSegment, status: 200 | 201 = 200) => {
    c.header('ETag', etag(segment.version));
    if (status === 201) c.header('Location', `/api/segments/${segment.segment_id}`);
    return c.json(segment, status);
  };

  return new Hono()
    .post('/count', limitBody, async (c) => {
      const request = parseOr400(countRequest, await readJson(c.req.raw), 'body');
      const definition = definitionShape(request.definition, 'it was not counted');
      await checkDefinition(store, definition, await store.savedSegments(), 'it was not counted');
      let column: string | null = null;
      if (request.breakdown !== undefined) {
        column = breakdownColumn(request.breakdown);
        if (column === null) {
          throw badRequest(
            `Cannot break down by "${request.breakdown}": choose a customer text or list attribute.`,
            [{ path: ['body', 'breakdown'], message: 'Not a customer text or list attribute.' }],
          );
        }
      }
      const plan = countPlan(definition);
      const { counts, total, sample, breakdown } = await store.segmentCountAnswer(
        plan.definitions,
        request.sample,
        column,
      );
      const at = (i: number) => counts[i] ?? 0;
      const body: CountResponse = {
        count: at(0),
        total,
        reachable: { email: at(1), sms: at(2), push: at(3) },
        groups: plan.groupIds.map((node_id, i) => ({ node_id, count: at(4 + i) })),
        breakdown:
          request.breakdown === undefined || breakdown === null
            ? null
            : { field: request.breakdown, values: breakdown },
        sample,
        as_of: store.asOf,
      };
      return c.json(body);
    })
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
    .post('/', limitBody, async (c) => {
      const key = idempotencyKey(c);
      const request = parseOr400(createSegmentRequest, await readJson(c.req.raw), 'body');
      const definition = definitionShape(request.definition, 'the segment was not created');
      const write: Omit<SegmentWrite, 'at'> = {
        name: request.name,
        description: request.description,
        definition,
        author: request.author ?? ANONYMOUS_AUTHOR,
        note: request.note ?? 'created',
      };
      const fingerprint = fingerprintOf(write);
      return oneSaveAtATime(store, async () => {
        const previous = key === null ? null : await store.idempotencyRecord(key);
        if (previous !== null) {
          if (previous.fingerprint !== fingerprint) {
            throw new HttpError(
              409,
              'conflict',
              `This Idempotency-Key already created segment '${previous.segmentId}' from another ` +
                'request; nothing was created. Send a new key for a new segment.',
            );
          }
          const segment = await store.savedSegment(previous.segmentId);
          if (segment === null) {
            throw new HttpError(
              409,
              'conflict',
              `The segment this Idempotency-Key created ('${previous.segmentId}') was deleted ` +
                'since; nothing was created. Send a new key to create it again.',
            );
          }
          c.header('Idempotent-Replayed', 'true');
          return saved(c, segment, 200);
        }
        const all = await store.savedSegments();
        await checkDefinition(store, definition, all, 'the segment was not created');
        const segment = await store.createSegment(
          newSegmentId(),
          { ...write, at: new Date().toISOString() },
          key === null ? null : { key, fingerprint },
        );
        return saved(c, segment, 201);
      });
    })
    .get('/:id', async (c) => {
      const { id } = parseOr400(segmentIdParam, c.req.param(), 'params');
      return saved(c, await savedOrNotFound(id));
    })
    .put('/:id', limitBody, async (c) => {
      const { id } = parseOr400(segmentIdParam, c.req.param(), 'params');
      const expected = ifMatchVersion(c, true) ?? 0;
      const request = parseOr400(updateSegmentRequest, await readJson(c.req.raw), 'body');
      const definition = definitionShape(request.definition, 'nothing was saved');
      return oneSaveAtATime(store, async () => {
        const current = await savedOrNotFound(id);
        if (current.version !== expected) throw stale(current, expected);
        await checkDefinition(
          store,
          definition,
          await store.savedSegments(),
          'nothing was saved',
          id,
        );
        const result = await store.updateSegment(id, expected, {
          name: request.name,
          description: request.description ?? current.description,
          definition,
          author: request.author ?? ANONYMOUS_AUTHOR,
          note: request.note ?? '',
          at: new Date().toISOString(),
        });
        if (!result.ok)
          throw result.reason === 'stale' ? stale(result.current, expected) : unknownSegment(id);
        return saved(c, result.segment);
      });
    })
    .delete('/:id', async (c) => {
      const { id } = parseOr400(segmentIdParam, c.req.param(), 'params');
      const expected = ifMatchVersion(c, false);
      return oneSaveAtATime(store, async () => {
        const current = await savedOrNotFound(id);
        if (expected !== null && current.version !== expected) throw stale(current, expected);
        const [segments, campaigns] = await Promise.all([
          store.savedSegments(),
          store.segmentCampaigns(),
        ]);
        const usage = usageById(segments, campaigns)(id);
        if (usage.campaigns.length + usage.segments.length > 0) {
          throw new HttpError(
            409,
            'conflict',
            `“${current.name}” is used by ${describeUsage(usage)}; nothing was deleted. ` +
              'Point them at another segment first.',
            undefined,
            { usage },
          );
        }
        const result = await store.deleteSegment(id, expected);
        if (!result.ok)
          throw result.reason === 'stale'
            ? stale(result.current, expected ?? 0)
            : unknownSegment(id);
        return c.body(null, 204);
      });
    })
    .get('/:id/versions', async (c) => {
      const { id } = parseOr400(segmentIdParam, c.req.param(), 'params');
      const versions = await store.segmentVersions(id);
      if (versions === null) throw unknownSegment(id);
      const body: SegmentVersionsResponse = { segment_id: id, versions };
      return c.json(body);
    })
    .get('/:id/versions/:v', async (c) => {
      const { id, v } = parseOr400(segmentVersionParam, c.req.param(), 'params');
      return c.json(await versionOrNotFound(id, v));
    })
    .get('/:id/diff', async (c) => {
      const { id } = parseOr400(segmentIdParam, c.req.param(), 'params');
      const { from, to } = parseOr400(segmentDiffQuery, queryOf(c), 'query');
      const [older, newer] = [await versionOrNotFound(id, from), await versionOrNotFound(id, to)];
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
    .post('/:id/versions/:v/restore', limitBody, async (c) => {
      const { id, v } = parseOr400(segmentVersionParam, c.req.param(), 'params');
      const expected = ifMatchVersion(c, true) ?? 0;
      const request = parseOr400(restoreSegmentRequest, await readJson(c.req.raw, {}), 'body');
      return oneSaveAtATime(store, async () => {
        const current = await savedOrNotFound(id);
        if (current.version !== expected) throw stale(current, expected);
        const restored = await versionOrNotFound(id, v);
        const outcome = `version ${v} cannot be restored as it is; nothing was saved`;
        await checkDefinition(store, restored.definition, await store.savedSegments(), outcome, id);
        const result = await store.updateSegment(id, expected, {
          name: restored.name,
          description: restored.description,
          definition: restored.definition,
          author: request.author ?? ANONYMOUS_AUTHOR,
          note: `restored from version ${v}`,
          at: new Date().toISOString(),
        });
        if (!result.ok)
          throw result.reason === 'stale' ? stale(result.current, expected) : unknownSegment(id);
        return saved(c, result.segment);
      });
    });
}
