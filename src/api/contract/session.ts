// Who is signed in (decision 035): what every page reads first, in a module of its own so that the
// first page's JavaScript carries these two schemas and not the rest of the accounts' contract.
import { z } from 'zod';

export const ROLES = ['viewer', 'editor', 'admin'] as const;
export const role = z.enum(ROLES);
export type Role = z.infer<typeof role>;

/** Who the request comes from; `demo` when the browser's demo signs everyone in as its editor. */
export const sessionResponse = z.object({
  user: z.object({ user_id: z.string(), login: z.string(), name: z.string(), role }).nullable(),
  demo: z.boolean(),
});
export type SessionResponse = z.infer<typeof sessionResponse>;
