import { expect, test } from 'vitest';
import { ANONYMOUS_AUTHOR } from '../domain/version-notes.ts';
import { API_ANONYMOUS_AUTHOR } from '../ui/author.ts';

test('the interface words the author the API records for a save that names nobody', () => {
  expect(API_ANONYMOUS_AUTHOR).toBe(ANONYMOUS_AUTHOR);
});
