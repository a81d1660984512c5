// The writes to users, API tokens and one's own password, each with what it changes in the cache
// (through the keys of queries.ts only). Bodies are the parsed output of the contract's request schemas.
import { mutationOptions, type QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { sendJson } from '../../api/client.ts';
import {
  createdToken,
  userSummary,
  type changePasswordRequest,
  type createTokenRequest,
  type CreateUserRequest,
  type UpdateUserRequest,
  type UserSummary,
} from '../../api/contract/auth.ts';
import { teamKeys, teamQueries, tokenPath, userPath } from './queries.ts';

export type CreateTokenRequest = z.infer<typeof createTokenRequest>;
export type ChangePasswordRequest = z.infer<typeof changePasswordRequest>;

/** The user as the server has them now: the table shows it at once, and the list is read again. */
function cacheUser(client: QueryClient, user: UserSummary) {
  // The list's options, for a key that knows the type of what it holds.
  client.setQueryData(teamQueries.users().queryKey, (list) =>
    list === undefined
      ? list
      : { users: list.users.map((u) => (u.user_id === user.user_id ? user : u)) },
  );
  void client.invalidateQueries({ queryKey: teamKeys.users() });
}

export const teamMutations = {
  createUser: () =>
    mutationOptions({
      mutationFn: (body: CreateUserRequest) => sendJson('POST', userSummary, '/api/users', body),
      onSuccess: (_user, _body, _result, { client }) =>
        void client.invalidateQueries({ queryKey: teamKeys.users() }),
    }),
  /** A new role, a new password, disabling or enabling: one PATCH each. */
  updateUser: () =>
    mutationOptions({
      mutationFn: ({ id, change }: { id: string; change: UpdateUserRequest }) =>
        sendJson('PATCH', userSummary, userPath(id), change),
      onSuccess: (user, _variables, _result, { client }) => cacheUser(client, user),
    }),
  /**
   * The answer holds the token itself, shown once: it is not kept once the dialog showing it has
   * closed (no cache time), and the list read again has only its summary.
   */
  createToken: () =>
    mutationOptions({
      mutationFn: (body: CreateTokenRequest) => sendJson('POST', createdToken, '/api/tokens', body),
      gcTime: 0,
      onSuccess: (_token, _body, _result, { client }) =>
        void client.invalidateQueries({ queryKey: teamKeys.tokens() }),
    }),
  revokeToken: () =>
    mutationOptions({
      mutationFn: (id: string) => sendJson('DELETE', z.null(), tokenPath(id), undefined),
      onSuccess: (_nothing, _id, _result, { client }) =>
        void client.invalidateQueries({ queryKey: teamKeys.tokens() }),
    }),
  /** The signed-in user's own password; the server ends their other sessions. */
  changePassword: () =>
    mutationOptions({
      mutationFn: (body: ChangePasswordRequest) =>
        sendJson('PUT', z.null(), '/api/auth/password', body),
    }),
};
