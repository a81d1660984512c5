// What errors are worded with: the `errors` catalogue in the user's language. The wording itself
// (api-error-words.ts, issue-words.ts and zod's locales) is not carried by the first page: it is
// loaded with the language's catalogues (i18n/i18n.ts), before anything renders, and found here.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { i18n, TFunction } from 'i18next';
import { languageSchema, type Language } from './i18n/languages.ts';

/** The `errors` catalogue and the language it is in (for zod's wording and lists). */
export interface ErrorWords {
  t: TFunction<'errors'>;
  language: Language;
}

/** The words of an i18next instance, in its current language. */
export function errorWords(instance: i18n): ErrorWords {
  const language = languageSchema.catch('fr').parse(instance.language);
  return { t: instance.getFixedT(language, 'errors'), language };
}

export function useErrorWords(): ErrorWords {
  const { t, i18n: instance } = useTranslation('errors');
  const language = languageSchema.catch('fr').parse(instance.language);
  return useMemo(() => ({ t, language }), [t, language]);
}

export interface WordedError {
  /** A short headline. */
  title: string;
  /** One or two sentences on what happened and what to do. */
  detail: string;
  /** Each validation issue, with where it is. */
  issues: string[];
}

/** The wording of API errors, as api-error-words.ts provides it. */
export interface ErrorWording {
  /** Whether an error is one the API client raised. */
  isApiFailure: (error: unknown) => boolean;
  wordError: (error: unknown, words: ErrorWords) => WordedError;
}

let wording: ErrorWording | undefined;

/** Called once the wording is loaded (i18n/i18n.ts). */
export function setErrorWording(loaded: ErrorWording): void {
  wording = loaded;
}

/**
 * An API error in the user's language; null for any other error. Before the wording is loaded
 * (never, once the app has started) an API error reads generically.
 */
export function wordApiError(error: unknown, words: ErrorWords): WordedError | null {
  if (wording === undefined) {
    const looksLikeOne = typeof error === 'object' && error !== null && 'kind' in error;
    return looksLikeOne
      ? { title: words.t('title.generic'), detail: words.t('detail.generic'), issues: [] }
      : null;
  }
  return wording.isApiFailure(error) ? wording.wordError(error, words) : null;
}
