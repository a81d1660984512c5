// The i18next instance the app translates with: ICU messages, the catalogues of the languages
// used so far (and the wording of errors in them, error-words.ts), the keys typed from the
// English catalogues (i18next.d.ts).
import i18next, { type i18n } from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';
import { loadCatalogues, type Catalogues } from './catalogues.ts';
import type { Language } from './languages.ts';
import { setErrorWording } from '../error-words.ts';

function addCatalogues(instance: i18n, language: Language, catalogues: Catalogues): void {
  for (const [ns, catalogue] of catalogues) instance.addResourceBundle(language, ns, catalogue);
}

/** The wording of errors, ready in `language` (its own chunk, not the first page's). */
async function loadWording(language: Language): Promise<void> {
  const wording = await import('../api-error-words.ts');
  await wording.prepareWording(language);
  setErrorWording(wording);
}

/** A ready instance in `language`, its catalogues given (tests) or fetched. */
export async function createI18n(language: Language, catalogues?: Catalogues): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance
    .use(ICU)
    .use(initReactI18next)
    .init({
      lng: language,
      fallbackLng: false,
      defaultNS: 'common',
      ns: [],
      resources: {},
      // React escapes what it renders; messages are never HTML.
      interpolation: { escapeValue: false },
      returnNull: false,
      react: { useSuspense: false },
    });
  const [ready] = await Promise.all([
    catalogues ?? loadCatalogues(language),
    loadWording(language),
  ]);
  addCatalogues(instance, language, ready);
  return instance;
}

/** Makes `language` ready to switch to, fetching its catalogues the first time. */
export async function prepareLanguage(instance: i18n, language: Language): Promise<void> {
  if (!instance.hasResourceBundle(language, 'common')) {
    const [catalogues] = await Promise.all([loadCatalogues(language), loadWording(language)]);
    addCatalogues(instance, language, catalogues);
  }
}
