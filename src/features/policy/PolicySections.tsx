// The policy's settings, card by card: offers (discount thresholds, answered offers), contact
// pressure (caps by scope and period, declared frequencies) and quiet hours per channel. Figures
// are typed as text in the user's format; each field shows its own problem.
import { clsx } from 'clsx';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, CardBody, CardHeader, CardTitle } from '../../ui/Card.tsx';
import { Field, type FieldControlProps } from '../../ui/Field.tsx';
import { Input } from '../../ui/Input.tsx';
import { TBody, THead, Table, Td, Th, Tr } from '../../ui/Table.tsx';
import {
  QUIET_HOURS_CHANNELS,
  DECLARED_FREQUENCIES,
} from '../../domain/guardrails/policy-rules.ts';
import type { PolicyDraft, QuietChannel, QuietHoursDraft } from './policy-draft.ts';
import { settingWords } from './policy-words.ts';

export interface SectionProps {
  draft: PolicyDraft;
  onChange: (next: PolicyDraft) => void;
  /** The worded problem of the field at a policy path, if any. */
  issueAt: (path: string) => string | undefined;
}

/** A figure as typed, with its unit after it (none in a table whose header says it). */
function Figure({
  value,
  onChange,
  unit,
  control,
}: {
  value: string;
  onChange: (text: string) => void;
  unit?: string;
  control:
    | FieldControlProps
    | {
        'aria-label': string;
        'aria-invalid': true | undefined;
        'aria-describedby': string | undefined;
      };
}) {
  return (
    <span className="inline-flex items-center gap-1.5">
      <span className="w-20">
        <Input
          {...control}
          inputMode="decimal"
          autoComplete="off"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          className="text-right tabular-nums"
        />
      </span>
      {unit !== undefined && <span className="text-sm text-fg-muted">{unit}</span>}
    </span>
  );
}

const headClass = 'h-7 pr-4 text-left text-xs font-medium whitespace-nowrap text-fg-muted';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card aria-label={title}>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardBody className="space-y-3">{children}</CardBody>
    </Card>
  );
}

/** The problems of the fields in a table, listed under it, each naming its field. */
function TableIssues({ items }: { items: { id: string; path: string; text: string }[] }) {
  const { t } = useTranslation('guardrails');
  if (items.length === 0) return null;
  return (
    <ul className="space-y-0.5">
      {items.map(({ id, path, text }) => (
        <li key={id} id={id} className="text-sm text-danger-700">
          {t('policy.issueAt', { field: settingWords(t, path), issue: text })}
        </li>
      ))}
    </ul>
  );
}

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

export function PressureSection({ draft, onChange, issueAt }: SectionProps) {
  const { t } = useTranslation('guardrails');
  const base = useId();
  const capIssues = (['channel', 'all'] as const).flatMap((scope) =>
    ([7, 30] as const).flatMap((days) => {
      const path = `caps.${scope}_${days}_days`;
      const text = issueAt(path);
      return text === undefined ? [] : [{ id: `${base}-${scope}-${days}`, path, text }];
    }),
  );
  const frequencyIssues = DECLARED_FREQUENCIES.flatMap((key) => {
    const path = `declared_frequency_days.${key}`;
    const text = issueAt(path);
    return text === undefined ? [] : [{ id: `${base}-${key}`, path, text }];
  });
  const describedBy = (items: { id: string; path: string }[], path: string) =>
    items.find((i) => i.path === path)?.id;
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

function Switch({
  label,
  checked,
  disabled,
  onChange,
}: {
  label: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <input
      type="checkbox"
      aria-label={label}
      checked={checked}
      disabled={disabled}
      onChange={(e) => onChange(e.target.checked)}
      className="size-3.5 accent-accent-600 disabled:opacity-40"
    />
  );
}

export function QuietHoursSection({ draft, onChange, issueAt }: SectionProps) {
  const { t } = useTranslation('guardrails');
  const base = useId();
  const set = (channel: QuietChannel, next: Partial<QuietHoursDraft>) =>
    onChange({
      ...draft,
      quiet_hours: { ...draft.quiet_hours, [channel]: { ...draft.quiet_hours[channel], ...next } },
    });
  const issues = QUIET_HOURS_CHANNELS.flatMap((channel) =>
    (['start', 'end'] as const).flatMap((part) => {
      const path = `quiet_hours.${channel}.${part}`;
      const text = issueAt(path);
      return text === undefined ? [] : [{ id: `${base}-${channel}-${part}`, path, text }];
    }),
  );
  return (
    <Section title={t('policy.section.quiet')}>
      <p className="text-sm text-fg-muted">{t('policy.hint.quiet')}</p>
      <Table aria-label={t('policy.section.quiet')}>
        <THead>
          <Tr>
            <Th>{t('policy.quiet.channel')}</Th>
            <Th>{t('policy.quiet.enabled')}</Th>
            <Th>{t('policy.quiet.start')}</Th>
            <Th>{t('policy.quiet.end')}</Th>
            <Th>{t('policy.quiet.sundays')}</Th>
            <Th>{t('policy.quiet.public_holidays')}</Th>
          </Tr>
        </THead>
        <TBody>
          {QUIET_HOURS_CHANNELS.map((channel) => {
            const hours = draft.quiet_hours[channel];
            const name = t(`policy.channel.${channel}`);
            const labelOf = (part: 'enabled' | 'start' | 'end' | 'sundays' | 'public_holidays') =>
              settingWords(t, `quiet_hours.${channel}.${part}`);
            const time = (part: 'start' | 'end') => {
              const path = `quiet_hours.${channel}.${part}`;
              return (
                <span className="block w-16">
                  <Input
                    size="sm"
                    inputMode="numeric"
                    autoComplete="off"
                    placeholder={t('policy.quiet.placeholder')}
                    maxLength={5}
                    aria-label={labelOf(part)}
                    aria-invalid={issueAt(path) === undefined ? undefined : true}
                    aria-describedby={issues.find((i) => i.path === path)?.id}
                    disabled={!hours.enabled}
                    value={hours[part]}
                    onChange={(e) => set(channel, { [part]: e.target.value })}
                    className="text-center tabular-nums"
                  />
                </span>
              );
            };
            return (
              <Tr key={channel}>
                <Th scope="row" className="font-normal text-fg">
                  {name}
                </Th>
                <Td className="py-1">
                  <span className="inline-flex items-center gap-2">
                    <Switch
                      label={labelOf('enabled')}
                      checked={hours.enabled}
                      onChange={(enabled) => set(channel, { enabled })}
                    />
                    {!hours.enabled && (
                      <span className="text-sm text-fg-subtle">{t('policy.quiet.off')}</span>
                    )}
                  </span>
                </Td>
                <Td className="py-1">{time('start')}</Td>
                <Td className="py-1">{time('end')}</Td>
                <Td className="py-1">
                  <Switch
                    label={labelOf('sundays')}
                    checked={hours.sundays}
                    disabled={!hours.enabled}
                    onChange={(sundays) => set(channel, { sundays })}
                  />
                </Td>
                <Td className="py-1">
                  <Switch
                    label={labelOf('public_holidays')}
                    checked={hours.public_holidays}
                    disabled={!hours.enabled}
                    onChange={(public_holidays) => set(channel, { public_holidays })}
                  />
                </Td>
              </Tr>
            );
          })}
        </TBody>
      </Table>
      <TableIssues items={issues} />
    </Section>
  );
}
