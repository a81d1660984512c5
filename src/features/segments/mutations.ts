// The writes to saved segments, each with what it changes in the cache (through segmentKeys only).
// Writes name the version they edit (If-Match); a create carries an Idempotency-Key so a retried
// click never makes two segments. A refused write is read back with staleCurrent and usageOf.
import { mutationOptions, type QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { ApiClientError, ifMatch, sendJson } from '../../api/client.ts';
import {
  savedSegment,
  segmentInUse,
  segmentPreconditionFailed,
  type RestoreSegmentRequest,
  type SavedSegment,
  type SegmentUsage,
} from '../../api/contract.ts';
import type { SegmentDefinition } from '../../domain/segment/definition.ts';
import { segmentKeys, segmentPath } from './queries.ts';

export interface SegmentContent {
  name: string;
  description: string;
  definition: SegmentDefinition;
  note?: string;
}

/**
 * `segment` is what the server has now: opening it shows this version at once, and the list and
 * its history are read again. Also for a version learnt from a refused save (the 412's current).
 */
export function cacheSaved(client: QueryClient, segment: SavedSegment) {
  client.setQueryData(segmentKeys.one(segment.segment_id), segment);
  void client.invalidateQueries({ queryKey: segmentKeys.list() });
  void client.invalidateQueries({ queryKey: segmentKeys.versions(segment.segment_id) });
}

export const segmentMutations = {
  create: () =>
    mutationOptions({
      mutationFn: ({
        content,
        idempotencyKey,
      }: {
        content: SegmentContent;
        idempotencyKey: string;
      }) =>
        sendJson('POST', savedSegment, '/api/segments', content, {
          headers: { 'idempotency-key': idempotencyKey },
        }),
      onSuccess: (segment, _variables, _result, { client }) => cacheSaved(client, segment),
    }),
  update: () =>
    mutationOptions({
      mutationFn: ({
        id,
        version,
        content,
      }: {
        id: string;
        version: number;
        content: SegmentContent;
      }) => sendJson('PUT', savedSegment, segmentPath(id), content, { headers: ifMatch(version) }),
      onSuccess: (segment, _variables, _result, { client }) => cacheSaved(client, segment),
    }),
  remove: () =>
    mutationOptions({
      mutationFn: ({ id, version }: { id: string; version: number }) =>
        sendJson('DELETE', z.null(), segmentPath(id), undefined, { headers: ifMatch(version) }),
      onSuccess: (_nothing, { id }, _result, { client }) => {
        client.removeQueries({ queryKey: segmentKeys.one(id) });
        void client.invalidateQueries({ queryKey: segmentKeys.list() });
      },
    }),
  /** Appends a copy of version `restore` as the newest; `current` is the version it replaces. */
  restore: () =>
    mutationOptions({
      mutationFn: ({ id, restore, current }: { id: string; restore: number; current: number }) =>
        sendJson(
          'POST',
          savedSegment,
          `${segmentPath(id)}/versions/${restore}/restore`,
          {} satisfies RestoreSegmentRequest,
          { headers: ifMatch(current) },
        ),
      onSuccess: (segment, _variables, _result, { client }) => cacheSaved(client, segment),
    }),
};

/** The segment as saved now, when a write was refused because someone saved first (412). */
export function staleCurrent(error: unknown): SavedSegment | null {
  if (!(error instanceof ApiClientError) || error.status !== 412) return null;
  const parsed = segmentPreconditionFailed.safeParse(error.body);
  return parsed.success ? parsed.data.current : null;
}

/** What uses a segment, when deleting it was refused (409). */
export function usageOf(error: unknown): SegmentUsage | null {
  if (!(error instanceof ApiClientError) || error.status !== 409) return null;
  const parsed = segmentInUse.safeParse(error.body);
  return parsed.success ? parsed.data.usage : null;
}
