// One user in the table, with what an admin changes about them: the role (at once), a new
// password (in a dialog), disabling (after a confirmation) or enabling. Each change is a PATCH;
// a refusal (the last active admin, above all) is worded in a toast or in the dialog.
import { useMutation } from '@tanstack/react-query';
import { KeyRound, UserCheck, UserX } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role, UserSummary } from '../../api/contract/auth.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { describeError } from '../../ui/QueryState.tsx';
import { Select } from '../../ui/Select.tsx';
import { Td, Tr } from '../../ui/Table.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useErrorWords } from '../../ui/error-words.ts';
import { formatDateTime } from '../../ui/format.ts';
import { DisableUserDialog } from './DisableUserDialog.tsx';
import { teamMutations } from './mutations.ts';
import { useRoleOptions } from './roles.ts';
import { SetPasswordDialog } from './SetPasswordDialog.tsx';

export function UserRow({ user }: { user: UserSummary }) {
  const { t } = useTranslation('team');
  const words = useErrorWords();
  const toast = useToast();
  const roleOptions = useRoleOptions();
  const update = useMutation(teamMutations.updateUser());
  const [dialog, setDialog] = useState<'password' | 'disable' | null>(null);
  const refused = (title: string) => (error: unknown) => {
    const { detail } = describeError(error, words);
    toast({ tone: 'danger', title, description: detail });
  };
  const changeRole = (role: Role) => {
    if (role === user.role) return;
    update.mutate(
      { id: user.user_id, change: { role } },
      {
        onSuccess: (changed) =>
          toast({
            tone: 'success',
            title: t('users.roleChanged', { login: changed.login, role: changed.role }),
            description: t('users.sessionsEnded'),
          }),
        onError: refused(t('users.roleFailed', { login: user.login })),
      },
    );
  };
  const enable = () =>
    update.mutate(
      { id: user.user_id, change: { disabled: false } },
      {
        onSuccess: (changed) =>
          toast({ tone: 'success', title: t('users.enabled', { login: changed.login }) }),
        onError: refused(t('users.enableFailed', { login: user.login })),
      },
    );

  return (
    <Tr className={user.disabled ? 'text-fg-subtle' : undefined}>
      <Td className="font-mono">{user.login}</Td>
      <Td>{user.name}</Td>
      <Td>
        <Select<Role>
          size="sm"
          className="w-36"
          aria-label={t('users.roleOf', { login: user.login })}
          value={user.role}
          onValueChange={changeRole}
          options={roleOptions}
          disabled={update.isPending}
        />
      </Td>
      <Td>
        <Badge tone={user.disabled ? 'neutral' : 'success'}>
          {t(user.disabled ? 'users.status.disabled' : 'users.status.active')}
        </Badge>
      </Td>
      <Td numeric>{formatDateTime(user.created_at)}</Td>
      <Td numeric>{formatDateTime(user.updated_at)}</Td>
      <Td>
        <div className="flex justify-end gap-1">
          <Button
            size="sm"
            variant="ghost"
            icon={<KeyRound aria-hidden="true" />}
            aria-label={t('users.setPasswordLabel', { login: user.login })}
            onClick={() => setDialog('password')}
          >
            {t('users.setPassword')}
          </Button>
          {user.disabled ? (
            <Button
              size="sm"
              variant="ghost"
              icon={<UserCheck aria-hidden="true" />}
              aria-label={t('users.enableLabel', { login: user.login })}
              loading={update.isPending}
              onClick={enable}
            >
              {t('users.enable')}
            </Button>
          ) : (
            <Button
              size="sm"
              variant="ghost"
              icon={<UserX aria-hidden="true" />}
              aria-label={t('users.disableLabel', { login: user.login })}
              onClick={() => setDialog('disable')}
            >
              {t('users.disable')}
            </Button>
          )}
        </div>
        {dialog === 'password' && <SetPasswordDialog user={user} onClose={() => setDialog(null)} />}
        {dialog === 'disable' && <DisableUserDialog user={user} onClose={() => setDialog(null)} />}
      </Td>
    </Tr>
  );
}
