// A bordered panel: Card holds an optional CardHeader (title and actions) and a CardBody.
import type { ComponentProps, ReactNode } from 'react';
import { clsx } from 'clsx';

export function Card({ className, ...rest }: ComponentProps<'section'>) {
  return (
    <section className={clsx('rounded-lg border border-line bg-surface', className)} {...rest} />
  );
}

export function CardHeader({
  actions,
  className,
  children,
  ...rest
}: ComponentProps<'header'> & { actions?: ReactNode }) {
  return (
    <header
      className={clsx(
        'flex min-h-10 items-center justify-between gap-3 border-b border-line px-4 py-2',
        className,
      )}
      {...rest}
    >
      <div className="min-w-0">{children}</div>
      {actions !== undefined && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
    </header>
  );
}

export function CardTitle({ className, ...rest }: ComponentProps<'h2'>) {
  return <h2 className={clsx('truncate text-base font-semibold text-fg', className)} {...rest} />;
}

export function CardDescription({ className, ...rest }: ComponentProps<'p'>) {
  return <p className={clsx('text-sm text-fg-muted', className)} {...rest} />;
}

export function CardBody({ className, ...rest }: ComponentProps<'div'>) {
  return <div className={clsx('px-4 py-3', className)} {...rest} />;
}
