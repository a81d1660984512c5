// How much memory DuckDB may use when TACT_DUCKDB_MEMORY does not say: a quarter of the machine's,
// at least 2 GB. A fixed 2 GB spilled a million customers' per-load tables and reads to disk
// under traffic (a gigabyte of temporary files), and every read slowed at once for half a second
// now and then (decision 046).
import { totalmem } from 'node:os';

const GIB = 2 ** 30;

/** DuckDB's `memory_limit`: `configured` when given, else a quarter of `total` bytes (≥ 2 GB). */
export function duckDbMemoryLimit(
  configured: string | undefined = process.env.TACT_DUCKDB_MEMORY,
  total: number = totalmem(),
): string {
  if (configured !== undefined && configured.trim() !== '') return configured;
  return `${String(Math.max(2, Math.floor(total / 4 / GIB)))}GB`;
}
