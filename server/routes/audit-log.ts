// The audit log for admins (issue 13): GET /api/audit-log (filtered, newest first, paged) and
// GET /api/audit-log.csv (every matching entry, the same filters).
import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { auditLogQuery, type AuditEntry } from '../../src/api/contract.ts';
import { csvRow } from '../../src/domain/segment/csv.ts';
import type { AuditTrail } from '../audit-log/trail.ts';
import { parseOr400, queryOf } from '../http.ts';

const CSV_COLUMNS = [
  'entry_id',
  'at',
  'actor_login',
  'actor_name',
  'actor_role',
  'action',
  'target_kind',
  'target_id',
  'target_name',
  'version',
  'details',
  'before',
  'after',
];

const csvOf = (e: AuditEntry) =>
  csvRow([
    e.entry_id,
    e.at,
    e.actor.login,
    e.actor.name,
    e.actor.role,
    e.action,
    e.target.kind,
    e.target.id,
    e.target.name,
    e.version === null ? null : String(e.version),
    JSON.stringify(e.details),
    e.before === null ? null : JSON.stringify(e.before),
    e.after === null ? null : JSON.stringify(e.after),
  ]);

export function auditLogRoutes(trail: AuditTrail): Hono {
  return new Hono()
    .get('/audit-log', async (c) => {
      const filter = parseOr400(auditLogQuery, queryOf(c), 'query');
      return c.json(await trail.query(filter));
    })
    .get('/audit-log.csv', async (c) => {
      const filter = parseOr400(auditLogQuery, { ...queryOf(c), limit: '200' }, 'query');
      c.header('content-type', 'text/csv; charset=utf-8');
      c.header('content-disposition', 'attachment; filename="tact-audit-log.csv"');
      return stream(c, async (out) => {
        await out.write(csvRow(CSV_COLUMNS));
        let cursor: string | undefined = filter.cursor;
        for (;;) {
          const page = await trail.query({
            ...filter,
            ...(cursor === undefined ? {} : { cursor }),
          });
          await out.write(page.entries.map(csvOf).join(''));
          if (page.next_cursor === null) break;
          cursor = page.next_cursor;
        }
      });
    });
}
