import { Hono } from 'hono';
import {
  customerIdParam,
  searchQuery,
  timelineQuery,
  type ProfileResponse,
  type SearchResponse,
  type TimelineResponse,
} from '../../src/api/contract.ts';
import { decodeTimelineCursor } from '../../src/domain/profile/timeline.ts';
import { profileOf, timelineOf } from '../customer-reads.ts';
import { httpError, parseOr400, queryOf } from '../http.ts';
import type { ProfileStore } from '../store.ts';

const unknownCustomer = (id: string) =>
  httpError('customer_not_found', `No customer ${id}.`, { customer_id: id });

export function customerRoutes(store: ProfileStore): Hono {
  return new Hono()
    .get('/', async (c) => {
      const { q, limit } = parseOr400(searchQuery, queryOf(c), 'query');
      const body: SearchResponse = { query: q, hits: await store.search(q, limit) };
      return c.json(body);
    })
    .get('/:id', async (c) => {
      const { id } = parseOr400(customerIdParam, c.req.param(), 'params');
      const profile = await profileOf(store, id);
      if (profile === null) throw unknownCustomer(id);
      const shared = await store.sharedDevices(id, profile.identities);
      const body: ProfileResponse = { ...profile, shared_devices: shared };
      return c.json(body);
    })
    .get('/:id/timeline', async (c) => {
      const { id } = parseOr400(customerIdParam, c.req.param(), 'params');
      const query = parseOr400(timelineQuery, queryOf(c), 'query');
      let after = null;
      if (query.cursor !== undefined) {
        after = decodeTimelineCursor(query.cursor);
        if (after === null) {
          throw httpError(
            'invalid_cursor',
            'Invalid query: cursor — not a cursor this API issued.',
            {},
            {
              issues: [
                {
                  path: ['query', 'cursor'],
                  code: 'invalid_cursor',
                  message: 'Not a cursor this API issued.',
                  params: {},
                },
              ],
            },
          );
        }
      }
      const body: TimelineResponse | null = await timelineOf(store, id, {
        after,
        limit: query.limit,
        channels: query.channel,
        kinds: query.kind,
      });
      if (body === null) throw unknownCustomer(id);
      return c.json(body);
    });
}
