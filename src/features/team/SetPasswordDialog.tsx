// Sets a new password for a user (one who forgot theirs): their sessions end, and the admin
// passes the password on.
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { updateUserRequest, type UserSummary } from '../../api/contract/auth.ts';
import { safeParseCoded } from '../../domain/zod-issue.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { DialogForm } from './DialogForm.tsx';
import { useFormWords, type FieldErrors } from './form-issues.ts';
import { teamMutations } from './mutations.ts';
import { NewPasswordField } from './NewPasswordField.tsx';

export function SetPasswordDialog({ user, onClose }: { user: UserSummary; onClose: () => void }) {
  const { t } = useTranslation('team');
  const toast = useToast();
  const formWords = useFormWords();
  const update = useMutation(teamMutations.updateUser());
  const [password, setPassword] = useState('');
  const [issues, setIssues] = useState<FieldErrors>({});
  const refusal = update.isError ? formWords.refusal(update.error, ['password']) : null;
  const errors = { ...refusal?.fields, ...issues };

  const submit = () => {
    const read = safeParseCoded(updateUserRequest, { password });
    if (!read.ok) {
      update.reset();
      setIssues(formWords.fieldErrors(read.issues));
      return;
    }
    setIssues({});
    update.mutate(
      { id: user.user_id, change: read.data },
      {
        onSuccess: () => {
          toast({
            tone: 'success',
            title: t('setPassword.done', { login: user.login }),
            description: t('setPassword.doneDetail'),
          });
          onClose();
        },
      },
    );
  };

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogForm
        title={t('setPassword.title', { login: user.login })}
        description={t('setPassword.description')}
        submitLabel={t('setPassword.submit')}
        submitting={update.isPending}
        errors={errors}
        message={refusal?.message ?? null}
        onSubmit={submit}
      >
        <NewPasswordField
          label={t('setPassword.field')}
          value={password}
          onChange={setPassword}
          error={errors.password}
        />
      </DialogForm>
    </Dialog>
  );
}
