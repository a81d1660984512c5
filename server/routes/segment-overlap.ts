// How two or three saved segments overlap: the count of every region of their diagram (customers
// in exactly these segments), each region counted as a definition of membership conditions by the
// store's own evaluator or compiler, so overlap means what membership means everywhere else.
import { Hono } from 'hono';
import { overlapRequest, type OverlapResponse } from '../../src/api/contract.ts';
import { overlapRegions, unionDefinition } from '../../src/domain/segment/overlap.ts';
import { httpError, parseOr400 } from '../http.ts';
import type { ProfileStore } from '../store.ts';
import { bodyNotJson, limitBody } from './versioned-http.ts';

const MAX_BYTES = 4 * 1024;

export function segmentOverlapRoutes(store: ProfileStore): Hono {
  return new Hono().post('/overlap', limitBody(MAX_BYTES, 'An overlap request'), async (c) => {
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      throw bodyNotJson();
    }
    const { segment_ids: ids } = parseOr400(overlapRequest, body, 'body');
    const byId = new Map((await store.savedSegments()).map((s) => [s.segment_id, s]));
    const chosen = ids.flatMap((id) => byId.get(id) ?? []);
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length > 0) {
      throw httpError(
        'segment_not_found',
        `No saved segment ${missing.map((id) => `'${id}'`).join(', ')}.`,
        { segment_id: missing.join(', '), count: missing.length },
      );
    }
    const regions = overlapRegions(ids);
    const [counts, total] = await Promise.all([
      store.segmentCounts([
        ...chosen.map((s) => s.definition),
        ...regions.map((r) => r.definition),
        unionDefinition(ids),
      ]),
      store.customerCount(),
    ]);
    const at = (i: number) => counts[i] ?? 0;
    const response: OverlapResponse = {
      segments: chosen.map((s, i) => ({ segment_id: s.segment_id, name: s.name, size: at(i) })),
      regions: regions.map((r, i) => ({ segment_ids: r.inside, count: at(ids.length + i) })),
      union: at(ids.length + regions.length),
      total,
      as_of: store.asOf,
    };
    return c.json(response);
  });
}
