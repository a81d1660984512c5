// chDB — ClickHouse's engine in this process (the npm package `chdb`, its native library from the
// registry): the ClickHouse store's runner in tests and for a one-machine trial. Queries run off
// the event loop (queryAsync).
import { Session } from 'chdb';
import { z } from 'zod';
import { chString, type ClickHouseRunner } from './clickhouse.ts';

const row = z.record(z.string(), z.unknown());

export interface ChdbRunner extends ClickHouseRunner {
  /** Ends the session and removes its data (a temporary one) or keeps it (a path given). */
  close(): void;
}

/** A chDB session on `path` (a folder of its own), or on a temporary folder removed at close. */
export function chdbRunner(path?: string): ChdbRunner {
  const session = path === undefined ? new Session() : new Session(path);
  return {
    async run(sql) {
      await session.queryAsync(sql, { format: 'CSV' });
    },
    async rows(sql, params) {
      const result =
        params === undefined
          ? await session.queryAsync(sql, { format: 'JSONEachRow' })
          : await session.queryBindAsync(sql, params, { format: 'JSONEachRow' });
      const text = result.text();
      return text === ''
        ? []
        : text
            .split('\n')
            .filter((line) => line !== '')
            .map((line) => row.parse(JSON.parse(line)));
    },
    async csvSource(path, structure) {
      return {
        from: `file(${chString(path)}, 'CSVWithNames', ${chString(structure)})`,
        done: async () => undefined,
      };
    },
    close() {
      if (session.isTemp) session.cleanup();
      else session.close();
    },
  };
}
