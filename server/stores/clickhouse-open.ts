// Which ClickHouse `TACT_STORE=clickhouse` talks to: a server or cluster at TACT_CLICKHOUSE_URL
// (with TACT_CLICKHOUSE_USER, TACT_CLICKHOUSE_PASSWORD, TACT_CLICKHOUSE_DATABASE), or else chDB,
// ClickHouse's engine in this process, on a folder (TACT_CLICKHOUSE_PATH, default
// data/clickhouse) — a one-machine trial with nothing to install.
import { clickhouseClientRunner } from './clickhouse-client-runner.ts';
import type { ClickHouseRunner } from './clickhouse.ts';

export interface OpenedClickHouse {
  runner: ClickHouseRunner & { close(): unknown };
  /** Where it is, for a line printed at start. */
  where: string;
  /** chDB on a folder of this machine (the demo may be seeded there), or a server (never). */
  embedded: boolean;
}

export async function openClickHouse(env: NodeJS.ProcessEnv): Promise<OpenedClickHouse> {
  const url = env.TACT_CLICKHOUSE_URL;
  if (url !== undefined && url !== '') {
    const runner = clickhouseClientRunner({
      url,
      ...(env.TACT_CLICKHOUSE_USER === undefined ? {} : { username: env.TACT_CLICKHOUSE_USER }),
      ...(env.TACT_CLICKHOUSE_PASSWORD === undefined
        ? {}
        : { password: env.TACT_CLICKHOUSE_PASSWORD }),
      ...(env.TACT_CLICKHOUSE_DATABASE === undefined
        ? {}
        : { database: env.TACT_CLICKHOUSE_DATABASE }),
    });
    return { runner, where: `ClickHouse at ${new URL(url).origin}`, embedded: false };
  }
  const path = env.TACT_CLICKHOUSE_PATH ?? 'data/clickhouse';
  // chDB is loaded only when used: a server setup never needs its native library.
  const { chdbRunner } = await import('./chdb-runner.ts');
  return { runner: chdbRunner(path), where: `chDB in ${path}`, embedded: true };
}
