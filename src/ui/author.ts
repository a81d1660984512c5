// Who saves: there are no accounts yet, so the name a marketer gives is kept in this browser and
// sent with every save (the history shows it). Read through zod like anything from storage.
import { useState } from 'react';
import { z } from 'zod';

const AUTHOR_KEY = 'tact.author';
const storedAuthor = z.string().trim().max(120);

function read(): string {
  try {
    const parsed = storedAuthor.safeParse(globalThis.localStorage?.getItem(AUTHOR_KEY) ?? '');
    return parsed.success ? parsed.data : '';
  } catch {
    return '';
  }
}

/** The name saves are made under ('' when not given: the server records "Anonymous"). */
export function useAuthor(): [string, (author: string) => void] {
  const [author, setAuthor] = useState(read);
  const update = (next: string) => {
    const value = next.trim().slice(0, 120);
    setAuthor(value);
    try {
      if (value === '') globalThis.localStorage?.removeItem(AUTHOR_KEY);
      else globalThis.localStorage?.setItem(AUTHOR_KEY, value);
    } catch {
      // Storage blocked: the name still applies until the page closes.
    }
  };
  return [author, update];
}
