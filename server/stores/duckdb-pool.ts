// Read connections for the DuckDB store. A DuckDB connection runs one statement at a time, so each
// request borrows one for its statements (and its prepared statements stay with it).
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { RequestAbandoned, requestSignal } from '../request-scope.ts';

/** Hands out connections one request at a time; opens them lazily up to `max`. */
export class ConnectionPool {
  private idle: DuckDBConnection[] = [];
  private open: DuckDBConnection[] = [];
  private waiting: ((connection: DuckDBConnection) => void)[] = [];
  private opening = 0;

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly max: number,
  ) {}

  /**
   * Runs `work` on a connection. Inside a request whose client goes away (request-scope.ts), the
   * wait for a connection ends and a statement running on it is interrupted: RequestAbandoned.
   */
  async use<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const signal = requestSignal();
    if (signal?.aborted) throw new RequestAbandoned();
    const connection = await this.acquire(signal);
    const interrupt = () => connection.interrupt();
    signal?.addEventListener('abort', interrupt);
    try {
      return await work(connection);
    } catch (error: unknown) {
      throw signal?.aborted ? new RequestAbandoned() : error;
    } finally {
      signal?.removeEventListener('abort', interrupt);
      this.release(connection);
    }
  }

  private async acquire(signal: AbortSignal | undefined): Promise<DuckDBConnection> {
    const idle = this.idle.pop();
    if (idle) return idle;
    if (this.open.length + this.opening < this.max) {
      this.opening += 1;
      try {
        const connection = await this.instance.connect();
        this.open.push(connection);
        return connection;
      } finally {
        this.opening -= 1;
      }
    }
    return new Promise((resolve, reject) => {
      const take = (connection: DuckDBConnection) => {
        signal?.removeEventListener('abort', leave);
        resolve(connection);
      };
      // Gone while waiting: out of the queue, so that no connection is handed to nobody.
      const leave = () => {
        this.waiting = this.waiting.filter((w) => w !== take);
        reject(new RequestAbandoned());
      };
      signal?.addEventListener('abort', leave, { once: true });
      this.waiting.push(take);
    });
  }

  private release(connection: DuckDBConnection): void {
    if (!this.open.includes(connection)) return; // closed by reset() meanwhile
    const next = this.waiting.shift();
    if (next) next(connection);
    else this.idle.push(connection);
  }

  /** Closes every idle connection; busy ones are closed when released. */
  reset(): void {
    for (const connection of this.idle) connection.closeSync();
    this.open = this.open.filter((c) => !this.idle.includes(c));
    this.idle = [];
  }

  close(): void {
    for (const connection of this.open) connection.closeSync();
    this.open = [];
    this.idle = [];
  }
}
