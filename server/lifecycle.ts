// How the Node server stops (issue 13): on SIGTERM or SIGINT it stops accepting connections, lets
// the requests under way finish (an export that said 200 is sent whole), closes the store and
// exits 0; past the drain timeout it cuts what is left and exits 1. Used by server/node.ts.
import type { Server } from 'node:http';

export interface DrainOptions {
  /** How long the requests under way may take to finish (default 30 s). */
  timeoutMs?: number;
  /** Closes the store once no request uses it. */
  close: () => Promise<void>;
  log?: (line: string) => void;
  exit?: (code: number) => void;
}

/** Stops `server` gracefully; a second call while draining does nothing. */
export function drainer(server: Server, options: DrainOptions): (signal: string) => void {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const log = options.log ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let draining = false;
  return (signal) => {
    if (draining) return;
    draining = true;
    log(`${signal}: no new requests; finishing those under way (${timeoutMs / 1000} s at most).`);
    let finished = false;
    const finish = (code: number, line: string | null) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      clearInterval(idle);
      if (line !== null) log(line);
      void options
        .close()
        .then(() => exit(code))
        .catch(() => exit(1));
    };
    const timer = setTimeout(() => {
      log(`Requests still running after ${timeoutMs / 1000} s: stopping them.`);
      server.closeAllConnections();
      finish(1, null);
    }, timeoutMs);
    timer.unref();
    server.close(() => finish(0, 'Stopped.'));
    // A keep-alive connection with no request in flight would hold the server open: closed as soon
    // as its last answer is sent.
    server.closeIdleConnections();
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    idle.unref();
  };
}

/** The one line to print when another process holds the DuckDB file; null for other errors. */
export function lockedFileMessage(error: unknown, file: string): string | null {
  const message = error instanceof Error ? error.message : String(error);
  if (!/Could not set lock|Conflicting lock/i.test(message)) return null;
  const pid = /PID (\d+)/.exec(message)?.[1];
  return (
    `${file} is already open in another process${pid === undefined ? '' : ` (PID ${pid})`}: ` +
    'is Tact already running? Stop it first, or set TACT_DB to another file.'
  );
}

/**
 * Slow clients (issue 13): the headers within 10 s, the whole request within 30 s, checked every
 * second (Node checks every 30 s by default, so a slow body could hold a connection for a minute).
 * An answer may take longer: an export streams for as long as it needs.
 */
export const SLOW_CLIENT_LIMITS = { headersMs: 10_000, requestMs: 30_000, checkMs: 1_000 };

/** The HTTP server options that answer a slow client 408 and close its connection. */
export function slowClientOptions(limits: typeof SLOW_CLIENT_LIMITS = SLOW_CLIENT_LIMITS) {
  return {
    headersTimeout: limits.headersMs,
    requestTimeout: limits.requestMs,
    connectionsCheckingInterval: limits.checkMs,
  };
}
