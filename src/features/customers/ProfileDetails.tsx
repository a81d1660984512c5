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
        <table className="w-full table-fixed text-sm">
          <thead className="sr-only">
            <tr>
              <th>Kind</th>
              <th>Value</th>
              <th>Source and dates</th>
            </tr>
          </thead>
          <tbody>
            {identities.map((i) => (
              <tr key={`${i.kind}:${i.value}`} className="align-top">
                <td className="w-24 py-0.5 pr-2 text-fg-muted">{humanize(i.kind)}</td>
                <td className="truncate py-0.5 pr-2 font-mono text-xs leading-5" title={i.value}>
                  {i.value}
                </td>
                <td className="w-44 py-0.5 text-right text-xs leading-5 text-fg-muted tabular-nums">
                  {humanize(i.source)} · {formatDay(i.first_seen)} → {formatDay(i.last_seen)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
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
