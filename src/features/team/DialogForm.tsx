// A dialog holding one form: its first field has the focus on opening, Enter submits, Escape
// closes; after a refusal the first field in error takes the focus, its message read with it.
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';
import { DialogClose, DialogContent } from '../../ui/Dialog.tsx';
import type { FieldErrors } from './form-issues.ts';

export function DialogForm({
  title,
  description,
  submitLabel,
  submitting,
  errors,
  message,
  onSubmit,
  children,
}: {
  title: ReactNode;
  description?: ReactNode;
  submitLabel: ReactNode;
  submitting: boolean;
  /** The fields' messages: when they change, the first field in error is focused. */
  errors: FieldErrors;
  /** A refusal that belongs to no field. */
  message: string | null;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation('team');
  const form = useRef<HTMLFormElement>(null);
  const errorKey = Object.entries(errors)
    .map(([field, error]) => `${field}\u0000${error ?? ''}`)
    .join('\u0001');
  useEffect(() => {
    if (errorKey !== '') form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errorKey]);
  return (
    <DialogContent
      width="md"
      title={title}
      description={description}
      onOpenAutoFocus={(event) => {
        // Not the header's close button, which comes first: the first field.
        event.preventDefault();
        form.current?.querySelector<HTMLElement>('input, button')?.focus();
      }}
    >
      <form
        ref={form}
        noValidate
        className="flex flex-col gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        {children}
        {message !== null && (
          <p role="alert" className="text-sm text-danger-700">
            {message}
          </p>
        )}
        <div className="-mx-4 -mb-3 flex justify-end gap-2 border-t border-line px-4 py-2.5">
          <DialogClose asChild>
            <Button>{t('form.cancel')}</Button>
          </DialogClose>
          <Button type="submit" variant="primary" loading={submitting}>
            {submitLabel}
          </Button>
        </div>
      </form>
    </DialogContent>
  );
}
