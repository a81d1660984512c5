// A saved segment's members: a page at a time with a stable cursor (the last customer id), or all
// of them as a CSV streamed page by page, with spreadsheet formulas defused.
import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { membersQuery, segmentIdParam, type MembersResponse } from '../../src/api/contract.ts';
import { csvRow } from '../../src/domain/segment/csv.ts';
import { masksPersonalData } from '../auth/masking.ts';
import { maskPerson } from '../../src/domain/profile/mask.ts';
import { httpError, parseOr400, queryOf } from '../http.ts';
import type { ProfileStore } from '../store.ts';

const EXPORT_PAGE = 5_000;
const COLUMNS = ['customer_id', 'first_name', 'last_name', 'email', 'city'] as const;

export function segmentMemberRoutes(store: ProfileStore): Hono {
  const definitionOf = async (id: string) => {
    const segment = await store.savedSegment(id);
    if (segment === null) {
      throw httpError('segment_not_found', `No saved segment ${id}.`, { segment_id: id, count: 1 });
    }
    return segment;
  };
  return new Hono()
    .get('/:id/members', async (c) => {
      const { id } = parseOr400(segmentIdParam, c.req.param(), 'params');
      const { cursor, limit } = parseOr400(membersQuery, queryOf(c), 'query');
      const segment = await definitionOf(id);
      // One more than asked says whether another page follows.
      const page = await store.segmentSample(segment.definition, limit + 1, cursor);
      const members = page.slice(0, limit);
      const body: MembersResponse = {
        members,
        next_cursor: page.length > limit ? (members.at(-1)?.customer_id ?? null) : null,
      };
      return c.json(body);
    })
    .get('/:id/members.csv', async (c) => {
      const { id } = parseOr400(segmentIdParam, c.req.param(), 'params');
      const segment = await definitionOf(id);
      c.header('content-type', 'text/csv; charset=utf-8');
      c.header(
        'content-disposition',
        `attachment; filename="${segment.segment_id}-v${segment.version}.csv"`,
      );
      // A viewer's copy has the names and addresses masked, like every answer they get.
      const shown = masksPersonalData(c) ? maskPerson : <T>(row: T) => row;
      return stream(c, async (out) => {
        await out.write(csvRow(COLUMNS));
        let after: string | undefined;
        for (;;) {
          const page = await store.segmentSample(segment.definition, EXPORT_PAGE, after);
          if (page.length === 0) break;
          await out.write(
            page
              .map(shown)
              .map((m) => csvRow(COLUMNS.map((k) => m[k])))
              .join(''),
          );
          after = page.at(-1)?.customer_id;
          if (page.length < EXPORT_PAGE) break;
        }
      });
    });
}
