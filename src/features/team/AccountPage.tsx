// The signed-in user's own account: changing their password. The new one is typed twice and
// checked here (the same, long enough) before anything is sent; the server checks the current one.
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { changePasswordRequest, PASSWORD_MIN } from '../../api/contract/auth.ts';
import { safeParseCoded } from '../../domain/zod-issue.ts';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { Input } from '../../ui/Input.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useFormWords, type FieldErrors } from './form-issues.ts';
import { teamMutations } from './mutations.ts';

const FIELDS = ['current', 'next'] as const;

function useChangePassword() {
  const { t } = useTranslation('team');
  const toast = useToast();
  const formWords = useFormWords();
  const change = useMutation(teamMutations.changePassword());
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [issues, setIssues] = useState<FieldErrors>({});
  const refusal = change.isError
    ? formWords.refusal(change.error, FIELDS, { wrong_password: 'current' })
    : null;
  const errors: FieldErrors = { ...refusal?.fields, ...issues };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const read = safeParseCoded(changePasswordRequest, { current, next });
    const found: Partial<Record<string, string>> = read.ok
      ? {}
      : { ...formWords.fieldErrors(read.issues) };
    if (found['next'] === undefined && again !== next) found['again'] = t('account.mismatch');
    if (!read.ok || found['again'] !== undefined) {
      change.reset();
      setIssues(found);
      return;
    }
    setIssues({});
    change.mutate(read.data, {
      onSuccess: () => {
        setCurrent('');
        setNext('');
        setAgain('');
        toast({
          tone: 'success',
          title: t('account.changed'),
          description: t('account.changedDetail'),
        });
      },
    });
  };
  return {
    fields: { current, next, again },
    set: { current: setCurrent, next: setNext, again: setAgain },
    errors,
    message: refusal?.message ?? null,
    pending: change.isPending,
    submit,
  };
}

export function AccountRoute() {
  const { t } = useTranslation('team');
  const form = useChangePassword();
  const password = (
    key: 'current' | 'next' | 'again',
    label: string,
    autoComplete: 'current-password' | 'new-password',
    hint?: string,
  ) => (
    <Field label={label} hint={hint} error={form.errors[key]}>
      {(control) => (
        <Input
          {...control}
          type="password"
          name={key}
          autoComplete={autoComplete}
          value={form.fields[key]}
          onChange={(event) => form.set[key](event.target.value)}
        />
      )}
    </Field>
  );

  return (
    <div className="mx-auto max-w-[1280px] space-y-3 px-5 py-4">
      <h2 className="text-lg font-semibold text-fg">{t('account.heading')}</h2>
      <form
        noValidate
        onSubmit={form.submit}
        aria-labelledby="account-password"
        className="flex max-w-md flex-col gap-3 rounded-lg border border-line bg-surface p-4"
      >
        <h3 id="account-password" className="text-md font-semibold text-fg">
          {t('account.password')}
        </h3>
        {password('current', t('account.current'), 'current-password')}
        {password(
          'next',
          t('account.next'),
          'new-password',
          t('account.intro', { min: PASSWORD_MIN }),
        )}
        {password('again', t('account.confirm'), 'new-password')}
        {form.message !== null && (
          <p role="alert" className="text-sm text-danger-700">
            {form.message}
          </p>
        )}
        <div>
          <Button type="submit" variant="primary" loading={form.pending}>
            {t('account.submit')}
          </Button>
        </div>
      </form>
    </div>
  );
}
