// The audit log's filters, held in the URL so that a link reproduces the view: part of a login or a
// name, an action or a family of actions, a target's id, a period of days. Read through the
// contract's own schemas field by field: a hand-edited link loses the field it broke, nothing else.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { z } from 'zod';
import { AUDIT_ACTIONS, auditLogQuery, type AuditAction } from '../../api/contract/audit-log.ts';

type FamilyOf<A> = A extends `${infer Family}.${string}` ? Family : never;
/** What comes before the dot of an action: the API filters on it as on an action. */
export type AuditFamily = FamilyOf<AuditAction>;

/** The families in the order the action filter offers them (filters.test.tsx checks none is missing). */
export const AUDIT_FAMILIES = [
  'segment',
  'campaign',
  'audit',
  'policy',
  'export',
  'refit',
  'user',
  'token',
  'account',
  'import',
] as const satisfies readonly AuditFamily[];

export const actionsOf = (family: AuditFamily): AuditAction[] =>
  AUDIT_ACTIONS.filter((action) => action.startsWith(`${family}.`));

const actionFilter = z.enum([...AUDIT_ACTIONS, ...AUDIT_FAMILIES]);
export type ActionFilter = z.infer<typeof actionFilter>;

/** What the API is asked for; an absent field does not filter. */
export interface AuditLogFilters {
  actor?: string;
  action?: ActionFilter;
  target?: string;
  /** Days, inclusive, YYYY-MM-DD (UTC). */
  from?: string;
  to?: string;
}

/** The URL's parameters, the API's and the CSV's, in the order they are written. */
const KEYS = ['actor', 'action', 'target', 'from', 'to'] as const;

/** A parameter as the URL holds it; absent when missing, blank or unreadable. */
function read<T>(params: URLSearchParams, key: (typeof KEYS)[number], schema: z.ZodType<T>) {
  const parsed = schema.safeParse(params.get(key) ?? undefined);
  return parsed.success && parsed.data !== '' ? parsed.data : undefined;
}

export function readFilters(params: URLSearchParams): AuditLogFilters {
  return {
    actor: read(params, 'actor', auditLogQuery.shape.actor),
    action: read(params, 'action', actionFilter),
    target: read(params, 'target', auditLogQuery.shape.target),
    from: read(params, 'from', auditLogQuery.shape.from),
    to: read(params, 'to', auditLogQuery.shape.to),
  };
}

/** The filters as a query string (the URL's, the API's and the CSV's): blank ones left out. */
export function filterParams(filters: AuditLogFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = filters[key]?.trim();
    if (value) params.set(key, value);
  }
  return params;
}

export const hasFilters = (filters: AuditLogFilters) => filterParams(filters).toString() !== '';

/** The filters in the URL, and a setter for some of them (`undefined` or blank clears one). */
export function useAuditLogFilters(): [AuditLogFilters, (change: AuditLogFilters) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const update = useCallback(
    (change: AuditLogFilters) =>
      setParams((current) => filterParams({ ...readFilters(current), ...change }), {
        replace: true,
      }),
    [setParams],
  );
  return [filters, update];
}
