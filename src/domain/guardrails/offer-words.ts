// The offer guardrails' verdicts in French and English, with their figures: the French and the
// English phrasebooks (offer-words-fr.ts, offer-words-en.ts) word each verdict; this picks one.
import type { DomainLanguage } from '../language.ts';
import { describeOfferVerdictEn } from './offer-words-en.ts';
import { describeOfferVerdictFr } from './offer-words-fr.ts';
import type { Verdict } from './verdict.ts';

/** The verdict in words, or null when it is not one of the offer guardrails'. */
export function describeOfferVerdict(verdict: Verdict, language: DomainLanguage): string | null {
  return language === 'fr' ? describeOfferVerdictFr(verdict) : describeOfferVerdictEn(verdict);
}
