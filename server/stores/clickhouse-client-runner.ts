// A ClickHouse server or cluster through the official client, @clickhouse/client (HTTP): the
// ClickHouse store's production path (`TACT_STORE=clickhouse` with `TACT_CLICKHOUSE_URL`). Rows come
// as JSONEachRow, 64-bit integers as numbers; parameters are bound by name (`{p1:String}`), as the
// segment compiler's ClickHouse dialect writes them. Nothing here assumes one node: on a cluster
// the URL is any node (or a load balancer) and the tables are Distributed ones (docs/scale.md).
import { ClickHouseLogLevel, createClient } from '@clickhouse/client';
import { z } from 'zod';
import type { ClickHouseRunner } from './clickhouse.ts';

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
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
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
    close: () => client.close(),
  };
}
