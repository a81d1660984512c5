// Buttons in four variants and two sizes; `loading` keeps the width, shows a spinner and blocks clicks.
import type { ComponentProps, ReactNode } from 'react';
import { clsx } from 'clsx';
import { Spinner } from './Spinner.tsx';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';
export type ButtonSize = 'sm' | 'md';

const variants: Record<ButtonVariant, string> = {
  primary:
    'bg-accent-600 text-white border-accent-600 hover:bg-accent-700 hover:border-accent-700 active:bg-accent-800',
  secondary:
    'bg-surface text-fg border-line-strong hover:bg-subtle hover:border-line-control active:bg-gray-150',
  ghost: 'bg-transparent text-fg-muted border-transparent hover:bg-subtle hover:text-fg',
  danger:
    'bg-danger-700 text-white border-danger-700 hover:bg-danger-600 hover:border-danger-600 active:bg-danger-700',
};

const sizes: Record<ButtonSize, string> = {
  sm: 'h-6 px-2 gap-1 text-sm',
  md: 'h-7 px-2.5 gap-1.5 text-base',
};

/** The class list of a button, for links that must look like one. */
export function buttonClass(variant: ButtonVariant = 'secondary', size: ButtonSize = 'md'): string {
  return clsx(
    'inline-flex shrink-0 items-center justify-center rounded-md border font-medium whitespace-nowrap select-none',
    'transition-[color,background-color,border-color] disabled:pointer-events-none disabled:opacity-50',
    '[&_svg]:size-3.5 [&_svg]:shrink-0',
    variants[variant],
    sizes[size],
  );
}

export type ButtonProps = ComponentProps<'button'> & {
  variant?: ButtonVariant;
  size?: ButtonSize;
  loading?: boolean;
  /** An icon before the label (lucide icons fit). */
  icon?: ReactNode;
};

export function Button({
  variant = 'secondary',
  size = 'md',
  loading = false,
  icon,
  type = 'button',
  className,
  children,
  onClick,
  ...rest
}: ButtonProps) {
  // A loading button stays focusable and at full strength (it is busy, not unavailable), but
  // ignores clicks and does not submit its form.
  return (
    <button
      type={type}
      aria-busy={loading || undefined}
      aria-disabled={loading || undefined}
      className={clsx(buttonClass(variant, size), loading && 'cursor-progress', className)}
      onClick={(event) => {
        if (loading) event.preventDefault();
        else onClick?.(event);
      }}
      {...rest}
    >
      {loading ? <Spinner size={size === 'sm' ? 12 : 14} /> : icon}
      {children}
    </button>
  );
}
