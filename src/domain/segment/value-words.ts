// Words for the known codes of enum and list fields in the reader's language (gold → « Or »),
// supplied by the UI's catalogue so the descriptions and the builder name a value the same way.
import type { FieldInfo } from './catalogue-view.ts';

/** A coded value's word; a code the reader's catalogue lacks comes back as the UI shows it. */
export type ValueWords = (code: string) => string;

export const NO_WORDS: ValueWords = (code) => code;

/**
 * Text fields whose values are the catalogue's codes all the same (an event's product category is
 * `video_games`, as an order line's): they read as words too.
 */
const CODED_TEXT_FIELDS: ReadonlySet<string> = new Set([
  'property.category',
  'property.format',
  'line.format',
]);

/** Whether a field's values are codes with words (enum and list fields, and the coded texts). */
export function isCoded(field: FieldInfo | undefined): boolean {
  if (field === undefined) return false;
  return field.type === 'enum' || field.type === 'set' || CODED_TEXT_FIELDS.has(field.id);
}

/** A string value as the reader knows it: a coded value gets its word; free text stays as typed. */
export function wordFor(field: FieldInfo | undefined, value: string, words: ValueWords): string {
  return isCoded(field) ? words(value) : value;
}
