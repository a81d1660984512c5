import { expect, test } from 'vitest';
import { startingData } from './seed-demo.ts';

const demo = { seed: 42, customers: 5_000 };

test('imported data is served as it is, whatever the demo asked', () => {
  expect(startingData({ seed: null, customers: 155_000 }, demo)).toBe('imported');
  expect(startingData({ seed: null, customers: 5_000 }, demo)).toBe('imported');
});

test('the demo of the asked seed and size is kept; another, or none, is seeded', () => {
  expect(startingData({ seed: 42, customers: 5_000 }, demo)).toBe('demo');
  expect(startingData({ seed: 7, customers: 5_000 }, demo)).toBe('seed');
  expect(startingData({ seed: 42, customers: 1_000 }, demo)).toBe('seed');
  expect(startingData(null, demo)).toBe('seed');
});
