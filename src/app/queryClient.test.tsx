import { expect, test } from 'vitest';
import { retryDelay, shouldRetry } from './queryClient.ts';

test('retries a server failure or a dropped connection at most twice', () => {
  const serverFailed = { status: 503, retryable: true };
  expect([0, 1, 2].map((n) => shouldRetry(n, serverFailed))).toEqual([true, true, false]);
  expect(shouldRetry(0, new TypeError('Failed to fetch'))).toBe(true);
});

test('never retries what the error calls final, nor a 4xx', () => {
  expect(shouldRetry(0, { status: 200, retryable: false })).toBe(false);
  expect(shouldRetry(0, { status: 404 })).toBe(false);
  expect(shouldRetry(0, { status: 422, retryable: true })).toBe(false);
});

test('backs off between attempts, capped', () => {
  expect([0, 1, 2, 10].map(retryDelay)).toEqual([500, 1000, 2000, 5000]);
});
