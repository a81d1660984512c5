// zod's own wording of its issues, in each language we speak (zod's locales): the API's
// validation issues carry zod's codes and figures, and are worded with these
// (src/ui/issue-words.ts). English ships with zod itself; French is fetched with the French
// catalogues, as its own chunk.
import type { z } from 'zod';
import en from 'zod/v4/locales/en.js';
import type { Language } from './languages.ts';

type LocaleError = z.core.$ZodErrorMap;

const loaders: Readonly<
  Record<Language, () => Promise<{ default: () => { localeError: LocaleError } }>>
> = {
  fr: () => import('zod/v4/locales/fr.js'),
  en: () => Promise.resolve({ default: en }),
};

const loaded = new Map<Language, LocaleError>([['en', en().localeError]]);

/** Makes zod's wording in `language` ready, fetching it the first time. */
export async function loadZodLocale(language: Language): Promise<void> {
  if (loaded.has(language)) return;
  const locale = await loaders[language]();
  loaded.set(language, locale.default().localeError);
}

/** zod's wording in `language`, once loaded. */
export function zodLocale(language: Language): LocaleError | undefined {
  return loaded.get(language);
}
