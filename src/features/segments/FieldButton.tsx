// The field of a condition, as a token that opens the field picker to change it.
import type { ComponentProps } from 'react';
import { ChevronDown } from 'lucide-react';
import { clsx } from 'clsx';

export function FieldButton({ className, children, ...rest }: ComponentProps<'button'>) {
  return (
    <button
      type="button"
      data-field-button
      className={clsx(
        'inline-flex h-7 max-w-60 shrink-0 items-center gap-1 rounded-md border border-line-strong bg-subtle px-2 text-base font-medium text-fg',
        'hover:border-line-control hover:bg-gray-150 aria-invalid:border-danger-600 data-[state=open]:border-accent-500',
        className,
      )}
      {...rest}
    >
      <span className="truncate">{children}</span>
      <ChevronDown size={13} aria-hidden="true" className="shrink-0 text-fg-subtle" />
    </button>
  );
}
