// A ClickHouse server or cluster through the official client, @clickhouse/client (HTTP): the
// ClickHouse store's production path (`TACT_STORE=clickhouse` with `TACT_CLICKHOUSE_URL`). Rows come
// as JSONEachRow, 64-bit integers as numbers; parameters are bound by name (`{p1:String}`), as the
// segment compiler's ClickHouse dialect writes them. Nothing here assumes one node: on a cluster
// the URL is any node (or a load balancer) and the tables are Distributed ones (docs/scale.md).
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { ClickHouseLogLevel, createClient } from '@clickhouse/client';
import { z } from 'zod';
import { CSV_READ_SETTINGS, type ClickHouseRunner } from './clickhouse.ts';

const rowsOf = z.array(z.record(z.string(), z.unknown()));

export interface ClickHouseServerRunner extends ClickHouseRunner {
  close(): Promise<void>;
}

export interface ClickHouseConnection {
  url: string;
  username?: string;
  password?: string;
  database?: string;
}

export function clickhouseClientRunner(connection: ClickHouseConnection): ClickHouseServerRunner {
  const client = createClient({
    url: connection.url,
    ...(connection.username === undefined ? {} : { username: connection.username }),
    ...(connection.password === undefined ? {} : { password: connection.password }),
    ...(connection.database === undefined ? {} : { database: connection.database }),
    // A load's insert or a count at scale may run for minutes: no 30 s default, and progress
    // headers keep the connection alive meanwhile.
    request_timeout: 3_600_000,
    clickhouse_settings: {
      output_format_json_quote_64bit_integers: 0,
      send_progress_in_http_headers: 1,
      http_headers_progress_interval_ms: '10000',
    },
    // A failed request reaches the caller as an error, worded there; the client stays quiet.
    log: { level: ClickHouseLogLevel.OFF },
  });
  return {
    async run(sql) {
      await client.command({ query: sql });
    },
    async rows(sql, params) {
      const result = await client.query({
        query: sql,
        format: 'JSONEachRow',
        ...(params === undefined ? {} : { query_params: params }),
      });
      return rowsOf.parse(await result.json());
    },
    // The file's bytes streamed to the server into a Log table (rows kept in the order sent),
    // which the load then reads on one thread; dropped once read.
    async csvSource(path, structure) {
      const table = `tact_staging_${randomUUID().replaceAll('-', '')}`;
      await client.command({ query: `CREATE TABLE ${table} (${structure}) ENGINE = Log` });
      try {
        await client.insert({
          table,
          values: createReadStream(path),
          format: 'CSVWithNames',
          clickhouse_settings: CSV_READ_SETTINGS,
        });
      } catch (error: unknown) {
        // The insert's error is the one to tell, whatever the clean-up meets.
        await client.command({ query: `DROP TABLE IF EXISTS ${table}` }).catch(() => undefined);
        throw error;
      }
      return {
        from: table,
        done: async () => {
          await client.command({ query: `DROP TABLE IF EXISTS ${table}` });
        },
      };
    },
    close: () => client.close(),
  };
}
