import { expect, test } from 'vitest';
import { duckDbMemoryLimit } from './duckdb-memory.ts';

const GIB = 2 ** 30;

test('TACT_DUCKDB_MEMORY when set, else a quarter of the machine, at least 2 GB', () => {
  expect(duckDbMemoryLimit('3GB', 24 * GIB)).toBe('3GB');
  expect(duckDbMemoryLimit(undefined, 24 * GIB)).toBe('6GB');
  expect(duckDbMemoryLimit('', 23.9 * GIB)).toBe('5GB');
  expect(duckDbMemoryLimit('  ', 4 * GIB)).toBe('2GB');
  expect(duckDbMemoryLimit(undefined, 12 * GIB)).toBe('3GB');
  expect(duckDbMemoryLimit(undefined, 11.99 * GIB)).toBe('2GB');
});
