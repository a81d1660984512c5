// The contact pressure card: the four caps (the campaign's channel or all channels, over 7 or 30
// days) and, for customers who declared a contact frequency, the fewest days between messages.
import { clsx } from 'clsx';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { DECLARED_FREQUENCIES } from '../../domain/guardrails/policy-rules.ts';
import {
  Figure,
  Section,
  TableIssues,
  describedBy,
  headClass,
  tableIssues,
  type SectionProps,
} from './PolicyParts.tsx';
import { CAP_KEYS } from './policy-draft.ts';

const CAP_PATHS = CAP_KEYS.map((key) => `caps.${key}`);
const FREQUENCY_PATHS = DECLARED_FREQUENCIES.map((key) => `declared_frequency_days.${key}`);

export function PressureSection({ draft, onChange, issueAt }: SectionProps) {
  const { t } = useTranslation('guardrails');
  const base = useId();
  const capIssues = tableIssues(CAP_PATHS, issueAt, base);
  const frequencyIssues = tableIssues(FREQUENCY_PATHS, issueAt, base);
  const days = t('policy.unit.days', { count: 2 });
  return (
    <Section title={t('policy.section.pressure')}>
      <div className="space-y-1">
        <p className="text-sm text-fg-muted">{t('policy.hint.caps')}</p>
        <table aria-label={t('policy.caps.label')} className="text-sm text-fg">
          <thead>
            <tr>
              <th scope="col" className={headClass}>
                {t('policy.caps.scope')}
              </th>
              <th scope="col" className={clsx(headClass, 'text-right')}>
                {t('policy.caps.days7')}
              </th>
              <th scope="col" className={clsx(headClass, 'text-right')}>
                {t('policy.caps.days30')}
              </th>
            </tr>
          </thead>
          <tbody>
            {(['channel', 'all'] as const).map((scope) => (
              <tr key={scope}>
                <th scope="row" className="pr-4 text-left font-normal">
                  {t(`policy.caps.${scope}`)}
                </th>
                {([7, 30] as const).map((period) => {
                  const key = `${scope}_${period}_days` as const;
                  const path = `caps.${key}`;
                  return (
                    <td key={period} className="py-0.5 pl-3 text-right">
                      <Figure
                        control={{
                          'aria-label': t(`policy.field.caps.${key}`),
                          'aria-invalid': issueAt(path) === undefined ? undefined : true,
                          'aria-describedby': describedBy(capIssues, path),
                        }}
                        value={draft.caps[key]}
                        onChange={(text) =>
                          onChange({ ...draft, caps: { ...draft.caps, [key]: text } })
                        }
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <TableIssues items={capIssues} />
      </div>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-fg">{t('policy.frequency.label')}</legend>
        <p className="text-sm text-fg-muted">{t('policy.hint.frequency')}</p>
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {DECLARED_FREQUENCIES.map((key) => {
            const path = `declared_frequency_days.${key}`;
            return (
              <label key={key} className="flex items-center gap-2 text-sm text-fg">
                <span>{t(`policy.frequency.${key}`)}</span>
                <Figure
                  control={{
                    'aria-label': t(`policy.field.declared_frequency_days.${key}`),
                    'aria-invalid': issueAt(path) === undefined ? undefined : true,
                    'aria-describedby': describedBy(frequencyIssues, path),
                  }}
                  value={draft.declared_frequency_days[key]}
                  unit={days}
                  onChange={(text) =>
                    onChange({
                      ...draft,
                      declared_frequency_days: { ...draft.declared_frequency_days, [key]: text },
                    })
                  }
                />
              </label>
            );
          })}
        </div>
        <TableIssues items={frequencyIssues} />
      </fieldset>
    </Section>
  );
}
