// The app's one QueryClient recipe: cache for 30 s, and retry only failures that a retry can fix.
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { endsSession, signedOut } from './session.ts';

/** Never retries an error that says it is not retryable, nor a 4xx; otherwise twice. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (typeof error === 'object' && error !== null) {
    if ('retryable' in error && error.retryable === false) return false;
    if ('status' in error && typeof error.status === 'number') {
      if (error.status >= 400 && error.status < 500) return false;
    }
  }
  return failureCount < 2;
}

/** 0.5 s, then 1 s, capped at 5 s. */
export const retryDelay = (attempt: number): number => Math.min(500 * 2 ** attempt, 5000);

export function createQueryClient(): QueryClient {
  // A request refused for want of a session (expired, signed out elsewhere) ends it here too: the
  // layout then asks to sign in again.
  const onError = (error: unknown) => {
    if (endsSession(error)) signedOut(client);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: { staleTime: 30_000, retry: shouldRetry, retryDelay, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
  return client;
}
