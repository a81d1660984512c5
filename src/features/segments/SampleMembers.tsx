// The first members of the audience, each a link to their Customer 360 profile.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { MemberSummary } from '../../api/contract.ts';
import { formatCount } from '../../ui/format.ts';
import { memberName } from './audience-format.ts';

export function SampleMembers({
  members,
  count,
}: {
  members: readonly MemberSummary[];
  count: number;
}) {
  const { t } = useTranslation('segments');
  return (
    <section aria-labelledby="sample-heading" className="px-4 py-3">
      <h3 id="sample-heading" className="text-sm font-medium text-fg">
        {t('sample.heading')}
        <span className="ml-1.5 font-normal text-fg-subtle">
          {members.length < count
            ? t('sample.first', { count: members.length, n: formatCount(members.length) })
            : ''}
        </span>
      </h3>
      {members.length === 0 ? (
        <p className="mt-2 text-sm text-fg-muted">{t('sample.nobody')}</p>
      ) : (
        <ul className="mt-1.5 divide-y divide-line">
          {members.map((m) => (
            <li
              key={m.customer_id}
              className="flex items-center justify-between gap-2 py-1 text-sm"
            >
              <Link
                to={`/customers/${encodeURIComponent(m.customer_id)}`}
                className="min-w-0 truncate font-medium text-accent-700 hover:underline"
              >
                {memberName(m.first_name, m.last_name) ??
                  t('sample.unnamed', { id: m.customer_id })}
              </Link>
              <span className="shrink-0 truncate text-fg-subtle">{m.city ?? ''}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
