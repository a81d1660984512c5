// The audit log in the DuckDB file: one row per entry, appended in one statement, never updated;
// a load of demo or imported data never drops it. The filters narrow the rows in SQL with the
// meaning trail.ts gives them (held equal by server/audit-log/audit-trail.test.ts).
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { z } from 'zod';
import {
  auditEntry,
  type AuditEntry,
  type AuditLogQuery,
  type AuditLogResponse,
} from '../../src/api/contract.ts';
import { entryId, type AuditTrail, type NewAuditEntry } from '../audit-log/trail.ts';
import type { ConnectionRunner } from './duckdb-documents.ts';

const DDL = `CREATE TABLE IF NOT EXISTS audit_log (
  seq BIGINT PRIMARY KEY, entry_id VARCHAR NOT NULL, "at" VARCHAR NOT NULL,
  actor_login VARCHAR NOT NULL, actor_name VARCHAR NOT NULL, action VARCHAR NOT NULL,
  target_id VARCHAR NOT NULL, entry VARCHAR NOT NULL)`;

const row = z.object({ entry: z.string() });
const total = z.object({ n: z.union([z.number(), z.bigint()]) });

export class DuckDbAuditTrail implements AuditTrail {
  private sequence: Promise<number> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly run: ConnectionRunner) {}

  private next(): Promise<number> {
    this.sequence ??= this.run(async (c) => {
      await c.run(DDL);
      const reader = await c.runAndReadAll(
        'SELECT coalesce(max(seq), 0)::INTEGER AS n FROM audit_log',
      );
      return Number(total.parse(reader.getRowObjects()[0]).n);
    });
    return this.sequence;
  }

  append(entry: NewAuditEntry): Promise<AuditEntry> {
    const appended = this.queue.then(async () => {
      const seq = (await this.next()) + 1;
      const stored: AuditEntry = { entry_id: entryId(seq), ...entry };
      await this.run((c) =>
        c.run('INSERT INTO audit_log VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
          seq,
          stored.entry_id,
          stored.at,
          stored.actor.login,
          stored.actor.name,
          stored.action,
          stored.target.id,
          JSON.stringify(stored),
        ]),
      );
      this.sequence = Promise.resolve(seq);
      return stored;
    });
    this.queue = appended.catch(() => undefined);
    return appended;
  }

  async query(filter: AuditLogQuery): Promise<AuditLogResponse> {
    await this.next();
    const where: string[] = [];
    const values: DuckDBValue[] = [];
    const bind = (value: DuckDBValue) => {
      values.push(value);
      return `$${values.length}`;
    };
    if (filter.actor !== undefined && filter.actor !== '') {
      const needle = bind(filter.actor.toLowerCase());
      where.push(
        `(contains(lower(actor_login), ${needle}) OR contains(lower(actor_name), ${needle}))`,
      );
    }
    if (filter.action !== undefined) {
      where.push(
        filter.action.includes('.')
          ? `action = ${bind(filter.action)}`
          : `starts_with(action, ${bind(`${filter.action}.`)})`,
      );
    }
    if (filter.target !== undefined && filter.target !== '')
      where.push(`target_id = ${bind(filter.target)}`);
    if (filter.from !== undefined) where.push(`substr("at", 1, 10) >= ${bind(filter.from)}`);
    if (filter.to !== undefined) where.push(`substr("at", 1, 10) <= ${bind(filter.to)}`);
    const matching = where.length === 0 ? 'TRUE' : where.join(' AND ');
    const page =
      filter.cursor === undefined ? matching : `${matching} AND entry_id < ${bind(filter.cursor)}`;
    const limit = filter.limit;
    return this.run(async (c: DuckDBConnection) => {
      const counted = await c.runAndReadAll(
        `SELECT count(*)::INTEGER AS n FROM audit_log WHERE ${matching}`,
        values.slice(0, filter.cursor === undefined ? values.length : values.length - 1),
      );
      const read = await c.runAndReadAll(
        `SELECT entry FROM audit_log WHERE ${page} ORDER BY seq DESC LIMIT ${limit + 1}`,
        values,
      );
      const rows = z.array(row).parse(read.getRowObjects());
      const entries = rows.slice(0, limit).map((r) => auditEntry.parse(JSON.parse(r.entry)));
      return {
        entries,
        total: Number(total.parse(counted.getRowObjects()[0]).n),
        next_cursor: rows.length > limit ? (entries.at(-1)?.entry_id ?? null) : null,
      };
    });
  }
}
