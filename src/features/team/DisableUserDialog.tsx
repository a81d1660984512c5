// Disables a user after asking: they can no longer sign in, and their open sessions end. The last
// active admin cannot be: the server's refusal is shown in the dialog.
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../api/contract/auth.ts';
import { describeError } from '../../ui/QueryState.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useErrorWords } from '../../ui/error-words.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { teamMutations } from './mutations.ts';

export function DisableUserDialog({ user, onClose }: { user: UserSummary; onClose: () => void }) {
  const { t } = useTranslation('team');
  const words = useErrorWords();
  const toast = useToast();
  const disable = useMutation(teamMutations.updateUser());
  const failure = disable.isError ? t('failure', describeError(disable.error, words)) : null;
  const confirm = () =>
    disable.mutate(
      { id: user.user_id, change: { disabled: true } },
      {
        onSuccess: () => {
          toast({
            tone: 'success',
            title: t('users.disabled', { login: user.login }),
            description: t('users.disabledDetail'),
          });
          onClose();
        },
      },
    );
  return (
    <ConfirmDialog
      title={t('disable.title', { login: user.login })}
      description={t('disable.description', { name: user.name })}
      detail={t('disable.detail')}
      keepLabel={t('disable.keep')}
      confirmLabel={t('disable.confirm')}
      pending={disable.isPending}
      failure={failure}
      onConfirm={confirm}
      onClose={onClose}
    />
  );
}
