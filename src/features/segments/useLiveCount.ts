// The live audience count: asked 300 ms after the last valid edit, keyed by the definition so the
// previous request is cancelled, and never presented as the count of a definition it is not for.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { CountResponse } from '../../api/contract.ts';
import type { SegmentDefinition } from '../../domain/segment/definition.ts';
import { segmentKeys, segmentQueries } from './queries.ts';

export const COUNT_DEBOUNCE_MS = 300;

interface Ask {
  definition: SegmentDefinition;
  countable: boolean;
  breakdown: string | null;
}

/** The last ask that stood still for COUNT_DEBOUNCE_MS. */
function useSettled(definition: SegmentDefinition, countable: boolean, breakdown: string | null) {
  const [settled, setSettled] = useState<Ask>({ definition, countable, breakdown });
  useEffect(() => {
    const timer = setTimeout(
      () => setSettled({ definition, countable, breakdown }),
      COUNT_DEBOUNCE_MS,
    );
    return () => clearTimeout(timer);
  }, [definition, countable, breakdown]);
  return settled;
}

export type LiveCount =
  /** Nothing to count: no condition yet, or some need attention. */
  | { state: 'idle' }
  /** The first count is on its way. */
  | { state: 'loading' }
  /** `data` is for the definition on screen. */
  | { state: 'fresh'; data: CountResponse }
  /** `data` is for an earlier definition: shown dimmed while the new count runs. */
  | { state: 'updating'; data: CountResponse }
  | { state: 'error'; error: unknown; retry: () => void; retrying: boolean };

export function useLiveCount(
  definition: SegmentDefinition,
  countable: boolean,
  breakdown: string | null,
): LiveCount {
  const asked = useSettled(definition, countable, breakdown);
  const query = useQuery({
    ...segmentQueries.count(asked.definition, asked.breakdown),
    enabled: asked.countable,
    placeholderData: keepPreviousData,
  });
  if (!countable) return { state: 'idle' };
  const wanted = JSON.stringify(segmentKeys.count(definition, breakdown));
  const isForScreen =
    JSON.stringify(segmentKeys.count(asked.definition, asked.breakdown)) === wanted &&
    asked.countable &&
    !query.isPlaceholderData;
  if (query.isError && isForScreen) {
    return {
      state: 'error',
      error: query.error,
      retry: () => void query.refetch(),
      retrying: query.isFetching,
    };
  }
  if (query.data === undefined) return { state: 'loading' };
  return isForScreen && !query.isFetching
    ? { state: 'fresh', data: query.data }
    : { state: 'updating', data: query.data };
}
