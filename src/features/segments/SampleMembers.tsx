// The first members of the audience, each a link to their Customer 360 profile.
import { Link } from 'react-router';
import type { MemberSummary } from '../../api/contract.ts';
import { memberName } from './audience-format.ts';

export function SampleMembers({
  members,
  count,
}: {
  members: readonly MemberSummary[];
  count: number;
}) {
  return (
    <section aria-labelledby="sample-heading" className="px-4 py-3">
      <h3 id="sample-heading" className="text-sm font-medium text-fg">
        Sample members
        <span className="ml-1.5 font-normal text-fg-subtle">
          {members.length < count ? `first ${members.length}` : ''}
        </span>
      </h3>
      {members.length === 0 ? (
        <p className="mt-2 text-sm text-fg-muted">Nobody matches yet.</p>
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
                {memberName(m.first_name, m.last_name, m.customer_id)}
              </Link>
              <span className="shrink-0 truncate text-fg-subtle">{m.city ?? ''}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
