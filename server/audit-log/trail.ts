// Where the audit log is kept (issue 13): appended to, never edited; read newest first with the
// admin's filters. In memory for the demo and tests; in the DuckDB file on the server
// (server/stores/duckdb-audit-log.ts), both held to the same answers by audit-trail.test.ts.
import type { AuditEntry, AuditLogQuery, AuditLogResponse } from '../../src/api/contract.ts';

export type NewAuditEntry = Omit<AuditEntry, 'entry_id'>;

export interface AuditTrail {
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  query(filter: AuditLogQuery): Promise<AuditLogResponse>;
}

/** Entry ids sort as they were appended: "al_" and a 12-digit sequence. */
export const entryId = (sequence: number) => `al_${String(sequence).padStart(12, '0')}`;

/** Whether `entry` passes `filter` (paging aside): the one meaning of each filter. */
export function matchesAuditFilter(entry: AuditEntry, filter: AuditLogQuery): boolean {
  if (filter.actor !== undefined && filter.actor !== '') {
    const needle = filter.actor.toLowerCase();
    if (
      !entry.actor.login.toLowerCase().includes(needle) &&
      !entry.actor.name.toLowerCase().includes(needle)
    )
      return false;
  }
  if (filter.action !== undefined) {
    const family = !filter.action.includes('.');
    if (family ? !entry.action.startsWith(`${filter.action}.`) : entry.action !== filter.action)
      return false;
  }
  if (filter.target !== undefined && filter.target !== '' && entry.target.id !== filter.target)
    return false;
  const day = entry.at.slice(0, 10);
  if (filter.from !== undefined && day < filter.from) return false;
  if (filter.to !== undefined && day > filter.to) return false;
  return true;
}

export class MemoryAuditTrail implements AuditTrail {
  private readonly entries: AuditEntry[] = [];

  append(entry: NewAuditEntry): Promise<AuditEntry> {
    const stored = { entry_id: entryId(this.entries.length + 1), ...entry };
    this.entries.push(stored);
    return Promise.resolve(stored);
  }

  query(filter: AuditLogQuery): Promise<AuditLogResponse> {
    const matching = this.entries.filter((e) => matchesAuditFilter(e, filter)).reverse();
    const after =
      filter.cursor === undefined
        ? matching
        : matching.filter((e) => e.entry_id < (filter.cursor ?? ''));
    const entries = after.slice(0, filter.limit);
    return Promise.resolve({
      entries,
      total: matching.length,
      next_cursor: after.length > filter.limit ? (entries.at(-1)?.entry_id ?? null) : null,
    });
  }
}
