// Adds a user: login, name, role and an initial password the admin generates or types, in clear
// so that it can be passed on. The body is the contract's, read before sending; what the server
// refuses (a login taken, a field) is shown under the field.
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createUserRequest, type Role } from '../../api/contract/auth.ts';
import { safeParseCoded } from '../../domain/zod-issue.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { Field } from '../../ui/Field.tsx';
import { Input } from '../../ui/Input.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { DialogForm } from './DialogForm.tsx';
import { RoleField } from './RoleField.tsx';
import { useFormWords, type FieldErrors } from './form-issues.ts';
import { teamMutations } from './mutations.ts';
import { NewPasswordField } from './NewPasswordField.tsx';

const FIELDS = ['login', 'name', 'role', 'password'] as const;

export function AddUserDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('team');
  const toast = useToast();
  const formWords = useFormWords();
  const create = useMutation(teamMutations.createUser());
  const [login, setLogin] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const [password, setPassword] = useState('');
  const [issues, setIssues] = useState<FieldErrors>({});
  const refusal = create.isError
    ? formWords.refusal(create.error, FIELDS, { login_taken: 'login' })
    : null;
  const errors = { ...refusal?.fields, ...issues };

  const submit = () => {
    const read = safeParseCoded(createUserRequest, { login, name, role, password });
    if (!read.ok) {
      create.reset();
      setIssues(formWords.fieldErrors(read.issues));
      return;
    }
    setIssues({});
    create.mutate(read.data, {
      onSuccess: (user) => {
        toast({
          tone: 'success',
          title: t('addUser.added', { login: user.login }),
          description: t('addUser.addedDetail'),
        });
        onClose();
      },
    });
  };

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogForm
        title={t('addUser.title')}
        description={t('addUser.description')}
        submitLabel={t('addUser.submit')}
        submitting={create.isPending}
        errors={errors}
        message={refusal?.message ?? null}
        onSubmit={submit}
      >
        <div className="grid grid-cols-2 gap-3">
          <Field label={t('addUser.login')} hint={t('addUser.loginHint')} error={errors.login}>
            {(control) => (
              <Input
                {...control}
                name="login"
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                value={login}
                onChange={(event) => setLogin(event.target.value)}
              />
            )}
          </Field>
          <Field label={t('addUser.name')} hint={t('addUser.nameHint')} error={errors.name}>
            {(control) => (
              <Input
                {...control}
                name="name"
                autoComplete="off"
                value={name}
                onChange={(event) => setName(event.target.value)}
              />
            )}
          </Field>
        </div>
        <RoleField label={t('addUser.role')} value={role} onChange={setRole} error={errors.role} />
        <NewPasswordField
          label={t('addUser.password')}
          value={password}
          onChange={setPassword}
          error={errors.password}
        />
      </DialogForm>
    </Dialog>
  );
}
