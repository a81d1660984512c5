// The app's i18n in English, its catalogues imported at once: component tests render
// synchronously, and find elements by their English names (the e2e journeys run in French). A test
// that checks French wording asks for a French instance.
import { createI18n } from '../ui/i18n/i18n.ts';
import { namespaces, type Catalogue, type Namespace } from '../ui/i18n/catalogues.ts';
import type { Language } from '../ui/i18n/languages.ts';

const files = import.meta.glob<Catalogue>('../ui/i18n/locales/*/*.json', {
  import: 'default',
  eager: true,
});

const cataloguesOf = (language: Language) =>
  new Map<Namespace, Catalogue>(
    namespaces.map((ns) => [ns, files[`../ui/i18n/locales/${language}/${ns}.json`] ?? {}]),
  );

/** A fresh instance, English unless asked otherwise, for a test that switches language. */
export function createTestI18n(language: Language = 'en') {
  return createI18n(language, cataloguesOf(language));
}

export const testI18n = await createTestI18n();
