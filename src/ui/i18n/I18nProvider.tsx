// The language the app speaks, chosen by the user (kept in local storage) or taken from the browser
// (languages.ts). Switching fetches the other language's catalogues once, then re-renders the whole
// tree under the provider, so every message, number and date changes together.
import {
  Fragment,
  createContext,
  useCallback,
  useContext,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { I18nextProvider } from 'react-i18next';
import type { i18n } from 'i18next';
import { setFormatLanguage } from '../format.ts';
import { prepareLanguage } from './i18n.ts';
import { pickLanguage, type Language } from './languages.ts';

const STORAGE_KEY = 'tact.language';

/** The language to start in: the stored choice, else the browser's, else French. */
export function initialLanguage(): Language {
  let stored: unknown = null;
  try {
    stored = globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    // Storage refused (private mode, policy): the browser's language then.
  }
  return pickLanguage(stored, globalThis.navigator?.languages ?? []);
}

function remember(language: Language): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // Not kept across visits; this visit still switches.
  }
}

/** Writes numbers and dates, and the page's `lang`, in `language`. */
export function applyLanguage(language: Language): void {
  setFormatLanguage(language);
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

interface LanguageState {
  language: Language;
  /** Resolves once the app speaks `next`; rejects (and keeps the current one) if its catalogues fail to load. */
  setLanguage: (next: Language) => Promise<void>;
}

const LanguageContext = createContext<LanguageState | null>(null);

export function I18nProvider({ i18n, children }: { i18n: i18n; children: ReactNode }) {
  const [language, setCurrent] = useState<Language>(() => {
    const start = i18n.language === 'en' ? 'en' : 'fr';
    applyLanguage(start);
    return start;
  });
  const setLanguage = useCallback(
    async (next: Language) => {
      // Catalogues first: a failed fetch leaves everything in the current language.
      await prepareLanguage(i18n, next);
      applyLanguage(next);
      remember(next);
      await i18n.changeLanguage(next);
      setCurrent(next);
    },
    [i18n],
  );
  const state = useMemo(() => ({ language, setLanguage }), [language, setLanguage]);
  return (
    <I18nextProvider i18n={i18n}>
      <LanguageContext.Provider value={state}>
        {/* Keyed by language: numbers and dates are formatted outside React's state. */}
        <Fragment key={language}>{children}</Fragment>
      </LanguageContext.Provider>
    </I18nextProvider>
  );
}

export function useLanguage(): LanguageState {
  const state = useContext(LanguageContext);
  if (state === null) throw new Error('useLanguage needs an I18nProvider above it.');
  return state;
}
