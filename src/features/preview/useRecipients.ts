// The recipient list and moving through it: the loaded pages, where the current recipient is,
// the next / previous / next flagged one (loading the next page when the list ends there), the
// first recipient chosen when the URL names none, and the neighbours' previews fetched ahead so
// moving on is instant.
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RecipientSummary } from '../../api/contract.ts';
import type { RecipientFilters } from './filters.ts';
import { previewQueries } from './queries.ts';

export type Move = 'next' | 'previous' | 'flagged';
/** What a move found nothing for: the end of the list, or no flagged recipient after this one. */
export type MoveMiss = 'last' | 'first' | 'noFlagged' | null;

export interface RecipientsOptions {
  campaignId: string;
  customerId: string | null;
  filters: RecipientFilters;
  /** Shows a recipient; `replace` when the choice was not the user's (the first one). */
  onSelect: (customerId: string, replace: boolean) => void;
  /** Fetches what else a recipient's view needs (their timeline) ahead of a move. */
  prefetch?: (customerId: string) => void;
}

const isFlagged = (r: RecipientSummary) => r.guardrails.length > 0;

function targetOf(list: readonly RecipientSummary[], index: number, move: Move): number {
  if (move === 'previous') return index - 1;
  if (move === 'next') return index + 1;
  return list.findIndex((r, i) => i > index && isFlagged(r));
}

export function useRecipients({
  campaignId,
  customerId,
  filters,
  onSelect,
  prefetch,
}: RecipientsOptions) {
  const query = useInfiniteQuery(previewQueries.recipients(campaignId, filters));
  const list = useMemo(() => query.data?.pages.flatMap((p) => p.recipients) ?? [], [query.data]);
  const index = customerId === null ? -1 : list.findIndex((r) => r.customer_id === customerId);
  const [moving, setMoving] = useState(false);
  const [miss, setMiss] = useState<MoveMiss>(null);
  const busy = useRef(false);
  const { hasNextPage, fetchNextPage } = query;
  // Keys pressed faster than the screen follows move on from where the last move went, not from
  // the recipient still shown: `to` until the URL's recipient catches up (`via`: the recipients
  // passed on the way, which may show in between).
  const moved = useRef<{ to: string; via: ReadonlySet<string> } | null>(null);
  useEffect(() => {
    const m = moved.current;
    if (m !== null && (customerId === null || customerId === m.to || !m.via.has(customerId)))
      moved.current = null;
  }, [customerId]);

  const move = useCallback(
    (kind: Move) => {
      if (busy.current) return;
      busy.current = true;
      const from = moved.current?.to ?? customerId;
      void (async () => {
        let loaded = list;
        let more = hasNextPage;
        try {
          for (;;) {
            const at = from === null ? -1 : loaded.findIndex((r) => r.customer_id === from);
            const found = loaded[targetOf(loaded, at, kind)];
            if (found !== undefined && found.customer_id !== from) {
              setMiss(null);
              const via = new Set(moved.current?.via ?? []).add(found.customer_id);
              moved.current = { to: found.customer_id, via };
              onSelect(found.customer_id, false);
              return;
            }
            if (kind === 'previous' || !more) {
              setMiss(kind === 'previous' ? 'first' : kind === 'next' ? 'last' : 'noFlagged');
              return;
            }
            // Further on than the pages loaded: load the next one and look again.
            setMoving(true);
            const next = await fetchNextPage();
            if (next.isError || next.data === undefined) return;
            loaded = next.data.pages.flatMap((p) => p.recipients);
            more = next.hasNextPage;
          }
        } finally {
          busy.current = false;
          setMoving(false);
        }
      })();
    },
    [list, customerId, hasNextPage, fetchNextPage, onSelect],
  );

  // No recipient in the URL: the first one of the list.
  const first = list[0]?.customer_id;
  useEffect(() => {
    if (customerId === null && first !== undefined) onSelect(first, true);
  }, [customerId, first, onSelect]);

  const client = useQueryClient();
  const previous = index > 0 ? list[index - 1]?.customer_id : undefined;
  const next = index >= 0 ? list[index + 1]?.customer_id : undefined;
  useEffect(() => {
    for (const id of [next, previous]) {
      if (id === undefined) continue;
      void client.prefetchQuery(previewQueries.recipient(campaignId, id));
      prefetch?.(id);
    }
  }, [client, campaignId, next, previous, prefetch]);

  return {
    query,
    list,
    /** The current recipient's place in the loaded list, or -1. */
    index,
    current: index >= 0 ? list[index] : undefined,
    move,
    moving,
    miss,
  };
}
export type Recipients = ReturnType<typeof useRecipients>;
