// A guardrail verdict in the user's words: the guardrail's name and severity from the catalogue,
// the sentence from the domain (describeVerdict, the one place a verdict's figures are worded),
// and each piece of evidence. Customer values stay text: React renders them, never as markup.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { describeVerdict } from '../../domain/guardrails/describe.ts';
import type { Evidence, GuardrailId, Severity, Verdict } from '../../domain/guardrails/verdict.ts';
import { formatDateTime, formatDay } from '../../ui/format.ts';
import { useLanguage } from '../../ui/i18n/I18nProvider.tsx';

export interface VerdictWords {
  name: (id: GuardrailId) => string;
  severity: (severity: Severity) => string;
  sentence: (verdict: Verdict) => string;
  evidence: (evidence: Evidence) => string;
}

export function useVerdictWords(): VerdictWords {
  const { t } = useTranslation('guardrails');
  const { language } = useLanguage();
  return useMemo(() => {
    const evidence = (e: Evidence): string => {
      switch (e.kind) {
        case 'entry':
          return t('verdict.evidence.entry', {
            kind: t(`kind.${e.entry_kind}`, { ns: 'customers' }),
            id: e.id,
            at: formatDateTime(e.at),
          });
        case 'customer_field': {
          const field = t(`verdict.evidence.field.${e.field}`);
          return e.value === null
            ? t('verdict.evidence.fieldMissing', { field })
            : t('verdict.evidence.fieldValue', { field, value: e.value });
        }
        case 'identity':
          return t('verdict.evidence.identity', {
            kind: t(`identityKind.${e.identity_kind}`, { ns: 'customers' }),
            value: e.value,
            at: formatDay(e.first_seen),
          });
        case 'preference':
          return t('verdict.evidence.preference', {
            topic: t(`verdict.evidence.topic.${e.topic}`),
            value: e.value,
            at: formatDay(e.stated_at),
          });
        case 'product':
          return t('verdict.evidence.product', { title: e.title, sku: e.sku });
        case 'campaign':
          return t(`verdict.evidence.campaign.${e.part}`);
      }
    };
    return {
      name: (id) => t(`verdict.name.${id}`),
      severity: (severity) => t(`verdict.severity.${severity}`),
      sentence: (verdict) => describeVerdict(verdict, language),
      evidence,
    };
  }, [t, language]);
}
