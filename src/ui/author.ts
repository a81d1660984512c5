// Who saved a version, in the user's words. The API takes the author of every save from the
// signed-in session; versions saved before sign-in that named nobody read "Anonymous".
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * What the API records as the author of a save that names nobody (the domain's ANONYMOUS_AUTHOR,
 * which this layer may not import; src/test/author-word.test.tsx holds them equal).
 */
export const API_ANONYMOUS_AUTHOR = 'Anonymous';

/** Who saved a version as said here: their name, or "Anonymous" in the user's language. */
export function useAuthorText(): (author: string) => string {
  const { t } = useTranslation();
  return useCallback(
    (author: string) => (author === API_ANONYMOUS_AUTHOR ? t('anonymous') : author),
    [t],
  );
}
