// The header's language switch: two toggle buttons, each language by its own name (FR · EN), the
// current one pressed. Plain buttons, not a dropdown: two choices, one click, nothing more to load
// on the first page. A failed switch says so and leaves the app in the language it was in.
import { useTranslation } from 'react-i18next';
import { clsx } from 'clsx';
import { useToast } from '../Toast.tsx';
import { useLanguage } from './I18nProvider.tsx';
import { languageNames, languages, type Language } from './languages.ts';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const { language, setLanguage } = useLanguage();
  const toast = useToast();
  const change = (next: Language) => {
    if (next === language) return;
    setLanguage(next).catch(() =>
      toast({
        tone: 'danger',
        title: t('language.failed', { language: languageNames[next] }),
        description: t('language.failedDetail'),
      }),
    );
  };
  return (
    <div
      role="group"
      aria-label={t('language.label')}
      className="flex rounded-md border border-line p-px text-xs"
    >
      {languages.map((value) => (
        <button
          key={value}
          type="button"
          lang={value}
          aria-pressed={value === language}
          aria-label={languageNames[value]}
          onClick={() => change(value)}
          className={clsx(
            'h-5 rounded-sm px-1.5 font-medium uppercase focus-visible:outline-2 focus-visible:outline-accent-600',
            value === language ? 'bg-gray-150 text-fg' : 'text-fg-muted hover:text-fg',
          )}
        >
          {value}
        </button>
      ))}
    </div>
  );
}
