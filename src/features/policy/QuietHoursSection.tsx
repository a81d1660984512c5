// The quiet hours card: per channel, whether it keeps quiet hours, from and until when messages may
// leave (typed « 8h », « 08:00 »), and whether Sundays and public holidays are quiet.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { QUIET_HOURS_CHANNELS } from '../../domain/guardrails/policy-rules.ts';
import { Input } from '../../ui/Input.tsx';
import { TBody, THead, Table, Td, Th, Tr } from '../../ui/Table.tsx';
import type { QuietChannel, QuietHoursDraft } from './policy-draft.ts';
import {
  Section,
  Switch,
  TableIssues,
  describedBy,
  tableIssues,
  type SectionProps,
} from './PolicyParts.tsx';
import { settingWords } from './policy-words.ts';

const TIME_PATHS = QUIET_HOURS_CHANNELS.flatMap((channel) =>
  (['start', 'end'] as const).map((part) => `quiet_hours.${channel}.${part}`),
);

export function QuietHoursSection({ draft, onChange, issueAt }: SectionProps) {
  const { t } = useTranslation('guardrails');
  const base = useId();
  const set = (channel: QuietChannel, next: Partial<QuietHoursDraft>) =>
    onChange({
      ...draft,
      quiet_hours: { ...draft.quiet_hours, [channel]: { ...draft.quiet_hours[channel], ...next } },
    });
  const issues = tableIssues(TIME_PATHS, issueAt, base);
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
                    aria-describedby={describedBy(issues, path)}
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
