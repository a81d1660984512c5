// Figures as the offer guardrails' words write them, in either language: euros from cents, shares
// with up to two decimals, instants as their day in Paris time, calendar days as they are.
import type { DomainLanguage } from '../language.ts';
import { formatDate, formatMoney } from '../template/format.ts';

const percentOptions: Intl.NumberFormatOptions = { style: 'percent', maximumFractionDigits: 2 };
const percentFormats: Readonly<Record<DomainLanguage, Intl.NumberFormat>> = {
  fr: new Intl.NumberFormat('fr-FR', percentOptions),
  en: new Intl.NumberFormat('en-GB', percentOptions),
};

/** 10032 → « 100,32 € » (en « €100.32 »). */
export function money(cents: number | null, lang: DomainLanguage): string {
  return formatMoney(cents, lang) ?? '?';
}

/** 0.33 → « 0,33 % » (en « 0.33% »). */
export function percent(share: number, lang: DomainLanguage): string {
  return percentFormats[lang].format(share / 100);
}

/**
 * An instant's day in Paris, or a calendar day: « 26 octobre 2026 », « 1er décembre 2026 ». What
 * is not a date is shown as it is; a missing one as « ? ».
 */
export function day(value: string | null, lang: DomainLanguage): string {
  return value === null ? '?' : (formatDate(value, 'long', lang, 0) ?? value);
}
