// Asks before a change that locks someone or something out (disabling a user, revoking a token).
// The safe choice has the focus; a refusal is shown in the dialog, which stays open.
import { useRef, type ReactNode } from 'react';
import { Button } from '../../ui/Button.tsx';
import { Dialog, DialogClose, DialogContent } from '../../ui/Dialog.tsx';

export function ConfirmDialog({
  title,
  description,
  detail,
  keepLabel,
  confirmLabel,
  pending,
  failure,
  onConfirm,
  onClose,
}: {
  title: ReactNode;
  description: ReactNode;
  detail: ReactNode;
  keepLabel: ReactNode;
  confirmLabel: ReactNode;
  pending: boolean;
  failure: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const keep = useRef<HTMLButtonElement>(null);
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        width="sm"
        title={title}
        description={description}
        onOpenAutoFocus={(event) => {
          event.preventDefault();
          keep.current?.focus();
        }}
        footer={
          <>
            <DialogClose asChild>
              <Button ref={keep}>{keepLabel}</Button>
            </DialogClose>
            <Button variant="danger" loading={pending} onClick={onConfirm}>
              {confirmLabel}
            </Button>
          </>
        }
      >
        {failure !== null ? (
          <p role="alert" className="text-base text-danger-700">
            {failure}
          </p>
        ) : (
          <p className="text-base text-fg-muted">{detail}</p>
        )}
      </DialogContent>
    </Dialog>
  );
}
