// Creates an API token: a name and a role, then the token itself, shown this once with a Copy
// button. Closing the dialog forgets it: the list read again has its summary only.
import { useMutation } from '@tanstack/react-query';
import { TriangleExclamationPoint } from 'lucide-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createTokenRequest, type Role } from '../../api/contract/auth.ts';
import { safeParseCoded } from '../../domain/zod-issue.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog, DialogClose, DialogContent } from '../../ui/Dialog.tsx';
import { Field } from '../../ui/Field.tsx';
import { Input } from '../../ui/Input.tsx';
import { CopyButton } from './CopyButton.tsx';
import { RoleField } from './RoleField.tsx';
import { DialogForm } from './DialogForm.tsx';
import { useFormWords, type FieldErrors } from './form-issues.ts';
import { teamMutations } from './mutations.ts';

function ShownOnce({ name, token }: { name: string; token: string }) {
  const { t } = useTranslation('team');
  const field = useRef<HTMLInputElement>(null);
  return (
    <DialogContent
      width="md"
      title={t('createToken.createdTitle', { name })}
      onOpenAutoFocus={(event) => {
        // The token, selected: Ctrl+C copies it as well as the button does.
        event.preventDefault();
        field.current?.focus();
        field.current?.select();
      }}
      footer={
        <DialogClose asChild>
          <Button variant="primary">{t('createToken.done')}</Button>
        </DialogClose>
      }
    >
      <div className="flex flex-col gap-3">
        <Field label={t('createToken.token')}>
          {(control) => (
            <div className="flex gap-1.5">
              <Input
                {...control}
                ref={field}
                readOnly
                spellCheck={false}
                className="font-mono"
                value={token}
                onFocus={(event) => event.target.select()}
              />
              <CopyButton text={token} field={field} label={t('copy.token')} />
            </div>
          )}
        </Field>
        <p className="flex items-start gap-2 rounded-md border border-warn-200 bg-warn-50 px-3 py-2 text-sm text-warn-700">
          <TriangleExclamationPoint size={14} aria-hidden="true" className="mt-0.5 shrink-0" />
          {t('createToken.warning')}
        </p>
      </div>
    </DialogContent>
  );
}

export function CreateTokenDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('team');
  const formWords = useFormWords();
  const create = useMutation(teamMutations.createToken());
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [issues, setIssues] = useState<FieldErrors>({});
  const refusal = create.isError ? formWords.refusal(create.error, ['name', 'role']) : null;
  const errors = { ...refusal?.fields, ...issues };

  const submit = () => {
    const read = safeParseCoded(createTokenRequest, { name, role });
    if (!read.ok) {
      create.reset();
      setIssues(formWords.fieldErrors(read.issues));
      return;
    }
    setIssues({});
    create.mutate(read.data);
  };

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      {create.data ? (
        <ShownOnce name={create.data.name} token={create.data.token} />
      ) : (
        <DialogForm
          title={t('createToken.title')}
          description={t('createToken.description')}
          submitLabel={t('createToken.submit')}
          submitting={create.isPending}
          errors={errors}
          message={refusal?.message ?? null}
          onSubmit={submit}
        >
          <Field label={t('createToken.name')} hint={t('createToken.nameHint')} error={errors.name}>
            {(control) => (
              <Input
                {...control}
                name="token-name"
                autoComplete="off"
                value={name}
                onChange={(event) => setName(event.target.value)}
              />
            )}
          </Field>
          <RoleField
            label={t('createToken.role')}
            value={role}
            onChange={setRole}
            error={errors.role}
          />
        </DialogForm>
      )}
    </Dialog>
  );
}
