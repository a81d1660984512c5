// Loading a ClickHouse for Tact (docs/scale.md): the import layout's files (checked first by
// `npm run import -- --check`, or written by `npm run export-demo`) into the store's tables,
// replacing the rows they held, and the instant the data runs up to in `tact_meta`, which the
// store reads at start. Tables found are kept as they were made (an operator's engine, settings,
// Distributed tables over shards) and emptied; only missing ones are created, from the model.
import { chString, loadLayout, type ClickHouseRunner } from './clickhouse.ts';
import { CLICKHOUSE_TABLES, type ClickHouseTable } from './clickhouse-schema.ts';
import { quote } from './duckdb-schema.ts';

export async function loadClickHouse(
  ch: ClickHouseRunner,
  dir: string,
  asOf: string,
): Promise<Record<ClickHouseTable, number>> {
  if (Number.isNaN(Date.parse(asOf))) throw new Error(`Not an instant: ${asOf}`);
  // No as-of while the tables are replaced: a load that fails part-way leaves no data that says
  // it is whole (the server then refuses to start on it, and says to load again).
  await ch.run('DROP TABLE IF EXISTS tact_meta');
  for (const table of CLICKHOUSE_TABLES) await ch.run(`TRUNCATE TABLE IF EXISTS ${quote(table)}`);
  const loaded = await loadLayout(ch, dir);
  await ch.run(
    "CREATE TABLE IF NOT EXISTS tact_meta (as_of String, written_at DateTime64(3, 'UTC')) ENGINE = MergeTree ORDER BY written_at",
  );
  await ch.run(
    `INSERT INTO tact_meta VALUES (${chString(new Date(asOf).toISOString())}, now64(3, 'UTC'))`,
  );
  return loaded;
}
