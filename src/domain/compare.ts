/**
 * Text in UTF-16 code-unit order, as JavaScript's `<` compares it: the one ordering every store
 * and list in Tact uses for ids and values, so sorting never depends on a locale.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
