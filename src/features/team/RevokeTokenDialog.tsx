// Revokes an API token after asking: scripts that carry it are refused from then on.
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TokenSummary } from '../../api/contract/auth.ts';
import { describeError } from '../../ui/QueryState.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useErrorWords } from '../../ui/error-words.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { teamMutations } from './mutations.ts';

export function RevokeTokenDialog({
  token,
  onClose,
}: {
  token: TokenSummary;
  onClose: () => void;
}) {
  const { t } = useTranslation('team');
  const words = useErrorWords();
  const toast = useToast();
  const revoke = useMutation(teamMutations.revokeToken());
  const failure = revoke.isError ? t('failure', describeError(revoke.error, words)) : null;
  const confirm = () =>
    revoke.mutate(token.token_id, {
      onSuccess: () => {
        toast({
          tone: 'success',
          title: t('tokens.revoked', { name: token.name }),
          description: t('tokens.revokedDetail'),
        });
        onClose();
      },
    });
  return (
    <ConfirmDialog
      title={t('revoke.title', { name: token.name })}
      description={t('revoke.description')}
      detail={t('revoke.detail')}
      keepLabel={t('revoke.keep')}
      confirmLabel={t('revoke.confirm')}
      pending={revoke.isPending}
      failure={failure}
      onConfirm={confirm}
      onClose={onClose}
    />
  );
}
