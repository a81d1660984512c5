// Words for the known codes of enum and list fields in the reader's language (gold → « Or »),
// supplied by the UI's catalogue so the descriptions and the builder name a value the same way.
import type { FieldInfo } from './catalogue-view.ts';

/** A coded value's word; a code the reader's catalogue lacks comes back as the UI shows it. */
export type ValueWords = (code: string) => string;

export const NO_WORDS: ValueWords = (code) => code;

/** A string value as the reader knows it: a coded value gets its word; free text stays as typed. */
export function wordFor(field: FieldInfo | undefined, value: string, words: ValueWords): string {
  const coded = field?.type === 'enum' || field?.type === 'set';
  return coded ? words(value) : value;
}
