// A saved segment's members, page by page in customer id order (GET /api/segments/:id/members).
import { z } from 'zod';
import { decimalInteger } from './decimal.ts';
import { memberSummary } from './segment-count.ts';

export const membersQuery = z.object({
  /** The last customer id of the previous page: members come in customer id order. */
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'A cursor is the last customer id of the previous page.')
    .optional(),
  limit: decimalInteger(1, 1_000, 'A limit is a whole number from 1 to 1,000.').default(100),
});
export const membersResponse = z.object({
  members: z.array(memberSummary),
  /** Absent on the last page. */
  next_cursor: z.string().nullable(),
});
export type MembersResponse = z.infer<typeof membersResponse>;
