// The request a piece of store work is for, so that the work stops when its client goes away
// (issue 13): an abandoned count or export used to keep a DuckDB connection busy for up to 45 s.
// Node only: the browser's demo has no connection to free.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { MiddlewareHandler } from 'hono';

const scope = new AsyncLocalStorage<AbortSignal>();

/** The signal of the request being served here (aborted when its client disconnects), if any. */
export function requestSignal(): AbortSignal | undefined {
  return scope.getStore();
}

/** Runs the rest of the request inside its signal's scope. */
export function cancelOnDisconnect(): MiddlewareHandler {
  return (c, next) => scope.run(c.req.raw.signal, next);
}

/** Runs `work` as if for a request with `signal` (tests, scripts). */
export function withSignal<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  return scope.run(signal, work);
}

/**
 * Runs `work` for no request in particular: work shared by every request that waits for it (a
 * table built once per load, the fitted models, a kept member set) must not stop because the one
 * request that happened to start it went away.
 */
export function detached<T>(work: () => T): T {
  return scope.exit(work);
}

/** What store work throws once its request is gone. */
export class RequestAbandoned extends Error {
  constructor() {
    super('The client went away; its work was stopped.');
    this.name = 'RequestAbandoned';
  }
}
