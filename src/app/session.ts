// Who is signed in (decision 035): one query every page reads, the sign-in and sign-out that change
// it. A 401 from any request marks the session ended (queryClient.ts), and the layout then sends
// the user to the sign-in page, back to where they were once signed in.
import { mutationOptions, queryOptions, type QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { getJson, sendJson } from '../api/client.ts';
// Its own module, not the contract's barrel (first page's JavaScript).
import { sessionResponse, type SessionResponse } from '../api/contract/session.ts';

export const sessionKeys = { all: ['session'] as const };

export const sessionQueries = {
  current: () =>
    queryOptions({
      queryKey: sessionKeys.all,
      queryFn: ({ signal }) => getJson(sessionResponse, '/api/auth/session', { signal }),
      staleTime: Infinity,
    }),
};

/** After a sign-out or a 401: nobody is signed in, and nothing read as the last user is kept. */
export function signedOut(client: QueryClient) {
  const signedOutSession: SessionResponse = { user: null, demo: false };
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKeys.all[0] });
  client.setQueryData(sessionKeys.all, signedOutSession);
}

export const sessionMutations = {
  signIn: () =>
    mutationOptions({
      mutationFn: (credentials: { login: string; password: string }) =>
        sendJson('POST', sessionResponse, '/api/auth/sign-in', credentials),
      onSuccess: (session, _variables, _result, { client }) => {
        client.setQueryData(sessionKeys.all, session);
      },
    }),
  signOut: () =>
    mutationOptions({
      mutationFn: () => sendJson('POST', z.null(), '/api/auth/sign-out', undefined),
      onSettled: (_nothing, _error, _variables, _result, { client }) => signedOut(client),
    }),
};

/** The 401 reasons that mean "sign in again" (a wrong password at sign-in does not). */
export function endsSession(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'status' in error &&
    error.status === 401 &&
    'reason' in error &&
    (error.reason === 'sign_in_required' || error.reason === 'session_expired')
  );
}
