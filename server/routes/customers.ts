import { Hono } from 'hono';
import {
  customerIdParam,
  searchQuery,
  timelineQuery,
  type SearchResponse,
} from '../../src/api/contract.ts';
import { decodeTimelineCursor } from '../../src/domain/profile/timeline.ts';
import { badRequest, notFound, parseOr400, queryOf } from '../http.ts';
import type { ProfileStore } from '../store.ts';

export function customerRoutes(store: ProfileStore): Hono {
  return new Hono()
    .get('/', async (c) => {
      const { q, limit } = parseOr400(searchQuery, queryOf(c), 'query');
      const body: SearchResponse = { query: q, hits: await store.search(q, limit) };
      return c.json(body);
    })
    .get('/:id', async (c) => {
      const { id } = parseOr400(customerIdParam, c.req.param(), 'params');
      const profile = await store.profile(id);
      if (profile === null) throw notFound(`No customer ${id}.`);
      return c.json(profile);
    })
    .get('/:id/timeline', async (c) => {
      const { id } = parseOr400(customerIdParam, c.req.param(), 'params');
      const query = parseOr400(timelineQuery, queryOf(c), 'query');
      let after = null;
      if (query.cursor !== undefined) {
        after = decodeTimelineCursor(query.cursor);
        if (after === null) {
          throw badRequest('Invalid query: cursor — not a cursor this API issued.', [
            { path: ['query', 'cursor'], message: 'Not a cursor this API issued.' },
          ]);
        }
      }
      const timeline = await store.timeline(id, {
        after,
        limit: query.limit,
        channels: query.channel,
        kinds: query.kind,
      });
      if (timeline === null) throw notFound(`No customer ${id}.`);
      return c.json(timeline);
    });
}
