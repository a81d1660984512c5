// A recipient's name as the list and the message's frame show it: first and last names, as text.
import type { RecipientSummary } from '../../api/contract.ts';

/** « Olivier Marchand », or null when both names are missing or blank. */
export function recipientName(
  r: Pick<RecipientSummary, 'first_name' | 'last_name'>,
): string | null {
  const name = [r.first_name, r.last_name]
    .filter((p): p is string => p !== null && p.trim() !== '')
    .join(' ');
  return name === '' ? null : name;
}
