import { expect, test } from 'vitest';
import { campaignNote, readyNote, remedyNote } from './notes.ts';

test.each([
  [
    remedyNote('raise_discount'),
    { kind: 'remedy', remedy: 'raise_discount', guardrail: null, count: null },
  ],
  [
    remedyNote('exclude_flagged', { guardrail: 'already_owned', count: 37 }),
    { kind: 'remedy', remedy: 'exclude_flagged', guardrail: 'already_owned', count: 37 },
  ],
  [readyNote('aud_12', false), { kind: 'ready', audit_id: 'aud_12', overridden: false }],
  [readyNote('aud_12', true), { kind: 'ready', audit_id: 'aud_12', overridden: true }],
])('%s reads back as its code', (note, code) => {
  expect(campaignNote(note)).toEqual(code);
});

test.each([
  'remedy',
  'remedy paint_it_red',
  'Remedy raise_discount',
  'marked ready',
  'created',
  '',
])('a note a person could type, %j, is none', (note) => {
  expect(campaignNote(note)).toBeNull();
});
