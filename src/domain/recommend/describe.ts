// A recommendation's reason in words, in French or English (describe-fr.ts, describe-en.ts): what
// the preview shows beside each recommended product. The reason's code and params are the API's;
// this is the one place they are worded.
import type { DomainLanguage } from '../language.ts';
import { describeReasonEn } from './describe-en.ts';
import { describeReasonFr } from './describe-fr.ts';
import type { RecommendationReason } from './reason.ts';
import type { ReasonWording } from './wording.ts';

export type { ReasonWording } from './wording.ts';

export function describeReason(
  reason: RecommendationReason,
  language: DomainLanguage,
  wording: ReasonWording = {},
): string {
  return language === 'fr' ? describeReasonFr(reason, wording) : describeReasonEn(reason, wording);
}
