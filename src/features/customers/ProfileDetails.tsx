// What we may do and how we know them: consent per channel, identities and what they told us.
import type { ReactNode } from 'react';
import type { ProfileResponse } from '../../api/contract.ts';
import { Badge } from '../../ui/Badge.tsx';
import { formatDay, humanize } from '../../ui/format.ts';

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
  return (
    <Section title="Consent">
      <ul className="space-y-1">
        {consents.map((c) => (
          <li key={c.channel} className="flex items-center gap-2 text-sm">
            <span className="w-12 text-fg">{humanize(c.channel)}</span>
            <Badge
              tone={
                c.status === 'granted' ? 'success' : c.status === 'withdrawn' ? 'danger' : 'neutral'
              }
            >
              {c.status === 'unknown' ? 'never asked' : c.status}
            </Badge>
            {c.at !== null && (
              <span className="text-fg-muted">
                {formatDay(c.at)}
                {c.source !== null && ` · via ${humanize(c.source).toLowerCase()}`}
              </span>
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}

export function IdentityList({ identities }: { identities: ProfileResponse['identities'] }) {
  return (
    <Section title={`Identities (${identities.length})`}>
      {identities.length === 0 ? (
        <p className="text-sm text-fg-subtle">No known identity.</p>
      ) : (
        <ul className="space-y-1.5">
          {identities.map((i) => (
            <li key={`${i.kind}:${i.value}`} className="text-sm">
              <div className="flex gap-2">
                <span className="w-24 shrink-0 text-fg-muted">{humanize(i.kind)}</span>
                <span className="min-w-0 truncate font-mono text-xs leading-4" title={i.value}>
                  {i.value}
                </span>
              </div>
              <div className="pl-26 text-xs text-fg-subtle tabular-nums">
                via {humanize(i.source).toLowerCase()} · seen {formatDay(i.first_seen)} →{' '}
                {formatDay(i.last_seen)}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function PreferenceList({ preferences }: { preferences: ProfileResponse['preferences'] }) {
  return (
    <Section title="Told us">
      {preferences.length === 0 ? (
        <p className="text-sm text-fg-subtle">No declared interest or preference.</p>
      ) : (
        <ul className="space-y-0.5 text-sm">
          {preferences.map((p) => (
            <li key={`${p.topic}:${p.value}:${p.stated_at}`} className="flex gap-2">
              <span className="w-32 shrink-0 text-fg-muted">{humanize(p.topic)}</span>
              <span className="min-w-0 flex-1 truncate">{humanize(p.value)}</span>
              <span className="shrink-0 text-xs text-fg-muted">
                {formatDay(p.stated_at)} · {humanize(p.source).toLowerCase()}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
