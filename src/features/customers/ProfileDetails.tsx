// What we may do and how we know them: consent per channel, identities and what they told us.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileResponse } from '../../api/contract.ts';
import { Badge } from '../../ui/Badge.tsx';
import { formatCount, formatDay } from '../../ui/format.ts';
import { channelLabel, identityKindLabel, preferenceValueLabel } from './labels.ts';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="border-b border-line px-4 py-3">
      <h3 className="mb-1.5 text-xs font-semibold tracking-wide text-fg-muted uppercase">
        {title}
      </h3>
      {children}
    </section>
  );
}

export function ConsentList({ consents }: { consents: ProfileResponse['consents'] }) {
  const { t } = useTranslation('customers');
  return (
    <Section title={t('details.consent')}>
      <ul className="space-y-1">
        {consents.map((c) => (
          <li key={c.channel} className="flex items-center gap-2 text-sm">
            <span className="w-12 text-fg">{channelLabel(t, c.channel)}</span>
            <Badge
              tone={
                c.status === 'granted' ? 'success' : c.status === 'withdrawn' ? 'danger' : 'neutral'
              }
            >
              {t(`details.consentStatus.${c.status}`)}
            </Badge>
            {c.at !== null && (
              <span className="text-fg-muted">
                {formatDay(c.at)}
                {c.source !== null &&
                  t('details.via', { source: channelLabel(t, c.source).toLowerCase() })}
              </span>
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}

export function IdentityList({
  identities,
  shared = [],
}: {
  identities: ProfileResponse['identities'];
  /** Devices other profiles hold too (never merged through): marked on their identity. */
  shared?: ProfileResponse['shared_devices'];
}) {
  const { t } = useTranslation('customers');
  const sharedWith = (kind: string, value: string) =>
    shared.find((d) => d.kind === kind && d.value === value)?.profiles ?? 0;
  return (
    <Section title={t('details.identities', { count: formatCount(identities.length) })}>
      {identities.length === 0 ? (
        <p className="text-sm text-fg-subtle">{t('details.noIdentity')}</p>
      ) : (
        <ul className="space-y-1.5">
          {identities.map((i) => (
            <li key={`${i.kind}:${i.value}:${i.source}`} className="text-sm">
              <div className="flex gap-2">
                <span className="w-24 shrink-0 text-fg-muted">{identityKindLabel(t, i.kind)}</span>
                <span className="min-w-0 truncate font-mono text-xs leading-4" title={i.value}>
                  {i.value}
                </span>
              </div>
              <div className="pl-26 text-xs text-fg-subtle tabular-nums">
                {t('details.identitySeen', {
                  source: channelLabel(t, i.source).toLowerCase(),
                  first: formatDay(i.first_seen),
                  last: formatDay(i.last_seen),
                })}
              </div>
              {sharedWith(i.kind, i.value) > 0 && (
                <div className="pl-26 text-xs text-warn-700">
                  {t('details.identityShared', { count: sharedWith(i.kind, i.value) })}
                </div>
              )}
              {i.record_id !== null && (
                <div className="pl-26 text-xs text-fg-subtle">
                  {t('details.identityLinked', {
                    record: i.record_id,
                    rule: i.linked_by ?? 'first',
                  })}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function PreferenceList({ preferences }: { preferences: ProfileResponse['preferences'] }) {
  const { t } = useTranslation('customers');
  return (
    <Section title={t('details.toldUs')}>
      {preferences.length === 0 ? (
        <p className="text-sm text-fg-subtle">{t('details.noPreference')}</p>
      ) : (
        <ul className="space-y-0.5 text-sm">
          {preferences.map((p) => (
            <li key={`${p.topic}:${p.value}:${p.stated_at}`} className="flex gap-2">
              <span className="w-32 shrink-0 text-fg-muted">{t(`details.topic.${p.topic}`)}</span>
              <span className="min-w-0 flex-1 truncate">
                {preferenceValueLabel(t, p.topic, p.value)}
              </span>
              <span className="shrink-0 text-xs text-fg-muted">
                {formatDay(p.stated_at)} · {channelLabel(t, p.source).toLowerCase()}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
