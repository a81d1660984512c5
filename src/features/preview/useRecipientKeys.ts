// The preview's keys: j / k move to the next / previous recipient and n to the next flagged one
// anywhere but in a text field; ↑ / ↓ move too while the focus is in the recipient list (or
// nowhere in particular).
import { useEffect, type RefObject } from 'react';
import type { Move } from './useRecipients.ts';

const letters: Record<string, Move> = { j: 'next', k: 'previous', n: 'flagged' };
const arrows: Record<string, Move> = { ArrowDown: 'next', ArrowUp: 'previous' };

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
}

export function useRecipientKeys(
  move: (kind: Move) => void,
  listRef: RefObject<HTMLElement | null>,
): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (isTextField(event.target)) return;
      const letter = letters[event.key];
      const target = event.target;
      const inList =
        target === document.body ||
        (target instanceof Node && listRef.current?.contains(target) === true);
      const arrow = inList ? arrows[event.key] : undefined;
      const kind = letter ?? arrow;
      if (kind === undefined) return;
      event.preventDefault();
      move(kind);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [move, listRef]);
}
