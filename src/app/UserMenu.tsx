// Who is signed in, in the top bar: their name and role, and signing out (decision 035). The
// browser's demo signs everyone in as its editor and says so.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ChevronDown, KeyRound, LogOut, ScrollText, Upload, UsersRound } from 'lucide-react';
import { Link } from 'react-router';
import { Badge } from '../ui/Badge.tsx';
import { Button } from '../ui/Button.tsx';
import { Popover, PopoverClose, PopoverContent, PopoverTrigger } from '../ui/Popover.tsx';

const menuLink =
  'flex h-7 items-center gap-2 rounded-md px-2 text-base text-fg hover:bg-subtle focus-visible:bg-subtle';
import { sessionMutations, sessionQueries } from './session.ts';

export function UserMenu() {
  const { t } = useTranslation();
  const session = useQuery(sessionQueries.current());
  const signOut = useMutation(sessionMutations.signOut());
  const user = session.data?.user;
  if (!user) return null;
  const role = t(`account.role.${user.role}`);
  if (session.data?.demo) {
    return (
      <span className="flex items-center gap-1.5 text-sm text-fg-muted">
        <Badge tone="info">{t('account.demo')}</Badge>
        {t('account.demoSignedIn', { name: user.name, role })}
      </span>
    );
  }
  return (
    <Popover>
      <PopoverTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={t('account.menu', { name: user.name, role })}>
          <span className="max-w-40 truncate">{user.name}</span>
          <Badge tone={user.role === 'admin' ? 'accent' : 'neutral'}>{role}</Badge>
          <ChevronDown size={14} aria-hidden="true" />
        </Button>
      </PopoverTrigger>
      <PopoverContent align="end" className="w-64" aria-label={t('account.label')}>
        <p className="text-sm font-medium text-fg">{user.name}</p>
        <p className="text-sm text-fg-muted">
          {t('account.signedInAs', { login: user.login, role })}
        </p>
        {user.role === 'viewer' && (
          <p className="mt-2 text-sm text-fg-muted">{t('account.viewerNote')}</p>
        )}
        <nav aria-label={t('account.label')} className="mt-3 flex flex-col gap-px">
          <PopoverClose asChild>
            <Link to="/settings/account" className={menuLink}>
              <KeyRound size={14} aria-hidden="true" />
              {t('account.yourAccount')}
            </Link>
          </PopoverClose>
          {user.role === 'admin' && (
            <PopoverClose asChild>
              <Link to="/settings/team" className={menuLink}>
                <UsersRound size={14} aria-hidden="true" />
                {t('account.team')}
              </Link>
            </PopoverClose>
          )}
          {user.role === 'admin' && (
            <PopoverClose asChild>
              <Link to="/settings/audit-log" className={menuLink}>
                <ScrollText size={14} aria-hidden="true" />
                {t('account.auditLog')}
              </Link>
            </PopoverClose>
          )}
          {user.role === 'admin' && (
            <PopoverClose asChild>
              <Link to="/settings/import" className={menuLink}>
                <Upload size={14} aria-hidden="true" />
                {t('account.import')}
              </Link>
            </PopoverClose>
          )}
        </nav>
        <Button
          className="mt-3 w-full"
          onClick={() => signOut.mutate()}
          disabled={signOut.isPending}
        >
          <LogOut size={14} aria-hidden="true" />
          {t('account.signOut')}
        </Button>
      </PopoverContent>
    </Popover>
  );
}
