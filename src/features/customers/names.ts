// Customer names are untrusted and often messy: show what is there, as text, and say when nothing is.
export function displayName(first: string | null, last: string | null): string {
  const name = `${first?.trim() ?? ''} ${last?.trim() ?? ''}`.trim();
  return name === '' ? 'Unnamed customer' : name;
}
