// The app's i18n in English, its catalogues imported at once: component tests render
// synchronously, and find elements by their English names (the e2e journeys run in French).
import { createI18n } from '../ui/i18n/i18n.ts';
import { namespaces, type Catalogue, type Namespace } from '../ui/i18n/catalogues.ts';

const files = import.meta.glob<Catalogue>('../ui/i18n/locales/en/*.json', {
  import: 'default',
  eager: true,
});

const catalogues = new Map<Namespace, Catalogue>(
  namespaces.map((ns) => [ns, files[`../ui/i18n/locales/en/${ns}.json`] ?? {}]),
);

/** A fresh English instance, for a test that switches language. */
export function createTestI18n() {
  return createI18n('en', catalogues);
}

export const testI18n = await createTestI18n();
