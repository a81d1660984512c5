import { expect, test } from 'vitest';
import { CREATED_NOTE, importedNote, restoredNote, systemNote } from './version-notes.ts';

test('every note the system writes reads back as its code and version', () => {
  expect(systemNote(CREATED_NOTE)).toEqual({ kind: 'created' });
  expect(systemNote(restoredNote(3))).toEqual({ kind: 'restored', version: 3 });
  expect(systemNote(importedNote(12))).toEqual({ kind: 'imported', version: 12 });
});

test('a note a person typed is not a system note, even when it looks like one', () => {
  for (const typed of [
    '',
    'Created',
    'created for the spring sale',
    'restored from version 0',
    'restored from version 3 by Nadia',
    ' imported at version 2',
    'imported at version two',
  ]) {
    expect(systemNote(typed)).toBeNull();
  }
});
