// A single-line text input; pair it with Field for a label, a hint and an error message.
import type { ComponentProps } from 'react';
import { clsx } from 'clsx';

/** Shared look of text inputs and select triggers, so controls line up in a row. */
export const controlClass = clsx(
  'h-7 w-full min-w-0 rounded-md border border-line-control bg-surface px-2 text-base text-fg',
  'transition-[color,background-color,border-color] hover:border-gray-500 focus-visible:border-accent-500 focus-visible:outline-offset-0',
  'disabled:cursor-not-allowed disabled:bg-subtle disabled:text-fg-subtle',
  'aria-invalid:border-danger-600 aria-invalid:focus-visible:outline-danger-600',
);

export type InputProps = Omit<ComponentProps<'input'>, 'size'> & { size?: 'sm' | 'md' };

export function Input({ className, size = 'md', type = 'text', ...rest }: InputProps) {
  return (
    <input
      type={type}
      className={clsx(controlClass, size === 'sm' && 'h-6 text-sm', className)}
      {...rest}
    />
  );
}
