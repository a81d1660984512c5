// The languages the domain words its text in (segment descriptions, later score explanations).
// The UI keeps its own list (src/ui/i18n/languages.ts), which the domain may not import.
export type DomainLanguage = 'fr' | 'en';
