// Dense table parts at 12px: Table scrolls itself, Th sticks to the top, `numeric` right-aligns figures.
import type { ComponentProps } from 'react';
import { clsx } from 'clsx';

export function Table({ className, ...rest }: ComponentProps<'table'>) {
  return (
    <div className="max-w-full overflow-auto">
      <table
        className={clsx('w-full border-separate border-spacing-0 text-sm text-fg', className)}
        {...rest}
      />
    </div>
  );
}

export function THead({ className, ...rest }: ComponentProps<'thead'>) {
  return <thead className={clsx('sticky top-0 z-10 bg-canvas', className)} {...rest} />;
}

export function TBody({ className, ...rest }: ComponentProps<'tbody'>) {
  return <tbody className={className} {...rest} />;
}

export function Tr({
  className,
  interactive = false,
  ...rest
}: ComponentProps<'tr'> & { interactive?: boolean }) {
  return (
    <tr
      className={clsx(
        'aria-selected:bg-accent-50',
        interactive && 'cursor-pointer hover:bg-subtle',
        className,
      )}
      {...rest}
    />
  );
}

type CellProps = { numeric?: boolean };

export function Th({
  className,
  numeric = false,
  scope = 'col',
  ...rest
}: ComponentProps<'th'> & CellProps) {
  return (
    <th
      scope={scope}
      className={clsx(
        'h-7 border-b border-line px-2 text-xs font-medium whitespace-nowrap text-fg-muted first:pl-3 last:pr-3',
        numeric ? 'text-right' : 'text-left',
        className,
      )}
      {...rest}
    />
  );
}

export function Td({ className, numeric = false, ...rest }: ComponentProps<'td'> & CellProps) {
  return (
    <td
      className={clsx(
        'h-8 border-b border-line px-2 align-middle first:pl-3 last:pr-3',
        numeric && 'text-right whitespace-nowrap tabular-nums',
        className,
      )}
      {...rest}
    />
  );
}
