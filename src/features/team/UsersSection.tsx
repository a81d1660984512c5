// The users who sign in to Tact, by login: who they are, their role, whether they may sign in;
// adding one.
import { useQuery } from '@tanstack/react-query';
import { UserPlus } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../api/contract/auth.ts';
import { compareText } from '../../domain/compare.ts';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { Table, TBody, Th, THead } from '../../ui/Table.tsx';
import { AddUserDialog } from './AddUserDialog.tsx';
import { teamQueries } from './queries.ts';
import { UserRow } from './UserRow.tsx';

const byLogin = (users: readonly UserSummary[]): UserSummary[] =>
  [...users].sort((a, b) => compareText(a.login, b.login));

export function UsersSection() {
  const { t } = useTranslation('team');
  const users = useQuery(teamQueries.users());
  const [adding, setAdding] = useState(false);
  const rows = useMemo(() => byLogin(users.data?.users ?? []), [users.data]);
  const active = rows.filter((user) => !user.disabled).length;
  const add = (
    <Button
      variant="primary"
      icon={<UserPlus aria-hidden="true" />}
      onClick={() => setAdding(true)}
    >
      {t('users.add')}
    </Button>
  );

  return (
    <section aria-labelledby="team-users" className="space-y-2">
      <header className="flex items-center gap-2">
        <h2 id="team-users" className="text-lg font-semibold text-fg">
          {t('users.heading')}
        </h2>
        {users.data && (
          <span className="text-sm text-fg-subtle">
            {t('users.summary', { count: rows.length, active })}
          </span>
        )}
        <span className="flex-1" />
        {add}
      </header>
      <QueryState
        status={users.status}
        error={users.error}
        data={users.data}
        isEmpty={(data) => data.users.length === 0}
        empty={
          <EmptyState title={t('users.empty.title')} description={t('users.empty.description')} />
        }
        loadingLabel={t('users.loading')}
        onRetry={() => void users.refetch()}
        retrying={users.isRefetching}
      >
        {() => (
          <div className="rounded-lg border border-line bg-surface">
            <Table aria-label={t('users.heading')}>
              <THead>
                <tr>
                  <Th aria-sort="ascending">{t('users.column.login')}</Th>
                  <Th>{t('users.column.name')}</Th>
                  <Th>{t('users.column.role')}</Th>
                  <Th>{t('users.column.status')}</Th>
                  <Th numeric>{t('users.column.created')}</Th>
                  <Th numeric>{t('users.column.updated')}</Th>
                  <Th numeric>{t('users.column.actions')}</Th>
                </tr>
              </THead>
              <TBody>
                {rows.map((user) => (
                  <UserRow key={user.user_id} user={user} />
                ))}
              </TBody>
            </Table>
          </div>
        )}
      </QueryState>
      {adding && <AddUserDialog onClose={() => setAdding(false)} />}
    </section>
  );
}
