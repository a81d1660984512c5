// Who saves: there are no accounts yet, so the name a marketer gives is kept in this browser and
// sent with every save (the history shows it). Read through zod like anything from storage.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
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

/**
 * What the API records as the author of a save that names nobody (the domain's ANONYMOUS_AUTHOR,
 * which this layer may not import; src/test/author-word.test.ts holds them equal).
 */
export const API_ANONYMOUS_AUTHOR = 'Anonymous';

/** Who saved a version as said here: the name typed, or "Anonymous" in the user's language. */
export function useAuthorText(): (author: string) => string {
  const { t } = useTranslation();
  return useCallback(
    (author: string) => (author === API_ANONYMOUS_AUTHOR ? t('anonymous') : author),
    [t],
  );
}
