// A verdict in words, in French or English: what the preview, the audit and exports show. The
// verdict's guardrail and params are the API's; this is the one place they are worded.
import type { DomainLanguage } from '../language.ts';
import { describeContactVerdict } from './contact-words.ts';
import { describeOfferVerdict } from './offer-words.ts';
import type { Verdict } from './verdict.ts';

export function describeVerdict(verdict: Verdict, language: DomainLanguage): string {
  return (
    describeOfferVerdict(verdict, language) ??
    describeContactVerdict(verdict, language) ??
    verdict.guardrail
  );
}
