// PGlite — PostgreSQL compiled to WebAssembly, in this process (the npm package
// @electric-sql/pglite, no download): the PostgreSQL segments' runner in tests. Its database is
// made with the C collation (text compares byte-wise) and the C.UTF-8 character type.
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { PostgresRunner } from './postgres.ts';
import { quote } from './duckdb-schema.ts';

/** A PGlite database in memory, its session on UTC. */
export async function pgliteRunner(): Promise<PostgresRunner> {
  const db = await PGlite.create();
  await db.exec("SET TimeZone = 'UTC'");
  return {
    async run(sql) {
      await db.exec(sql);
    },
    async rows(sql, params) {
      return (await db.query<Record<string, unknown>>(sql, params === undefined ? [] : [...params]))
        .rows;
    },
    async copyCsv(table, columns, path) {
      const blob = new Blob([await readFile(path)]);
      await db.query(
        `COPY ${quote(table)} (${columns.map(quote).join(', ')}) FROM '/dev/blob' WITH (FORMAT csv, HEADER true)`,
        [],
        { blob },
      );
    },
    async close() {
      await db.close();
    },
  };
}
