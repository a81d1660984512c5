// The filters every dashboard shares, held in the URL so that a link reproduces the view: a saved
// segment (and a version of it), a period of calendar months, an order channel. Read through zod:
// a hand-edited link falls back to the defaults field by field, never to a blank page.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { z } from 'zod';
import { isMonth, monthOf } from '../../domain/analytics/buyers.ts';
import { orderChannel, type OrderChannel } from '../../domain/profile/schema.ts';

export interface DashboardFilters {
  segment: string | null;
  version: number | null;
  from: string;
  to: string;
  channel: OrderChannel | null;
}

/** The twelve months up to the as-of month: the default period. */
export function defaultPeriod(asOf: string): { from: string; to: string } {
  const to = monthOf(asOf);
  const index = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7)) - 1 - 11;
  const from = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  return { from, to };
}

const segmentParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const versionParam = z.coerce.number().int().min(1).max(1_000_000);
const monthParam = z.string().refine(isMonth);

/** The filters a URL holds, each field its default when absent or unreadable. */
export function readFilters(params: URLSearchParams, asOf: string): DashboardFilters {
  const period = defaultPeriod(asOf);
  const read = <T>(schema: z.ZodType<T>, key: string): T | null => {
    const raw = params.get(key);
    if (raw === null) return null;
    const parsed = schema.safeParse(raw);
    return parsed.success ? parsed.data : null;
  };
  const segment = read(segmentParam, 'segment');
  let from = read(monthParam, 'from') ?? period.from;
  let to = read(monthParam, 'to') ?? period.to;
  if (from > to) [from, to] = [to, from];
  return {
    segment,
    version: segment === null ? null : read(versionParam, 'version'),
    from,
    to,
    channel: read(orderChannel, 'channel'),
  };
}

/** The query string of the filters (what the API and the URL both read). */
export function filterQuery(filters: DashboardFilters): Record<string, string> {
  return {
    from: filters.from,
    to: filters.to,
    ...(filters.segment === null ? {} : { segment: filters.segment }),
    ...(filters.segment !== null && filters.version !== null
      ? { version: String(filters.version) }
      : {}),
    ...(filters.channel === null ? {} : { channel: filters.channel }),
  };
}

/** The filters in the URL, and a setter that keeps the other parameters (the dashboard shown). */
export function useDashboardFilters(
  asOf: string,
): [DashboardFilters, (next: Partial<DashboardFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params, asOf), [params, asOf]);
  const update = useCallback(
    (next: Partial<DashboardFilters>) => {
      setParams(
        (current) => {
          const merged = { ...readFilters(current, asOf), ...next };
          if (next.segment !== undefined) merged.version = next.version ?? null;
          const out = new URLSearchParams();
          const view = current.get('view');
          if (view !== null) out.set('view', view);
          for (const [key, value] of Object.entries(filterQuery(merged))) out.set(key, value);
          return out;
        },
        { replace: true },
      );
    },
    [setParams, asOf],
  );
  return [filters, update];
}
