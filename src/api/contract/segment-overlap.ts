// How two or three saved segments overlap: every region of their diagram
// (POST /api/segments/overlap).
import { z } from 'zod';
import { isoInstant } from '../../domain/profile/schema.ts';
import { segmentId } from './segments.ts';

export const overlapRequest = z.strictObject({
  segment_ids: z
    .array(segmentId)
    .min(2, 'Compare two or three segments.')
    .max(3, 'Compare two or three segments.')
    .refine((ids) => new Set(ids).size === ids.length, 'Each segment can be compared only once.'),
});
export type OverlapRequest = z.infer<typeof overlapRequest>;
export const overlapResponse = z.object({
  segments: z.array(
    z.object({ segment_id: segmentId, name: z.string(), size: z.number().int().nonnegative() }),
  ),
  /**
   * Every region of the diagram: the customers in exactly these segments and in none of the
   * others (for three segments, seven regions). Together they make the union.
   */
  regions: z.array(
    z.object({
      segment_ids: z.array(segmentId).min(1),
      count: z.number().int().nonnegative(),
    }),
  ),
  /** Customers in at least one of them. */
  union: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  as_of: isoInstant,
});
export type OverlapResponse = z.infer<typeof overlapResponse>;
