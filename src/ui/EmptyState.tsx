// What a list or panel shows when there is nothing in it: what is missing and, if any, the way on.
import type { ReactNode } from 'react';
import { clsx } from 'clsx';

export type EmptyStateProps = {
  title: ReactNode;
  description?: ReactNode;
  icon?: ReactNode;
  /** A button or link that fills the emptiness. */
  action?: ReactNode;
  className?: string;
};

export function EmptyState({ title, description, icon, action, className }: EmptyStateProps) {
  return (
    <div
      className={clsx(
        'flex flex-col items-center justify-center gap-1 px-6 py-10 text-center',
        className,
      )}
    >
      {icon !== undefined && <div className="mb-1 text-fg-subtle [&_svg]:size-5">{icon}</div>}
      <p className="text-base font-medium text-fg">{title}</p>
      {description !== undefined && <p className="max-w-sm text-sm text-fg-muted">{description}</p>}
      {action !== undefined && <div className="mt-2">{action}</div>}
    </div>
  );
}
