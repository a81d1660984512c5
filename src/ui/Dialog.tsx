// A modal dialog (Radix): focus is trapped, Escape closes, and the title names it for screen readers.
import type { ComponentProps, ReactNode } from 'react';
import { Dialog as RadixDialog } from 'radix-ui';
import { X } from 'lucide-react';
import { clsx } from 'clsx';
import { useTranslation } from 'react-i18next';

export const Dialog = RadixDialog.Root;
export const DialogTrigger = RadixDialog.Trigger;
export const DialogClose = RadixDialog.Close;

export type DialogContentProps = Omit<ComponentProps<typeof RadixDialog.Content>, 'title'> & {
  title: ReactNode;
  description?: ReactNode;
  /** Buttons aligned right under the body; put the main action last. */
  footer?: ReactNode;
  width?: 'sm' | 'md' | 'lg';
};

const widths = { sm: 'w-[400px]', md: 'w-[560px]', lg: 'w-[760px]' };

export function DialogContent({
  title,
  description,
  footer,
  width = 'md',
  className,
  children,
  ...rest
}: DialogContentProps) {
  const { t } = useTranslation();
  return (
    <RadixDialog.Portal>
      <RadixDialog.Overlay className="fixed inset-0 z-50 animate-fade-in bg-gray-900/30" />
      <RadixDialog.Content
        {...(description === undefined ? { 'aria-describedby': undefined } : {})}
        className={clsx(
          'fixed top-[12vh] left-1/2 z-50 flex max-h-[76vh] max-w-[calc(100vw-32px)] -translate-x-1/2 flex-col',
          'animate-pop-in rounded-lg bg-surface shadow-dialog',
          widths[width],
          className,
        )}
        {...rest}
      >
        <header className="flex items-start justify-between gap-4 border-b border-line px-4 py-3">
          <div className="min-w-0">
            <RadixDialog.Title className="text-md font-semibold text-fg">{title}</RadixDialog.Title>
            {description !== undefined && (
              <RadixDialog.Description className="mt-0.5 text-sm text-fg-muted">
                {description}
              </RadixDialog.Description>
            )}
          </div>
          <RadixDialog.Close
            aria-label={t('dialog.close')}
            className="-mr-1 inline-flex size-6 items-center justify-center rounded-sm text-fg-muted hover:bg-subtle hover:text-fg"
          >
            <X size={14} aria-hidden="true" />
          </RadixDialog.Close>
        </header>
        <div className="min-h-0 overflow-y-auto px-4 py-3">{children}</div>
        {footer !== undefined && (
          <footer className="flex justify-end gap-2 border-t border-line px-4 py-2.5">
            {footer}
          </footer>
        )}
      </RadixDialog.Content>
    </RadixDialog.Portal>
  );
}
