// A keyboard key as shown in hints ("Press ⏎ to select").
import type { ComponentProps } from 'react';
import { clsx } from 'clsx';

export function Kbd({ className, ...rest }: ComponentProps<'kbd'>) {
  return (
    <kbd
      className={clsx(
        'inline-flex h-4 min-w-4 items-center justify-center rounded-sm border border-line-strong bg-surface px-1',
        'font-sans text-xs leading-none font-medium text-fg-muted',
        className,
      )}
      {...rest}
    />
  );
}
