// The languages Tact speaks, which one a user sees, and the locale its numbers and dates take.
// Pure: the provider (I18nProvider.tsx) reads the stored choice and the browser's languages.
import { z } from 'zod';

export const languages = ['fr', 'en'] as const;
export const languageSchema = z.enum(languages);
export type Language = z.infer<typeof languageSchema>;

/** Our users are French retail marketers: French when nothing says otherwise. */
export const DEFAULT_LANGUAGE: Language = 'fr';

/** The name of each language in itself, as the switch lists it. */
export const languageNames: Readonly<Record<Language, string>> = { fr: 'Français', en: 'English' };

/** The Intl locale of a language: French as written in France, English as in the UK. */
export function localeOf(language: Language): 'fr-FR' | 'en-GB' {
  return language === 'fr' ? 'fr-FR' : 'en-GB';
}

/**
 * The user's stored choice if it is one of ours, else the first of the browser's languages we
 * speak ("fr-CA" counts as French), else French.
 */
export function pickLanguage(stored: unknown, browser: readonly string[]): Language {
  const chosen = languageSchema.safeParse(stored);
  if (chosen.success) return chosen.data;
  for (const tag of browser) {
    const spoken = languageSchema.safeParse(tag.toLowerCase().split('-')[0]);
    if (spoken.success) return spoken.data;
  }
  return DEFAULT_LANGUAGE;
}
