// A grey placeholder block for content that is loading; decorative, so hidden from assistive tech.
import type { ComponentProps } from 'react';
import { clsx } from 'clsx';

export function Skeleton({ className, ...rest }: ComponentProps<'div'>) {
  return (
    <div
      aria-hidden="true"
      className={clsx('h-3 animate-pulse rounded-sm bg-gray-150', className)}
      {...rest}
    />
  );
}
