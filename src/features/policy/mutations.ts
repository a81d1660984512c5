// The writes to a guardrail policy, each naming the version it edits (If-Match), each with what it
// changes in the cache. A save refused because someone saved first (412) is read back with
// stalePolicy.
import { mutationOptions, type QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { ApiClientError, ifMatch, sendJson } from '../../api/client.ts';
import {
  savedPolicy,
  type RestorePolicyRequest,
  type SavePolicyRequest,
  type SavedPolicy,
} from '../../api/contract.ts';
import { policyKeys, policyPath } from './queries.ts';

/** What the server has now: the editor shows it at once, the history is read again. */
export function cachePolicy(client: QueryClient, policy: SavedPolicy) {
  client.setQueryData(policyKeys.one(policy.policy_id), policy);
  void client.invalidateQueries({ queryKey: policyKeys.versions(policy.policy_id) });
}

export const policyMutations = {
  update: () =>
    mutationOptions({
      mutationFn: ({
        id,
        version,
        body,
      }: {
        id: string;
        version: number;
        body: SavePolicyRequest;
      }) => sendJson('PUT', savedPolicy, policyPath(id), body, { headers: ifMatch(version) }),
      onSuccess: (policy, _variables, _result, { client }) => cachePolicy(client, policy),
    }),
  /** Appends a copy of version `restore` as the newest; `current` is the version it replaces. */
  restore: () =>
    mutationOptions({
      mutationFn: ({ id, restore, current }: { id: string; restore: number; current: number }) =>
        sendJson(
          'POST',
          savedPolicy,
          `${policyPath(id)}/versions/${restore}/restore`,
          {} satisfies RestorePolicyRequest,
          { headers: ifMatch(current) },
        ),
      onSuccess: (policy, _variables, _result, { client }) => cachePolicy(client, policy),
    }),
};

const preconditionFailed = z.object({ current: savedPolicy });

/** The policy as saved now, when a save was refused because someone saved first (412). */
export function stalePolicy(error: unknown): SavedPolicy | null {
  if (!(error instanceof ApiClientError) || error.status !== 412) return null;
  const parsed = preconditionFailed.safeParse(error.body);
  return parsed.success ? parsed.data.current : null;
}
