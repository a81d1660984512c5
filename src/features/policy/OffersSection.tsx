// The offers card: the two thresholds a discount must reach (a share of the list price and an
// amount) and how recently an answered offer keeps it from being pushed again.
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field.tsx';
import { Figure, Section, type SectionProps } from './PolicyParts.tsx';

export function OffersSection({ draft, onChange, issueAt }: SectionProps) {
  const { t } = useTranslation('guardrails');
  return (
    <Section title={t('policy.section.offers')}>
      <div className="flex flex-wrap gap-x-6 gap-y-3">
        <Field
          label={t('policy.field.min_discount_percent')}
          error={issueAt('min_discount_percent')}
        >
          {(control) => (
            <Figure
              control={control}
              value={draft.min_discount_percent}
              unit={t('policy.unit.percent')}
              onChange={(min_discount_percent) => onChange({ ...draft, min_discount_percent })}
            />
          )}
        </Field>
        <Field label={t('policy.field.min_discount_cents')} error={issueAt('min_discount_cents')}>
          {(control) => (
            <Figure
              control={control}
              value={draft.min_discount_euros}
              unit={t('policy.unit.euro')}
              onChange={(min_discount_euros) => onChange({ ...draft, min_discount_euros })}
            />
          )}
        </Field>
      </div>
      <p className="text-sm text-fg-muted">{t('policy.hint.discount')}</p>
      <Field
        label={t('policy.field.answered_window_days')}
        error={issueAt('answered_window_days')}
        hint={t('policy.hint.answered_window_days')}
      >
        {(control) => (
          <Figure
            control={control}
            value={draft.answered_window_days}
            unit={t('policy.unit.days', { count: 2 })}
            onChange={(answered_window_days) => onChange({ ...draft, answered_window_days })}
          />
        )}
      </Field>
    </Section>
  );
}
